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

/// Every candidate, the most similar to `written` first (ties in the candidates' order),
/// for messages that list what may have been meant.
///
/// ```
/// let known = ["ana-ruiz-2026-11-24", "marcus-bell-2026-11-30"];
/// assert_eq!(followup_validate::ranked("marcus-bel", known)[0], "marcus-bell-2026-11-30");
/// ```
pub fn ranked<'a>(written: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let written = written.to_lowercase();
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .map(|name| (strsim::jaro_winkler(&written, &name.to_lowercase()), name))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.into_iter().map(|(_, name)| name).collect()
}

/// `` `a`, `b`, `c` ``.
pub(crate) fn quoted_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items.into_iter().map(|item| format!("`{item}`")).collect::<Vec<_>>().join(", ")
}
