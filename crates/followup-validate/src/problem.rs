//! One problem found in a document: where, which rule, what is wrong, what to do.

use std::fmt;

use followup_core::problem::Problem as CoreProblem;
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

/// One problem in a document: core's [`followup_core::problem::Problem`] (the field,
/// the message, the hint) with the rule broken and how serious it is. It dereferences
/// to core's problem, so `problem.field` reads as it does there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Where and what: the field path (empty for the whole document), the message in
    /// lower case without a trailing period, and what to write instead when there is a
    /// clear answer.
    #[serde(flatten)]
    pub at: CoreProblem,
    /// The rule broken: the JSON Schema keyword (`required`, `enum`,
    /// `additionalProperties`, `type`, ...), `rule` for core's semantic checks, `syntax`
    /// for text that does not parse, `template` for a template that does not parse or
    /// render, `check:<name>` for a draft check that failed.
    pub rule: String,
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
        Problem::from_core(CoreProblem::new(field, message), rule)
    }

    /// Core's problem, broken rule `rule`, at error level.
    pub fn from_core(at: CoreProblem, rule: impl Into<String>) -> Problem {
        Problem { at, rule: rule.into(), level: Level::Error }
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
        self.at.hint = Some(hint.into());
        self
    }

    /// This problem with an optional hint.
    #[must_use]
    pub fn with_optional_hint(mut self, hint: Option<String>) -> Problem {
        self.at.hint = hint;
        self
    }

    /// Whether it makes the document invalid.
    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }
}

impl std::ops::Deref for Problem {
    type Target = CoreProblem;

    fn deref(&self) -> &CoreProblem {
        &self.at
    }
}

impl std::ops::DerefMut for Problem {
    fn deref_mut(&mut self) -> &mut CoreProblem {
        &mut self.at
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
