//! `followup draft --jsonl`: each record's drafts, `{"line": N, "interview": ID,
//! "drafts": [...]}`, with `"failures"` naming the steps no plugin could draft.

use followup_core::draft::{CheckLevel, Draft};
use followup_core::tracking::interview_id;
use serde::Serialize;

use super::{Setup, Status, Work};
use crate::commands::planning::PlannedRef;

/// Drafts each record's steps (only `channel`'s, when given).
pub struct Drafts<'s> {
    pub setup: &'s Setup,
    pub channel: Option<&'s str>,
}

#[derive(Serialize)]
struct DraftLine<'a> {
    line: usize,
    interview: &'a str,
    drafts: &'a [Draft],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    failures: &'a [String],
}

impl Work for Drafts<'_> {
    fn record(&self, line: usize, bytes: &[u8], out: &mut Vec<u8>) -> Status {
        let setup = self.setup;
        let interview = match super::record::read(&setup.path, bytes, &setup.profile) {
            Ok(interview) => interview,
            Err(error) => {
                super::write_error(out, line, None, &error);
                return Status::Invalid;
            }
        };
        let plan = setup.planner.plan(&interview);
        let planned = PlannedRef {
            interview: &interview,
            registry: &setup.registry,
            style: &setup.style,
            plan: &plan,
        };
        let mut drafts = Vec::with_capacity(plan.steps.len());
        let mut failures = Vec::new();
        let steps = plan.steps.iter().filter(|s| self.channel.is_none_or(|c| s.channel == c));
        for step in steps {
            match crate::commands::draft::draft(planned, step) {
                Ok(draft) => drafts.push(draft),
                Err(message) => failures.push(message),
            }
        }
        followup_core::draft::check_variety(&mut drafts);
        let id = interview_id(&interview);
        super::write_line(
            out,
            &DraftLine { line, interview: &id, drafts: &drafts, failures: &failures },
        );
        let failed_checks = drafts.iter().any(|d| d.worst() == CheckLevel::Fail);
        if failures.is_empty() && !failed_checks && !plan.steps.is_empty() {
            Status::Ok
        } else {
            Status::Failed
        }
    }
}
