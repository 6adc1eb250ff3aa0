//! One problem found in a document: where, which rule, what is wrong, what to do.

use std::fmt;

use serde::Serialize;

/// How serious a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Worth knowing; the document is still valid (a style's settings for a channel
    /// that no installed plugin provides, for instance).
    Warning,
    /// The document is invalid.
    Error,
}

/// One problem in a document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The field path, such as `interviewers[1].phone`; empty for the whole document.
    pub field: String,
    /// The rule broken: the JSON Schema keyword (`required`, `enum`,
    /// `additionalProperties`, `type`, ...), `rule` for core's semantic checks, `syntax`
    /// for text that does not parse, `template` for a template that does not parse or
    /// render, `check:<name>` for a draft check that failed.
    pub rule: String,
    /// What is wrong, in lower case without a trailing period.
    pub message: String,
    /// What to write instead, when there is a clear answer.
    pub hint: Option<String>,
    /// Whether the problem makes the document invalid.
    pub level: Level,
}

impl Problem {
    /// An error-level problem.
    pub fn error(
        field: impl Into<String>,
        rule: impl Into<String>,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            field: field.into(),
            rule: rule.into(),
            message: message.into(),
            hint: None,
            level: Level::Error,
        }
    }

    /// A warning-level problem.
    pub fn warning(
        field: impl Into<String>,
        rule: impl Into<String>,
        message: impl Into<String>,
    ) -> Problem {
        Problem { level: Level::Warning, ..Problem::error(field, rule, message) }
    }

    /// This problem with a hint.
    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Problem {
        self.hint = Some(hint.into());
        self
    }

    /// This problem with an optional hint.
    #[must_use]
    pub fn with_optional_hint(mut self, hint: Option<String>) -> Problem {
        self.hint = hint;
        self
    }

    /// Whether it makes the document invalid.
    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.level == Level::Warning {
            f.write_str("warning: ")?;
        }
        if !self.field.is_empty() {
            write!(f, "{}: ", self.field)?;
        }
        write!(f, "{} [{}]", self.message, self.rule)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}
