//! Drafts as a person reads them: each message ready to copy, then its checks.

use std::collections::BTreeMap;
use std::fmt::Write;

use followup_core::draft::{CheckLevel, Draft};
use followup_core::human_time::human;
use followup_core::plan::{Plan, step_title};
use followup_core::validate::ValidInterview;
use jiff::Timestamp;

/// Renders the drafts of `plan`'s steps for a terminal.
pub fn render(
    iv: &ValidInterview,
    plan: &Plan,
    drafts: &[Draft],
    channel_names: &BTreeMap<String, String>,
    now: Timestamp,
) -> String {
    let mut out = String::new();
    // Writing into a String cannot fail.
    let _ = writeln!(
        out,
        "Drafts for {}: {} at {}",
        iv.candidate_name, iv.interview.role.title, iv.interview.employer.company
    );
    for (index, draft) in drafts.iter().enumerate() {
        let step = plan.steps.iter().find(|s| s.id == draft.step_id);
        let channel =
            channel_names.get(&draft.channel).map_or(draft.channel.as_str(), String::as_str);
        let _ = write!(
            out,
            "\n{}. {} by {channel} to {}",
            index + 1,
            step_title(draft.purpose, step.and_then(|s| s.sequence)),
            draft.recipient.name
        );
        if let Some(on_behalf) = &draft.recipient.on_behalf_of {
            let _ = write!(out, " (for {on_behalf})");
        }
        if !draft.recipient.cc.is_empty() {
            let _ = write!(out, ", cc {}", draft.recipient.cc.join(", "));
        }
        out.push('\n');
        if let Some(step) = step {
            let status = step.status_at(now).words();
            let _ = writeln!(
                out,
                "   send {} ({status}); id {}",
                human(step.send_at, &step.time_zone),
                step.id
            );
        }
        out.push_str("   ----\n");
        if let Some(subject) = &draft.subject {
            let _ = writeln!(out, "   Subject: {subject}\n");
        }
        for line in draft.body.lines() {
            if line.is_empty() {
                out.push('\n');
            } else {
                let _ = writeln!(out, "   {line}");
            }
        }
        out.push_str("   ----\n");
        for check in &draft.checks {
            let mark = match check.level {
                CheckLevel::Pass => "ok  ",
                CheckLevel::Warn => "WARN",
                CheckLevel::Fail => "FAIL",
            };
            let _ = writeln!(out, "   [{mark}] {}: {}", check.name, check.message);
        }
        if !draft.meta.is_empty() {
            let facts: Vec<String> = draft
                .meta
                .iter()
                .filter(|(_, v)| !matches!(v, serde_json::Value::Array(a) if a.is_empty()))
                .map(|(k, v)| match v {
                    serde_json::Value::String(s) => format!("{k} {s}"),
                    other => format!("{k} {other}"),
                })
                .collect();
            let _ = writeln!(out, "   meta: {}", facts.join(", "));
        }
    }
    super::terminal_safe(&out).into_owned()
}
