//! The outcome of a conformance run: one row per check, printed as a table or written
//! as JSON.
//!
//! A row is `pass`, `warn` (worth fixing, not a failure), `fail`, or `skip` (not run
//! because an earlier check failed). A report passes when no row fails.

use std::fmt;

use serde::Serialize;

/// How one check went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The plugin does what the check asks.
    Pass,
    /// Worth fixing, but not a failure.
    Warn,
    /// The plugin breaks a rule; `followup plugins check` exits 1.
    Fail,
    /// Not run, because an earlier check failed.
    Skip,
}

impl Status {
    /// The word shown in the table.
    pub fn label(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Warn => "warn",
            Status::Fail => "FAIL",
            Status::Skip => "skip",
        }
    }
}

/// One check of the suite.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Row {
    /// A short stable name, such as `deterministic` or `render.thank_you`.
    pub name: String,
    /// How it went.
    pub status: Status,
    /// One line: what was found, and on failure what to do.
    pub detail: String,
    /// The cases behind a warning or failure (which example, which step), at most
    /// [`MAX_NOTES`] of them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// The most cases a row lists; the rest are counted.
pub const MAX_NOTES: usize = 5;

/// The longest case a row lists, in characters: a plugin's message is its own text,
/// and must not flood the table.
pub const MAX_NOTE_CHARS: usize = 300;

/// `text` cut to `max` characters, with `…` where it was cut.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

impl Row {
    /// A row without notes.
    pub fn new(name: &str, status: Status, detail: impl Into<String>) -> Row {
        Row { name: name.to_string(), status, detail: detail.into(), notes: Vec::new() }
    }

    /// A row listing `cases`; beyond [`MAX_NOTES`] they are counted, not listed, and
    /// each is cut to [`MAX_NOTE_CHARS`].
    pub fn with_cases(
        name: &str,
        status: Status,
        detail: impl Into<String>,
        cases: Vec<String>,
    ) -> Row {
        let mut notes: Vec<String> =
            cases.iter().take(MAX_NOTES).map(|case| shorten(case, MAX_NOTE_CHARS)).collect();
        if cases.len() > MAX_NOTES {
            notes.push(format!("… and {} more", cases.len() - MAX_NOTES));
        }
        Row { name: name.to_string(), status, detail: detail.into(), notes }
    }
}

/// Everything one run of the suite found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    /// What was checked: the library's path, or the channel checked in process.
    pub target: String,
    /// The channel id, once the manifest was read.
    pub channel: Option<String>,
    /// The checks, in the order they ran.
    pub rows: Vec<Row>,
}

impl Report {
    /// Whether no check failed (warnings and skipped checks aside; a check is only
    /// skipped after another failed).
    pub fn passed(&self) -> bool {
        !self.rows.iter().any(|row| row.status == Status::Fail)
    }

    /// The row named `name`, if the suite ran it.
    pub fn row(&self, name: &str) -> Option<&Row> {
        self.rows.iter().find(|row| row.name == name)
    }

    /// The rows that failed.
    pub fn failures(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|row| row.status == Status::Fail)
    }

    fn count(&self, status: Status) -> usize {
        self.rows.iter().filter(|row| row.status == status).count()
    }
}

/// The table `followup plugins check` prints.
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Conformance of {}", self.target)?;
        if let Some(channel) = &self.channel {
            writeln!(f, "Channel: {channel}")?;
        }
        writeln!(f)?;
        let width = self.rows.iter().map(|row| row.name.chars().count()).max().unwrap_or(0);
        for row in &self.rows {
            writeln!(f, "  {}  {:<width$}  {}", row.status.label(), row.name, row.detail)?;
            for note in &row.notes {
                writeln!(f, "  {:4}  {:<width$}    - {note}", "", "")?;
            }
        }
        writeln!(f)?;
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        writeln!(
            f,
            "{}: {} passed, {}, {} failed, {} skipped",
            plural(self.rows.len(), "check"),
            self.count(Status::Pass),
            plural(self.count(Status::Warn), "warning"),
            self.count(Status::Fail),
            self.count(Status::Skip),
        )?;
        write!(
            f,
            "{}",
            if self.passed() {
                "The plugin conforms.\n"
            } else {
                "The plugin does not conform: fix the failed checks, rebuild, and run the check again.\n"
            }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_lists_rows_notes_and_a_summary() {
        let report = Report {
            target: "libfollowup_x.so".to_string(),
            channel: Some("x".to_string()),
            rows: vec![
                Row::new("handshake", Status::Pass, "ABI 1.1"),
                Row::with_cases(
                    "deterministic",
                    Status::Fail,
                    "7 of 9 drafts differ",
                    (1..=7).map(|n| format!("case {n}")).collect(),
                ),
            ],
        };
        assert!(!report.passed());
        let text = report.to_string();
        assert!(text.contains("  pass  handshake      ABI 1.1\n"), "{text}");
        assert!(text.contains("  FAIL  deterministic  7 of 9 drafts differ\n"), "{text}");
        assert!(text.contains("- case 5\n") && !text.contains("- case 6"), "{text}");
        assert!(text.contains("- … and 2 more\n"), "{text}");
        assert!(text.contains("2 checks: 1 passed, 0 warnings, 1 failed, 0 skipped"), "{text}");
    }
}
