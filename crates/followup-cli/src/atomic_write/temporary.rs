//! Names of the temporary files a write goes through, and the clean-up of those that
//! earlier runs left behind (a run killed mid-write cannot remove its own).
//!
//! A temporary name is short and does not repeat the target's name
//! (`.followup-<pid>-<n>.tmp`), so a target whose name is near the file system's limit
//! can still be written.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// The start of every temporary name.
const PREFIX: &str = ".followup-";
/// The end of every temporary name.
const SUFFIX: &str = ".tmp";

/// A fresh temporary path in `dir`, unique within this process.
pub fn path_in(dir: &Path) -> PathBuf {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    dir.join(format!("{PREFIX}{}-{n}{SUFFIX}", std::process::id()))
}

/// Whether `name` is a temporary name of this or an earlier version of followup:
/// `.followup-<pid>-<n>.tmp`, or `.<target>.<pid>.tmp` as earlier versions wrote.
pub fn is_temporary(name: &str) -> bool {
    let Some(middle) = name.strip_prefix('.').and_then(|n| n.strip_suffix(SUFFIX)) else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(numbers) = name.strip_prefix(PREFIX).and_then(|n| n.strip_suffix(SUFFIX))
        && let Some((pid, n)) = numbers.split_once('-')
    {
        return digits(pid) && digits(n);
    }
    middle.rsplit_once('.').is_some_and(|(target, pid)| !target.is_empty() && digits(pid))
}

/// Removes the temporary files in `dir` that earlier runs left behind; only called
/// with the folder locked, when no other run can be writing one. Best effort: a file
/// that cannot be removed stays, as it would have without the clean-up.
pub fn remove_stale(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && entry.file_name().to_str().is_some_and(is_temporary) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_are_recognised_and_others_are_not() {
        assert!(is_temporary(".followup-123-0.tmp"));
        assert!(is_temporary(".thank-you.eml.4567.tmp"), "written by earlier versions");
        for name in ["notes.tmp", ".followup-x-0.tmp", ".tmp", "..1.tmp", ".a.b.tmp", "a.1.tmp"] {
            assert!(!is_temporary(name), "{name}");
        }
    }

    #[test]
    fn temporary_names_are_short_whatever_the_target() {
        let path = path_in(Path::new("/x"));
        let name = path.file_name().and_then(|n| n.to_str()).expect("a UTF-8 name");
        assert!(name.len() < 40 && is_temporary(name), "{name}");
    }
}
