//! The store on its own: what it refuses, how it migrates, and that concurrent writers
//! lose nothing.

use std::path::Path;
use std::process::Command;

use followup_core::time::Moment;
use followup_core::tracking::{Event, EventKind, Source};
use followup_tracker::{SeenFile, Store, StoreError, current_version};
use jiff::Timestamp;

fn now() -> Timestamp {
    "2026-11-25T15:00:00Z".parse().expect("a valid timestamp")
}

fn reply(from: &str) -> Event {
    Event {
        at: Moment(now()),
        source: Source::User,
        kind: EventKind::Replied { from: Some(from.to_string()) },
    }
}

fn record(store: &mut Store, interview: &str, from: &str) {
    store
        .write(now(), |writer| writer.append(interview, reply(from)).map(|_| ()))
        .expect("the event is recorded");
}

#[test]
fn a_new_store_is_private_and_current() {
    let dir = tempfile::tempdir().expect("a scratch folder");
    let path = dir.path().join("nested/followup.db");
    let mut store = Store::open(&path).expect("a new store opens");
    record(&mut store, "a", "Dana");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).expect("the file exists").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "personal data: owner only");
    }
    drop(store);
    let store = Store::open(&path).expect("it opens again");
    assert_eq!(store.event_count().expect("readable"), 1);
}

#[test]
fn a_missing_store_is_not_created_by_readers() {
    let dir = tempfile::tempdir().expect("a scratch folder");
    let path = dir.path().join("followup.db");
    assert!(Store::open_existing(&path).expect("no error").is_none());
    assert!(!path.exists(), "reading never creates a store");
}

#[track_caller]
fn refused_untouched(path: &Path) -> StoreError {
    let before = std::fs::read(path).expect("the file exists");
    let error = Store::open(path).expect_err("the file is refused");
    assert_eq!(std::fs::read(path).expect("still there"), before, "nothing was written");
    let names: Vec<_> = std::fs::read_dir(path.parent().expect("a folder"))
        .expect("listable")
        .map(|e| e.expect("an entry").file_name())
        .collect();
    assert_eq!(names.len(), 1, "no journal or WAL file was left beside it: {names:?}");
    error
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("a scratch folder");
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "my interview notes\n").expect("written");
    let error = refused_untouched(&path);
    assert!(matches!(error, StoreError::NotSqlite { .. }), "{error}");
    assert!(error.to_string().contains("notes.txt"), "{error}");
    assert!(error.to_string().contains("--store"), "says what to do: {error}");
}

#[test]
fn a_damaged_store_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("a scratch folder");
    let path = dir.path().join("followup.db");
    {
        let mut store = Store::open(&path).expect("a new store opens");
        for n in 0..200 {
            record(&mut store, "a", &format!("person {n}"));
        }
    }
    // Keep only the SQLite header and scribble over the rest of the first page.
    let mut bytes = std::fs::read(&path).expect("readable");
    for byte in bytes.iter_mut().skip(16).take(4000) {
        *byte = 0xA5;
    }
    std::fs::write(&path, &bytes).expect("written");
    let _ = std::fs::remove_file(dir.path().join("followup.db-wal"));
    let _ = std::fs::remove_file(dir.path().join("followup.db-shm"));
    let error = refused_untouched(&path);
    assert!(matches!(error, StoreError::Damaged { .. } | StoreError::NotSqlite { .. }), "{error}");
}

#[test]
fn another_programs_database_is_refused() {
    let dir = tempfile::tempdir().expect("a scratch folder");
    let path = dir.path().join("other.db");
    {
        let connection = rusqlite::Connection::open(&path).expect("opens");
        connection.execute_batch("CREATE TABLE songs (title TEXT);").expect("created");
    }
    let error = refused_untouched(&path);
    assert!(matches!(error, StoreError::ForeignDatabase { .. }), "{error}");
}

#[test]
fn a_store_from_a_newer_followup_is_refused_naming_both_versions() {
    let dir = tempfile::tempdir().expect("a scratch folder");
    let path = dir.path().join("followup.db");
    drop(Store::open(&path).expect("a new store opens"));
    {
        let connection = rusqlite::Connection::open(&path).expect("opens");
        connection.execute_batch("PRAGMA user_version = 99;").expect("set");
    }
    let error = Store::open(&path).expect_err("refused");
    let text = error.to_string();
    assert!(text.contains("version 99"), "{text}");
    assert!(text.contains(&format!("version {}", current_version())), "{text}");
}

#[test]
fn a_store_of_the_first_schema_is_migrated_with_its_events() {
    let dir = tempfile::tempdir().expect("a scratch folder");
    let path = dir.path().join("followup.db");
    followup_tracker::create_at_version(&path, 1).expect("a version-1 store");
    {
        // Write an event as version 1 stored it.
        let connection = rusqlite::Connection::open(&path).expect("opens");
        let body = serde_json::to_string(&reply("Dana")).expect("serialises");
        connection
            .execute(
                "INSERT INTO events (interview, kind, at, recorded_at, body) VALUES ('a', 'replied', ?1, ?1, ?2)",
                rusqlite::params![now().to_string(), body],
            )
            .expect("inserted");
        let version: i64 =
            connection.query_row("PRAGMA user_version", [], |r| r.get(0)).expect("readable");
        assert_eq!(version, 1);
    }
    let store = Store::open(&path).expect("an old store opens");
    let events = store.events(Some("a")).expect("readable");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].event, reply("Dana"));
    let connection = rusqlite::Connection::open(&path).expect("opens");
    let version: i64 =
        connection.query_row("PRAGMA user_version", [], |r| r.get(0)).expect("readable");
    assert_eq!(version, i64::from(current_version()));
    let indexes: i64 = connection
        .query_row("SELECT count(*) FROM sqlite_master WHERE name = 'steps_open'", [], |r| r.get(0))
        .expect("readable");
    assert_eq!(indexes, 1, "version 2's index was added");
    let seen: i64 = connection
        .query_row("SELECT count(*) FROM sqlite_master WHERE name = 'seen_files'", [], |r| r.get(0))
        .expect("readable");
    assert_eq!(seen, 1, "version 3's table of seen mailbox files was added");
}

#[test]
fn a_scan_remembers_the_files_it_read_by_mailbox() {
    let dir = tempfile::tempdir().expect("a scratch folder");
    let mut store = Store::open(&dir.path().join("s.db")).expect("a new store");
    let file = |name: &str, size| SeenFile { name: name.to_string(), size, modified: 7 };
    store
        .write(now(), |w| w.remember_seen("/mail/inbox", &[file("a", 10), file("b", 20)]))
        .expect("written");
    // Reading a file again with a new size replaces what was remembered of it.
    store.write(now(), |w| w.remember_seen("/mail/inbox", &[file("a", 11)])).expect("written");
    let seen = store.seen_files("/mail/inbox").expect("readable");
    assert_eq!(seen.len(), 2);
    assert_eq!(seen["a"], (11, 7));
    assert_eq!(seen["b"], (20, 7));
    assert!(store.seen_files("/mail/sent").expect("readable").is_empty(), "by mailbox");
    // A cache, not the log: no events.
    assert_eq!(store.event_count().expect("readable"), 0);
}

/// Set by the parent test for the writer processes it starts.
const WRITER_VAR: &str = "FOLLOWUP_TRACKER_TEST_WRITER";
const EVENTS_PER_WRITER: usize = 1000;

/// Not a test of its own: the body of each writer process that
/// `two_processes_writing_at_once_lose_nothing` starts.
#[test]
fn concurrent_writer_process() {
    let Ok(spec) = std::env::var(WRITER_VAR) else { return };
    let (path, name) = spec.split_once('|').expect("PATH|NAME");
    let mut store = Store::open(Path::new(path)).expect("the store opens");
    for n in 0..EVENTS_PER_WRITER {
        record(&mut store, name, &format!("{name} {n}"));
    }
}

#[test]
fn two_processes_writing_at_once_lose_nothing() {
    let dir = tempfile::tempdir().expect("a scratch folder");
    let path = dir.path().join("followup.db");
    drop(Store::open(&path).expect("a new store opens"));
    let exe = std::env::current_exe().expect("the test binary");
    let writers: Vec<_> = ["first", "second"]
        .iter()
        .map(|name| {
            Command::new(&exe)
                .args(["--exact", "concurrent_writer_process", "--nocapture", "--test-threads=1"])
                .env(WRITER_VAR, format!("{}|{name}", path.display()))
                .spawn()
                .expect("a writer starts")
        })
        .collect();
    for mut writer in writers {
        assert!(writer.wait().expect("the writer ends").success(), "a writer failed");
    }
    let store = Store::open(&path).expect("the store opens");
    let events = store.events(None).expect("readable");
    assert_eq!(events.len(), 2 * EVENTS_PER_WRITER, "every event of both writers is there");
    for name in ["first", "second"] {
        let mine: Vec<_> = events.iter().filter(|r| r.interview == name).collect();
        assert_eq!(mine.len(), EVENTS_PER_WRITER);
        // Each writer's events are in the order it wrote them.
        for (n, record) in mine.iter().enumerate() {
            assert_eq!(record.event, reply(&format!("{name} {n}")));
        }
    }
    let mut seqs: Vec<u64> = events.iter().map(|r| r.seq).collect();
    seqs.dedup();
    assert_eq!(seqs.len(), events.len(), "sequence numbers are unique");
}
