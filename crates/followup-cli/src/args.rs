//! The command line as clap sees it. Nothing outside `settings` reads these types.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub mod batch;
pub mod track;

const EXAMPLES: &str = "\
Examples:
  followup plan docs/examples/professional-email.toml
  followup plan interview.toml --now 2026-11-24T18:00:00-06:00 --format json
  followup plan interview.json --plugin-dir ./my-plugins
  followup draft docs/examples/shift-text.toml --channel sms
  followup export docs/examples/panel.toml --out followup/
  followup plugins
  followup schema --out schemas/ --force
  followup validate docs/examples/*.toml
  followup validate docs/examples/styles/staffing-network
  followup validate --jsonl interviews.jsonl
  followup draft --jsonl interviews.jsonl --jobs 2 > drafts.jsonl
  followup export --jsonl - --out today/ < interviews.jsonl
  followup validate interview.toml --format json
  followup plugins new whatsapp --dir followup-whatsapp
  followup plugins check followup-whatsapp/target/release/libfollowup_whatsapp.so
  followup add docs/examples/professional-email.toml
  followup due --within 3d
  followup sent ana-ruiz-northwind-analytics-2026-11-24/thank-you-dana-whitfield-email
  followup replied ana-ruiz-northwind-analytics-2026-11-24 --from 'Dana Whitfield'
  followup new --from-invite invite.ics
  followup init --name \"Ana Ruiz\" --email ana.ruiz@example.com --time-zone America/Chicago
  followup completions bash > ~/.local/share/bash-completion/completions/followup
  followup doctor
  followup inbox ~/Mail/INBOX ~/Mail/Sent --apply

Exit status:
  0  success
  1  failure (no plugin could be loaded when one was needed, a draft failed a check,
     a plugin could not draft)
  2  usage error (unknown option, bad --now)
  3  invalid input (the file has syntax errors or breaks a rule; every problem is listed;
     validate: any file with an error; --jsonl: any record invalid, none failed)
  4  the input could not be read (missing file, no permission; validate: 4 wins over 3)";

/// Plans the follow-up after a job interview: the right message, on the right channel,
/// to the right person, on time.
#[derive(Debug, Parser)]
#[command(name = "followup", version, after_long_help = EXAMPLES, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Look for channel plugins in DIR first (repeatable).
    #[arg(long = "plugin-dir", value_name = "DIR", global = true)]
    pub plugin_dirs: Vec<PathBuf>,
    /// The tracker's store. Default: $FOLLOWUP_STORE, else followup.db in the user's
    /// data folder (~/.local/share/followup on Linux).
    #[arg(long, value_name = "PATH", global = true)]
    pub store: Option<PathBuf>,
    /// Run each channel plugin in a child process of its own, so that a plugin that
    /// crashes, hangs (over 10 s a call) or answers over 16 MiB is reported by name
    /// and the other plugins keep working. `followup plugins` and `plugins check`
    /// always do.
    #[arg(long, global = true)]
    pub isolate_plugins: bool,
    /// How long one call to a plugin run in a child process may take, in seconds,
    /// before the plugin is stopped and reported (default 10, at most 3600).
    #[arg(long, value_name = "SECONDS", global = true)]
    pub plugin_time_limit: Option<f64>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show the follow-up plan for one interview: every step with its channel,
    /// recipient, send window, recommended moment and reasons.
    Plan(PlanArgs),
    /// Draft the message of every step of the plan, with the checks each passed or
    /// failed.
    Draft(DraftArgs),
    /// Write the drafts as files for the tools people use: .eml drafts, a calendar of
    /// reminders, printable letters, texts and notes to paste, and an overview page.
    Export(ExportArgs),
    /// List the channel plugins found, loaded and refused; scaffold a new plugin;
    /// check a built plugin.
    Plugins(PluginsArgs),
    /// Print a published JSON Schema, or write them all into a folder.
    Schema(SchemaArgs),
    /// Check interview, style, plan, draft or manifest files (or a whole style pack)
    /// against the published schemas and the rules, reporting every problem.
    Validate(ValidateArgs),
    /// Track interviews: remember their plans and what was sent (adding one again
    /// re-plans it and reports what changed).
    Add(track::AddArgs),
    /// What needs you: overdue, due now and upcoming steps across every tracked
    /// interview, most urgent first.
    Due(track::DueArgs),
    /// Record that a step's message went out.
    Sent(track::SentArgs),
    /// Record that the employer (or the recruiter about it) answered: check-ins stop.
    Replied(track::RepliedArgs),
    /// Record that a person opted out of a channel (answered STOP to a text): it is
    /// never planned for them again.
    #[command(name = "opted-out")]
    OptedOut(track::OptedOutArgs),
    /// Put a step off until a moment.
    Snooze(track::SnoozeArgs),
    /// Decide not to send a step.
    Skip(track::SkipArgs),
    /// Record how an interview ended.
    Outcome(track::OutcomeArgs),
    /// Every tracked interview with its state.
    List(track::ListArgs),
    /// One tracked interview: the plan as planned and as done, with every event and why
    /// each step moved or stopped.
    Show(track::ShowArgs),
    /// The event log, consent records included.
    Log(track::LogArgs),
    /// Remove a tracked interview and its events (consent records are kept).
    Forget(track::ForgetArgs),
    /// Export the store as JSON Lines, or import such a file into an empty store.
    Store(track::StoreArgs),
    /// Read your own mailbox (Maildir, mbox or .eml files, never changed) and suggest
    /// what happened: replies, out-of-office answers, drafts sent. --apply records them.
    Inbox(track::InboxArgs),
    /// One calendar of every tracked step, kept current: moved steps update, stopped
    /// ones are cancelled.
    Calendar(track::CalendarArgs),
    /// Write a new interview file: from a calendar invitation (--from-invite), asking
    /// on a terminal for what it cannot know, or as a commented template.
    New(NewArgs),
    /// Write your candidate profile (name, email, phone, time zone, signature).
    Init(InitArgs),
    /// Print a shell completion script (bash, zsh or fish).
    Completions(CompletionsArgs),
    /// Print the man page (roff), or write it into a folder.
    Man(ManArgs),
    /// Check the installation: plugins, profile, permissions. Exit 0 only when all is
    /// well.
    Doctor(DoctorArgs),
}

/// Arguments of `followup new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The calendar invitation (.ics) the employer sent.
    #[arg(long = "from-invite", value_name = "INVITE.ics")]
    pub from_invite: Option<PathBuf>,
    /// Where to write the interview file. Default: DATE-COMPANY.toml here, or
    /// interview.toml. An existing file is never replaced.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The zone the interview was in (IANA name): reads floating times and zones the
    /// invitation names in a way not known here.
    #[arg(long = "time-zone", value_name = "ZONE")]
    pub time_zone: Option<String>,
    /// Ask nothing: write what is unknown as commented TODO fields.
    #[arg(long = "no-input")]
    pub no_input: bool,
    /// The candidate profile (your addresses are left out of the interviewers).
    /// Default: profile.toml in the user's config directory, when it exists.
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// Do not read any candidate profile.
    #[arg(long, conflicts_with = "profile")]
    pub no_profile: bool,
}

/// Arguments of `followup init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Your full name, as it should appear in a signature.
    #[arg(long)]
    pub name: Option<String>,
    /// Your email address.
    #[arg(long)]
    pub email: Option<String>,
    /// Your mobile number in E.164 form, such as +13125550143.
    #[arg(long)]
    pub phone: Option<String>,
    /// Your time zone (IANA name, such as America/Chicago).
    #[arg(long = "time-zone", value_name = "ZONE")]
    pub time_zone: Option<String>,
    /// The sign-off block placed under messages (`\n` for a new line).
    #[arg(long)]
    pub signature: Option<String>,
    /// Where to write the profile. Default: profile.toml in the user's config directory
    /// (~/.config/followup on Linux).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace an existing profile.
    #[arg(long)]
    pub force: bool,
    /// Ask nothing: write the fields given as flags, the others commented.
    #[arg(long = "no-input")]
    pub no_input: bool,
}

/// Arguments of `followup completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// The shells completions are written for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    /// GNU Bash.
    Bash,
    /// Z shell.
    Zsh,
    /// fish.
    Fish,
}

/// Arguments of `followup man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write followup.1 (and one page per subcommand) into DIR instead of printing.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// Arguments of `followup doctor`.
#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// The candidate profile to check. Default: profile.toml in the user's config
    /// directory, when it exists.
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
}

/// Arguments of `followup validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Files to check (TOML or JSON), or style pack folders.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// What the files are; detected from `$schema` or the content when not given.
    #[arg(long, value_enum)]
    pub kind: Option<DocumentKind>,
    /// Treat each file as JSON Lines of interviews: check every record, report each
    /// bad one with its line number, and go on.
    #[arg(long)]
    pub jsonl: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
}

/// The kinds of document `followup validate` knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DocumentKind {
    /// An interview file.
    Interview,
    /// A style pack's settings file, or a style pack folder.
    Style,
    /// A plan, as `followup plan --format json` prints it.
    Plan,
    /// A draft, or a list of drafts, as `followup draft --format json` prints them.
    Draft,
    /// A channel manifest.
    Manifest,
    /// A candidate profile.
    Profile,
}

/// Arguments of `followup schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which schema to print: interview, style, profile, plan, draft, render-request or
    /// manifest. The style schema includes the settings of the installed channels.
    #[arg(value_name = "NAME", conflicts_with = "out")]
    pub name: Option<String>,
    /// Write every schema into DIR instead of printing one.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Replace files in DIR that differ.
    #[arg(long, requires = "out")]
    pub force: bool,
}

/// Arguments of `followup draft`.
#[derive(Debug, Args)]
pub struct DraftArgs {
    #[command(flatten)]
    pub plan: PlanArgs,
    /// Draft only the step with this id (see `followup plan`).
    #[arg(long, value_name = "ID")]
    pub step: Option<String>,
    /// Draft only the steps on this channel (email, sms, linkedin, letter, ...).
    #[arg(long, value_name = "NAME")]
    pub channel: Option<String>,
}

/// Arguments of `followup export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub plan: PlanArgs,
    /// The folder to write into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Replace files that already exist.
    #[arg(long)]
    pub force: bool,
    /// Paper size for printed letters.
    #[arg(long, value_enum, default_value_t = Paper::Letter)]
    pub paper: Paper,
}

/// Paper sizes for printed letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Paper {
    /// US Letter, 8.5 × 11 in.
    Letter,
    /// ISO A4, 210 × 297 mm.
    A4,
}

/// Arguments of `followup plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The interview file, TOML or JSON (by extension); with --jsonl, a JSON Lines
    /// file of interviews (`-` for standard input).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[command(flatten)]
    pub batch: batch::BatchArgs,
    /// The present moment, to mark steps overdue, due now or upcoming
    /// (RFC 3339 with an offset, like 2026-11-24T18:00:00-06:00). Default: now.
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// The candidate profile to merge in. Default: profile.toml in the user's
    /// config directory (~/.config/followup on Linux), when it exists.
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// Do not read any candidate profile.
    #[arg(long, conflicts_with = "profile")]
    pub no_profile: bool,
    /// The style pack to use: a folder, or the name of one in the user's config
    /// directory (~/.config/followup/styles/NAME on Linux). Default: the built-in style.
    #[arg(long, value_name = "DIR-or-NAME")]
    pub style: Option<String>,
}

/// Arguments of `followup plugins`.
#[derive(Debug, Args)]
pub struct PluginsArgs {
    #[command(subcommand)]
    pub action: Option<PluginsAction>,
    /// Output format (of the listing).
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
}

/// What `followup plugins` does; listing when none is given.
#[derive(Debug, Subcommand)]
pub enum PluginsAction {
    /// List the plugins found, loaded and refused, and where they were looked for.
    List,
    /// Create a new channel plugin crate, ready to build and load.
    New(PluginsNewArgs),
    /// Run the conformance suite against a built plugin library.
    Check(PluginsCheckArgs),
}

/// Arguments of `followup plugins new`.
#[derive(Debug, Args)]
pub struct PluginsNewArgs {
    /// The channel id: lower-case letters, digits and `_` (such as `whatsapp`).
    #[arg(value_name = "NAME")]
    pub name: String,
    /// The folder to create the crate in. Default: `./followup-NAME`.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// The followup checkout (or unpacked source release) whose `followup-plugin` the
    /// crate depends on. Default: the one this followup was built from.
    #[arg(long, value_name = "PATH")]
    pub followup_path: Option<PathBuf>,
}

/// Arguments of `followup plugins check`.
#[derive(Debug, Args)]
pub struct PluginsCheckArgs {
    /// The plugin library to check (`libfollowup_NAME.so`).
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
}

/// How results are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Readable text.
    Text,
    /// JSON, as described by the published schemas.
    Json,
}
