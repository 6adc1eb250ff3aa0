//! What a mailbox scan remembers: each file it read, by mailbox, stable name, size and
//! modification time, so that a rescan reads only what is new or changed. A cache, not
//! part of the log: `store export` leaves it out, and losing it only makes a scan
//! slower (what was recorded from a message is never recorded twice either way).

use std::collections::HashMap;

use rusqlite::params;

use crate::error::StoreError;
use crate::open::Store;
use crate::write::Writer;

/// One file of a mailbox as a scan read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeenFile {
    /// The file's stable name in its mailbox.
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
    /// Its modification time, in nanoseconds since 1970.
    pub modified: i64,
}

impl Store {
    /// Every file remembered of `mailbox`: its name, with its size and modification time.
    ///
    /// # Errors
    ///
    /// When the store cannot be read.
    pub fn seen_files(&self, mailbox: &str) -> Result<HashMap<String, (u64, i64)>, StoreError> {
        let fail = |e| StoreError::sql(&self.path, "read", e);
        let mut statement = self
            .connection
            .prepare("SELECT name, size, modified FROM seen_files WHERE mailbox = ?1")
            .map_err(fail)?;
        let mut rows = statement.query([mailbox]).map_err(fail)?;
        let mut seen = HashMap::new();
        while let Some(row) = rows.next().map_err(fail)? {
            let size: i64 = row.get(1).map_err(fail)?;
            seen.insert(
                row.get::<_, String>(0).map_err(fail)?,
                (u64::try_from(size).unwrap_or(0), row.get::<_, i64>(2).map_err(fail)?),
            );
        }
        Ok(seen)
    }
}

impl Writer<'_> {
    /// Remembers that `files` of `mailbox` were read (replacing what was remembered of
    /// the same names).
    ///
    /// # Errors
    ///
    /// When SQLite refuses the write.
    pub fn remember_seen(&mut self, mailbox: &str, files: &[SeenFile]) -> Result<(), StoreError> {
        let path = self.path;
        let fail = |e| StoreError::sql(path, "written", e);
        let mut insert = self
            .tx
            .prepare_cached(
                "INSERT INTO seen_files (mailbox, name, size, modified) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (mailbox, name) DO UPDATE SET size = ?3, modified = ?4",
            )
            .map_err(fail)?;
        for file in files {
            let size = i64::try_from(file.size).unwrap_or(i64::MAX);
            insert.execute(params![mailbox, file.name, size, file.modified]).map_err(fail)?;
        }
        Ok(())
    }
}
