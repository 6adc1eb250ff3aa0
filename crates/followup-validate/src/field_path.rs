//! Field paths as users read them (`interviewers[1].phone`), from JSON Pointers
//! (`/interviewers/1/phone`) as JSON Schema validators report them.

/// The field path of a JSON Pointer: keys joined by `.`, list indexes in brackets. The
/// empty pointer (the whole document) is the empty path.
///
/// A segment made of digits is read as a list index, as it is nearly always one here.
///
/// ```
/// assert_eq!(followup_validate::field_path("/interviewers/1/phone"), "interviewers[1].phone");
/// assert_eq!(followup_validate::field_path("/a~1b/c~0d"), "a/b.c~d");
/// assert_eq!(followup_validate::field_path(""), "");
/// ```
pub fn field_path(pointer: &str) -> String {
    let mut path = String::with_capacity(pointer.len());
    for segment in pointer.split('/').skip(1) {
        if !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit()) {
            path.push('[');
            path.push_str(segment);
            path.push(']');
        } else {
            let key = segment.replace("~1", "/").replace("~0", "~");
            push_key(&mut path, &key);
        }
    }
    path
}

/// `parent.key`, or `key` at the top.
pub(crate) fn join(parent: &str, key: &str) -> String {
    let mut path = parent.to_string();
    push_key(&mut path, key);
    path
}

/// `prefix` followed by `path` (a path relative to the value at `prefix`).
pub(crate) fn prefixed(prefix: &str, path: &str) -> String {
    if prefix.is_empty() || path.starts_with('[') || path.is_empty() {
        format!("{prefix}{path}")
    } else {
        format!("{prefix}.{path}")
    }
}

fn push_key(path: &mut String, key: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(key);
}

/// The key segments and indexes of a field path, for walking a [`serde_json::Value`].
pub(crate) enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// Splits `a.b[2].c` into steps.
pub(crate) fn steps(path: &str) -> Vec<Step<'_>> {
    let mut steps = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = part.split_at(part.find('[').unwrap_or(part.len()));
        if !key.is_empty() {
            steps.push(Step::Key(key));
        }
        while let Some(stripped) = rest.strip_prefix('[') {
            let Some(close) = stripped.find(']') else { break };
            if let Ok(index) = stripped[..close].parse() {
                steps.push(Step::Index(index));
            }
            rest = &stripped[close + 1..];
        }
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_join_and_prefix() {
        assert_eq!(join("", "meeting"), "meeting");
        assert_eq!(join("meeting", "end"), "meeting.end");
        assert_eq!(prefixed("[3]", "body"), "[3].body");
        assert_eq!(prefixed("", "[1].x"), "[1].x");
        assert_eq!(prefixed("a", "[1]"), "a[1]");
    }

    #[test]
    fn steps_round_trip() {
        let steps = steps("interviewers[1].opted_out[0]");
        assert_eq!(steps.len(), 4);
        assert!(matches!(steps[1], Step::Index(1)));
        assert!(matches!(steps[2], Step::Key("opted_out")));
    }
}
