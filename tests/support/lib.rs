//! Shared set-up for the end-to-end tests and benchmarks: the built plugins, their
//! manifests, fixtures and the `followup` binary.

#![deny(missing_docs)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use followup_core::calendar::{BusinessCalendar, HolidayRules};
use followup_core::draft::{Draft, DraftStyle, RenderRequest};
use followup_core::interview::Interview;
use followup_core::manifest::ChannelManifest;
use followup_core::plan::{Plan, Step};
use followup_core::rules::{self, TimingPolicy};
use followup_core::validate::{ValidInterview, validate};
use followup_host::{Origin, Registry, SearchPath};

/// The workspace's root folder.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate lives one level below the workspace root")
        .to_path_buf()
}

/// The four bundled channels, loaded through the host from freshly built libraries,
/// exactly as the CLI loads them.
pub fn bundled_registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let mut search = SearchPath::new();
        search.push(followup_test_support::workspace_plugins_dir(), Origin::CommandLine);
        let registry = followup_host::load_plugins(&search);
        assert!(
            registry.refused.is_empty(),
            "a bundled plugin was refused: {:?}",
            registry.refused.iter().map(ToString::to_string).collect::<Vec<_>>()
        );
        registry
    })
}

/// The manifests of the four bundled channels.
pub fn bundled_channels() -> &'static [ChannelManifest] {
    static MANIFESTS: OnceLock<Vec<ChannelManifest>> = OnceLock::new();
    MANIFESTS.get_or_init(|| bundled_registry().manifests())
}

/// Drafts one step with its bundled channel.
///
/// # Errors
///
/// Returns the host's message when the plugin cannot draft it.
pub fn draft_step(
    interview: &ValidInterview,
    step: &Step,
    style: &DraftStyle,
) -> Result<Draft, String> {
    let plugin = bundled_registry()
        .get(&step.channel)
        .ok_or_else(|| format!("no bundled plugin for `{}`", step.channel))?;
    let request = RenderRequest::new(step, &interview.interview, style.clone());
    plugin.render(&request).map(|rendered| Draft::new(step, rendered)).map_err(|e| e.to_string())
}

/// A draft as a reviewer reads it in a snapshot: who, subject, body, checks, meta.
pub fn draft_text(draft: &Draft) -> String {
    let mut text = format!("== {} ({} by {})\n", draft.step_id, draft.purpose, draft.channel);
    if let Some(subject) = &draft.subject {
        text.push_str(&format!("Subject: {subject}\n"));
    }
    text.push_str(&format!("{}\n--\n", draft.body));
    for check in &draft.checks {
        text.push_str(&format!("[{:?}] {}: {}\n", check.level, check.name, check.message));
    }
    text.push_str(&format!(
        "meta: {}\n",
        serde_json::Value::Object(draft.meta.clone().into_iter().collect())
    ));
    text
}

/// Reads an interview file (TOML or JSON, by extension).
pub fn read_interview(path: &Path) -> Interview {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
    let parsed = if path.extension().is_some_and(|e| e == "json") {
        serde_json::from_str(&text).map_err(|e| e.to_string())
    } else {
        toml::from_str(&text).map_err(|e| e.to_string())
    };
    parsed.unwrap_or_else(|err| panic!("{} does not parse: {err}", path.display()))
}

/// Reads and validates an interview file.
pub fn valid_interview(path: &Path) -> ValidInterview {
    validate(read_interview(path))
        .unwrap_or_else(|invalid| panic!("{} is invalid: {:?}", path.display(), invalid.problems))
}

/// Plans an interview with the bundled channels and the default calendar and policy.
pub fn plan_with_defaults(interview: &ValidInterview) -> Plan {
    rules::plan(
        interview,
        bundled_channels(),
        &BusinessCalendar::new(HolidayRules::default()),
        &TimingPolicy::default(),
    )
}

/// What one run of `followup` printed and how it ended, with machine paths replaced.
#[derive(Debug)]
pub struct Run {
    /// The exit code (-1 when killed by a signal).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// Exit code, stdout and stderr in one text, for snapshots.
    pub fn transcript(&self) -> String {
        let mut text = format!("exit: {}\n", self.code);
        if !self.stdout.is_empty() {
            text.push_str(&format!("--- stdout\n{}", self.stdout));
        }
        if !self.stderr.is_empty() {
            text.push_str(&format!("--- stderr\n{}", self.stderr));
        }
        text
    }
}

/// How to run `followup` in a test.
#[derive(Debug, Default)]
pub struct Invocation<'a> {
    /// The home directory (so no real profile, style or user plugin is read).
    pub home: Option<&'a Path>,
    /// A shell snippet run before the binary (`ulimit -f 1`), when given.
    pub shell_prefix: Option<&'a str>,
    /// Paths to replace in the output besides the home (`[HOME]`), the binary's folder
    /// (`[BIN]`) and the workspace (`[ROOT]`).
    pub redact: &'a [(&'a Path, &'a str)],
    /// Leave every path as printed (for tests that compare them).
    pub keep_paths: bool,
}

/// Runs the built `followup` with `args` from the workspace root in a clean
/// environment, as a user would, and replaces machine paths in what it prints (longest
/// first, so that a folder inside the workspace keeps its own name).
///
/// # Panics
///
/// Panics when the binary cannot be built or started.
#[track_caller]
pub fn run_followup(args: &[&str], how: &Invocation<'_>) -> Run {
    let binary = followup_test_support::followup_binary();
    let scratch_home;
    let home = match how.home {
        Some(home) => home,
        None => {
            scratch_home = followup_test_support::ScratchDir::new("followup-home");
            scratch_home.path()
        }
    };
    let mut command = match how.shell_prefix {
        None => std::process::Command::new(&binary),
        Some(prefix) => {
            let mut sh = std::process::Command::new("sh");
            sh.arg("-c").arg(format!("{prefix}; exec \"$0\" \"$@\"")).arg(&binary);
            sh
        }
    };
    let root = workspace_root();
    let output = command
        .args(args)
        .current_dir(&root)
        .env_clear()
        .env("HOME", home)
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .output()
        .expect("the followup binary runs");
    let bin_dir = binary.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut replacements: Vec<(String, &str)> = how
        .redact
        .iter()
        .map(|(path, name)| (path.display().to_string(), *name))
        .chain([
            (home.display().to_string(), "[HOME]"),
            (bin_dir.display().to_string(), "[BIN]"),
            (root.display().to_string(), "[ROOT]"),
        ])
        .collect();
    replacements.sort_by_key(|(path, _)| std::cmp::Reverse(path.len()));
    if how.keep_paths {
        replacements.clear();
    }
    let redact = |bytes: &[u8]| {
        replacements
            .iter()
            .fold(String::from_utf8_lossy(bytes).into_owned(), |text, (path, name)| {
                text.replace(path.as_str(), name)
            })
    };
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: redact(&output.stdout),
        stderr: redact(&output.stderr),
    }
}

/// Runs `followup` with `home` as its home, paths left as printed and memory capped
/// (4 GB of address space), so that a regression that would grow memory without end
/// fails the test instead of taking the machine's memory.
#[track_caller]
pub fn run_followup_capped(home: &Path, args: &[&str]) -> Run {
    run_followup(
        args,
        &Invocation {
            home: Some(home),
            shell_prefix: Some("ulimit -v 4000000"),
            keep_paths: true,
            ..Invocation::default()
        },
    )
}

/// A copy of the bundled staffing-network style pack at `home/pack`, to change or
/// plant files in.
///
/// # Panics
///
/// Panics when `cp` cannot copy it.
pub fn copy_style_pack(home: &Path) -> PathBuf {
    let from = workspace_root().join("docs/examples/styles/staffing-network");
    let to = home.join("pack");
    let copied = std::process::Command::new("cp").arg("-r").arg(&from).arg(&to).status();
    assert!(copied.expect("cp runs").success(), "copy {}", from.display());
    to
}
