//! Building plugin libraries with cargo, once per test process.
//!
//! The `followup` binary and the workspace's plugins are built into the workspace's own
//! `target/` (or `CARGO_TARGET_DIR`), as `cargo build` puts them for a user: the
//! `cargo test` that runs the tests has finished building and released its lock by
//! then, so this build reuses every dependency it compiled instead of compiling them
//! all again into a folder of its own (issue 15: 244 s on a fresh clone). Crates from
//! other workspaces (the faulty plugins, scaffolds, `examples/whatsapp`) share one
//! folder, `target/test-plugins/out-of-tree`, apart from the `followup` binary so that
//! no other test loads them. Cargo's progress is shown on the terminal, since a first
//! build takes minutes.

use std::env::consts::{DLL_PREFIX, DLL_SUFFIX};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// The packages built for benchmarks: the CLI and the channel plugins, which land side
/// by side so that `followup` finds its plugins as it does for a user. (The tests build
/// the whole workspace, which holds them; see [`build_workspace`].)
const WORKSPACE_PACKAGES: [&str; 5] =
    ["followup-cli", "followup-email", "followup-sms", "followup-linkedin", "followup-letter"];

/// The directory that holds the workspace's channel plugins (`libfollowup_email.so`
/// and the others), built on the first call.
///
/// # Panics
///
/// Panics with cargo's output when the build fails.
pub fn workspace_plugins_dir() -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| build_workspace(Profile::Debug)).clone()
}

/// Like [`workspace_plugins_dir`], but an optimised build, for benchmarks that compare
/// the loaded plugins with code compiled into the benchmark itself.
///
/// # Panics
///
/// Panics with cargo's output when the build fails.
pub fn workspace_plugins_dir_release() -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| build_workspace(Profile::Release)).clone()
}

/// Which cargo profile to build with.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Profile {
    Debug,
    Release,
}

fn build_workspace(profile: Profile) -> PathBuf {
    let target_dir = main_target_dir();
    let mut args = vec![OsString::from("build")];
    match profile {
        // The same selection as `cargo test --workspace`, so that cargo resolves the
        // same features (dev-dependencies included) and finds every dependency, every
        // plugin library and every test already built: only the `followup` binary is
        // linked. Naming the five packages alone would resolve fewer features and
        // compile a share of the dependency tree again.
        Profile::Debug => {
            args.extend(["--workspace", "--lib", "--bins", "--tests"].map(OsString::from))
        }
        Profile::Release => {
            args.push(OsString::from("--release"));
            for package in WORKSPACE_PACKAGES {
                args.extend([OsString::from("-p"), OsString::from(package)]);
            }
        }
    }
    let debug_dir = cargo_build(&args, &target_dir);
    match profile {
        Profile::Debug => debug_dir,
        Profile::Release => target_dir.join("release"),
    }
}

/// The directory that holds the broken plugins of `tests/fault-plugins`
/// (`libfault_abi_major.so` and the others), built on the first call.
///
/// # Panics
///
/// Panics with cargo's output when the build fails.
pub fn fault_plugins_dir() -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let root = workspace_root();
        let manifest = root.join("tests").join("fault-plugins").join("Cargo.toml");
        // With the other out-of-tree crates, so that they share compiled dependencies;
        // the libraries are named `fault_*`, which no search loads.
        let target_dir = out_of_tree_target_dir();
        let args = [OsString::from("build"), OsString::from("--manifest-path"), manifest.into()];
        cargo_build(&args, &target_dir)
    })
    .clone()
}

/// The `followup` binary, built beside the workspace's plugins.
///
/// # Panics
///
/// Panics when the build fails.
pub fn followup_binary() -> PathBuf {
    existing(workspace_plugins_dir().join(format!("followup{}", std::env::consts::EXE_SUFFIX)))
}

/// The workspace's plugin library for `channel` (`email`, `sms`, ...).
///
/// # Panics
///
/// Panics when the build fails or builds no library for `channel`.
pub fn workspace_plugin(channel: &str) -> PathBuf {
    existing(workspace_plugins_dir().join(format!("{DLL_PREFIX}followup_{channel}{DLL_SUFFIX}")))
}

/// The broken plugin library for `fault` (`abi_major`, `manifest_panics`, ...), named
/// `fault_<fault>` so that no search ever loads it by accident.
///
/// # Panics
///
/// Panics when the build fails or builds no library for `fault`.
pub fn fault_plugin(fault: &str) -> PathBuf {
    existing(fault_plugins_dir().join(format!("{DLL_PREFIX}fault_{fault}{DLL_SUFFIX}")))
}

/// Builds the crate whose `Cargo.toml` is in `manifest_dir` (a crate outside this
/// workspace, such as one made by `followup plugins new` or `examples/whatsapp`) into
/// `target_dir`, and returns the directory of its debug artifacts, where its library
/// lands.
///
/// Crates built into the same `target_dir` share their compiled dependencies, so tests
/// that build several such crates should pass the same directory, for example
/// [`out_of_tree_target_dir`]. Never pass `target/test-plugins` itself: the libraries
/// would land next to the `followup` binary and be loaded by every other test.
///
/// # Panics
///
/// Panics with cargo's output when the build fails.
pub fn build_crate(manifest_dir: &Path, target_dir: &Path) -> PathBuf {
    let manifest = manifest_dir.join("Cargo.toml");
    let args = [OsString::from("build"), OsString::from("--manifest-path"), manifest.into()];
    cargo_build(&args, target_dir)
}

/// The target directory shared by the crates built with [`build_crate`] in this
/// workspace's tests and by the faulty plugins: `target/test-plugins/out-of-tree`,
/// apart from the directory that holds the `followup` binary and its plugins.
pub fn out_of_tree_target_dir() -> PathBuf {
    workspace_root().join("target").join("test-plugins").join("out-of-tree")
}

/// The plugin library for `channel` among the artifacts [`build_crate`] returned
/// (`<artifacts_dir>/libfollowup_whatsapp.so`: cargo names it as the host looks for).
///
/// # Panics
///
/// Panics when the build produced no library for `channel`.
pub fn library_in(artifacts_dir: &Path, channel: &str) -> PathBuf {
    existing(artifacts_dir.join(format!("{DLL_PREFIX}followup_{channel}{DLL_SUFFIX}")))
}

fn existing(path: PathBuf) -> PathBuf {
    assert!(path.is_file(), "the plugin build did not produce {}", path.display());
    path
}

/// The workspace's target directory: `CARGO_TARGET_DIR` when set (as the `cargo test`
/// running the tests used it), else `target/`.
fn main_target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => workspace_root().join(dir),
        _ => workspace_root().join("target"),
    }
}

/// The root of the followup workspace, two levels above this crate.
pub(crate) fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("..")
        .canonicalize()
        .expect("this crate lives in crates/ of the followup workspace")
}

/// Runs `cargo <args> --target-dir <target_dir>` with its progress on the terminal and
/// returns the directory of the debug artifacts.
fn cargo_build(args: &[OsString], target_dir: &Path) -> PathBuf {
    // Cargo tells the processes it runs which cargo it is; use the same one.
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
    let shown = format!(
        "{} {} --target-dir {}",
        cargo.to_string_lossy(),
        args.iter().map(|arg| arg.to_string_lossy()).collect::<Vec<_>>().join(" "),
        target_dir.display(),
    );
    // Straight to the terminal: the test harness captures `eprintln!`, not the file
    // descriptor a child inherits, so cargo's progress and errors stay visible.
    let status = Command::new(&cargo)
        .args(args)
        .arg("--target-dir")
        .arg(target_dir)
        .current_dir(workspace_root())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .status()
        .unwrap_or_else(|err| panic!("cannot run {shown}: {err}"));
    assert!(
        status.success(),
        "building test plugins failed ({status}): {shown}; cargo's errors are above"
    );
    target_dir.join("debug")
}
