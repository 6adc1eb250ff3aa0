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
