//! `followup validate FILE...`: checks documents against the schemas and the rules.

use std::process::ExitCode;

use crate::settings::ValidateSettings;

/// Runs `followup validate`.
pub fn run(settings: &ValidateSettings) -> anyhow::Result<ExitCode> {
    anyhow::bail!(
        "`followup validate` is not available in this build ({} file(s))",
        settings.files.len()
    )
}
