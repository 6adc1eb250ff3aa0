//! Raw arguments and environment become validated settings here, and only here.

use std::ffi::OsString;
use std::path::PathBuf;

use anyhow::Context;
use followup_core::time::Moment;
use followup_host::{Limits, PluginIsolation, RunnerCommand, SearchPath};
use jiff::Timestamp;

pub use crate::args::DocumentKind;
pub use crate::args::Shell;
use crate::args::{
    Cli, Command, DraftArgs, OutputFormat, PlanArgs, PluginsAction, PluginsArgs, PluginsCheckArgs,
    PluginsNewArgs, SchemaArgs, ValidateArgs,
};
use crate::args::{CompletionsArgs, DoctorArgs, InitArgs, ManArgs, NewArgs};
use crate::args::{ExportArgs, Paper};
use crate::exit::UsageError;
use crate::style_pack::StyleChoice;

pub mod batch;
mod plugin_dirs;
pub mod track;
pub use batch::{BatchKind, BatchOptions, BatchSettings};
pub use track::{ReplanSettings, TrackAction, TrackSettings};

/// The environment variable listing extra plugin directories.
pub const PLUGIN_PATH_VAR: &str = "FOLLOWUP_PLUGIN_PATH";

/// The variable that, set to `1` (or `true`), runs every plugin in a child process, as
/// `--isolate-plugins` does, for users who want it on every run.
pub const ISOLATE_PLUGINS_VAR: &str = "FOLLOWUP_ISOLATE_PLUGINS";

/// What to run, fully resolved.
#[derive(Debug)]
pub enum Settings {
    /// `followup plan`.
    Plan(PlanSettings),
    /// `followup draft`.
    Draft(DraftSettings),
    /// `followup export`.
    Export(ExportSettings),
    /// `followup plugins` (listing).
    Plugins(PluginsSettings),
    /// `followup plugins new`.
    PluginsNew(PluginsNewSettings),
    /// `followup plugins check`.
    PluginsCheck(PluginsCheckSettings),
    /// `followup schema`.
    Schema(SchemaSettings),
    /// `followup validate`.
    Validate(ValidateSettings),
    /// The tracker's commands (`add`, `due`, `sent`, ...).
    Track(TrackSettings),
    /// `followup plan|draft|export --jsonl`.
    Batch(BatchSettings),
    /// `followup new`.
    New(NewSettings),
    /// `followup init`.
    Init(InitSettings),
    /// `followup completions`.
    Completions(Shell),
    /// `followup man`.
    Man(ManSettings),
    /// `followup doctor`.
    Doctor(DoctorSettings),
}

/// Settings of `followup new`.
#[derive(Debug)]
pub struct NewSettings {
    /// The invitation to read, when there is one.
    pub invite: Option<PathBuf>,
    /// Where to write; chosen from the interview when not given.
    pub out: Option<PathBuf>,
    /// The zone the interview was in, as the user said.
    pub time_zone: Option<String>,
    /// Whether to ask on the terminal (stdin and stderr are terminals, no --no-input).
    pub interactive: bool,
    /// The candidate profile: the candidate's addresses and zone.
    pub profile: ProfileChoice,
}

/// Settings of `followup init`.
#[derive(Debug)]
pub struct InitSettings {
    /// The fields given as flags.
    pub given: followup_core::interview::CandidateDetails,
    /// Where to write the profile.
    pub out: PathBuf,
    /// Replace an existing profile.
    pub force: bool,
    /// Whether to ask on the terminal.
    pub interactive: bool,
    /// The zone to offer when asking (from `TZ`).
    pub local_zone: Option<String>,
}

/// Settings of `followup man`.
#[derive(Debug)]
pub struct ManSettings {
    /// The folder to write the pages into; printed when `None`.
    pub out: Option<PathBuf>,
}

/// Settings of `followup doctor`.
#[derive(Debug)]
pub struct DoctorSettings {
    /// Where plugins are looked for.
    pub search: SearchPath,
    /// The profile to check.
    pub profile: ProfileChoice,
    /// The tracker's store to check, when its place is known.
    pub store: Option<PathBuf>,
}

/// Settings of `followup export`.
#[derive(Debug)]
pub struct ExportSettings {
    pub input: InterviewInput,
    /// The tracker's store: when the interview is tracked there, the export is recorded.
    pub store: Option<PathBuf>,
    /// The folder of named styles (to re-plan a tracked interview).
    pub styles_dir: Option<PathBuf>,
    /// The folder to write into.
    pub out: PathBuf,
    /// Replace existing files.
    pub force: bool,
    /// Paper size for letters.
    pub paper: followup_core::export::Paper,
}

/// Settings of `followup plugins new`.
#[derive(Debug)]
pub struct PluginsNewSettings {
    /// The channel id.
    pub name: String,
    /// Where to create the crate.
    pub dir: PathBuf,
    /// The followup checkout to depend on, when not the one this binary was built from.
    pub followup_path: Option<PathBuf>,
}

/// Settings of `followup plugins check`.
#[derive(Debug)]
pub struct PluginsCheckSettings {
    /// The library to check.
    pub path: PathBuf,
    pub format: OutputFormat,
    /// How the library runs: always in a child process, so that a crash is a failed
    /// check rather than a dead command.
    pub isolation: PluginIsolation,
}

/// Settings of `followup validate`.
#[derive(Debug)]
pub struct ValidateSettings {
    pub files: Vec<PathBuf>,
    pub kind: Option<DocumentKind>,
    pub jsonl: bool,
    pub format: OutputFormat,
    /// Where the plugins are found (a style is checked against the installed channels).
    pub search: SearchPath,
    /// The candidate profile merged into interviews before the rules are checked.
    pub profile: ProfileChoice,
}

/// Settings of `followup schema`.
#[derive(Debug)]
pub struct SchemaSettings {
    pub name: Option<String>,
    pub out: Option<PathBuf>,
    pub force: bool,
    /// Where the plugins whose settings the style schema composes are found.
    pub search: SearchPath,
}

/// Where an interview comes from and what it is planned against; shared by the
/// commands that plan.
#[derive(Debug)]
pub struct InterviewInput {
    pub file: PathBuf,
    pub now: Timestamp,
    pub profile: ProfileChoice,
    pub search: SearchPath,
    pub style: StyleChoice,
}

/// Settings of `followup plan`.
#[derive(Debug)]
pub struct PlanSettings {
    pub input: InterviewInput,
    pub format: OutputFormat,
}

/// Settings of `followup draft`.
#[derive(Debug)]
pub struct DraftSettings {
    pub input: InterviewInput,
    pub format: OutputFormat,
    pub step: Option<String>,
    pub channel: Option<String>,
}

/// Settings of `followup plugins`.
#[derive(Debug)]
pub struct PluginsSettings {
    pub format: OutputFormat,
    pub search: SearchPath,
}

/// Which candidate profile to merge into interviews.
#[derive(Debug, Clone)]
pub enum ProfileChoice {
    /// None.
    Skip,
    /// This file, which must exist.
    Given(PathBuf),
    /// The default file, used when it exists.
    Default(Option<PathBuf>),
}

/// The process's environment, read once.
pub struct Environment {
    pub plugin_path: Option<OsString>,
    /// The value of `FOLLOWUP_ISOLATE_PLUGINS`.
    pub isolate_plugins: Option<OsString>,
    /// This program's own file, which isolated plugins run in (see [`plugin_runner`]).
    pub executable: Option<PathBuf>,
    pub executable_dir: Option<PathBuf>,
    pub config_dir: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
    /// Where followup keeps what it can work out again (the plugins' manifests).
    pub cache_dir: Option<PathBuf>,
    pub store_path: Option<OsString>,
    pub now: Timestamp,
    /// Whether standard input and standard error are both terminals (prompts need both).
    pub terminal: bool,
    /// The `TZ` variable, when it holds a zone name.
    pub local_zone: Option<String>,
}

impl Environment {
    /// Reads the variables, directories and clock this program depends on.
    pub fn from_process() -> Environment {
        use etcetera::BaseStrategy;
        let base = etcetera::choose_base_strategy().ok();
        let executable = std::env::current_exe().ok().and_then(|exe| exe.canonicalize().ok());
        Environment {
            plugin_path: std::env::var_os(PLUGIN_PATH_VAR),
            isolate_plugins: std::env::var_os(ISOLATE_PLUGINS_VAR),
            executable_dir: executable.as_ref().and_then(|exe| exe.parent().map(PathBuf::from)),
            executable,
            config_dir: base.as_ref().map(|b| b.config_dir().join("followup")),
            data_dir: base.as_ref().map(|b| b.data_dir().join("followup")),
            cache_dir: base.as_ref().map(|b| b.cache_dir().join("followup")),
            store_path: std::env::var_os(track::STORE_VAR),
            now: Timestamp::now(),
            terminal: {
                use std::io::IsTerminal;
                std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
            },
            local_zone: std::env::var("TZ")
                .ok()
                .map(|tz| tz.trim_start_matches(':').to_string())
                .filter(|tz| jiff::tz::db().get(tz).is_ok()),
        }
    }
}

/// The file in the cache folder that remembers the plugins' manifests.
const MANIFEST_CACHE_FILE: &str = "manifests.json";

impl Settings {
    /// Resolves the command line against the environment.
    pub fn resolve(cli: Cli, env: Environment) -> anyhow::Result<Settings> {
        plugin_dirs::check(&cli.plugin_dirs, env.plugin_path.as_deref())?;
        let mut search = SearchPath::standard(
            &cli.plugin_dirs,
            env.plugin_path.as_deref(),
            env.executable_dir.as_deref(),
            env.data_dir.as_ref().map(|d| d.join("plugins")).as_deref(),
        );
        let limits = plugin_limits(cli.plugin_time_limit)?;
        let user = crate::user_settings::load(env.config_dir.as_deref())?;
        if cli.isolate_plugins
            || isolation_wanted(env.isolate_plugins.as_deref())?
            || user.isolate_plugins == Some(true)
        {
            search.set_isolation(plugin_runner(&env, limits)?);
        }
        // An unchanged plugin is described from what it said last time, and opened only
        // when a message is drafted or exported: `plan` opens no library.
        search.set_manifest_cache(env.cache_dir.as_ref().map(|d| d.join(MANIFEST_CACHE_FILE)));
        let store = track::store_path(cli.store, &env);
        let command = match track::resolve(cli.command, store.clone(), &env, search.clone())? {
            Ok(settings) => return Ok(Settings::Track(settings)),
            Err(command) => command,
        };
        Ok(match command {
            Command::Plan(args) if args.batch.jsonl => {
                let options = batch_options(&args)?;
                let input = interview_input(args, &env, search)?;
                Settings::Batch(BatchSettings { input, kind: BatchKind::Plan, options })
            }
            Command::Draft(DraftArgs { plan, step, channel }) if plan.batch.jsonl => {
                if step.is_some() {
                    return Err(UsageError(
                        "--step names one interview's step; with --jsonl, choose steps with --channel".into(),
                    )
                    .into());
                }
                let options = batch_options(&plan)?;
                let input = interview_input(plan, &env, search)?;
                Settings::Batch(BatchSettings {
                    input,
                    kind: BatchKind::Draft { channel },
                    options,
                })
            }
            Command::Export(ExportArgs { plan, out, force, paper }) if plan.batch.jsonl => {
                let options = batch_options(&plan)?;
                let input = interview_input(plan, &env, search)?;
                let kind = BatchKind::Export { out, force, paper: paper_of(paper) };
                Settings::Batch(BatchSettings { input, kind, options })
            }
            Command::Plan(args) => {
                let format = args.format;
                Settings::Plan(PlanSettings { input: interview_input(args, &env, search)?, format })
            }
            Command::Export(ExportArgs { plan, out, force, paper }) => {
                Settings::Export(ExportSettings {
                    input: interview_input(plan, &env, search)?,
                    store,
                    styles_dir: env.config_dir.as_ref().map(|d| d.join("styles")),
                    out,
                    force,
                    paper: paper_of(paper),
                })
            }
            Command::Draft(DraftArgs { plan, step, channel }) => {
                let format = plan.format;
                Settings::Draft(DraftSettings {
                    input: interview_input(plan, &env, search)?,
                    format,
                    step,
                    channel,
                })
            }
            Command::Plugins(PluginsArgs { action, format }) => match action {
                None | Some(PluginsAction::List) => {
                    // Listing is where a user looks when a plugin misbehaves, so a
                    // crashing or hanging plugin must not take the list with it.
                    let mut search = search;
                    search.set_isolation(plugin_runner(&env, limits)?);
                    // Every library is opened and asked again: what the list shows is
                    // what the files say now.
                    search.set_manifest_cache(None);
                    Settings::Plugins(PluginsSettings { format, search })
                }
                Some(PluginsAction::New(PluginsNewArgs { name, dir, followup_path })) => {
                    let dir = dir.unwrap_or_else(|| PathBuf::from(format!("followup-{name}")));
                    Settings::PluginsNew(PluginsNewSettings { name, dir, followup_path })
                }
                Some(PluginsAction::Check(PluginsCheckArgs { path, format })) => {
                    Settings::PluginsCheck(PluginsCheckSettings {
                        path,
                        format,
                        isolation: plugin_runner(&env, limits)?,
                    })
                }
            },
            Command::Validate(ValidateArgs { files, kind, jsonl, format }) => {
                let profile =
                    ProfileChoice::Default(env.config_dir.as_ref().map(|d| d.join("profile.toml")));
                Settings::Validate(ValidateSettings { files, kind, jsonl, format, search, profile })
            }
            Command::Schema(SchemaArgs { name, out, force }) => {
                Settings::Schema(SchemaSettings { name, out, force, search })
            }
            Command::New(NewArgs {
                from_invite,
                out,
                time_zone,
                no_input,
                profile,
                no_profile,
            }) => Settings::New(NewSettings {
                invite: from_invite,
                out,
                time_zone,
                interactive: env.terminal && !no_input,
                profile: profile_choice(no_profile, profile, &env),
            }),
            Command::Init(InitArgs {
                name,
                email,
                phone,
                time_zone,
                signature,
                out,
                force,
                no_input,
            }) => {
                let out =
                    match out.or_else(|| env.config_dir.as_ref().map(|d| d.join("profile.toml"))) {
                        Some(out) => out,
                        None => {
                            return Err(UsageError(
                                "no config directory is known here; pass --out FILE".to_string(),
                            )
                            .into());
                        }
                    };
                let given = followup_core::interview::CandidateDetails {
                    name,
                    email,
                    phone,
                    time_zone: time_zone.map(followup_core::time::ZoneName),
                    signature: signature.map(|s| s.replace("\\n", "\n")),
                    ..Default::default()
                };
                Settings::Init(InitSettings {
                    given,
                    out,
                    force,
                    interactive: env.terminal && !no_input,
                    local_zone: env.local_zone.clone(),
                })
            }
            Command::Completions(CompletionsArgs { shell }) => Settings::Completions(shell),
            Command::Man(ManArgs { out }) => Settings::Man(ManSettings { out }),
            Command::Doctor(DoctorArgs { profile }) => Settings::Doctor(DoctorSettings {
                search,
                profile: profile_choice(false, profile, &env),
                store,
            }),
            other => {
                anyhow::bail!("internal error: {other:?} was not resolved as a tracker command")
            }
        })
    }
}

/// Whether `FOLLOWUP_ISOLATE_PLUGINS` asks for plugins in child processes.
///
/// # Errors
///
/// A value other than `1`, `true`, `0`, `false` or nothing.
fn isolation_wanted(value: Option<&std::ffi::OsStr>) -> Result<bool, UsageError> {
    match value.map(|v| v.to_string_lossy().trim().to_ascii_lowercase()).as_deref() {
        None | Some("" | "0" | "false") => Ok(false),
        Some("1" | "true") => Ok(true),
        Some(other) => Err(UsageError(format!(
            "{ISOLATE_PLUGINS_VAR}: `{other}` is neither 1 nor 0; set it to 1 to run plugins in child processes, or unset it"
        ))),
    }
}

/// The longest time limit `--plugin-time-limit` may set, in seconds: an hour.
const MAX_PLUGIN_TIME_LIMIT: f64 = 3600.0;

/// The limits of a plugin run in a child process: the defaults, with the time limit
/// `--plugin-time-limit` gives.
///
/// # Errors
///
/// A time limit that is not a number of seconds above 0 and at most an hour.
fn plugin_limits(seconds: Option<f64>) -> Result<Limits, UsageError> {
    let mut limits = Limits::default();
    if let Some(seconds) = seconds {
        if !(seconds > 0.0 && seconds <= MAX_PLUGIN_TIME_LIMIT) {
            return Err(UsageError(format!(
                "--plugin-time-limit: {seconds} is not a number of seconds above 0 and at most {MAX_PLUGIN_TIME_LIMIT}; the default is {}",
                Limits::DEFAULT_CALL_TIMEOUT.as_secs()
            )));
        }
        limits.call_timeout = std::time::Duration::from_secs_f64(seconds);
    }
    Ok(limits)
}

/// How to run a plugin in a child process: this program again, as its hidden runner
/// subcommand, under `limits`.
///
/// # Errors
///
/// This program's own file is not known, which the runner needs.
fn plugin_runner(env: &Environment, limits: Limits) -> anyhow::Result<PluginIsolation> {
    let program = env.executable.clone().context(
        "cannot find this program's own file, in which plugins run apart; reinstall followup",
    )?;
    Ok(PluginIsolation::Child(RunnerCommand {
        program,
        args: vec![crate::plugin_runner::SUBCOMMAND.into()],
        limits,
    }))
}

fn paper_of(paper: Paper) -> followup_core::export::Paper {
    match paper {
        Paper::Letter => followup_core::export::Paper::Letter,
        Paper::A4 => followup_core::export::Paper::A4,
    }
}

fn batch_options(args: &PlanArgs) -> anyhow::Result<BatchOptions> {
    Ok(BatchOptions::resolve(&args.batch)?.expect("called only when --jsonl is given"))
}

fn interview_input(
    args: PlanArgs,
    env: &Environment,
    search: SearchPath,
) -> anyhow::Result<InterviewInput> {
    let now = match &args.now {
        Some(text) => Moment::parse(text)
            .map(|m| m.0)
            .map_err(|message| UsageError(format!("--now: {message}")))
            .context("the present moment could not be read")?,
        None => env.now,
    };
    let profile = profile_choice(args.no_profile, args.profile, env);
    let style = match &args.style {
        Some(argument) => {
            StyleChoice::from_argument(argument, env.config_dir.as_ref().map(|d| d.join("styles")))
        }
        None => StyleChoice::BuiltIn,
    };
    Ok(InterviewInput { file: args.file, now, profile, search, style })
}

/// The profile `--profile` and `--no-profile` choose.
fn profile_choice(no_profile: bool, profile: Option<PathBuf>, env: &Environment) -> ProfileChoice {
    match (no_profile, profile) {
        (true, _) => ProfileChoice::Skip,
        (false, Some(path)) => ProfileChoice::Given(path),
        (false, None) => {
            ProfileChoice::Default(env.config_dir.as_ref().map(|d| d.join("profile.toml")))
        }
    }
}
