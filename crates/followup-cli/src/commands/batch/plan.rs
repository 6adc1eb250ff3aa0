//! `followup plan --jsonl`: each record's plan, `{"line": N, "interview": ID, "plan": ...}`.

use followup_core::plan::Plan;
use followup_core::tracking::interview_id;
use serde::Serialize;

use super::{Setup, Status, Work};

/// Plans each record.
pub struct Plans<'s> {
    pub setup: &'s Setup,
}

#[derive(Serialize)]
struct PlanLine<'a> {
    line: usize,
    interview: &'a str,
    plan: &'a Plan,
}

impl Work for Plans<'_> {
    fn record(&self, line: usize, bytes: &[u8], out: &mut Vec<u8>) -> Status {
        let interview = match super::record::read(&self.setup.path, bytes, &self.setup.profile) {
            Ok(interview) => interview,
            Err(error) => {
                super::write_error(out, line, None, &error);
                return Status::Invalid;
            }
        };
        let plan = self.setup.planner.plan(&interview);
        let id = interview_id(&interview);
        super::write_line(out, &PlanLine { line, interview: &id, plan: &plan });
        // As `followup plan` exits 1 for an empty plan, so an empty plan fails its record.
        if plan.steps.is_empty() { Status::Failed } else { Status::Ok }
    }
}
