//! Opening a store: recognising the file, creating it safely, migrating it.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::error::StoreError;
use crate::migrations::{APPLICATION_ID, MIGRATIONS, current_version};

/// How long a writer waits for another process's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// The first bytes of every SQLite database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// An open store.
pub struct Store {
    pub(crate) connection: Connection,
    pub(crate) path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish_non_exhaustive()
    }
}

impl Store {
    /// Opens the store at `path`, creating it (mode 0600, and its folder) when it does
    /// not exist, and migrating one made by an older followup.
    ///
    /// # Errors
    ///
    /// A file that is not a followup store, one written by a newer followup, a damaged
    /// one, or one that cannot be created or opened. Nothing is written to a file that
    /// is refused.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_with(path, true)?.ok_or_else(|| unreachable_missing(path))
    }

    /// Opens the store at `path` if it exists; `None` when there is no file there yet.
    ///
    /// # Errors
    ///
    /// As [`Store::open`].
    pub fn open_existing(path: &Path) -> Result<Option<Store>, StoreError> {
        Store::open_with(path, false)
    }

    /// The store's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn open_with(path: &Path, create: bool) -> Result<Option<Store>, StoreError> {
        let fresh = match std::fs::metadata(path) {
            Ok(meta) if !meta.is_file() => {
                return Err(StoreError::NotAFile { path: path.to_path_buf() });
            }
            Ok(meta) => {
                if meta.len() > 0 {
                    check_header(path)?;
                }
                meta.len() == 0
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                if !create {
                    return Ok(None);
                }
                create_private(path)?;
                true
            }
            Err(source) => return Err(StoreError::Io { path: path.to_path_buf(), source }),
        };
        let connection = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::sql(path, "opened", e))?;
        // Wait for other processes from the very first read: one may be creating or
        // migrating this store right now.
        connection.busy_timeout(BUSY_TIMEOUT).map_err(|e| StoreError::sql(path, "opened", e))?;
        let store = Store { connection, path: path.to_path_buf() };
        store.recognise(fresh)?;
        store.configure()?;
        store.migrate()?;
        Ok(Some(store))
    }

    /// Refuses a database that is not ours or is newer, before anything is written.
    fn recognise(&self, fresh: bool) -> Result<(), StoreError> {
        let read = |pragma: &str| -> Result<i64, StoreError> {
            self.connection
                .query_row(&format!("PRAGMA {pragma}"), [], |row| row.get(0))
                .map_err(|e| StoreError::sql(&self.path, "read", e))
        };
        let application = read("application_id")?;
        let version = read("user_version")?;
        let tables: i64 = self
            .connection
            .query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get(0))
            .map_err(|e| StoreError::sql(&self.path, "read", e))?;
        let ours = application == i64::from(APPLICATION_ID);
        let empty = application == 0 && version == 0 && tables == 0;
        if !(ours || fresh || empty) {
            return Err(StoreError::ForeignDatabase { path: self.path.clone() });
        }
        let found = u32::try_from(version).unwrap_or(u32::MAX);
        if found > current_version() {
            return Err(StoreError::TooNew {
                path: self.path.clone(),
                found,
                supported: current_version(),
            });
        }
        Ok(())
    }

    fn configure(&self) -> Result<(), StoreError> {
        // Switching a new store to WAL needs the file to itself for a moment; when another
        // process is opening it at the same time SQLite may answer "busy" without waiting,
        // so the switch is tried again, for as long as the busy timeout.
        let started = std::time::Instant::now();
        loop {
            match self.connection.execute_batch(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
            ) {
                Ok(()) => return Ok(()),
                Err(err)
                    if err.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                        && started.elapsed() < BUSY_TIMEOUT =>
                {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(err) => return Err(StoreError::sql(&self.path, "opened", err)),
            }
        }
    }

    /// Applies the migrations this store lacks, all in one transaction.
    fn migrate(&self) -> Result<(), StoreError> {
        migrate_to(&self.connection, &self.path, current_version())
    }
}

/// Brings the database at `connection` up to `target` (a schema version).
fn migrate_to(connection: &Connection, path: &Path, target: u32) -> Result<(), StoreError> {
    let fail = |e| StoreError::sql(path, "migrated", e);
    let version: i64 =
        connection.query_row("PRAGMA user_version", [], |row| row.get(0)).map_err(fail)?;
    let from = usize::try_from(version).unwrap_or(usize::MAX);
    let to = usize::try_from(target).unwrap_or(usize::MAX).min(MIGRATIONS.len());
    if from >= to {
        return Ok(());
    }
    // IMMEDIATE: two processes opening an old store at once migrate it once.
    connection.execute_batch("BEGIN IMMEDIATE").map_err(fail)?;
    let result = (|| {
        let version: i64 = connection.query_row("PRAGMA user_version", [], |row| row.get(0))?;
        let from = usize::try_from(version).unwrap_or(usize::MAX);
        for sql in MIGRATIONS.iter().take(to).skip(from) {
            connection.execute_batch(sql)?;
        }
        connection.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {to};"
        ))?;
        connection.execute_batch("COMMIT")
    })();
    if result.is_err() {
        let _ = connection.execute_batch("ROLLBACK");
    }
    result.map_err(fail)
}

/// Creates a store at `path` with the schema of `version` only (for tests of migration
/// from older stores).
///
/// # Errors
///
/// As [`Store::open`].
pub fn create_at_version(path: &Path, version: u32) -> Result<(), StoreError> {
    create_private(path)?;
    let connection = Connection::open(path).map_err(|e| StoreError::sql(path, "opened", e))?;
    migrate_to(&connection, path, version)
}

fn check_header(path: &Path) -> Result<(), StoreError> {
    let mut header = [0u8; 16];
    let mut file = std::fs::File::open(path)
        .map_err(|source| StoreError::Io { path: path.to_path_buf(), source })?;
    let read = file
        .read(&mut header)
        .map_err(|source| StoreError::Io { path: path.to_path_buf(), source })?;
    if read < header.len() || &header != SQLITE_HEADER {
        return Err(StoreError::NotSqlite { path: path.to_path_buf() });
    }
    Ok(())
}

/// Creates an empty file readable by its owner only, and its folder.
fn create_private(path: &Path) -> Result<(), StoreError> {
    let io = |source| StoreError::Io { path: path.to_path_buf(), source };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(_) => Ok(()),
        // Another process created it first: it is opened as it is.
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(err) => Err(io(err)),
    }
}

fn unreachable_missing(path: &Path) -> StoreError {
    StoreError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "the store file vanished while it was opened",
        ),
    }
}
