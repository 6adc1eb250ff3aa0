//! `followup plan FILE`: reads an interview, loads the channels and prints the plan.

use std::io::Write;
use std::process::ExitCode;

use followup_core::calendar::{BusinessCalendar, HolidayRules};
use followup_core::interview::Interview;
use followup_core::rules::{self, TimingPolicy};
use followup_core::validate::{self, ValidInterview};

use crate::args::OutputFormat;
use crate::document::{InputError, LocatedProblem, SourceFile};
use crate::exit;
use crate::output::plan_text;
use crate::profile;
use crate::settings::PlanSettings;

/// Runs `followup plan`.
pub fn run(settings: &PlanSettings) -> anyhow::Result<ExitCode> {
    let interview = load_interview(settings)?;
    let registry = followup_host::load_plugins(&settings.search);
    super::report_refusals(&registry);
    let calendar = BusinessCalendar::new(HolidayRules::UsFederal);
    let plan = rules::plan(&interview, &registry.manifests(), &calendar, &TimingPolicy::default());

    let mut out = std::io::stdout().lock();
    match settings.format {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &plan)?;
            writeln!(out)?;
        }
        OutputFormat::Text => {
            let names = registry
                .loaded
                .iter()
                .map(|p| (p.manifest.id.clone(), p.manifest.name.clone()))
                .collect();
            out.write_all(plan_text::render(&interview, &plan, &names, settings.now).as_bytes())?;
        }
    }
    out.flush()?;
    Ok(ExitCode::from(if plan.steps.is_empty() { exit::FAILURE } else { exit::OK }))
}

/// Reads, merges and validates the interview file.
pub fn load_interview(settings: &PlanSettings) -> Result<ValidInterview, InputError> {
    let source = SourceFile::read(&settings.file)?;
    let mut interview: Interview = source.parse()?;
    let profile = profile::load(&settings.profile)?;
    interview.candidate = interview.candidate.or_profile(&profile);
    validate::validate(interview).map_err(|invalid| InputError::Invalid {
        path: source.path.clone(),
        problems: invalid
            .problems
            .into_iter()
            .map(|problem| LocatedProblem {
                position: source.locate(&problem.path),
                field: problem.path,
                message: problem.message,
                hint: problem.hint,
            })
            .collect(),
    })
}
