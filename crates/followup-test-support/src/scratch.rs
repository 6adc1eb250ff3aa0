//! Scratch plugin directories: a fresh temporary directory per test, removed when the
//! test ends, into which libraries are copied under the names the host looks for.

use std::env::consts::{DLL_PREFIX, DLL_SUFFIX};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The file name of the plugin library for `channel` on this system, such as
/// `libfollowup_sms.so`.
pub fn plugin_file_name(channel: &str) -> String {
    format!("{DLL_PREFIX}followup_{channel}{DLL_SUFFIX}")
}

/// A temporary directory, removed (as far as the system allows) when dropped.
///
/// Its path is canonical, so it can be compared with the canonical paths the host
/// reports.
#[derive(Debug)]
pub struct ScratchDir {
    path: PathBuf,
}

impl ScratchDir {
    /// Creates an empty directory whose name contains `label`, unique in this process
    /// and among the processes running at the same time.
    ///
    /// # Panics
    ///
    /// Panics when the directory cannot be created.
    pub fn new(label: &str) -> ScratchDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path =
            std::env::temp_dir().join(format!("followup-test-{}-{n}-{label}", std::process::id()));
        // A directory of that name can only be left over from a crashed process that
        // had the same id; it is stale.
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path)
            .unwrap_or_else(|err| panic!("cannot create {}: {err}", path.display()));
        let path = path.canonicalize().expect("a directory just created can be resolved");
        ScratchDir { path }
    }

    /// The directory's canonical path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Creates the subdirectory `name` and returns its path.
    ///
    /// # Panics
    ///
    /// Panics when the directory cannot be created.
    pub fn subdir(&self, name: &str) -> PathBuf {
        let path = self.path.join(name);
        std::fs::create_dir_all(&path)
            .unwrap_or_else(|err| panic!("cannot create {}: {err}", path.display()));
        path
    }

    /// Copies `library` into the directory as the plugin for `channel`
    /// (`libfollowup_<channel>.so`) and returns the copy's path.
    ///
    /// # Panics
    ///
    /// Panics when the file cannot be copied.
    pub fn install(&self, library: &Path, channel: &str) -> PathBuf {
        let path = self.path.join(plugin_file_name(channel));
        std::fs::copy(library, &path).unwrap_or_else(|err| {
            panic!("cannot copy {} to {}: {err}", library.display(), path.display())
        });
        path
    }

    /// Writes `contents` to the file `name` in the directory and returns its path.
    ///
    /// # Panics
    ///
    /// Panics when the file cannot be written.
    pub fn write(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.path.join(name);
        std::fs::write(&path, contents)
            .unwrap_or_else(|err| panic!("cannot write {}: {err}", path.display()));
        path
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        // Best effort: a library loaded from here stays mapped, which some systems
        // (Windows) do not let go of while the process runs.
        let _ = std::fs::remove_dir_all(&self.path);
    }
}
