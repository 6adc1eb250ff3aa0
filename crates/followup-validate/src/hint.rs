//! Suggestions: the known name closest to what was written.

/// The candidate closest to `written`, when one is close enough to be what was meant
/// (Jaro-Winkler similarity above 0.75, the threshold the CLI uses for field names).
///
/// ```
/// let known = ["interviewers", "candidate", "meeting"];
/// assert_eq!(followup_validate::closest("interviewrs", known), Some("interviewers"));
/// assert_eq!(followup_validate::closest("zzz", known), None);
/// ```
pub fn closest<'a>(
    written: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let written = written.to_lowercase();
    candidates
        .into_iter()
        .map(|name| (strsim::jaro_winkler(&written, &name.to_lowercase()), name))
        .filter(|(score, _)| *score > 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name)
}

/// `` `a`, `b`, `c` ``.
pub(crate) fn quoted_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items.into_iter().map(|item| format!("`{item}`")).collect::<Vec<_>>().join(", ")
}
