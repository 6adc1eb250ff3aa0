//! The tracker commands' settings, resolved from their arguments.

use std::path::PathBuf;

use anyhow::Context;
use followup_core::time::Moment;
use followup_core::tracking::Outcome;
use followup_host::SearchPath;
use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};

use super::{Environment, ProfileChoice};
use crate::args::Command;
use crate::args::OutputFormat;
use crate::args::track::{OutcomeArg, StoreAction, TrackOptions};
use crate::exit::UsageError;

/// The environment variable naming the store.
pub const STORE_VAR: &str = "FOLLOWUP_STORE";

/// Settings of a tracker command.
#[derive(Debug)]
pub struct TrackSettings {
    /// The store's file.
    pub store: PathBuf,
    /// The present moment.
    pub now: Timestamp,
    /// How to print.
    pub format: OutputFormat,
    /// Where plugins and named styles are found, to re-plan interviews.
    pub replan: ReplanSettings,
    /// What to do.
    pub action: TrackAction,
}

/// What re-planning a tracked interview needs besides its events.
#[derive(Debug, Clone)]
pub struct ReplanSettings {
    /// Where the plugins are found.
    pub search: SearchPath,
    /// The folder of named styles.
    pub styles_dir: Option<PathBuf>,
}

/// A tracker command, with its values checked.
#[derive(Debug)]
pub enum TrackAction {
    /// `followup add`.
    Add {
        files: Vec<PathBuf>,
        profile: ProfileChoice,
        style: Option<String>,
        /// With `--jsonl`: the one file is JSON Lines, added in chunks.
        batch: Option<super::batch::BatchOptions>,
    },
    /// `followup due`.
    Due { within: SignedDuration },
    /// `followup sent`.
    Sent { step: String, at: Timestamp },
    /// `followup replied`.
    Replied { interview: String, from: Option<String>, at: Timestamp, away_until: Option<Date> },
    /// `followup opted-out`.
    OptedOut { interview: String, person: String, channel: String, said: Option<String> },
    /// `followup snooze`.
    Snooze { step: String, until: Timestamp },
    /// `followup skip`.
    Skip { step: String, why: String },
    /// `followup outcome`.
    Outcome { interview: String, outcome: Outcome, at: Timestamp },
    /// `followup list`.
    List,
    /// `followup show`.
    Show { interview: String },
    /// `followup log`.
    Log { interview: Option<String> },
    /// `followup forget`.
    Forget { interview: String, yes: bool },
    /// `followup store export`.
    StoreExport { out: Option<PathBuf>, force: bool },
    /// `followup store import`.
    StoreImport { file: PathBuf },
    /// `followup calendar`.
    Calendar { out: Option<PathBuf>, force: bool },
    /// `followup inbox`.
    Inbox { paths: Vec<PathBuf>, apply: bool },
}

/// The store's path: `--store`, else `FOLLOWUP_STORE`, else `followup.db` in the user's
/// data folder; `None` when none of them is known.
pub fn store_path(given: Option<PathBuf>, env: &Environment) -> Option<PathBuf> {
    given
        .or_else(|| env.store_path.clone().filter(|p| !p.is_empty()).map(PathBuf::from))
        .or_else(|| env.data_dir.as_ref().map(|dir| dir.join("followup.db")))
}

/// Resolves a tracker command; gives the command back when it is not one.
pub fn resolve(
    command: Command,
    store: Option<PathBuf>,
    env: &Environment,
    search: SearchPath,
) -> anyhow::Result<Result<TrackSettings, Command>> {
    let store = store.ok_or_else(|| {
        UsageError(format!(
            "no data folder is known for the store; pass --store PATH or set {STORE_VAR}"
        ))
    })?;
    let replan =
        ReplanSettings { search, styles_dir: env.config_dir.as_ref().map(|d| d.join("styles")) };
    let (options, action) = match command {
        Command::Add(args) => {
            let profile = match (args.no_profile, args.profile) {
                (true, _) => ProfileChoice::Skip,
                (false, Some(path)) => ProfileChoice::Given(path),
                (false, None) => {
                    ProfileChoice::Default(env.config_dir.as_ref().map(|d| d.join("profile.toml")))
                }
            };
            let batch = super::batch::BatchOptions::resolve(&args.batch)?;
            if batch.is_some() && args.files.len() != 1 {
                return Err(UsageError(
                    "--jsonl reads one JSON Lines file (or `-`); give exactly one".into(),
                )
                .into());
            }
            (
                args.options,
                Action::Ready(TrackAction::Add {
                    files: args.files,
                    profile,
                    style: args.style,
                    batch,
                }),
            )
        }
        Command::Due(args) => {
            let within = duration("--within", &args.within)?;
            (args.options, Action::Ready(TrackAction::Due { within }))
        }
        Command::Sent(args) => (
            args.options,
            Action::At(args.at, Box::new(move |at| TrackAction::Sent { step: args.step, at })),
        ),
        Command::Replied(args) => {
            let away_until = args
                .out_of_office_until
                .as_deref()
                .map(|text| {
                    text.trim().parse::<Date>().map_err(|err| {
                        UsageError(format!(
                            "--out-of-office-until: `{text}` is not a date; write it like 2026-12-07 ({err})"
                        ))
                    })
                })
                .transpose()?;
            let (interview, from) = (args.interview, args.from);
            (
                args.options,
                Action::At(
                    args.at,
                    Box::new(move |at| TrackAction::Replied { interview, from, at, away_until }),
                ),
            )
        }
        Command::OptedOut(args) => (
            args.options,
            Action::Ready(TrackAction::OptedOut {
                interview: args.interview,
                person: args.person,
                channel: args.channel,
                said: args.said,
            }),
        ),
        Command::Snooze(args) => {
            let until = moment("--until", &args.until)?;
            (args.options, Action::Ready(TrackAction::Snooze { step: args.step, until }))
        }
        Command::Skip(args) => {
            if args.why.trim().is_empty() {
                return Err(UsageError("--why: say why the step is skipped".to_string()).into());
            }
            (args.options, Action::Ready(TrackAction::Skip { step: args.step, why: args.why }))
        }
        Command::Outcome(args) => {
            let outcome = match args.outcome {
                OutcomeArg::Offer => Outcome::Offer,
                OutcomeArg::Rejected => Outcome::Rejected,
                OutcomeArg::Withdrawn => Outcome::Withdrawn,
                OutcomeArg::NextRound => Outcome::NextRound,
            };
            let interview = args.interview;
            (
                args.options,
                Action::At(
                    args.at,
                    Box::new(move |at| TrackAction::Outcome { interview, outcome, at }),
                ),
            )
        }
        Command::List(args) => (args.options, Action::Ready(TrackAction::List)),
        Command::Show(args) => {
            (args.options, Action::Ready(TrackAction::Show { interview: args.interview }))
        }
        Command::Log(args) => {
            (args.options, Action::Ready(TrackAction::Log { interview: args.interview }))
        }
        Command::Forget(args) => (
            args.options,
            Action::Ready(TrackAction::Forget { interview: args.interview, yes: args.yes }),
        ),
        Command::Calendar(args) => (
            args.options,
            Action::Ready(TrackAction::Calendar { out: args.out, force: args.force }),
        ),
        Command::Store(args) => match args.action {
            StoreAction::Export { out, force, now } => (
                TrackOptions { now, format: OutputFormat::Json },
                Action::Ready(TrackAction::StoreExport { out, force }),
            ),
            StoreAction::Import { file, options } => {
                (options, Action::Ready(TrackAction::StoreImport { file }))
            }
        },
        Command::Inbox(args) => (
            args.options,
            Action::Ready(TrackAction::Inbox { paths: args.paths, apply: args.apply }),
        ),
        other => return Ok(Err(other)),
    };
    let now = match &options.now {
        Some(text) => moment("--now", text)?,
        None => env.now,
    };
    let action = match action {
        Action::Ready(action) => action,
        Action::At(at, build) => {
            let at = match at {
                Some(text) => moment("--at", &text)?,
                None => now,
            };
            build(at)
        }
    };
    Ok(Ok(TrackSettings { store, now, format: options.format, replan, action }))
}

/// An action that is complete, or that still needs its `--at` (default: `--now`).
enum Action {
    Ready(TrackAction),
    At(Option<String>, Box<dyn FnOnce(Timestamp) -> TrackAction>),
}

fn moment(flag: &str, text: &str) -> anyhow::Result<Timestamp> {
    Moment::parse(text)
        .map(|m| m.0)
        .map_err(|message| UsageError(format!("{flag}: {message}")))
        .with_context(|| format!("{flag} could not be read"))
}

/// Reads a duration such as `2d`, `36h`, `1w` or `90m` (days are 24 hours).
fn duration(flag: &str, text: &str) -> anyhow::Result<SignedDuration> {
    let span: jiff::Span = text.trim().parse().map_err(|err| {
        UsageError(format!(
            "{flag}: `{text}` is not a duration; write it like 2d, 36h or 1w ({err})"
        ))
    })?;
    let duration = span
        .to_duration(jiff::SpanRelativeTo::days_are_24_hours())
        .map_err(|err| UsageError(format!("{flag}: `{text}` is too long ({err})")))?;
    if duration.is_negative() {
        return Err(
            UsageError(format!("{flag}: `{text}` is negative; look ahead, not back")).into()
        );
    }
    Ok(duration)
}
