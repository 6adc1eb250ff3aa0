//! The tracker's subcommands as clap sees them.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::OutputFormat;

/// Options every tracker command takes.
#[derive(Debug, Args)]
pub struct TrackOptions {
    /// The present moment (RFC 3339 with an offset, like 2026-11-24T18:00:00-06:00).
    /// Default: now.
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
}

/// Arguments of `followup add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Interview files to track (TOML or JSON). Adding one again re-plans it. With
    /// --jsonl, one JSON Lines file of interviews (`-` for standard input).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub batch: super::batch::BatchArgs,
    #[command(flatten)]
    pub options: TrackOptions,
    /// The candidate profile to merge in (default: profile.toml in the config folder).
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// Do not read any candidate profile.
    #[arg(long, conflicts_with = "profile")]
    pub no_profile: bool,
    /// The style pack to plan with: a folder, or the name of an installed one.
    #[arg(long, value_name = "DIR-or-NAME")]
    pub style: Option<String>,
}

/// Arguments of `followup due`.
#[derive(Debug, Args)]
pub struct DueArgs {
    /// How far ahead to look for upcoming steps (`2d`, `36h`, `1w`).
    #[arg(long, value_name = "DURATION", default_value = "2d")]
    pub within: String,
    #[command(flatten)]
    pub options: TrackOptions,
}

/// Arguments of `followup sent`.
#[derive(Debug, Args)]
pub struct SentArgs {
    /// The step: `INTERVIEW/STEP`, or the step id alone where it is unique.
    #[arg(value_name = "STEP")]
    pub step: String,
    /// When it went out (RFC 3339 with an offset). Default: now.
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    #[command(flatten)]
    pub options: TrackOptions,
}

/// Arguments of `followup replied`.
#[derive(Debug, Args)]
pub struct RepliedArgs {
    /// The interview's id (see `followup list`).
    #[arg(value_name = "INTERVIEW")]
    pub interview: String,
    /// Who answered (an interviewer or the recruiter).
    #[arg(long, value_name = "PERSON")]
    pub from: Option<String>,
    /// When the answer came (RFC 3339 with an offset). Default: now.
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    /// The answer was an automatic out-of-office reply: pause check-ins to that person
    /// until this day (YYYY-MM-DD) instead of stopping them.
    #[arg(long, value_name = "DATE")]
    pub out_of_office_until: Option<String>,
    #[command(flatten)]
    pub options: TrackOptions,
}

/// Arguments of `followup opted-out`.
#[derive(Debug, Args)]
pub struct OptedOutArgs {
    /// The interview's id.
    #[arg(value_name = "INTERVIEW")]
    pub interview: String,
    /// Who opted out (an interviewer or the recruiter).
    #[arg(long, value_name = "PERSON")]
    pub person: String,
    /// The channel they opted out of (`sms`).
    #[arg(long, value_name = "CHANNEL")]
    pub channel: String,
    /// What they said (`STOP`), kept with the consent record.
    #[arg(long, value_name = "TEXT")]
    pub said: Option<String>,
    #[command(flatten)]
    pub options: TrackOptions,
}

/// Arguments of `followup snooze`.
#[derive(Debug, Args)]
pub struct SnoozeArgs {
    /// The step: `INTERVIEW/STEP`, or the step id alone where it is unique.
    #[arg(value_name = "STEP")]
    pub step: String,
    /// Not before this moment (RFC 3339 with an offset).
    #[arg(long, value_name = "TIME")]
    pub until: String,
    #[command(flatten)]
    pub options: TrackOptions,
}

/// Arguments of `followup skip`.
#[derive(Debug, Args)]
pub struct SkipArgs {
    /// The step: `INTERVIEW/STEP`, or the step id alone where it is unique.
    #[arg(value_name = "STEP")]
    pub step: String,
    /// Why it will not be sent.
    #[arg(long, value_name = "TEXT")]
    pub why: String,
    #[command(flatten)]
    pub options: TrackOptions,
}

/// Arguments of `followup outcome`.
#[derive(Debug, Args)]
pub struct OutcomeArgs {
    /// The interview's id.
    #[arg(value_name = "INTERVIEW")]
    pub interview: String,
    /// How it ended.
    #[arg(value_enum, value_name = "OUTCOME")]
    pub outcome: OutcomeArg,
    /// When (RFC 3339 with an offset). Default: now.
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    #[command(flatten)]
    pub options: TrackOptions,
}

/// The outcomes `followup outcome` records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutcomeArg {
    /// An offer: the plan ends.
    Offer,
    /// A rejection: the plan ends.
    Rejected,
    /// You withdrew: the plan ends.
    Withdrawn,
    /// A next round: check-ins stop; add the next interview with `followup add`.
    NextRound,
}

/// Arguments of `followup list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub options: TrackOptions,
}

/// Arguments of `followup show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The interview's id.
    #[arg(value_name = "INTERVIEW")]
    pub interview: String,
    #[command(flatten)]
    pub options: TrackOptions,
}

/// Arguments of `followup log`.
#[derive(Debug, Args)]
pub struct LogArgs {
    /// Only this interview's events.
    #[arg(value_name = "INTERVIEW")]
    pub interview: Option<String>,
    #[command(flatten)]
    pub options: TrackOptions,
}

/// Arguments of `followup forget`.
#[derive(Debug, Args)]
pub struct ForgetArgs {
    /// The interview's id.
    #[arg(value_name = "INTERVIEW")]
    pub interview: String,
    /// Do not ask for confirmation.
    #[arg(long)]
    pub yes: bool,
    #[command(flatten)]
    pub options: TrackOptions,
}

/// Arguments of `followup calendar`.
#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// The file to write (an earlier followup calendar there is updated). Default:
    /// standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace FILE even if it is not a calendar followup wrote.
    #[arg(long, requires = "out")]
    pub force: bool,
    #[command(flatten)]
    pub options: TrackOptions,
}

/// Arguments of `followup inbox`.
#[derive(Debug, Args)]
pub struct InboxArgs {
    /// Mailboxes to read: Maildir folders (with `cur/` and `new/`), mbox files, .eml
    /// files or folders of them. Nothing in them is changed.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// Record the strong and medium suggestions as events (and remember what was read,
    /// so that the next scan skips it). Without it, nothing changes.
    #[arg(long)]
    pub apply: bool,
    #[command(flatten)]
    pub options: TrackOptions,
}

/// Arguments of `followup store`.
#[derive(Debug, Args)]
pub struct StoreArgs {
    #[command(subcommand)]
    pub action: StoreAction,
}

/// What `followup store` does.
#[derive(Debug, Subcommand)]
pub enum StoreAction {
    /// Write the whole store as JSON Lines (schema: store-record.schema.json).
    Export {
        /// The file to write. Default: standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Replace FILE if it exists.
        #[arg(long, requires = "out")]
        force: bool,
        /// The present moment. Default: now.
        #[arg(long, value_name = "TIME")]
        now: Option<String>,
    },
    /// Restore a `store export` file into an empty store.
    Import {
        /// The JSON Lines file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[command(flatten)]
        options: TrackOptions,
    },
}
