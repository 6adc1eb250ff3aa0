//! Finds where a field path is written in a TOML document.

use toml::de::{DeTable, DeValue};

use super::Segment;

/// The byte offset of the deepest part of `path` present in `text`: the key when the
/// field is written, else its nearest written parent.
pub fn locate(text: &str, path: &[Segment]) -> Option<usize> {
    let root = DeTable::parse(text).ok()?;
    let mut best = None;
    let mut table = Some(root.get_ref());
    let mut value: Option<&DeValue<'_>> = None;
    for segment in path {
        match segment {
            Segment::Key(key) => {
                let Some(current) = table.or(match value {
                    Some(DeValue::Table(t)) => Some(t),
                    _ => None,
                }) else {
                    return best;
                };
                let Some((found_key, found)) = current.iter().find(|(k, _)| k.get_ref() == key)
                else {
                    return best;
                };
                best = Some(found_key.span().start);
                table = None;
                value = Some(found.get_ref());
            }
            Segment::Index(index) => {
                let Some(DeValue::Array(items)) = value else { return best };
                let Some(item) = items.get(*index) else { return best };
                best = Some(item.span().start);
                table = None;
                value = Some(item.get_ref());
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse_field_path;

    #[track_caller]
    fn check(text: &str, path: &str, expected_line: usize) {
        let offset = locate(text, &parse_field_path(path)).expect("path is found");
        assert_eq!(text[..offset].matches('\n').count() + 1, expected_line);
    }

    #[test]
    fn finds_keys_in_arrays_of_tables() {
        let text = "[meeting]\nstart = \"x\"\n\n[[interviewers]]\nname = \"A\"\n\n[[interviewers]]\nname = \"B\"\nphone = \"1\"\n";
        check(text, "meeting.start", 2);
        check(text, "interviewers[1].phone", 9);
    }

    #[test]
    fn missing_field_points_at_parent() {
        let text = "[meeting]\nstart = \"x\"\n";
        check(text, "meeting.end", 1);
    }
}
