//! The candidate's profile: their own details, written once and merged into every
//! interview. Fields given in an interview file win over the profile's.

use std::path::Path;

use followup_core::interview::CandidateDetails;

use crate::document::{InputError, SourceFile};
use crate::settings::ProfileChoice;

/// Reads the profile the settings choose; an absent default profile is no profile.
pub fn load(choice: &ProfileChoice) -> Result<CandidateDetails, InputError> {
    match choice {
        ProfileChoice::Skip | ProfileChoice::Default(None) => Ok(CandidateDetails::default()),
        ProfileChoice::Given(path) => read(path),
        ProfileChoice::Default(Some(path)) if path.exists() => read(path),
        ProfileChoice::Default(Some(_)) => Ok(CandidateDetails::default()),
    }
}

fn read(path: &Path) -> Result<CandidateDetails, InputError> {
    SourceFile::read(path)?.parse()
}
