//! `followup export --jsonl --out DIR`: each record exported into `DIR/<interview id>/`
//! by the single export's own path (the same checks first, atomic writes, nothing
//! replaced without `--force`), `{"line": N, "interview": ID, "folder": ..., "files":
//! [...]}`.

use std::path::Path;

use followup_core::export::Paper;
use followup_core::tracking::interview_id;
use serde::Serialize;

use super::{RecordError, Setup, Status, Work};
use crate::commands::export::{Exported, export_into, verb};
use crate::commands::planning::PlannedRef;

/// Exports each record into its own folder under `out`.
pub struct Exports<'s> {
    pub setup: &'s Setup,
    pub out: &'s Path,
    pub force: bool,
    pub paper: Paper,
}

#[derive(Serialize)]
struct ExportLine<'a> {
    line: usize,
    interview: &'a str,
    folder: String,
    files: Vec<FileLine<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    failures: Vec<&'a str>,
}

#[derive(Serialize)]
struct FileLine<'a> {
    name: &'a str,
    outcome: &'static str,
}

impl Work for Exports<'_> {
    fn record(&self, line: usize, bytes: &[u8], out: &mut Vec<u8>) -> Status {
        let setup = self.setup;
        let interview = match super::record::read(&setup.path, bytes, &setup.profile) {
            Ok(interview) => interview,
            Err(error) => {
                super::write_error(out, line, None, &error);
                return Status::Invalid;
            }
        };
        let id = interview_id(&interview);
        let plan = setup.planner.plan(&interview);
        if plan.steps.is_empty() {
            let error = RecordError::failure(
                "the plan has no steps, so there is nothing to export; run `followup plan --jsonl` to see why".into(),
            );
            super::write_error(out, line, Some(&id), &error);
            return Status::Failed;
        }
        let planned = PlannedRef {
            interview: &interview,
            registry: &setup.registry,
            style: &setup.style,
            plan: &plan,
        };
        let folder = self.out.join(&id);
        match export_into(planned, &folder, self.force, self.paper, setup.now) {
            Ok(Exported { steps, targets, outcomes }) => {
                let files = targets
                    .iter()
                    .zip(&outcomes)
                    .map(|(target, outcome)| FileLine {
                        name: &target.name,
                        outcome: verb(*outcome),
                    })
                    .collect();
                let failures: Vec<&str> = steps.iter().filter_map(|s| s.error.as_deref()).collect();
                let failed_checks = steps.iter().any(|s| {
                    s.draft
                        .as_ref()
                        .is_some_and(|d| d.worst() == followup_core::draft::CheckLevel::Fail)
                });
                let status =
                    if failures.is_empty() && !failed_checks { Status::Ok } else { Status::Failed };
                let folder = folder.display().to_string();
                super::write_line(
                    out,
                    &ExportLine { line, interview: &id, folder, files, failures },
                );
                status
            }
            Err(err) => {
                let error = RecordError::failure(format!("{err:#}"));
                super::write_error(out, line, Some(&id), &error);
                Status::Failed
            }
        }
    }
}
