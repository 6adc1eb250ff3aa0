//! Text renderings of results for people; JSON goes straight through serde.

pub mod draft_text;
pub mod plan_text;

use std::borrow::Cow;
use std::collections::BTreeMap;

use followup_core::plan::Step;

/// A step in one line for people: `Thank-you by Email to Dana Whitfield (interviewer)`,
/// with whom it is passed on to and who is copied. Channels are named as their plugins
/// name them; an id without a name is shown as it is.
pub fn step_headline(step: &Step, channel_names: &BTreeMap<String, String>) -> String {
    let recipient = &step.recipient;
    let mut line = format!(
        "{} by {} to {} ({})",
        step.title(),
        channel_names.get(&step.channel).map_or(step.channel.as_str(), String::as_str),
        recipient.name,
        recipient.kind.as_str()
    );
    if let Some(about) = &recipient.on_behalf_of {
        line.push_str(&format!(", to pass on to {about}"));
    }
    if !recipient.cc.is_empty() {
        line.push_str(&format!(", copying {}", recipient.cc.join(", ")));
    }
    line
}

/// `text` as it may reach a terminal: line breaks and tabs stay, every other control
/// character (an escape that starts a colour sequence, a carriage return that
/// overwrites the line, C1 controls) is shown as `\u{1b}` instead of acting.
///
/// Validation already refuses control characters in one-line fields; this is the
/// last line of defence for everything else printed (topics, plugin text, messages
/// that quote a value).
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    let acts = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(acts) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if acts(c) { c.escape_unicode().to_string() } else { c.to_string() })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 14: `North\u001b[31mwind` coloured the terminal.
    #[test]
    fn escape_sequences_never_reach_the_terminal() {
        assert_eq!(terminal_safe("North\u{1b}[31mwind\r\n"), "North\\u{1b}[31mwind\\u{d}\n");
        assert!(matches!(terminal_safe("plain\ttext\n"), Cow::Borrowed(_)));
    }
}
