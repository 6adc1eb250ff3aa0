//! One module per subcommand; each returns the exit code or an error.

mod batch;
mod draft;
mod export;
mod plan;
mod planning;

pub use new::NewError;
mod plugins;
mod plugins_check;
mod plugins_new;
mod schema;
mod track;
mod validate;

mod completions;
mod doctor;
mod init;
mod new;
mod prompt;

use std::process::ExitCode;

use std::collections::BTreeMap;

use followup_host::Registry;

use crate::settings::Settings;

/// Runs the chosen subcommand.
pub fn run(settings: Settings) -> anyhow::Result<ExitCode> {
    match settings {
        Settings::Plan(settings) => plan::run(&settings),
        Settings::Draft(settings) => draft::run(&settings),
        Settings::Export(settings) => export::run(&settings),
        Settings::Plugins(settings) => plugins::run(&settings),
        Settings::PluginsNew(settings) => plugins_new::run(&settings),
        Settings::PluginsCheck(settings) => plugins_check::run(&settings),
        Settings::Schema(settings) => schema::run(&settings),
        Settings::Validate(settings) => validate::run(&settings),
        Settings::Track(settings) => track::run(settings),
        Settings::New(settings) => new::run(&settings),
        Settings::Init(settings) => init::run(&settings),
        Settings::Completions(shell) => completions::completions(shell),
        Settings::Man(settings) => completions::man(&settings),
        Settings::Doctor(settings) => doctor::run(&settings),
        Settings::Batch(settings) => batch::run(&settings),
    }
}

/// Prints one line per refused plugin on stderr; the other plugins keep working.
fn report_refusals(registry: &Registry) {
    for refusal in &registry.refused {
        eprintln!("warning: plugin refused: {refusal}");
    }
}

/// Channel names by id, for text output.
fn channel_names(registry: &Registry) -> BTreeMap<String, String> {
    registry.loaded.iter().map(|p| (p.manifest.id.clone(), p.manifest.name.clone())).collect()
}
