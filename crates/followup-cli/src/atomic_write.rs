//! Writing files so that a reader never sees half of one and nothing is replaced
//! unless the user asked for it.
//!
//! The content goes to a temporary file in the same directory, is flushed to disk, and
//! is then renamed over the target, which is atomic on the same file system. If
//! anything fails, the temporary file is removed and the target is untouched.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

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
    Io { path: PathBuf, cause: std::io::Error },
}

/// Writes `content` to `path` atomically; an existing different file is replaced only
/// when `replace` is true.
pub fn write(path: &Path, content: &[u8], replace: bool) -> Result<Outcome, WriteError> {
    let io = |cause| WriteError::Io { path: path.to_path_buf(), cause };
    let existed = match fs::read(path) {
        Ok(current) if current == content => return Ok(Outcome::Unchanged),
        Ok(_) if !replace => return Err(WriteError::Exists { path: path.to_path_buf() }),
        Ok(_) => true,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => false,
        Err(err) => return Err(io(err)),
    };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create_new(&temp)?;
        file.write_all(content)?;
        file.sync_all()?;
        drop(file);
        if !replace && path.exists() {
            // Someone created it meanwhile; keep theirs.
            return Err(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "created meanwhile",
            ));
        }
        fs::rename(&temp, path)
    })();
    match result {
        Ok(()) => Ok(if existed { Outcome::Replaced } else { Outcome::Created }),
        Err(err) => {
            // Best effort: the temporary file may not even exist.
            let _ = fs::remove_file(&temp);
            if err.kind() == std::io::ErrorKind::AlreadyExists && !replace {
                Err(WriteError::Exists { path: path.to_path_buf() })
            } else {
                Err(io(err))
            }
        }
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
        let leftovers = fs::read_dir(&dir).expect("dir").count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    #[test]
    fn missing_directory_is_an_error_and_leaves_nothing() {
        let dir = scratch("missing");
        let path = dir.join("no-such-dir").join("a.json");
        assert!(matches!(write(&path, b"x", false), Err(WriteError::Io { .. })));
        assert!(!path.exists());
    }
}
