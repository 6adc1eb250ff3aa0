//! What `plan` and `draft` share: read the interview, load the channels, plan.

use followup_core::interview::Interview;
use followup_core::plan::Plan;
use followup_core::planner::Planner;
use followup_core::validate::{self, ValidInterview};
use followup_host::Registry;

use followup_core::interview::CandidateDetails;
use followup_validate::{Checker, Kind, toml_to_json};

use crate::document::{Format, InputError, SourceFile};
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
    let profile = profile::load(profile)?;
    let mut interview: Interview = match source.parse() {
        Ok(interview) => interview,
        Err(first @ InputError::Syntax { .. }) => {
            return Err(every_problem(&source, &profile).unwrap_or(first));
        }
        Err(other) => return Err(other),
    };
    if !interview.candidate.is_profile_of(&profile) {
        eprintln!(
            "warning: {}: the candidate is {}, not the profile's {}; the profile is not used for this interview",
            source.path.display(),
            followup_core::one_line::one_line(
                interview.candidate.name.as_deref().unwrap_or("someone else")
            ),
            followup_core::one_line::one_line(profile.name.as_deref().unwrap_or("person")),
        );
    }
    interview.candidate = interview.candidate.or_profile(&profile);
    let valid = validate::validate(interview).map_err(|invalid| {
        InputError::invalid(source.path.clone(), Some(&source), invalid.problems)
    })?;
    for warning in &valid.warnings {
        let at = source.locate(&warning.field).map(|at| format!(":{at}")).unwrap_or_default();
        eprintln!(
            "warning: {}{at}: {}: {}",
            source.path.display(),
            warning.field,
            crate::output::terminal_safe(&warning.message)
        );
    }
    Ok(valid)
}

/// Every problem of an interview that did not deserialise, as `followup validate`
/// lists them (reading stops at the first wrong field; the schemas and core's rules
/// see them all), or `None` when the text itself is not TOML or JSON, whose first
/// error is all there is to say, or when that first error is the only one.
fn every_problem(source: &SourceFile, profile: &CandidateDetails) -> Option<InputError> {
    let value = match source.format {
        Format::Toml => toml_to_json(toml::Value::Table(source.parse::<toml::Table>().ok()?)),
        Format::Json => source.parse::<serde_json::Value>().ok()?,
    };
    let checker = Checker::new(&followup_core::schema::all(&[]), Vec::new())
        .ok()?
        .with_profile(profile.clone());
    let problems: Vec<_> = checker
        .check(Kind::Interview, value)
        .into_iter()
        .filter(followup_validate::Problem::is_error)
        .map(|problem| problem.at)
        .collect();
    // One problem is the reader's own, whose message says more (the fields expected).
    (problems.len() > 1).then(|| InputError::invalid(source.path.clone(), Some(source), problems))
}
