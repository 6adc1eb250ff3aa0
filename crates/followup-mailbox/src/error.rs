//! What can go wrong with a mailbox as a whole. A single unreadable message is not an
//! error: it is [`crate::Skipped`] and the scan goes on.

use std::path::PathBuf;

/// A mailbox that cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum MailboxError {
    /// Nothing is at the path.
    #[error("`{path}` does not exist; give a Maildir folder, an mbox file or .eml files")]
    NotFound {
        /// The path given.
        path: PathBuf,
    },
    /// A folder that is neither a Maildir nor holds `.eml` files.
    #[error(
        "`{path}` is a folder but not a Maildir (no `cur/` or `new/` in it) and holds no .eml files; give the Maildir folder itself, an mbox file or .eml files"
    )]
    NotAMailbox {
        /// The folder.
        path: PathBuf,
    },
    /// The path or a folder in it could not be read.
    #[error(
        "cannot read the mailbox `{path}`: {source}; check that it exists and that you may read it"
    )]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

impl MailboxError {
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> MailboxError {
        if source.kind() == std::io::ErrorKind::NotFound {
            MailboxError::NotFound { path: path.to_path_buf() }
        } else {
            MailboxError::Io { path: path.to_path_buf(), source }
        }
    }
}
