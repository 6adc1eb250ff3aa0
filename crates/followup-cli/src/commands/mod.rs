//! One module per subcommand; each returns the exit code or an error.

mod plan;
mod plugins;
mod schema;

use std::process::ExitCode;

use followup_host::Registry;

use crate::settings::Settings;

/// Runs the chosen subcommand.
pub fn run(settings: Settings) -> anyhow::Result<ExitCode> {
    match settings {
        Settings::Plan(settings) => plan::run(&settings),
        Settings::Plugins(settings) => plugins::run(&settings),
        Settings::Schema(settings) => schema::run(&settings),
    }
}

/// Prints one line per refused plugin on stderr; the other plugins keep working.
fn report_refusals(registry: &Registry) {
    for refusal in &registry.refused {
        eprintln!("warning: plugin refused: {refusal}");
    }
}
