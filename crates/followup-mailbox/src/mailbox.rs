//! Finding the messages of a mailbox and reading each one's header block, without
//! changing anything in it.
//!
//! A Maildir is a folder with `cur/` and `new/` (and `tmp/`, never read: messages in it
//! are still being delivered); each message is a file whose name, up to the `:` that
//! starts its flags, stays the same when a mail program moves it from `new/` to `cur/`
//! or marks it read. An mbox is one file of messages, each starting with a `From `
//! line. Anything else is read as one `.eml` message, or a folder of them.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use crate::error::MailboxError;
use crate::mbox;
use crate::message::{self, Message, Skipped};

/// The largest header block read (1 MiB, far above what any mail server accepts); a
/// message with a longer one is skipped.
pub const HEADER_LIMIT: usize = 1 << 20;

/// How much of a body is kept with the header block (16 KiB): enough for an
/// out-of-office text to give its return date, whatever the message's size.
pub const BODY_PREFIX: usize = 16 << 10;

/// What kind of mailbox a path is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MailboxKind {
    /// A Maildir folder.
    Maildir,
    /// An mbox file.
    Mbox,
    /// One `.eml` file.
    Eml,
    /// A folder of `.eml` files.
    EmlFolder,
}

/// A mailbox on disk, to be read.
#[derive(Clone, Debug)]
pub struct Mailbox {
    path: PathBuf,
    kind: MailboxKind,
}

/// One file of a mailbox, as a scan remembers it: its stable name, size and
/// modification time. A file seen before with the same three need not be read again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The file's stable name: a Maildir message's unique name (before `:`), or the
    /// file's name.
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
    /// Its modification time, in nanoseconds since 1970.
    pub modified: i64,
    /// Where it is.
    pub path: PathBuf,
}

impl Mailbox {
    /// Finds out what `path` is: a Maildir (a folder with `cur/` or `new/`), an mbox (a
    /// file starting with `From `), one `.eml` file, or a folder of `.eml` files.
    ///
    /// # Errors
    ///
    /// When nothing is at `path`, it cannot be read, or it is a folder of neither kind.
    pub fn open(path: &Path) -> Result<Mailbox, MailboxError> {
        let meta = std::fs::metadata(path).map_err(|e| MailboxError::io(path, e))?;
        let kind = if meta.is_dir() {
            if path.join("cur").is_dir() || path.join("new").is_dir() {
                MailboxKind::Maildir
            } else {
                let has_eml = std::fs::read_dir(path)
                    .map_err(|e| MailboxError::io(path, e))?
                    .filter_map(Result::ok)
                    .any(|e| is_eml(&e.path()));
                if !has_eml {
                    return Err(MailboxError::NotAMailbox { path: path.to_path_buf() });
                }
                MailboxKind::EmlFolder
            }
        } else {
            let mut start = [0u8; 5];
            let mut file = File::open(path).map_err(|e| MailboxError::io(path, e))?;
            let read = read_up_to(&mut file, &mut start).map_err(|e| MailboxError::io(path, e))?;
            if &start[..read] == b"From " { MailboxKind::Mbox } else { MailboxKind::Eml }
        };
        Ok(Mailbox { path: path.to_path_buf(), kind })
    }

    /// The path given.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What kind of mailbox it is.
    pub fn kind(&self) -> MailboxKind {
        self.kind
    }

    /// A key naming the mailbox in what a scan remembers: its absolute path.
    pub fn key(&self) -> String {
        std::fs::canonicalize(&self.path)
            .unwrap_or_else(|_| self.path.clone())
            .display()
            .to_string()
    }

    /// Calls `each` with every file of the mailbox (for an mbox or an `.eml`, the file
    /// itself), in the order the folder lists them.
    ///
    /// # Errors
    ///
    /// When a folder cannot be listed, or what `each` returns.
    pub fn for_each_entry<E: From<MailboxError>>(
        &self,
        mut each: impl FnMut(Entry) -> Result<(), E>,
    ) -> Result<(), E> {
        match self.kind {
            MailboxKind::Mbox | MailboxKind::Eml => {
                let meta =
                    std::fs::metadata(&self.path).map_err(|e| MailboxError::io(&self.path, e))?;
                let name = self
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                each(entry(name, &meta, self.path.clone()))
            }
            MailboxKind::Maildir => {
                for sub in ["new", "cur"] {
                    let dir = self.path.join(sub);
                    if !dir.is_dir() {
                        continue;
                    }
                    for item in std::fs::read_dir(&dir).map_err(|e| MailboxError::io(&dir, e))? {
                        let item = item.map_err(|e| MailboxError::io(&dir, e))?;
                        let file_name = item.file_name();
                        let file_name = file_name.to_string_lossy();
                        // Hidden files are a mail program's own (Dovecot's indexes).
                        if file_name.starts_with('.') {
                            continue;
                        }
                        let Ok(meta) = item.metadata() else { continue };
                        if !meta.is_file() {
                            continue;
                        }
                        let name = file_name.split(':').next().unwrap_or(&file_name).to_string();
                        each(entry(name, &meta, item.path()))?;
                    }
                }
                Ok(())
            }
            MailboxKind::EmlFolder => {
                let dir = &self.path;
                for item in std::fs::read_dir(dir).map_err(|e| MailboxError::io(dir, e))? {
                    let item = item.map_err(|e| MailboxError::io(dir, e))?;
                    let path = item.path();
                    let Ok(meta) = item.metadata() else { continue };
                    if !meta.is_file() || !is_eml(&path) {
                        continue;
                    }
                    let name = item.file_name().to_string_lossy().into_owned();
                    each(entry(name, &meta, path))?;
                }
                Ok(())
            }
        }
    }

    /// Reads the messages of one entry (one for a Maildir or `.eml` file, every one of
    /// an mbox), calling `each` with each message or the reason it was skipped.
    ///
    /// # Errors
    ///
    /// When the file cannot be opened or read (a message that cannot be parsed is not
    /// an error, it is given to `each` as [`Skipped`]).
    pub fn read(
        &self,
        entry: &Entry,
        mut each: impl FnMut(Result<Message, Skipped>),
    ) -> Result<(), MailboxError> {
        let path = &entry.path;
        let file = File::open(path).map_err(|e| MailboxError::io(path, e))?;
        match self.kind {
            MailboxKind::Mbox => {
                mbox::read(file, path, each).map_err(|e| MailboxError::io(path, e))
            }
            _ => {
                let location = path.display().to_string();
                let message =
                    read_message_file(file, &location).map_err(|e| MailboxError::io(path, e))?;
                each(message);
                Ok(())
            }
        }
    }
}

fn is_eml(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("eml"))
}

fn entry(name: String, meta: &std::fs::Metadata, path: PathBuf) -> Entry {
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map(|d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
        .unwrap_or(0);
    Entry { name, size: meta.len(), modified, path }
}

/// Fills `buf` as far as the reader goes; returns how much was read.
fn read_up_to(reader: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// Where the header block of `data` ends (after its blank line), if it does.
pub(crate) fn header_end(data: &[u8]) -> Option<usize> {
    let mut at = 0;
    while let Some(found) = data[at..].iter().position(|&b| b == b'\n') {
        let next = at + found + 1;
        match data.get(next) {
            Some(b'\n') => return Some(next + 1),
            Some(b'\r') if data.get(next + 1) == Some(&b'\n') => return Some(next + 2),
            _ => {}
        }
        at = next;
    }
    None
}

/// Reads one message file: its header block (up to [`HEADER_LIMIT`]) and the first
/// [`BODY_PREFIX`] bytes of its body, never more.
fn read_message_file(mut file: File, location: &str) -> std::io::Result<Result<Message, Skipped>> {
    let mut data = Vec::with_capacity(8 << 10);
    let mut chunk = [0u8; 8 << 10];
    let mut searched: usize = 0;
    let end = loop {
        let n = read_up_to(&mut file, &mut chunk)?;
        data.extend_from_slice(&chunk[..n]);
        // Search again from just before the new bytes, in case the blank line spans them.
        if let Some(end) = header_end(&data[searched.saturating_sub(3)..]) {
            break Some(searched.saturating_sub(3) + end);
        }
        searched = data.len();
        if n < chunk.len() {
            break None;
        }
        if data.len() > HEADER_LIMIT {
            return Ok(Err(Skipped {
                location: location.to_string(),
                problem: format!("its header block is longer than {} KiB", HEADER_LIMIT >> 10),
            }));
        }
    };
    if let Some(end) = end {
        let wanted = end + BODY_PREFIX;
        if data.len() < wanted {
            let mut rest = vec![0u8; wanted - data.len()];
            let n = read_up_to(&mut file, &mut rest)?;
            data.extend_from_slice(&rest[..n]);
        }
        data.truncate(wanted);
    }
    Ok(message::parse(&data, location))
}

/// Reads one message file (an exported `.eml` draft, say) as a scan would: its header
/// block and the start of its body.
///
/// # Errors
///
/// When the file cannot be opened or read; a file that is not a readable message is
/// `Ok(Err(Skipped))`.
pub fn read_message(path: &Path) -> Result<Result<Message, Skipped>, MailboxError> {
    let file = File::open(path).map_err(|e| MailboxError::io(path, e))?;
    read_message_file(file, &path.display().to_string()).map_err(|e| MailboxError::io(path, e))
}
