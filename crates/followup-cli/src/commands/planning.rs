//! What `plan` and `draft` share: read the interview, load the channels, plan.

use followup_core::calendar::{BusinessCalendar, HolidayRules};
use followup_core::interview::Interview;
use followup_core::plan::Plan;
use followup_core::rules::{self, TimingPolicy};
use followup_core::validate::{self, ValidInterview};
use followup_host::Registry;

use crate::document::{InputError, LocatedProblem, SourceFile};
use crate::profile;
use crate::settings::InterviewInput;

/// An interview with its plan and the plugins that made it.
pub struct Planned {
    pub interview: ValidInterview,
    pub registry: Registry,
    pub plan: Plan,
}

/// Reads the interview, loads the plugins (reporting refusals on stderr) and plans.
pub fn plan(input: &InterviewInput) -> Result<Planned, InputError> {
    let interview = load_interview(input)?;
    let registry = followup_host::load_plugins(&input.search);
    super::report_refusals(&registry);
    let calendar = BusinessCalendar::new(HolidayRules::UsFederal);
    let plan = rules::plan(&interview, &registry.manifests(), &calendar, &TimingPolicy::default());
    Ok(Planned { interview, registry, plan })
}

/// Reads, merges and validates the interview file.
fn load_interview(input: &InterviewInput) -> Result<ValidInterview, InputError> {
    let source = SourceFile::read(&input.file)?;
    let mut interview: Interview = source.parse()?;
    let profile = profile::load(&input.profile)?;
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
