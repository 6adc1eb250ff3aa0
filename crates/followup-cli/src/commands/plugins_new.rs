//! `followup plugins new NAME`: scaffolds a channel plugin crate.

use std::process::ExitCode;

use crate::settings::PluginsNewSettings;

/// Runs `followup plugins new`.
pub fn run(settings: &PluginsNewSettings) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`followup plugins new {}` is not available in this build", settings.name)
}
