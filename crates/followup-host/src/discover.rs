//! Which files in the search path are plugin candidates.
//!
//! A candidate is a file named `{DLL_PREFIX}followup_<channel>{DLL_SUFFIX}`
//! (`libfollowup_sms.so`). Directories are listed in search order and their candidates
//! sorted by name, so the outcome does not depend on the file system's listing order.
//! Each file is resolved to its canonical path, and a file reachable twice (the same
//! directory listed twice, a symbolic link) is a candidate once. This module opens no
//! library.

use std::collections::HashSet;
use std::env::consts::{DLL_PREFIX, DLL_SUFFIX};
use std::io;
use std::path::{Path, PathBuf};

use crate::refusal::{Refusal, RefusalReason, one_line};
use crate::search::{Origin, SearchPath};

/// A file that looks like a plugin.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    /// The canonical, absolute path.
    pub path: PathBuf,
    /// The `<channel>` part of the file name.
    pub channel: String,
    /// Where the directory that holds it came from.
    pub origin: Origin,
}

/// What the search path holds: the candidates in order, and the paths that could not
/// be read.
#[derive(Debug, Default)]
pub(crate) struct Discovery {
    pub candidates: Vec<Candidate>,
    pub unreadable: Vec<Refusal>,
}

/// Lists the candidates of every directory in `search`. Directories that do not exist
/// are skipped silently: most of the standard ones usually do not.
pub(crate) fn discover(search: &SearchPath) -> Discovery {
    let mut discovery = Discovery::default();
    let mut seen = HashSet::new();
    for search_dir in search.dirs() {
        let files = match candidate_files(&search_dir.dir) {
            Ok(files) => files,
            Err(err) if err.kind() == io::ErrorKind::NotFound => continue,
            Err(err) => {
                discovery.unreadable.push(unreadable(&search_dir.dir, &err));
                continue;
            }
        };
        for (channel, file) in files {
            let path = match file.canonicalize() {
                Ok(path) => path,
                Err(err) => {
                    discovery.unreadable.push(unreadable(&file, &err));
                    continue;
                }
            };
            // A directory that happens to carry a plugin's name is not a plugin.
            if !path.is_file() || !seen.insert(path.clone()) {
                continue;
            }
            if let Some(refusal) = crate::ownership::unsafe_to_load(&path) {
                discovery.unreadable.push(refusal);
                continue;
            }
            discovery.candidates.push(Candidate { path, channel, origin: search_dir.origin });
        }
    }
    discovery
}

/// The files in `dir` named like a plugin, with their channel, sorted by file name.
fn candidate_files(dir: &Path) -> io::Result<Vec<(String, PathBuf)>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        // A name that is not UTF-8 cannot name a channel, whose id is ASCII.
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        if let Some(channel) = channel_of(&name) {
            files.push((name.clone(), channel.to_string(), entry.path()));
        }
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files.into_iter().map(|(_, channel, path)| (channel, path)).collect())
}

/// The `<channel>` of a file named `{DLL_PREFIX}followup_<channel>{DLL_SUFFIX}`.
pub(crate) fn channel_of(file_name: &str) -> Option<&str> {
    let channel =
        file_name.strip_prefix(DLL_PREFIX)?.strip_prefix("followup_")?.strip_suffix(DLL_SUFFIX)?;
    (!channel.is_empty()).then_some(channel)
}

fn unreadable(path: &Path, err: &io::Error) -> Refusal {
    Refusal {
        path: path.to_path_buf(),
        reason: RefusalReason::Unreadable { detail: one_line(&err.to_string()) },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(channel: &str) -> String {
        format!("{DLL_PREFIX}followup_{channel}{DLL_SUFFIX}")
    }

    #[test]
    fn channel_is_read_from_the_library_name() {
        assert_eq!(channel_of(&name("sms")), Some("sms"));
        assert_eq!(channel_of(&name("Bad Name")), Some("Bad Name"));
        assert_eq!(channel_of(&name("")), None);
        assert_eq!(channel_of(&format!("{DLL_PREFIX}fault_sms{DLL_SUFFIX}")), None);
        assert_eq!(channel_of(&format!("{DLL_PREFIX}followup_sms.txt")), None);
        assert_eq!(channel_of("followup_sms"), None);
    }
}
