//! `TODO` markers: the fields a file says are still to fill in.
//!
//! `followup new` writes what an invitation could not tell as a marker line followed by
//! a commented example:
//!
//! ```toml
//! # TODO role.title: the job title, as the posting names it
//! # title = ""
//! ```
//!
//! [`todo_markers`] finds them, so that `followup validate` can list what is left even
//! where the field is optional and its absence breaks no rule.

/// One `# TODO field.path: what to write` line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TodoMarker {
    /// The line (1-based).
    pub line: usize,
    /// The field path, such as `interviewers[0].topics`.
    pub field: String,
    /// What to write there.
    pub what: String,
}

/// The markers of a TOML text, in order.
///
/// ```
/// let text = "[role]\n# TODO role.title: the job title\n# title = \"\"\n";
/// let markers = followup_validate::todo_markers(text);
/// assert_eq!((markers[0].line, markers[0].field.as_str()), (2, "role.title"));
/// ```
pub fn todo_markers(text: &str) -> Vec<TodoMarker> {
    text.lines()
        .enumerate()
        .filter_map(|(index, line)| {
            let rest = line.trim_start().strip_prefix('#')?.trim_start().strip_prefix("TODO ")?;
            let (field, what) = rest.split_once(": ")?;
            let field = field.trim();
            let is_path = !field.is_empty()
                && field.chars().all(|c| c.is_ascii_alphanumeric() || "_.[]".contains(c));
            is_path.then(|| TodoMarker {
                line: index + 1,
                field: field.to_string(),
                what: what.trim().to_string(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_marker_lines_count() {
        let text = "# TODO interviewers[1].topics: what you discussed\n# TODO: nothing\n\
                    title = \"TODO later\"\n  #  TODO a b: not a path\n";
        let markers = todo_markers(text);
        assert_eq!(markers.len(), 1, "{markers:?}");
        assert_eq!(markers[0].field, "interviewers[1].topics");
        assert_eq!(markers[0].what, "what you discussed");
    }
}
