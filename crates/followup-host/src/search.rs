//! Where plugins are looked for: an ordered list of directories, each labelled with
//! where it came from so that messages can say why a directory was searched.
//!
//! This module only builds the list. It reads no environment variable and touches no
//! file; listing the directories is [`crate::discover`]'s job.

use std::ffi::OsStr;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::isolate::PluginIsolation;

/// Where a search directory came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Origin {
    /// A `--plugin-dir` argument.
    CommandLine,
    /// An entry of the `FOLLOWUP_PLUGIN_PATH` environment variable.
    EnvVar,
    /// The directory of the `followup` executable, its `plugins/` subfolder, or
    /// `../share/followup/plugins` when the executable is in a `bin/` folder.
    ExecutableDir,
    /// The user's data directory for followup.
    UserDataDir,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Origin::CommandLine => "--plugin-dir",
            Origin::EnvVar => "FOLLOWUP_PLUGIN_PATH",
            Origin::ExecutableDir => "next to the followup executable",
            Origin::UserDataDir => "user data directory",
        })
    }
}

/// One directory of a [`SearchPath`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchDir {
    /// The directory, as given; it need not exist.
    pub dir: PathBuf,
    /// Where it came from.
    pub origin: Origin,
}

/// The directories searched for plugins, in order: when two files declare the same
/// channel, the one found first wins.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchPath {
    dirs: Vec<SearchDir>,
    isolation: PluginIsolation,
    manifest_cache: Option<PathBuf>,
}

impl SearchPath {
    /// An empty search path.
    pub fn new() -> SearchPath {
        SearchPath::default()
    }

    /// How the plugins found on this path are run (in process unless set).
    pub fn isolation(&self) -> &PluginIsolation {
        &self.isolation
    }

    /// Sets how the plugins found on this path are run.
    pub fn set_isolation(&mut self, isolation: PluginIsolation) {
        self.isolation = isolation;
    }

    /// The file the manifests of loaded libraries are remembered in, if any.
    pub fn manifest_cache(&self) -> Option<&Path> {
        self.manifest_cache.as_deref()
    }

    /// Remembers the manifests of the libraries that load in `file`, and describes a
    /// library that has not changed since from it, opening it only on its first render
    /// or export (see the `manifest_cache` module). With `None`, every library is
    /// opened when the plugins load.
    pub fn set_manifest_cache(&mut self, file: Option<PathBuf>) {
        self.manifest_cache = file;
    }

    /// Appends a directory; it is searched after those already pushed.
    pub fn push(&mut self, dir: PathBuf, origin: Origin) {
        self.dirs.push(SearchDir { dir, origin });
    }

    /// The standard search path, from the inputs the caller has read.
    ///
    /// The order is: each `--plugin-dir` in `cli_dirs`; each entry of
    /// `FOLLOWUP_PLUGIN_PATH` (`env_value`, split like `PATH`, empty entries skipped);
    /// `exe_dir`, its `plugins/` subfolder and, when `exe_dir` is a `bin/` folder,
    /// `../share/followup/plugins`; `user_data_dir`, which is searched as
    /// given (pass the folder that holds the plugins). The host reads no environment
    /// variable itself, so that the order is testable and the CLI stays in charge.
    ///
    /// # Example
    ///
    /// ```
    /// use std::path::{Path, PathBuf};
    /// use followup_host::{Origin, SearchPath};
    ///
    /// let search = SearchPath::standard(
    ///     &[PathBuf::from("mine")],
    ///     None,
    ///     Some(Path::new("/usr/bin")),
    ///     None,
    /// );
    /// let origins: Vec<Origin> = search.dirs().iter().map(|d| d.origin).collect();
    /// // `/usr/bin`, `/usr/bin/plugins` and `/usr/share/followup/plugins`.
    /// assert_eq!(origins, [Origin::CommandLine, Origin::ExecutableDir, Origin::ExecutableDir, Origin::ExecutableDir]);
    /// ```
    pub fn standard(
        cli_dirs: &[PathBuf],
        env_value: Option<&OsStr>,
        exe_dir: Option<&Path>,
        user_data_dir: Option<&Path>,
    ) -> SearchPath {
        let mut search = SearchPath::new();
        for dir in cli_dirs {
            search.push(dir.clone(), Origin::CommandLine);
        }
        if let Some(value) = env_value {
            // An empty entry means the current directory to a shell's PATH; loading
            // libraries from wherever the user happens to stand would be a trap.
            for dir in std::env::split_paths(value).filter(|dir| !dir.as_os_str().is_empty()) {
                search.push(dir, Origin::EnvVar);
            }
        }
        if let Some(dir) = exe_dir {
            search.push(dir.to_path_buf(), Origin::ExecutableDir);
            search.push(dir.join("plugins"), Origin::ExecutableDir);
            // An installed layout (`PREFIX/bin/followup` beside
            // `PREFIX/share/followup/plugins`), as `scripts/install.sh --prefix` makes it.
            if dir.file_name().is_some_and(|name| name == "bin")
                && let Some(prefix) = dir.parent()
            {
                search.push(
                    prefix.join("share").join("followup").join("plugins"),
                    Origin::ExecutableDir,
                );
            }
        }
        if let Some(dir) = user_data_dir {
            search.push(dir.to_path_buf(), Origin::UserDataDir);
        }
        search
    }

    /// The directories, in search order.
    pub fn dirs(&self) -> &[SearchDir] {
        &self.dirs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_order_is_cli_then_env_then_executable_then_user_data() {
        let env = std::env::join_paths(["/env/one", "", "/env/two"])
            .expect("no separator in the entries");
        let search = SearchPath::standard(
            &[PathBuf::from("/cli/one"), PathBuf::from("/cli/two")],
            Some(&env),
            Some(Path::new("/exe")),
            Some(Path::new("/data/followup/plugins")),
        );
        let dirs: Vec<(PathBuf, Origin)> =
            search.dirs().iter().map(|d| (d.dir.clone(), d.origin)).collect();
        let expected = [
            (PathBuf::from("/cli/one"), Origin::CommandLine),
            (PathBuf::from("/cli/two"), Origin::CommandLine),
            (PathBuf::from("/env/one"), Origin::EnvVar),
            (PathBuf::from("/env/two"), Origin::EnvVar),
            (PathBuf::from("/exe"), Origin::ExecutableDir),
            (Path::new("/exe").join("plugins"), Origin::ExecutableDir),
            (PathBuf::from("/data/followup/plugins"), Origin::UserDataDir),
        ];
        assert_eq!(dirs, expected);
    }

    #[test]
    fn origins_read_as_the_user_wrote_them() {
        let shown =
            [Origin::CommandLine, Origin::EnvVar, Origin::ExecutableDir, Origin::UserDataDir]
                .map(|origin| origin.to_string());
        assert_eq!(
            shown,
            [
                "--plugin-dir",
                "FOLLOWUP_PLUGIN_PATH",
                "next to the followup executable",
                "user data directory"
            ]
        );
    }

    #[test]
    fn standard_with_nothing_is_empty() {
        assert!(SearchPath::standard(&[], None, None, None).dirs().is_empty());
    }
}
