//! One record of a batch: a line of JSON read into a valid interview, or every problem
//! it has, placed on its line.

use std::path::Path;

use followup_core::interview::{CandidateDetails, Interview};
use followup_core::problem::Problem;
use followup_core::validate::{self, ValidInterview};
use serde::Serialize;

use crate::document::{Format, InputError, LocatedProblem, SourceFile};

/// Why a record could not be planned: its problems, each with its column on the line.
#[derive(Debug, Serialize)]
pub struct RecordError {
    /// A one-line summary.
    pub message: String,
    /// Every problem, in the order of the line.
    pub problems: Vec<RecordProblem>,
}

/// One problem of a record.
#[derive(Debug, Serialize)]
pub struct RecordProblem {
    /// The field path; empty when the line itself is at fault.
    pub field: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The column on the record's line (1-based, in characters), when it is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

impl RecordError {
    /// An error that is no fault of the record's fields (a failed write, a plugin that
    /// could not draft).
    pub fn failure(message: String) -> RecordError {
        RecordError { message, problems: Vec::new() }
    }

    fn from_problems(problems: Vec<LocatedProblem>) -> RecordError {
        let mut problems: Vec<RecordProblem> = problems
            .into_iter()
            .map(|located| RecordProblem {
                field: located.problem.field,
                message: located.problem.message,
                hint: located.problem.hint,
                column: located.position.map(|at| at.column),
            })
            .collect();
        problems.sort_by_key(|p| p.column);
        let message = format!(
            "{} problem{} found",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" }
        );
        RecordError { message, problems }
    }
}

/// Reads one line (its bytes, without the line break) as an interview, merges the
/// candidate profile and validates it, exactly as a single interview file is read.
pub fn read(
    path: &Path,
    bytes: &[u8],
    profile: &CandidateDetails,
) -> Result<ValidInterview, RecordError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(err) => {
            let problem = Problem::new("", format!("this line is not UTF-8: {err}"))
                .with_hint("save the file as UTF-8");
            return Err(RecordError::from_problems(vec![LocatedProblem {
                position: None,
                problem,
            }]));
        }
    };
    let source = SourceFile { path: path.to_path_buf(), text, format: Format::Json };
    let mut interview: Interview = source.parse().map_err(|err| match err {
        InputError::Syntax { problem, .. } => RecordError::from_problems(vec![problem]),
        other => RecordError::failure(other.to_string()),
    })?;
    interview.candidate = interview.candidate.or_profile(profile);
    validate::validate(interview).map_err(|invalid| {
        match InputError::invalid(source.path.clone(), Some(&source), invalid.problems) {
            InputError::Invalid { problems, .. } => RecordError::from_problems(problems),
            other => RecordError::failure(other.to_string()),
        }
    })
}
