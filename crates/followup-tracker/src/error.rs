//! What can go wrong with a store.

use std::path::PathBuf;

/// A store that cannot be opened, read or written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file exists but is not an SQLite database.
    #[error(
        "`{path}` is not a followup store (it is not an SQLite database); nothing was written to it. Pass another path with --store or FOLLOWUP_STORE"
    )]
    NotSqlite {
        /// The file.
        path: PathBuf,
    },
    /// The file is an SQLite database of another program.
    #[error(
        "`{path}` is an SQLite database, but not a followup store; nothing was written to it. Pass another path with --store or FOLLOWUP_STORE"
    )]
    ForeignDatabase {
        /// The file.
        path: PathBuf,
    },
    /// The path is a directory, a device or a pipe.
    #[error("`{path}` is not a regular file; give the path of a store file with --store")]
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// The store was written by a newer followup.
    #[error(
        "`{path}` was written by a newer followup (store schema version {found}; this one reads up to version {supported}); upgrade followup, or export the store with the newer one"
    )]
    TooNew {
        /// The file.
        path: PathBuf,
        /// The version in the file.
        found: u32,
        /// The newest version this build knows.
        supported: u32,
    },
    /// The file is damaged.
    #[error(
        "`{path}` is damaged ({detail}); nothing was written to it. Restore it from a `followup store export` copy, or pass another path with --store"
    )]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What SQLite said.
        detail: String,
    },
    /// The file or its folder could not be created or opened.
    #[error("cannot open the store `{path}`: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// SQLite refused an operation.
    #[error("the store `{path}` could not be {action}: {source}")]
    Sql {
        /// The file.
        path: PathBuf,
        /// What was being done ("read", "written").
        action: &'static str,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// A stored record is not what this build expects.
    #[error(
        "the store `{path}` holds a record this followup cannot read (event {seq}: {detail}); export it with the followup that wrote it"
    )]
    BadRecord {
        /// The file.
        path: PathBuf,
        /// The event's sequence number, or 0 for a cached view.
        seq: u64,
        /// What is wrong.
        detail: String,
    },
    /// `store import` into a store that already has events.
    #[error(
        "the store `{path}` already holds {events} events; import only into an empty store (pass a new path with --store)"
    )]
    NotEmpty {
        /// The file.
        path: PathBuf,
        /// How many events it holds.
        events: u64,
    },
}

impl StoreError {
    /// Classifies an SQLite error met while reading or writing `path`.
    pub(crate) fn sql(
        path: &std::path::Path,
        action: &'static str,
        source: rusqlite::Error,
    ) -> Self {
        use rusqlite::ErrorCode;
        match source.sqlite_error_code() {
            Some(ErrorCode::DatabaseCorrupt) => {
                StoreError::Damaged { path: path.to_path_buf(), detail: source.to_string() }
            }
            Some(ErrorCode::NotADatabase) => StoreError::NotSqlite { path: path.to_path_buf() },
            _ => StoreError::Sql { path: path.to_path_buf(), action, source },
        }
    }
}
