//! `followup plugins check PATH`: runs the conformance suite against a built plugin.

use std::process::ExitCode;

use crate::settings::PluginsCheckSettings;

/// Runs `followup plugins check`.
pub fn run(settings: &PluginsCheckSettings) -> anyhow::Result<ExitCode> {
    anyhow::bail!(
        "`followup plugins check {}` is not available in this build",
        settings.path.display()
    )
}
