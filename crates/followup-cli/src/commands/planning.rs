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

/// A planned interview with what it was planned with, borrowed: what drafting and
/// exporting one interview need, whether it came alone or in a batch.
#[derive(Clone, Copy)]
pub struct PlannedRef<'p> {
    pub interview: &'p ValidInterview,
    pub registry: &'p Registry,
    pub style: &'p StylePack,
    pub plan: &'p Plan,
}

impl Planned {
    /// This interview and plan, borrowed.
    pub fn as_ref(&self) -> PlannedRef<'_> {
        PlannedRef {
            interview: &self.interview,
            registry: &self.registry,
            style: &self.style,
            plan: &self.plan,
        }
    }
}

/// Reads the interview and the style, loads the plugins (reporting refusals on
/// stderr) and plans.
pub fn plan(input: &InterviewInput) -> anyhow::Result<Planned> {
    let interview = load_interview(&input.file, &input.profile)?;
    let (style, registry) = style_and_channels(input)?;
    let plan = Planner::new(&style.style, &registry.manifests()).plan(&interview);
    Ok(Planned { interview, registry, style, plan })
}

/// Reads and checks the style, and loads the plugins, reporting refusals and style
/// settings for channels no plugin provides on stderr: what is done once per run.
pub fn style_and_channels(input: &InterviewInput) -> anyhow::Result<(StylePack, Registry)> {
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
    Ok((style, registry))
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
