//! The plan as a readable timeline in each recipient's local time.

use std::collections::BTreeMap;
use std::fmt::Write;

use followup_core::human_time::{human, human_date};
use followup_core::plan::{Plan, Step, StepStatus};
use followup_core::validate::ValidInterview;
use jiff::Timestamp;

/// Renders the plan for a person reading a terminal.
pub fn render(
    interview: &ValidInterview,
    plan: &Plan,
    channel_names: &BTreeMap<String, String>,
    now: Timestamp,
) -> String {
    let mut out = String::new();
    let iv = &interview.interview;
    // Writing into a String cannot fail.
    let _ = writeln!(
        out,
        "Follow-up plan for {}: {} at {}",
        interview.candidate_name, iv.role.title, iv.employer.company
    );
    let _ = writeln!(
        out,
        "Interview ended {}; as of {}",
        human(interview.end, &interview.meeting_zone),
        human(now, &interview.candidate_zone)
    );
    for (index, step) in plan.steps.iter().enumerate() {
        out.push('\n');
        render_step(&mut out, index + 1, step, channel_names, now);
    }
    if plan.steps.is_empty() {
        out.push_str("\nNo steps could be planned.\n");
    }
    if !plan.skipped.is_empty() {
        out.push_str("\nNot used:\n");
        for skipped in &plan.skipped {
            let _ = writeln!(out, "  - {}", skipped.reason);
        }
    }
    if !plan.warnings.is_empty() {
        out.push_str("\nWarnings:\n");
        for warning in &plan.warnings {
            let _ = writeln!(out, "  ! {warning}");
        }
    }
    super::terminal_safe(&out).into_owned()
}

fn render_step(
    out: &mut String,
    number: usize,
    step: &Step,
    channel_names: &BTreeMap<String, String>,
    now: Timestamp,
) {
    let zone = &step.time_zone;
    let status = match step.status_at(now) {
        StepStatus::Upcoming => StepStatus::Upcoming.words().to_string(),
        // What needs doing now stands out.
        urgent => urgent.words().to_uppercase(),
    };
    let _ = writeln!(out, "{number}. {}  [{status}]", super::step_headline(step, channel_names));
    let _ = writeln!(out, "   send:   {}", human(step.send_at, zone));
    let _ = writeln!(
        out,
        "   window: {} – {}",
        human(step.not_before, zone),
        human(step.not_after, zone)
    );
    if let Some(arrives) = step.arrives_by {
        let _ = writeln!(out, "   arrives by: {}", human_date(arrives.0));
    }
    let _ = writeln!(out, "   id:     {}", step.id);
    for reason in &step.rationale {
        let _ = writeln!(out, "   - {reason}");
    }
    for warning in &step.warnings {
        let _ = writeln!(out, "   ! {warning}");
    }
}
