//! Raw arguments and environment become validated settings here, and only here.

use std::ffi::OsString;
use std::path::PathBuf;

use anyhow::Context;
use followup_core::time::Moment;
use followup_host::SearchPath;
use jiff::Timestamp;

pub use crate::args::DocumentKind;
use crate::args::{
    Cli, Command, DraftArgs, OutputFormat, PlanArgs, PluginsAction, PluginsArgs, PluginsCheckArgs,
    PluginsNewArgs, SchemaArgs, ValidateArgs,
};
use crate::args::{ExportArgs, Paper};
use crate::exit::UsageError;
use crate::style_pack::StyleChoice;

pub mod batch;
pub mod track;
pub use batch::{BatchKind, BatchOptions, BatchSettings};
pub use track::{ReplanSettings, TrackAction, TrackSettings};

/// The environment variable listing extra plugin directories.
pub const PLUGIN_PATH_VAR: &str = "FOLLOWUP_PLUGIN_PATH";

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
}

/// Settings of `followup plugins check`.
#[derive(Debug)]
pub struct PluginsCheckSettings {
    /// The library to check.
    pub path: PathBuf,
    pub format: OutputFormat,
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
    pub executable_dir: Option<PathBuf>,
    pub config_dir: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
    pub store_path: Option<OsString>,
    pub now: Timestamp,
}

impl Environment {
    /// Reads the variables, directories and clock this program depends on.
    pub fn from_process() -> Environment {
        use etcetera::BaseStrategy;
        let base = etcetera::choose_base_strategy().ok();
        Environment {
            plugin_path: std::env::var_os(PLUGIN_PATH_VAR),
            executable_dir: std::env::current_exe()
                .ok()
                .and_then(|exe| exe.canonicalize().ok())
                .and_then(|exe| exe.parent().map(PathBuf::from)),
            config_dir: base.as_ref().map(|b| b.config_dir().join("followup")),
            data_dir: base.as_ref().map(|b| b.data_dir().join("followup")),
            store_path: std::env::var_os(track::STORE_VAR),
            now: Timestamp::now(),
        }
    }
}

impl Settings {
    /// Resolves the command line against the environment.
    pub fn resolve(cli: Cli, env: Environment) -> anyhow::Result<Settings> {
        let search = SearchPath::standard(
            &cli.plugin_dirs,
            env.plugin_path.as_deref(),
            env.executable_dir.as_deref(),
            env.data_dir.as_ref().map(|d| d.join("plugins")).as_deref(),
        );
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
                    Settings::Plugins(PluginsSettings { format, search })
                }
                Some(PluginsAction::New(PluginsNewArgs { name, dir })) => {
                    let dir = dir.unwrap_or_else(|| PathBuf::from(format!("followup-{name}")));
                    Settings::PluginsNew(PluginsNewSettings { name, dir })
                }
                Some(PluginsAction::Check(PluginsCheckArgs { path, format })) => {
                    Settings::PluginsCheck(PluginsCheckSettings { path, format })
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
            _ => unreachable!("track::resolve takes every tracker command"),
        })
    }
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
    let profile = match (args.no_profile, args.profile) {
        (true, _) => ProfileChoice::Skip,
        (false, Some(path)) => ProfileChoice::Given(path),
        (false, None) => {
            ProfileChoice::Default(env.config_dir.as_ref().map(|d| d.join("profile.toml")))
        }
    };
    let style = match &args.style {
        Some(argument) => {
            StyleChoice::from_argument(argument, env.config_dir.as_ref().map(|d| d.join("styles")))
        }
        None => StyleChoice::BuiltIn,
    };
    Ok(InterviewInput { file: args.file, now, profile, search, style })
}
