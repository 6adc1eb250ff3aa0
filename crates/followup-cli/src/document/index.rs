//! Where every field of a document is written, found in one pass, so that placing
//! many problems costs one walk of the file and not one walk per problem.
//!
//! A [`Locator`] indexes the offset of every key and array item of a TOML or JSON
//! document by its field path, and the start of every line; a problem's field is then
//! a lookup (or its nearest written parent's), and its line and column a binary search.
//! A file with 10,000 problems is placed in linear time (issue 13).

use std::collections::HashMap;

use toml::de::{DeTable, DeValue};

use super::{Format, Position, Segment, SourceFile, parse_field_path};

/// How deep the index goes; deeper fields are placed at their parent at this depth
/// (serde_json refuses documents nested deeper than 128 anyway).
const MAX_DEPTH: usize = 256;

/// The offsets of a document's fields and lines.
pub struct Locator<'s> {
    text: &'s str,
    fields: HashMap<Vec<Segment>, usize>,
    line_starts: Vec<usize>,
}

impl<'s> Locator<'s> {
    /// Indexes `source` (nothing is indexed when it does not parse).
    pub fn new(source: &'s SourceFile) -> Locator<'s> {
        let text = source.text.as_str();
        let mut fields = HashMap::new();
        match source.format {
            Format::Toml => {
                if let Ok(root) = DeTable::parse(text) {
                    index_toml_table(root.get_ref(), &mut Vec::new(), &mut fields);
                }
            }
            Format::Json => {
                let mut scanner = Scanner { bytes: text.as_bytes(), at: 0 };
                // A document that stops making sense keeps what was indexed before.
                let _ = scanner.value(&mut Vec::new(), &mut fields);
            }
        }
        let line_starts =
            std::iter::once(0).chain(text.match_indices('\n').map(|(at, _)| at + 1)).collect();
        Locator { text, fields, line_starts }
    }

    /// The byte offset of the field at `path` (`interviewers[1].phone`), or of its
    /// nearest written parent.
    pub fn offset(&self, path: &str) -> Option<usize> {
        let mut segments = parse_field_path(path);
        while !segments.is_empty() {
            if let Some(offset) = self.fields.get(&segments) {
                return Some(*offset);
            }
            segments.pop();
        }
        None
    }

    /// Where the field at `path` is written, or its nearest written parent.
    pub fn locate(&self, path: &str) -> Option<Position> {
        self.offset(path).map(|offset| self.position_of(offset))
    }

    /// The line and column of a byte offset: a binary search for the line, then the
    /// characters from its start.
    pub fn position_of(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|start| *start <= offset).max(1);
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let column = self.text.get(start..offset).map_or(1, |before| before.chars().count() + 1);
        Position { line, column }
    }
}

fn index_toml_table(
    table: &DeTable<'_>,
    path: &mut Vec<Segment>,
    fields: &mut HashMap<Vec<Segment>, usize>,
) {
    for (key, value) in table {
        path.push(Segment::Key(key.get_ref().to_string()));
        fields.entry(path.clone()).or_insert(key.span().start);
        index_toml_value(value.get_ref(), path, fields);
        path.pop();
    }
}

fn index_toml_value(
    value: &DeValue<'_>,
    path: &mut Vec<Segment>,
    fields: &mut HashMap<Vec<Segment>, usize>,
) {
    if path.len() >= MAX_DEPTH {
        return;
    }
    match value {
        DeValue::Table(table) => index_toml_table(table, path, fields),
        DeValue::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                path.push(Segment::Index(index));
                fields.entry(path.clone()).or_insert(item.span().start);
                index_toml_value(item.get_ref(), path, fields);
                path.pop();
            }
        }
        _ => {}
    }
}

/// Just enough JSON to walk a document once, recording where each key and item starts.
struct Scanner<'t> {
    bytes: &'t [u8],
    at: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        if found {
            self.at += 1;
        }
        found
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
                    let raw = std::str::from_utf8(self.bytes.get(start..self.at)?).ok()?;
                    self.at += 1;
                    return Some(raw.to_string());
                }
                _ => self.at += 1,
            }
        }
    }

    /// Walks one value, indexing what is inside it under `path`.
    fn value(
        &mut self,
        path: &mut Vec<Segment>,
        fields: &mut HashMap<Vec<Segment>, usize>,
    ) -> Option<()> {
        self.skip_space();
        let deep = path.len() >= MAX_DEPTH;
        match self.peek()? {
            b'"' => self.string().map(|_| ()),
            b'{' => {
                self.at += 1;
                loop {
                    self.skip_space();
                    if self.eat(b'}') {
                        return Some(());
                    }
                    let key_at = self.at;
                    let key = self.string()?;
                    self.skip_space();
                    if !self.eat(b':') {
                        return None;
                    }
                    path.push(Segment::Key(key));
                    if !deep {
                        fields.entry(path.clone()).or_insert(key_at);
                    }
                    let walked = self.value(path, fields);
                    path.pop();
                    walked?;
                    self.skip_space();
                    if !self.eat(b',') && self.peek() != Some(b'}') {
                        return None;
                    }
                }
            }
            b'[' => {
                self.at += 1;
                let mut index = 0;
                loop {
                    self.skip_space();
                    if self.eat(b']') {
                        return Some(());
                    }
                    path.push(Segment::Index(index));
                    if !deep {
                        fields.entry(path.clone()).or_insert(self.at);
                    }
                    let walked = self.value(path, fields);
                    path.pop();
                    walked?;
                    index += 1;
                    self.skip_space();
                    if !self.eat(b',') && self.peek() != Some(b']') {
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
    use std::path::PathBuf;

    use super::*;

    fn source(text: &str, format: Format) -> SourceFile {
        SourceFile { path: PathBuf::from("input"), text: text.to_string(), format }
    }

    #[track_caller]
    fn check_line(text: &str, path: &str, expected_line: usize) {
        let file = source(text, Format::Toml);
        let at = Locator::new(&file).locate(path).expect("path is found");
        assert_eq!(at.line, expected_line, "{path}");
    }

    #[track_caller]
    fn check_text(text: &str, path: &str, expected: &str) {
        let file = source(text, Format::Json);
        let offset = Locator::new(&file).offset(path).expect("path is found");
        assert!(text[offset..].starts_with(expected), "{path}: {}", &text[offset..]);
    }

    #[test]
    fn finds_toml_keys_in_arrays_of_tables_and_missing_fields_at_their_parent() {
        let text = "[meeting]\nstart = \"x\"\n\n[[interviewers]]\nname = \"A\"\n\n[[interviewers]]\nname = \"B\"\nphone = \"1\"\n";
        check_line(text, "meeting.start", 2);
        check_line(text, "interviewers[1].phone", 9);
        check_line(text, "meeting.end", 1);
        check_line(text, "interviewers[1].email", 7);
    }

    #[test]
    fn finds_nested_json_fields_past_other_values() {
        let text = r#"{"a": {"x": [1, {"y": "}"}]}, "interviewers": [{"name": "A"}, {"name": "B", "phone": "1"}]}"#;
        check_text(text, "interviewers[1].phone", "\"phone\"");
        check_text(text, "interviewers[1]", "{\"name\": \"B\"");
        check_text(text, "interviewers[1].email", "{\"name\": \"B\"");
        check_text(text, "a.x[1].y", "\"y\"");
        let file = source(text, Format::Json);
        assert_eq!(Locator::new(&file).offset("nope"), None);
    }

    #[test]
    fn positions_count_lines_and_characters() {
        let file = source("ab\nçd\n\nx", Format::Json);
        let locator = Locator::new(&file);
        for offset in 0..=file.text.len() {
            if file.text.is_char_boundary(offset) {
                assert_eq!(locator.position_of(offset), file.position_of(offset), "{offset}");
            }
        }
    }
}
