//! Text renderings of results for people; JSON goes straight through serde.

pub mod draft_text;
pub mod plan_text;

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
