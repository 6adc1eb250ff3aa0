//! Who could replace a plugin: a library runs with the user's rights, so a file that
//! another user can write, or a folder where another user can put one, is refused as
//! ssh refuses such keys.
//!
//! A file or its folder is unsafe when others may write it (mode o+w) or when it is
//! owned by another user who is not root (root owns system-wide installs).

use std::path::Path;

use crate::refusal::{Refusal, RefusalReason};

/// Why the plugin at `path` (canonical) is unsafe to load, or `None`.
#[cfg(unix)]
pub(crate) fn unsafe_to_load(path: &Path) -> Option<Refusal> {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: geteuid takes no argument, cannot fail and touches no memory.
    let me = unsafe { libc::geteuid() };
    let folder = path.parent().unwrap_or(path);
    for (what, at) in [("the file", path), ("its folder", folder)] {
        let Ok(meta) = std::fs::metadata(at) else { continue };
        let detail = if meta.mode() & 0o002 != 0 {
            format!(
                "{what} {} is writable by others (mode {:04o})",
                at.display(),
                meta.mode() & 0o7777
            )
        } else if meta.uid() != me && meta.uid() != 0 {
            format!("{what} {} belongs to another user (uid {})", at.display(), meta.uid())
        } else {
            continue;
        };
        return Some(Refusal {
            path: path.to_path_buf(),
            reason: RefusalReason::Unsafe { detail, fix: at.to_path_buf() },
        });
    }
    None
}

/// Elsewhere permissions are not modes; nothing is refused here.
#[cfg(not(unix))]
pub(crate) fn unsafe_to_load(_path: &Path) -> Option<Refusal> {
    None
}
