//! Loading the one library under test through `followup-host`, as `followup` loads
//! plugins, without loading anything beside it.
//!
//! The host loads every plugin in a directory. To load only the named file, the suite
//! makes a private temporary directory holding a link to it (a copy where links are
//! not available), and searches that. The host resolves the link, so the loaded
//! plugin's path is the library's own.

use std::env::consts::{DLL_PREFIX, DLL_SUFFIX};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use followup_core::manifest::is_channel_id;
use followup_host::{LoadedPlugin, Origin, PluginIsolation, Refusal, SearchPath};

/// The file name the host looks for: `libfollowup_<id>.so`, `libfollowup_<id>.dylib`
/// or `followup_<id>.dll`.
pub(crate) fn file_name_for(channel: &str) -> String {
    format!("{DLL_PREFIX}followup_{channel}{DLL_SUFFIX}")
}

/// The channel a library's file name is for, if it is named like a plugin.
pub(crate) fn channel_of(file_name: &str) -> Option<&str> {
    let channel =
        file_name.strip_prefix(DLL_PREFIX)?.strip_prefix("followup_")?.strip_suffix(DLL_SUFFIX)?;
    is_channel_id(channel).then_some(channel)
}

/// What loading the library gave.
#[derive(Debug)]
pub(crate) enum Loading {
    /// The host loaded it.
    Plugin(Box<LoadedPlugin>),
    /// The host refused it.
    Refused(Refusal),
    /// The link could not be made, or the host found nothing to load.
    Failed(String),
}

/// Loads the library at `path` (canonical, named like a plugin) and nothing else, run
/// as `isolation` says.
pub(crate) fn load(path: &Path, file_name: &str, isolation: &PluginIsolation) -> Loading {
    let dir = match private_dir() {
        Ok(dir) => dir,
        Err(err) => return Loading::Failed(format!("cannot make a temporary directory: {err}")),
    };
    let outcome = match link(path, &dir.join(file_name)) {
        Ok(()) => {
            let mut search = SearchPath::new();
            search.push(dir.clone(), Origin::CommandLine);
            search.set_isolation(isolation.clone());
            let registry = followup_host::load_plugins(&search);
            if let Some(plugin) = registry.loaded.into_iter().next() {
                Loading::Plugin(Box::new(plugin))
            } else if let Some(refusal) = registry.refused.into_iter().next() {
                Loading::Refused(refusal)
            } else {
                Loading::Failed("the host found no plugin to load".to_string())
            }
        }
        Err(err) => Loading::Failed(format!("cannot link the library for loading: {err}")),
    };
    // The library stays mapped (the host never unloads); only the link goes. Best
    // effort: a leftover empty directory in the temporary folder harms nobody.
    let _ = std::fs::remove_dir_all(&dir);
    outcome
}

/// A fresh directory only this process uses.
fn private_dir() -> std::io::Result<PathBuf> {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("followup-conformance-{}-{n}", std::process::id()));
    // Left over from a crashed process with the same id, so stale.
    let _ = std::fs::remove_dir_all(&dir);
    let mut builder = std::fs::DirBuilder::new();
    // Only this user may put a library where the host is about to load from.
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(&dir)?;
    Ok(dir)
}

#[cfg(unix)]
fn link(original: &Path, link: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(original, link)
}

#[cfg(not(unix))]
fn link(original: &Path, link: &Path) -> std::io::Result<()> {
    std::fs::copy(original, link).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_name_a_channel() {
        assert_eq!(channel_of(&file_name_for("whatsapp")), Some("whatsapp"));
        assert_eq!(channel_of(&file_name_for("Bad-Name")), None);
        assert_eq!(channel_of(&format!("{DLL_PREFIX}fault_x{DLL_SUFFIX}")), None);
    }
}
