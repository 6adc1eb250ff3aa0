//! `followup plan FILE`: reads an interview, loads the channels and prints the plan.

use std::io::Write;
use std::process::ExitCode;

use crate::args::OutputFormat;
use crate::exit;
use crate::output::plan_text;
use crate::settings::PlanSettings;

/// Runs `followup plan`.
pub fn run(settings: &PlanSettings) -> anyhow::Result<ExitCode> {
    let planned = super::planning::plan(&settings.input)?;
    let plan = &planned.plan;
    let mut out = std::io::stdout().lock();
    match settings.format {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut out, plan)?;
            writeln!(out)?;
        }
        OutputFormat::Text => {
            let names = super::channel_names(&planned.registry);
            let text = plan_text::render(&planned.interview, plan, &names, settings.input.now);
            out.write_all(text.as_bytes())?;
        }
    }
    out.flush()?;
    Ok(ExitCode::from(if plan.steps.is_empty() { exit::FAILURE } else { exit::OK }))
}
