//! Reading one file the user named as input (an interview, a profile, a style's
//! settings, a template): it must be a regular file of bounded size.
//!
//! A device (`/dev/zero`) would otherwise be read forever into memory and a FIFO with
//! no writer would hang the command at `open`. The file is opened without blocking
//! and its type is checked on the open handle, so no swap between a check and the
//! open can slip a FIFO past it.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

/// The largest input file read: far more than any interview, profile, style or
/// template needs (those are a few kilobytes), small enough to read at once.
pub const MAX_BYTES: u64 = 1024 * 1024;

/// Reads the regular file at `path` as UTF-8 text, refusing anything else and any
/// file over [`MAX_BYTES`] with an error that says what it is and what to do.
pub fn read_to_string(path: &Path) -> io::Result<String> {
    let file = open(path)?;
    let kind = file.metadata()?.file_type();
    if !kind.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("it is {}, not a regular file; give the path of a file", describe(kind)),
        ));
    }
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1).read_to_end(&mut bytes)?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > MAX_BYTES {
        return Err(io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!(
                "it is larger than {} MiB, far more than any input of followup; check that this is the right file",
                MAX_BYTES / 1024 / 1024
            ),
        ));
    }
    String::from_utf8(bytes).map_err(|_| {
        io::Error::new(io::ErrorKind::InvalidData, "it is not UTF-8 text; save it as UTF-8")
    })
}

/// Opens `path` for reading without waiting for a FIFO's writer.
fn open(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Only `open` itself is affected: reads of a regular file never block anyway,
        // and anything else is refused before it is read.
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// What a file that is not a regular file is, in words.
fn describe(kind: std::fs::FileType) -> &'static str {
    if kind.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_and_a_folder_are_refused_by_kind() {
        let err = read_to_string(Path::new("/dev/zero")).expect_err("a device");
        assert_eq!(err.to_string(), "it is a device, not a regular file; give the path of a file");
        let err = read_to_string(Path::new("/")).expect_err("a folder");
        assert!(err.to_string().starts_with("it is a folder"), "{err}");
    }

    #[test]
    fn a_file_over_the_limit_is_refused_and_one_at_it_is_read() {
        let dir = std::env::temp_dir().join(format!("followup-input-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir is writable");
        let path = dir.join("big.toml");
        let limit = usize::try_from(MAX_BYTES).expect("1 MiB fits a usize");
        std::fs::write(&path, "#".repeat(limit)).expect("written");
        assert_eq!(read_to_string(&path).expect("at the limit").len(), limit);
        std::fs::write(&path, "#".repeat(limit + 1)).expect("written");
        let err = read_to_string(&path).expect_err("over the limit");
        assert!(err.to_string().contains("larger than 1 MiB"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
