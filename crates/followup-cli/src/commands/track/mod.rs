//! The tracker's commands: `add`, `due`, `sent`, `replied`, `opted-out`, `snooze`,
//! `skip`, `outcome`, `list`, `show`, `log`, `forget`, `calendar`, `store
//! export|import` and `inbox`.
//!
//! Every write goes through [`replan::Replanner::save`]: the command appends its events, the
//! interview is planned again from all of its events (core's rules, with what was sent
//! and who is away) and the derived view is written in the same transaction, so the
//! cache never disagrees with the log.

pub(crate) mod add;
mod calendar;
mod due;
pub mod exports;
mod inbox;
mod names;
mod read;
mod record;
pub(crate) mod replan;
mod store_io;
mod text;

use std::process::ExitCode;

use followup_tracker::Store;

use crate::settings::{TrackAction, TrackSettings};

/// Runs a tracker command.
pub fn run(settings: TrackSettings) -> anyhow::Result<ExitCode> {
    match &settings.action {
        TrackAction::Add { files, profile, style, batch: Some(options) } => {
            let file = files.first().ok_or_else(|| anyhow::anyhow!("--jsonl needs a file"))?;
            super::batch::add::run(&settings, file, profile, style.as_deref(), *options)
        }
        TrackAction::Add { files, profile, style, batch: None } => {
            add::run(&settings, files, profile, style.as_deref())
        }
        TrackAction::Due { within } => due::run(&settings, *within),
        TrackAction::Sent { .. }
        | TrackAction::Replied { .. }
        | TrackAction::OptedOut { .. }
        | TrackAction::Snooze { .. }
        | TrackAction::Skip { .. }
        | TrackAction::Outcome { .. } => record::run(&settings),
        TrackAction::List => read::list(&settings),
        TrackAction::Show { interview } => read::show(&settings, interview),
        TrackAction::Log { interview } => read::log(&settings, interview.as_deref()),
        TrackAction::Forget { interview, yes } => record::forget(&settings, interview, *yes),
        TrackAction::StoreExport { out, force } => {
            store_io::export(&settings, out.as_deref(), *force)
        }
        TrackAction::StoreImport { file } => store_io::import(&settings, file),
        TrackAction::Calendar { out, force } => calendar::run(&settings, out.as_deref(), *force),
        TrackAction::Inbox { paths, apply } => inbox::run(&settings, paths, *apply),
    }
}

/// Opens the store for a command that writes (creating it if needed).
pub(crate) fn open_for_writing(settings: &TrackSettings) -> anyhow::Result<Store> {
    Ok(Store::open(&settings.store)?)
}

/// Opens the store for a command that only reads; `None` when there is none yet.
fn open_for_reading(settings: &TrackSettings) -> anyhow::Result<Option<Store>> {
    Ok(Store::open_existing(&settings.store)?)
}
