//! Finds where a field path is written in a JSON document.
//!
//! serde_json keeps no positions after parsing, so this walks the text with a small
//! scanner that understands just enough JSON to skip values.

use super::Segment;

/// The byte offset of the deepest part of `path` present in `text`.
pub fn locate(text: &str, path: &[Segment]) -> Option<usize> {
    let mut scanner = Scanner { bytes: text.as_bytes(), at: 0 };
    let mut best = None;
    for segment in path {
        scanner.skip_space();
        match segment {
            Segment::Key(key) => {
                if !scanner.eat(b'{') {
                    return best;
                }
                loop {
                    scanner.skip_space();
                    if scanner.peek() != Some(b'"') {
                        return best;
                    }
                    let key_at = scanner.at;
                    let name = scanner.string()?;
                    scanner.skip_space();
                    if !scanner.eat(b':') {
                        return best;
                    }
                    if name == *key {
                        best = Some(key_at);
                        break;
                    }
                    scanner.value()?;
                    scanner.skip_space();
                    if !scanner.eat(b',') {
                        return best;
                    }
                }
            }
            Segment::Index(index) => {
                if !scanner.eat(b'[') {
                    return best;
                }
                for _ in 0..*index {
                    scanner.skip_space();
                    scanner.value()?;
                    scanner.skip_space();
                    if !scanner.eat(b',') {
                        return best;
                    }
                }
                scanner.skip_space();
                best = Some(scanner.at);
            }
        }
    }
    best
}

struct Scanner<'t> {
    bytes: &'t [u8],
    at: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        if self.peek() == Some(byte) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Reads a string and returns its raw content (escapes kept, which is enough for
    /// field names).
    fn string(&mut self) -> Option<String> {
        if !self.eat(b'"') {
            return None;
        }
        let start = self.at;
        loop {
            match self.peek()? {
                b'\\' => self.at += 2,
                b'"' => {
                    let raw = std::str::from_utf8(&self.bytes[start..self.at]).ok()?.to_string();
                    self.at += 1;
                    return Some(raw);
                }
                _ => self.at += 1,
            }
        }
    }

    /// Skips one value of any kind.
    fn value(&mut self) -> Option<()> {
        self.skip_space();
        match self.peek()? {
            b'"' => self.string().map(|_| ()),
            open @ (b'{' | b'[') => {
                let close = if open == b'{' { b'}' } else { b']' };
                self.at += 1;
                loop {
                    self.skip_space();
                    if self.eat(close) {
                        return Some(());
                    }
                    if open == b'{' {
                        self.string()?;
                        self.skip_space();
                        if !self.eat(b':') {
                            return None;
                        }
                    }
                    self.value()?;
                    self.skip_space();
                    if !self.eat(b',') && self.peek() != Some(close) {
                        return None;
                    }
                }
            }
            _ => {
                while let Some(b) = self.peek() {
                    if matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                        break;
                    }
                    self.at += 1;
                }
                Some(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse_field_path;

    #[track_caller]
    fn check(text: &str, path: &str, expected: &str) {
        let offset = locate(text, &parse_field_path(path)).expect("path is found");
        assert!(text[offset..].starts_with(expected), "{}", &text[offset..]);
    }

    #[test]
    fn finds_nested_fields_past_other_values() {
        let text = r#"{"a": {"x": [1, {"y": "}"}]}, "interviewers": [{"name": "A"}, {"name": "B", "phone": "1"}]}"#;
        check(text, "interviewers[1].phone", "\"phone\"");
        check(text, "interviewers[1]", "{\"name\": \"B\"");
    }
}
