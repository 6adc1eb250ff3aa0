//! Text from a file or a plugin reduced to one line, for places where a line break or
//! a control character would do harm: a terminal line, a calendar summary, a one-line
//! error.

/// `text` on one line: control characters (a CR or LF in a name, an escape sequence
/// that would drive the terminal) become spaces, and runs of spaces one.
///
/// ```
/// assert_eq!(followup_core::one_line::one_line(" Ana\r\nRuiz\u{1b}[31m "), "Ana Ruiz [31m");
/// ```
pub fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_control() || c.is_whitespace())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
