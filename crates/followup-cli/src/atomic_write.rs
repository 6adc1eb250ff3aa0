//! Writing files so that a reader never sees half of one and nothing is replaced
//! unless the user asked for it.
//!
//! Every write happens in a [`Folder`]: the folder is locked for as long as it is held
//! (see [`folder_lock`]), so two runs writing into one folder take turns, and
//! temporary files that earlier, killed runs left behind are removed when it is taken.
//! Each file's content goes to a short-named temporary file in the same folder and is
//! flushed to disk; then
//!
//! - a new file is hard-linked into place, which fails if the name exists, so a file
//!   that appeared meanwhile (a program other than followup) is never replaced: std's
//!   `hard_link` is `link(2)`, which has no-replace semantics on every Unix file system
//!   and needs no platform code; on a file system without hard links (FAT, some
//!   network shares) the file is created exclusively and written in place instead;
//! - an existing file (only when replacing was asked for) is replaced by a rename,
//!   which is atomic on the same file system, and keeps its permissions (a 0600 file
//!   stays 0600).
//!
//! If anything fails, the temporary file is removed and the target is untouched. The
//! process ignores SIGXFSZ ([`ignore_file_size_signal`]), so a file-size limit makes a
//! write fail with an error instead of killing the run halfway through an export.

mod folder_lock;
mod temporary;

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use self::folder_lock::FolderLock;

/// What happened to one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// It did not exist and was written.
    Created,
    /// It existed with other content and was replaced (only with `replace`).
    Replaced,
    /// It already had exactly this content.
    Unchanged,
}

/// Why a file was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The file exists with other content and replacing was not asked for.
    #[error("{path}: the file exists and differs; pass --force to replace it")]
    Exists { path: PathBuf },
    /// The file system refused.
    #[error("{path}: cannot write the file: {cause}")]
    Io { path: PathBuf, cause: io::Error },
    /// The folder could not be locked against another run writing into it.
    #[error(
        "{dir}: cannot lock the folder against other runs writing into it: {cause}; check that the folder can be written, or choose another"
    )]
    Lock { dir: PathBuf, cause: io::Error },
}

/// A folder locked for writing: no other `followup` writes into it while this lives.
#[derive(Debug)]
pub struct Folder {
    dir: PathBuf,
    _lock: FolderLock,
}

impl Folder {
    /// Locks `dir`, which must exist, waiting while another run holds it, and removes
    /// the temporary files earlier runs left in it.
    ///
    /// # Errors
    ///
    /// [`WriteError::Lock`] when the lock file cannot be made or locked.
    pub fn lock(dir: &Path) -> Result<Folder, WriteError> {
        let lock = FolderLock::acquire(dir)
            .map_err(|cause| WriteError::Lock { dir: dir.to_path_buf(), cause })?;
        temporary::remove_stale(dir);
        Ok(Folder { dir: dir.to_path_buf(), _lock: lock })
    }

    /// The path of `name` in this folder.
    pub fn path_of(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// Writes `content` to the file `name` in this folder atomically; an existing
    /// different file is replaced only when `replace` is true.
    ///
    /// # Errors
    ///
    /// [`WriteError::Exists`] for a different file without `replace`, and
    /// [`WriteError::Io`] when the file system refuses.
    pub fn write(&self, name: &str, content: &[u8], replace: bool) -> Result<Outcome, WriteError> {
        let path = self.path_of(name);
        let io = |cause| WriteError::Io { path: path.clone(), cause };
        match fs::read(&path) {
            Ok(current) if current == content => Ok(Outcome::Unchanged),
            Ok(_) if !replace => Err(WriteError::Exists { path: path.clone() }),
            Ok(_) => {
                let permissions = fs::metadata(&path).map_err(io)?.permissions();
                self.through_temporary(content, Some(permissions), |temp| fs::rename(temp, &path))
                    .map_err(io)?;
                Ok(Outcome::Replaced)
            }
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                self.create(&path, content, replace)
            }
            Err(err) => Err(io(err)),
        }
    }

    /// Creates `path`, never replacing a file that appeared meanwhile unless `replace`.
    fn create(&self, path: &Path, content: &[u8], replace: bool) -> Result<Outcome, WriteError> {
        let io = |cause| WriteError::Io { path: path.to_path_buf(), cause };
        let linked = self.through_temporary(content, None, |temp| {
            let linked = fs::hard_link(temp, path);
            // The temporary name goes whatever happened; the link, if made, stays.
            let _ = fs::remove_file(temp);
            linked
        });
        match linked {
            Ok(()) => Ok(Outcome::Created),
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {
                // Someone else created it meanwhile: judge their file like any other.
                match fs::read(path) {
                    Ok(current) if current == content => Ok(Outcome::Unchanged),
                    Ok(_) if replace => self.write_again(path, content),
                    Ok(_) => Err(WriteError::Exists { path: path.to_path_buf() }),
                    Err(err) => Err(io(err)),
                }
            }
            Err(err) if links_unsupported(&err) => {
                create_in_place(path, content).map_err(io)?;
                Ok(Outcome::Created)
            }
            Err(err) => Err(io(err)),
        }
    }

    /// Replaces a file that appeared while this run was creating it.
    fn write_again(&self, path: &Path, content: &[u8]) -> Result<Outcome, WriteError> {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        self.write(name, content, true)
    }

    /// Writes `content` to a fresh temporary file (with `permissions`, when given),
    /// flushes it, and hands its path to `finish`; removes it if anything fails.
    fn through_temporary(
        &self,
        content: &[u8],
        permissions: Option<fs::Permissions>,
        finish: impl FnOnce(&Path) -> io::Result<()>,
    ) -> io::Result<()> {
        let temp = temporary::path_in(&self.dir);
        let result = (|| {
            let mut file = fs::File::create_new(&temp)?;
            if let Some(permissions) = permissions {
                file.set_permissions(permissions)?;
            }
            file.write_all(content)?;
            file.sync_all()?;
            drop(file);
            finish(&temp)
        })();
        if result.is_err() {
            // Best effort: the temporary file may not even exist.
            let _ = fs::remove_file(&temp);
        }
        result
    }
}

/// Whether `err` says the file system cannot make hard links.
fn links_unsupported(err: &io::Error) -> bool {
    // FAT answers EPERM to link(2); others say so plainly.
    matches!(err.kind(), io::ErrorKind::Unsupported | io::ErrorKind::PermissionDenied)
}

/// Creates `path` exclusively and writes it in place, for file systems without hard
/// links; removes it again if the write fails.
fn create_in_place(path: &Path, content: &[u8]) -> io::Result<()> {
    let mut file = fs::File::create_new(path)?;
    let written = file.write_all(content).and_then(|()| file.sync_all());
    if written.is_err() {
        let _ = fs::remove_file(path);
    }
    written
}

/// Writes `content` to `path` atomically, locking its folder for the time of the
/// write; an existing different file is replaced only when `replace` is true.
///
/// # Errors
///
/// As [`Folder::lock`] and [`Folder::write`].
pub fn write(path: &Path, content: &[u8], replace: bool) -> Result<Outcome, WriteError> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return Err(WriteError::Io {
            path: path.to_path_buf(),
            cause: io::Error::new(io::ErrorKind::InvalidInput, "not a UTF-8 file name"),
        });
    };
    if !dir.is_dir() {
        return Err(WriteError::Io {
            path: path.to_path_buf(),
            cause: io::Error::new(io::ErrorKind::NotFound, "the folder does not exist"),
        });
    }
    Folder::lock(dir)?.write(name, content, replace)
}

/// Makes a file-size limit (`ulimit -f`) an error of the write that passes it, instead
/// of a signal that kills the process mid-export; called once, first thing in `main`.
pub fn ignore_file_size_signal() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to "ignore" installs no handler, so no
    // code runs in signal context; it is done before any thread is started.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("followup-atomic-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("temp dir is writable");
        dir
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn refuses_to_replace_without_permission() {
        let dir = scratch("refuse");
        let path = dir.join("a.json");
        assert_eq!(write(&path, b"one", false).expect("first write"), Outcome::Created);
        assert_eq!(write(&path, b"one", false).expect("same content"), Outcome::Unchanged);
        assert!(matches!(write(&path, b"two", false), Err(WriteError::Exists { .. })));
        assert_eq!(fs::read(&path).expect("still there"), b"one");
        assert_eq!(write(&path, b"two", true).expect("forced"), Outcome::Replaced);
        assert_eq!(fs::read(&path).expect("replaced"), b"two");
        assert_eq!(names(&dir), ["a.json"], "no temporary or lock file is left behind");
    }

    #[test]
    fn missing_directory_is_an_error_and_leaves_nothing() {
        let dir = scratch("missing");
        let path = dir.join("no-such-dir").join("a.json");
        assert!(matches!(write(&path, b"x", false), Err(WriteError::Io { .. })));
        assert!(!path.exists());
    }

    /// Issue 14: a 230-character name aborted the export, its temporary name too long.
    #[test]
    fn a_name_near_the_limit_is_written() {
        let dir = scratch("long");
        let path = dir.join(format!("{}.eml", "a".repeat(226)));
        assert_eq!(write(&path, b"x", false).expect("written"), Outcome::Created);
        assert_eq!(fs::read(&path).expect("there"), b"x");
    }

    /// Issue 14: a replaced file kept the temporary file's permissions (0644).
    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("mode");
        let path = dir.join("private.jsonl");
        fs::write(&path, b"old").expect("written");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).expect("chmod");
        assert_eq!(write(&path, b"new", true).expect("replaced"), Outcome::Replaced);
        let mode = fs::metadata(&path).expect("there").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    /// Issue 14: a killed run's temporary files stayed in the folder for good.
    #[test]
    fn stale_temporary_files_are_removed_and_others_kept() {
        let dir = scratch("stale");
        for name in [".followup-999999-3.tmp", ".a.eml.999999.tmp", "notes.tmp", ".hidden"] {
            fs::write(dir.join(name), b"x").expect("written");
        }
        write(&dir.join("a.eml"), b"x", false).expect("written");
        assert_eq!(names(&dir), [".hidden", "a.eml", "notes.tmp"]);
    }

    /// Issue 14: simultaneous writers replaced each other's files.
    #[test]
    fn writers_in_one_folder_take_turns_and_never_replace_each_other() {
        let dir = scratch("race");
        let outcomes: Vec<Result<Outcome, WriteError>> = std::thread::scope(|scope| {
            let writers: Vec<_> = (0..8u8)
                .map(|i| {
                    let path = dir.join("shared.txt");
                    scope.spawn(move || write(&path, &[b'0' + i % 2], false))
                })
                .collect();
            writers.into_iter().map(|w| w.join().expect("no panic")).collect()
        });
        let created = outcomes.iter().filter(|o| matches!(o, Ok(Outcome::Created))).count();
        assert_eq!(created, 1, "{outcomes:?}");
        let content = fs::read(dir.join("shared.txt")).expect("there");
        for outcome in &outcomes {
            match outcome {
                Ok(Outcome::Created | Outcome::Unchanged) | Err(WriteError::Exists { .. }) => {}
                other => panic!("unexpected {other:?}"),
            }
        }
        let refused = outcomes.iter().filter(|o| o.is_err()).count();
        let same = (0..8u8).filter(|i| [b'0' + i % 2] == content[..]).count();
        assert_eq!(refused, 8 - same, "exactly the writers of other content are refused");
        assert_eq!(names(&dir), ["shared.txt"]);
    }
}
