//! `followup draft FILE`: plans the interview, then asks each step's channel to draft
//! its message, and prints the drafts with their checks.

use std::io::Write;
use std::process::ExitCode;

use anyhow::bail;
use followup_core::draft::{CheckLevel, Draft, RenderRequest};
use followup_core::plan::Step;

use crate::args::OutputFormat;
use crate::exit;
use crate::output::draft_text;
use crate::settings::DraftSettings;

use super::planning::{Planned, PlannedRef};

/// Runs `followup draft`.
pub fn run(settings: &DraftSettings) -> anyhow::Result<ExitCode> {
    let planned = super::planning::plan(&settings.input)?;
    let steps = chosen_steps(&planned, settings)?;
    let mut drafts = Vec::with_capacity(steps.len());
    let mut failures = Vec::new();
    for step in steps {
        match draft(planned.as_ref(), step) {
            Ok(draft) => drafts.push(draft),
            Err(message) => failures.push(message),
        }
    }
    followup_core::draft::check_variety(&mut drafts);

    let mut out = std::io::stdout().lock();
    match settings.format {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &drafts)?;
            writeln!(out)?;
        }
        OutputFormat::Text => {
            let names = super::channel_names(&planned.registry);
            let text = draft_text::render(
                &planned.interview,
                &planned.plan,
                &drafts,
                &names,
                settings.input.now,
            );
            out.write_all(text.as_bytes())?;
        }
    }
    out.flush()?;
    for failure in &failures {
        eprintln!("error: {failure}");
    }
    let failed_checks = drafts.iter().any(|d| d.worst() == CheckLevel::Fail);
    Ok(ExitCode::from(if failures.is_empty() && !failed_checks { exit::OK } else { exit::FAILURE }))
}

/// The steps `--step` and `--channel` select, or why none can be drafted.
fn chosen_steps<'p>(
    planned: &'p Planned,
    settings: &DraftSettings,
) -> anyhow::Result<Vec<&'p Step>> {
    let plan = &planned.plan;
    let mut steps: Vec<&Step> = plan.steps.iter().collect();
    if let Some(id) = &settings.step {
        steps.retain(|step| &step.id == id);
        if steps.is_empty() {
            let ids: Vec<&str> = plan.steps.iter().map(|s| s.id.as_str()).collect();
            bail!("the plan has no step `{id}`; its steps are: {}", ids.join(", "));
        }
    }
    if let Some(channel) = &settings.channel {
        if planned.registry.get(channel).is_none() {
            let names = super::channel_names(&planned.registry);
            let known: Vec<&str> = names.keys().map(String::as_str).collect();
            let hint = match followup_validate::closest(channel, known.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("the installed channels are: {}", known.join(", ")),
            };
            return Err(crate::exit::UsageError(format!(
                "no plugin provides the channel `{channel}`; {hint} (run `followup plugins` to see them)"
            ))
            .into());
        }
        steps.retain(|step| &step.channel == channel);
        if steps.is_empty() {
            // Consent and fit are rules, not preferences: say why the channel is out.
            let reasons: Vec<&str> = plan
                .skipped
                .iter()
                .filter(|s| &s.channel == channel)
                .map(|s| s.reason.as_str())
                .collect();
            if !reasons.is_empty() {
                bail!("no step uses `{channel}`: {}", reasons.join("; "));
            }
            bail!("no step of this plan uses `{channel}`");
        }
    }
    Ok(steps)
}

/// Asks the step's plugin for its draft.
pub(super) fn draft(planned: PlannedRef<'_>, step: &Step) -> Result<Draft, String> {
    let plugin = planned
        .registry
        .get(&step.channel)
        .ok_or_else(|| format!("no plugin provides the channel `{}`", step.channel))?;
    let style =
        planned.style.style.draft_style(&step.channel, planned.style.templates_for(&step.channel));
    let request = RenderRequest::new(step, &planned.interview.interview, style);
    let rendered = plugin.render(&request).map_err(|err| err.to_string())?;
    Ok(Draft::new(step, rendered))
}
