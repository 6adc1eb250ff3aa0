//! `followup export FILE --out DIR`: writes the drafts as files for the programs people
//! already use.
//!
//! Each step is drafted by its channel plugin, then exported by the same plugin through
//! the boundary (an `.eml` draft, a PDF letter, a text to paste); the host checks the
//! names and contents it gets back. This command adds `followup.ics` (a reminder per
//! step) and `index.html` (every draft at a glance), both written by `followup-export`,
//! and writes everything into the folder:
//!
//! - the folder is locked for the whole export, so two exports into one folder take
//!   turns instead of racing;
//! - all targets are checked before anything is written, so an export refused because
//!   a file exists and differs (without `--force`) writes nothing;
//! - each file is written atomically (a temporary file, then a no-replace link for a
//!   new file or a rename over an old one with `--force`, see `atomic_write`), so no
//!   reader ever sees half of one and no file appearing meanwhile is replaced;
//! - when a write fails (a folder that cannot be written, a full disk), the files this
//!   run created are removed again and the error names the file.
//!
//! A step whose plugin cannot draft or export it is reported and left out; the others
//! are still written, and the command exits 1, as `followup draft` does.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use followup_core::draft::{CheckLevel, Draft, RenderRequest};
use followup_core::export::{ExportRequest, Paper, Thread, message_id, thread_parent};
use followup_core::one_line::one_line;
use followup_core::plan::Step;
use followup_core::time::Moment;
use followup_export::{ExportedStep, html, ics};
use followup_host::ExportFile;

use super::planning::{Planned, PlannedRef};
use crate::atomic_write::{self, Outcome};
use crate::exit;
use crate::settings::ExportSettings;

/// One step of the plan and what the export made of it.
pub(super) struct StepExport<'p> {
    /// The step.
    pub step: &'p Step,
    /// The channel's name from its manifest, such as `Email`.
    channel_name: String,
    /// The draft, when the plugin could draft the step.
    pub draft: Option<Draft>,
    /// The files the plugin made for it.
    files: Vec<ExportFile>,
    /// Why the step could not be drafted or exported.
    pub error: Option<String>,
}

/// A file to write: its name in the folder and its bytes.
pub(super) struct Target {
    pub name: String,
    content: Vec<u8>,
}

/// Runs `followup export`.
pub fn run(settings: &ExportSettings) -> anyhow::Result<ExitCode> {
    let planned = super::planning::plan(&settings.input)?;
    if planned.plan.steps.is_empty() {
        bail!(
            "the plan has no steps, so there is nothing to export; run `followup plan` to see why"
        );
    }
    let Exported { steps, targets, outcomes } = export_into(
        planned.as_ref(),
        &settings.out,
        settings.force,
        settings.paper,
        settings.input.now,
    )?;

    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "Exported {} step(s) for {} into {}:",
        steps.len(),
        one_line(&planned.interview.candidate_name),
        settings.out.display()
    )?;
    for (target, outcome) in targets.iter().zip(&outcomes) {
        writeln!(out, "  {:<9} {}", verb(*outcome), target.name)?;
    }
    out.flush()?;
    record_in_tracker(settings, &planned, &steps);
    let mut failed = false;
    for export in &steps {
        if let Some(error) = &export.error {
            eprintln!("error: {error}");
            failed = true;
        } else if export.draft.as_ref().is_some_and(|d| d.worst() == CheckLevel::Fail) {
            eprintln!(
                "warning: the draft of step `{}` failed a check; fix it before sending (see {})",
                export.step.id,
                html::FILE_NAME
            );
            failed = true;
        }
    }
    Ok(ExitCode::from(if failed { exit::FAILURE } else { exit::OK }))
}

/// What exporting one interview did: each step's export, the files and how each was
/// written (in the same order as `targets`).
pub(super) struct Exported<'p> {
    pub steps: Vec<StepExport<'p>>,
    pub targets: Vec<Target>,
    pub outcomes: Vec<Outcome>,
}

/// Drafts and exports every step of a planned interview, adds the calendar and the
/// overview page, and writes them all into `dir` (see the module's rules); the one
/// export path that a single export and a batch both take.
pub(super) fn export_into<'p>(
    planned: PlannedRef<'p>,
    dir: &Path,
    force: bool,
    paper: Paper,
    now: jiff::Timestamp,
) -> anyhow::Result<Exported<'p>> {
    let names = super::channel_names(planned.registry);
    // Steps go in plan order, so a thank-you is drafted before the check-ins that answer
    // its thread (and need its subject).
    let mut steps: Vec<StepExport<'p>> = Vec::with_capacity(planned.plan.steps.len());
    for step in &planned.plan.steps {
        let thread = thread_parent(&planned.plan.steps, step).map(|parent| Thread {
            message_id: message_id(&parent.id, &planned.interview.interview),
            subject: steps
                .iter()
                .find(|done| done.step.id == parent.id)
                .and_then(|done| done.draft.as_ref())
                .and_then(|draft| draft.subject.clone()),
            sent_at: Moment(parent.send_at),
        });
        steps.push(export_step(planned, step, paper, &names, thread));
    }
    refuse_clashing_names(&mut steps);

    let exported: Vec<ExportedStep<'_>> = steps
        .iter()
        .map(|s| ExportedStep {
            draft: s.draft.as_ref(),
            files: s.files.iter().map(|f| f.name.as_str()).collect(),
            error: s.error.as_deref(),
            ..ExportedStep::new(planned.interview, s.step, &s.channel_name)
        })
        .collect();
    let mut targets: Vec<Target> = steps
        .iter()
        .flat_map(|s| &s.files)
        .map(|file| Target { name: file.name.clone(), content: file.content.clone() })
        .collect();
    targets.push(Target {
        name: ics::FILE_NAME.to_string(),
        content: ics::calendar(&ics::calendar_name(&planned.interview.interview), &exported, now)
            .into_bytes(),
    });
    let mut written: Vec<String> = targets.iter().map(|t| t.name.clone()).collect();
    written.push(html::FILE_NAME.to_string());
    targets.push(Target {
        name: html::FILE_NAME.to_string(),
        content: html::page(planned.interview, planned.plan, &exported, &written, now).into_bytes(),
    });
    drop(exported);

    let outcomes = write_all(dir, &targets, force)?;
    Ok(Exported { steps, targets, outcomes })
}

/// What happened to a file, in a word.
pub(super) fn verb(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Created => "created",
        Outcome::Replaced => "replaced",
        Outcome::Unchanged => "unchanged",
    }
}

/// Tells the tracker which file (and Message-ID) each step went into, when the
/// interview is tracked; a store that cannot be written is a warning, not a failed export.
fn record_in_tracker(settings: &ExportSettings, planned: &Planned, steps: &[StepExport<'_>]) {
    let Some(store) = &settings.store else { return };
    let folder = settings.out.canonicalize().unwrap_or_else(|_| settings.out.clone());
    let exported: Vec<super::track::exports::ExportedStep> = steps
        .iter()
        .filter_map(|export| {
            let file = export.files.first()?;
            let message_id = (file.media_type == "message/rfc822")
                .then(|| super::track::exports::message_id_of(&file.content))
                .flatten();
            Some(super::track::exports::ExportedStep {
                step: export.step.id.clone(),
                file: folder.join(&file.name),
                message_id,
            })
        })
        .collect();
    let replan = crate::settings::ReplanSettings {
        search: settings.input.search.clone(),
        styles_dir: settings.styles_dir.clone(),
    };
    match super::track::exports::record(
        store,
        &replan,
        &planned.interview,
        &exported,
        settings.input.now,
    ) {
        Ok(Some(id)) => eprintln!("recorded in the tracker: {id}"),
        Ok(None) => {}
        Err(err) => eprintln!("warning: the export was not recorded in the tracker: {err:#}"),
    }
}

/// Drafts one step with its plugin, then asks the same plugin for its files.
fn export_step<'p>(
    planned: PlannedRef<'p>,
    step: &'p Step,
    paper: Paper,
    names: &std::collections::BTreeMap<String, String>,
    thread: Option<Thread>,
) -> StepExport<'p> {
    let channel_name = names.get(&step.channel).cloned().unwrap_or_else(|| step.channel.clone());
    let mut export = StepExport { step, channel_name, draft: None, files: Vec::new(), error: None };
    let Some(plugin) = planned.registry.get(&step.channel) else {
        export.error = Some(format!("no plugin provides the channel `{}`", step.channel));
        return export;
    };
    let style =
        planned.style.style.draft_style(&step.channel, planned.style.templates_for(&step.channel));
    let request = RenderRequest::new(step, &planned.interview.interview, style.clone());
    let draft = match plugin.render(&request) {
        Ok(rendered) => Draft::new(step, rendered),
        Err(err) => {
            export.error = Some(err.to_string());
            return export;
        }
    };
    let request = ExportRequest::new(
        draft.clone(),
        step.clone(),
        planned.interview.interview.clone(),
        style,
        paper,
    )
    .replying_to(thread);
    match plugin.export(&request) {
        Ok(files) => export.files = files,
        Err(err) => export.error = Some(err.to_string()),
    }
    export.draft = Some(draft);
    export
}

/// Takes the files away from a step whose plugin named a file that another step, or
/// this command (`followup.ics`, `index.html`), already writes; the step reports it.
fn refuse_clashing_names(steps: &mut [StepExport<'_>]) {
    let mut taken: Vec<String> = vec![ics::FILE_NAME.to_string(), html::FILE_NAME.to_string()];
    for export in steps.iter_mut() {
        // File systems that ignore case would make `A.txt` and `a.txt` one file.
        let clash = export
            .files
            .iter()
            .find(|file| taken.iter().any(|name| name.eq_ignore_ascii_case(&file.name)));
        if let Some(file) = clash {
            export.error = Some(format!(
                "the `{}` plugin wants to write {:?} for step `{}`, a name another file of this export already has; report this to the plugin's author",
                export.step.channel, file.name, export.step.id
            ));
            export.files.clear();
            continue;
        }
        taken.extend(export.files.iter().map(|file| file.name.clone()));
    }
}

/// Writes every target into `dir` (created if missing): locks the folder for the whole
/// export, checks every target first, then writes each atomically, and removes the
/// files this run created if a later write fails.
fn write_all(dir: &Path, targets: &[Target], force: bool) -> anyhow::Result<Vec<Outcome>> {
    std::fs::create_dir_all(dir).with_context(|| {
        format!(
            "{}: cannot create the export folder; check the path, or choose another with --out",
            dir.display()
        )
    })?;
    let folder = atomic_write::Folder::lock(dir)?;
    let mut differing: Vec<&str> = Vec::new();
    for target in targets {
        let path = folder.path_of(&target.name);
        match std::fs::read(&path) {
            Ok(current) if current != target.content && !force => differing.push(&target.name),
            Ok(_) => {}
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => {
                return Err(anyhow::Error::new(err).context(format!(
                    "{}: cannot read the existing file to compare it; nothing was written",
                    path.display()
                )));
            }
        }
    }
    if !differing.is_empty() {
        bail!(
            "{}: {} file(s) exist and differ: {}; nothing was written; pass --force to replace them",
            dir.display(),
            differing.len(),
            differing.join(", ")
        );
    }
    let mut outcomes = Vec::with_capacity(targets.len());
    let mut created: Vec<PathBuf> = Vec::new();
    for target in targets {
        match folder.write(&target.name, &target.content, force) {
            Ok(outcome) => {
                if outcome == Outcome::Created {
                    created.push(folder.path_of(&target.name));
                }
                outcomes.push(outcome);
            }
            Err(err) => {
                // Only files this run created go: the folder is locked, so no other
                // run of followup can have put one of them there meanwhile.
                let removed = created.iter().filter(|p| std::fs::remove_file(p).is_ok()).count();
                let replaced = outcomes.iter().filter(|o| **o == Outcome::Replaced).count();
                let mut note = format!(
                    "the export stopped; no file is half-written, and the {removed} file(s) it had created were removed"
                );
                if replaced > 0 {
                    note.push_str(&format!(
                        " ({replaced} file(s) replaced before the failure keep their new content)"
                    ));
                }
                return Err(anyhow::Error::new(err).context(note));
            }
        }
    }
    Ok(outcomes)
}
