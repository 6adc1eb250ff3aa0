//! Helpers shared by the host's test binaries: scratch directories holding a broken
//! plugin, and messages with machine-specific paths replaced so that they can be
//! snapshotted.

use std::path::{Path, PathBuf};

use followup_test_support::{ScratchDir, fault_plugin, workspace_plugins_dir};

/// The canonical form of a directory the tests set up.
fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().expect("the test directories exist")
}

/// The real plugins' directory, canonical, as the host reports paths in it.
pub fn real_plugins_dir() -> PathBuf {
    canonical(&workspace_plugins_dir())
}

/// A scratch directory holding the broken library `fault` (`fault_<fault>` in
/// `tests/fault-plugins`), installed as the plugin for the channel `pigeon`.
pub fn with_fault(fault: &str) -> ScratchDir {
    let scratch = ScratchDir::new(fault);
    scratch.install(&fault_plugin(fault), "pigeon");
    scratch
}

/// `message` with the scratch directory shown as `[SCRATCH]` and the real plugins'
/// directory as `[PLUGINS]`.
pub fn redact_paths(message: &str, scratch: &ScratchDir) -> String {
    message
        .replace(&scratch.path().display().to_string(), "[SCRATCH]")
        .replace(&real_plugins_dir().display().to_string(), "[PLUGINS]")
}

/// Loads the real `channel` plugin from the built workspace plugins.
#[track_caller]
#[allow(
    dead_code,
    reason = "each test binary includes this module; not every one uses every helper"
)]
pub fn real_plugin(channel: &str) -> followup_host::LoadedPlugin {
    let mut search = followup_host::SearchPath::new();
    search.push(real_plugins_dir(), followup_host::Origin::ExecutableDir);
    let registry = followup_host::load_plugins(&search);
    assert!(registry.refused.is_empty(), "{:#?}", registry.refused);
    registry.get(channel).cloned().unwrap_or_else(|| panic!("the `{channel}` plugin loads"))
}

/// Loads the fault library `fault` installed as the `pigeon` plugin, asserting that it
/// loads; the scratch directory is returned to redact its path.
#[track_caller]
#[allow(
    dead_code,
    reason = "each test binary includes this module; not every one uses every helper"
)]
pub fn loaded_fault(fault: &str) -> (ScratchDir, followup_host::LoadedPlugin) {
    let scratch = with_fault(fault);
    let mut search = followup_host::SearchPath::new();
    search.push(scratch.path().to_path_buf(), followup_host::Origin::CommandLine);
    let registry = followup_host::load_plugins(&search);
    assert!(registry.refused.is_empty(), "{:#?}", registry.refused);
    let plugin = registry.get("pigeon").cloned().expect("the fault loads as `pigeon`");
    (scratch, plugin)
}
