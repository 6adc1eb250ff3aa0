//! The lock that makes one `followup` at a time write into a folder.
//!
//! It is std's advisory `File::lock` on `.followup.lock` inside the folder, held for as
//! long as a [`FolderLock`] lives, so that two exports started together run one after
//! the other: the second sees the first's files (unchanged, or differing and refused)
//! instead of racing it. On Unix the lock file is removed when the lock is released;
//! a waiter that then gets the lock on the removed file notices (the path no longer
//! names the file it locked) and tries again, so two runs never both hold it.

use std::fs::{self, File, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

/// The name of the lock file in a folder being written.
pub const LOCK_FILE: &str = ".followup.lock";

/// An exclusive hold on a folder; released when dropped.
#[derive(Debug)]
pub struct FolderLock {
    /// The lock file and its open handle, or `None` when the folder cannot take a
    /// lock file because nothing can be created in it (then nothing can be clobbered
    /// either, and each write reports its own error).
    held: Option<(PathBuf, File)>,
}

impl FolderLock {
    /// Takes the lock on `dir`, waiting (with a note on stderr) while another
    /// `followup` holds it.
    ///
    /// # Errors
    ///
    /// The lock file cannot be opened for another reason than a folder that cannot be
    /// written, or the file system refuses to lock it.
    pub fn acquire(dir: &Path) -> io::Result<FolderLock> {
        let path = dir.join(LOCK_FILE);
        let mut told = false;
        loop {
            let file = match fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
            {
                Ok(file) => file,
                Err(err)
                    if matches!(
                        err.kind(),
                        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
                    ) =>
                {
                    return Ok(FolderLock { held: None });
                }
                Err(err) => return Err(err),
            };
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    if !told {
                        eprintln!(
                            "waiting for another followup that is writing into {}",
                            dir.display()
                        );
                        told = true;
                    }
                    file.lock()?;
                }
                Err(TryLockError::Error(err)) => return Err(err),
            }
            if still_names(&path, &file) {
                return Ok(FolderLock { held: Some((path, file)) });
            }
            // The holder removed the file as it let go: lock the new one instead.
        }
    }
}

impl Drop for FolderLock {
    fn drop(&mut self) {
        if let Some((path, file)) = self.held.take() {
            // Removed while still locked, so that nobody locks a file about to vanish
            // without noticing (see `still_names`). Best effort: a lock file left
            // behind is only an empty file the next run locks again.
            #[cfg(unix)]
            let _ = fs::remove_file(&path);
            #[cfg(not(unix))]
            let _ = &path;
            drop(file);
        }
    }
}

/// Whether `path` still names the file `file` was opened from.
#[cfg(unix)]
fn still_names(path: &Path, file: &File) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(path), file.metadata()) {
        (Ok(named), Ok(open)) => named.dev() == open.dev() && named.ino() == open.ino(),
        _ => false,
    }
}

/// Elsewhere the lock file is never removed, so the path always names it.
#[cfg(not(unix))]
fn still_names(_path: &Path, _file: &File) -> bool {
    true
}
