//! What `plan` and `draft` share: read the interview, load the channels, plan.

use followup_core::interview::Interview;
use followup_core::plan::Plan;
use followup_core::planner::Planner;
use followup_core::validate::{self, ValidInterview};
use followup_host::Registry;

use crate::document::{InputError, SourceFile};
use crate::profile;
use crate::settings::{InterviewInput, ProfileChoice};
use crate::style_pack::StylePack;

/// An interview with its plan, the plugins and the style that made it.
pub struct Planned {
    pub interview: ValidInterview,
    pub registry: Registry,
    pub style: StylePack,
    pub plan: Plan,
}

/// Reads the interview and the style, loads the plugins (reporting refusals on
/// stderr) and plans.
pub fn plan(input: &InterviewInput) -> anyhow::Result<Planned> {
    let interview = load_interview(&input.file, &input.profile)?;
    let style = StylePack::resolve(&input.style)?;
    style.check()?;
    let registry = followup_host::load_plugins(&input.search);
    super::report_refusals(&registry);
    for channel in style.style.channels.keys().chain(style.templates.keys()) {
        if registry.get(channel).is_none() {
            eprintln!(
                "warning: the style has settings or templates for `{channel}`, but no plugin provides it"
            );
        }
    }
    let plan = Planner::new(&style.style, &registry.manifests()).plan(&interview);
    Ok(Planned { interview, registry, style, plan })
}

/// Reads, merges and validates the interview file.
pub fn load_interview(
    file: &std::path::Path,
    profile: &ProfileChoice,
) -> Result<ValidInterview, InputError> {
    let source = SourceFile::read(file)?;
    let mut interview: Interview = source.parse()?;
    let profile = profile::load(profile)?;
    interview.candidate = interview.candidate.or_profile(&profile);
    validate::validate(interview).map_err(|invalid| {
        InputError::invalid(source.path.clone(), Some(&source), invalid.problems)
    })
}
