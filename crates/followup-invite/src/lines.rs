//! The invitation's content lines, unfolded, each with the line of the file it starts
//! on, so that every refusal can name a line a person can find in the file.
//!
//! The parser (`icalendar`) works on the unfolded text and reports positions in it; this
//! index is what maps a property of the n-th event back to the file. It also checks the
//! shape the parser relies on (every line `NAME[;PARAM...]:VALUE`, `BEGIN`/`END`
//! balanced), so that a malformed file is refused with its line before parsing.

use std::path::Path;

use crate::InviteError;

/// One unfolded content line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The line of the file it starts on (1-based).
    pub number: usize,
    /// The property name, upper case (`BEGIN`, `DTSTART`, ...).
    pub name: String,
    /// Everything after the name: parameters, `:` and the value.
    pub rest: String,
}

impl Line {
    /// The value after the first `:` that is not inside a quoted parameter.
    pub fn value(&self) -> &str {
        let mut quoted = false;
        for (i, c) in self.rest.char_indices() {
            match c {
                '"' => quoted = !quoted,
                ':' if !quoted => return &self.rest[i + 1..],
                _ => {}
            }
        }
        ""
    }
}

/// The file's content lines, unfolded and checked.
#[derive(Debug)]
pub struct Lines {
    lines: Vec<Line>,
}

impl Lines {
    /// Unfolds `text` and checks that every line reads and that components nest.
    pub fn read(file: &Path, text: &str) -> Result<Lines, InviteError> {
        let malformed = |line: usize, message: String| InviteError::Malformed {
            file: file.to_path_buf(),
            line,
            message,
        };
        let mut lines: Vec<Line> = Vec::new();
        for (index, raw) in text.split('\n').enumerate() {
            let raw = raw.strip_suffix('\r').unwrap_or(raw);
            if let Some(continued) = raw.strip_prefix([' ', '\t']) {
                match lines.last_mut() {
                    Some(last) => last.rest.push_str(continued),
                    None => {
                        return Err(malformed(
                            index + 1,
                            "the file starts with a continuation line".to_string(),
                        ));
                    }
                }
                continue;
            }
            if raw.trim().is_empty() {
                continue;
            }
            let end = raw.find([';', ':']).unwrap_or(raw.len());
            let name = &raw[..end];
            if end == raw.len()
                || name.is_empty()
                || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            {
                return Err(malformed(
                    index + 1,
                    format!("`{}` is not a content line (NAME:VALUE)", shorten(raw)),
                ));
            }
            lines.push(Line {
                number: index + 1,
                name: name.to_ascii_uppercase(),
                rest: raw[end..].to_string(),
            });
        }
        let lines = Lines { lines };
        lines.check_nesting(file)?;
        Ok(lines)
    }

    fn check_nesting(&self, file: &Path) -> Result<(), InviteError> {
        let malformed = |line: usize, message: String| InviteError::Malformed {
            file: file.to_path_buf(),
            line,
            message,
        };
        let mut open: Vec<(&str, usize)> = Vec::new();
        for line in &self.lines {
            match line.name.as_str() {
                "BEGIN" => {
                    if open.len() >= MAX_DEPTH {
                        return Err(malformed(line.number, "components nest too deeply".into()));
                    }
                    open.push((line.value(), line.number));
                }
                "END" => match open.pop() {
                    Some((name, _)) if name.eq_ignore_ascii_case(line.value()) => {}
                    Some((name, begun)) => {
                        return Err(malformed(
                            line.number,
                            format!(
                                "END:{} closes BEGIN:{name} of line {begun}",
                                shorten(line.value())
                            ),
                        ));
                    }
                    None => {
                        return Err(malformed(
                            line.number,
                            format!("END:{} closes nothing", shorten(line.value())),
                        ));
                    }
                },
                _ if open.is_empty() => {
                    return Err(malformed(
                        line.number,
                        format!("{} stands outside BEGIN:VCALENDAR", line.name),
                    ));
                }
                _ => {}
            }
        }
        match open.last() {
            Some((name, begun)) => Err(malformed(
                *begun,
                format!("BEGIN:{} is never closed (END:{name})", shorten(name)),
            )),
            None => Ok(()),
        }
    }

    /// The `BEGIN:VEVENT` lines, in order.
    pub fn events(&self) -> impl Iterator<Item = &Line> {
        self.lines.iter().filter(|l| l.name == "BEGIN" && l.value().eq_ignore_ascii_case("VEVENT"))
    }

    /// The first line named `name` at or after line `from` and before the end of the
    /// component that `from` begins; `from`'s own line when none is found.
    pub fn find_in(&self, from: usize, name: &str) -> usize {
        let mut depth = 0usize;
        for line in self.lines.iter().filter(|l| l.number >= from) {
            match line.name.as_str() {
                "BEGIN" => depth += 1,
                "END" => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        break;
                    }
                }
                other if other == name && depth == 1 => return line.number,
                _ => {}
            }
        }
        from
    }

    /// The first line named `name` anywhere, outside nested components or not.
    pub fn find(&self, name: &str) -> Option<&Line> {
        self.lines.iter().find(|l| l.name == name)
    }
}

/// Components deeper than this are no invitation (a real one nests three deep).
const MAX_DEPTH: usize = 16;

/// At most 60 characters of a line, for messages.
fn shorten(text: &str) -> String {
    let mut short: String = text.chars().take(60).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Lines, InviteError> {
        Lines::read(Path::new("invite.ics"), text)
    }

    #[test]
    fn folded_lines_keep_the_line_they_start_on() {
        let lines = read("BEGIN:VCALENDAR\r\nSUMMARY:Inter\r\n view\r\nX:1\r\nEND:VCALENDAR\r\n")
            .expect("valid");
        let summary = lines.find("SUMMARY").expect("summary");
        assert_eq!((summary.number, summary.value()), (2, "Interview"));
        assert_eq!(lines.find("X").map(|l| l.number), Some(4));
    }

    #[test]
    fn colon_inside_a_quoted_parameter_is_not_the_separator() {
        let lines =
            read("BEGIN:VCALENDAR\nATTENDEE;CN=\"Doe: Jane\":mailto:j@x.example\nEND:VCALENDAR\n")
                .expect("valid");
        assert_eq!(lines.find("ATTENDEE").map(Line::value), Some("mailto:j@x.example"));
    }

    #[test]
    fn malformed_lines_are_named() {
        let error = |text| read(text).expect_err("malformed").to_string();
        insta::assert_snapshot!(error("BEGIN:VCALENDAR\nnot a line\nEND:VCALENDAR"), @r#"invite.ics:2: `not a line` is not a content line (NAME:VALUE); this is not a valid iCalendar file: save the invitation again from your calendar ("Download .ics" or "Export")"#);
        insta::assert_snapshot!(error("BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VCALENDAR"), @r#"invite.ics:3: END:VCALENDAR closes BEGIN:VEVENT of line 2; this is not a valid iCalendar file: save the invitation again from your calendar ("Download .ics" or "Export")"#);
        insta::assert_snapshot!(error("BEGIN:VCALENDAR\nBEGIN:VEVENT\n"), @r#"invite.ics:2: BEGIN:VEVENT is never closed (END:VEVENT); this is not a valid iCalendar file: save the invitation again from your calendar ("Download .ics" or "Export")"#);
    }
}
