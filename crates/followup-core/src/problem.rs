//! A problem found in a document: the field it concerns, what is wrong and, where there
//! is a clear answer, what to write instead.
//!
//! Core's checks (an interview's validation, a style's figures, a manifest's form) all
//! report this one type. Front ends add what they know: `followup-validate` the rule and
//! the level, the CLI the line and column in the file.

use std::fmt;

use serde::Serialize;

/// One problem in a document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The field path, such as `interviewers[1].phone`; empty for the whole document.
    pub field: String,
    /// What is wrong, in lower case without a trailing period.
    pub message: String,
    /// What to write instead, when there is a clear answer.
    pub hint: Option<String>,
}

impl Problem {
    /// A problem at `field`, without a hint.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem { field: field.into(), message: message.into(), hint: None }
    }

    /// This problem with a hint.
    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Problem {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}
