//! Text that reaches a header, a subject or a terminal line: no control characters.
//!
//! A name, a title or a company is printed on one line of a mail header, a calendar
//! summary and the terminal. A carriage return, a line feed, an escape (which starts a
//! terminal colour sequence) or any other C0 or C1 control character there is either a
//! paste accident or an attempt to break out of the line, so validation refuses it
//! and says which character it found.

/// The first control character in `text` (C0, DEL or C1), if any.
pub fn first_control(text: &str) -> Option<char> {
    text.chars().find(|c| c.is_control())
}

/// A control character named as a person reads it.
pub fn describe(c: char) -> String {
    match c {
        '\r' => "a carriage return (CR)".to_string(),
        '\n' => "a line break (LF)".to_string(),
        '\t' => "a tab".to_string(),
        '\u{1b}' => "an escape character (ESC), which starts terminal colour codes".to_string(),
        '\0' => "a NUL character".to_string(),
        other => format!("the control character U+{:04X}", u32::from(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_found_and_named() {
        assert_eq!(first_control("Dana Whitfield"), None);
        assert_eq!(first_control("Zoë Ångström"), None, "letters of any script pass");
        assert_eq!(first_control("North\u{1b}[31mwind"), Some('\u{1b}'));
        assert_eq!(first_control("a\u{85}b"), Some('\u{85}'), "C1 too");
        assert_eq!(describe('\u{7}'), "the control character U+0007");
    }
}
