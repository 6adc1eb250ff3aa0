//! The store's schema, one migration per version, applied in order.
//!
//! The version lives in SQLite's `user_version`; `application_id` marks the file as a
//! followup store so that another program's database is never written to. Migrations
//! are only ever added, never edited: a store made by any earlier followup opens in a
//! later one. This is the whole of what a migration library would do for us (ordered SQL
//! steps keyed by `user_version`), so it is written out here rather than pulled in.

/// `application_id` of a followup store: "FUP1" in ASCII.
pub const APPLICATION_ID: i32 = 0x4655_5031;

/// The SQL of each schema version, from version 1. The store's current version is the
/// length of this list.
pub const MIGRATIONS: &[&str] = &[
    // Version 1: the event log (the truth) and the cache derived from it.
    "CREATE TABLE events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        interview TEXT NOT NULL,
        kind TEXT NOT NULL,
        at TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        body TEXT NOT NULL
    );
    CREATE INDEX events_by_interview ON events (interview, seq);
    CREATE TABLE interviews (
        id TEXT PRIMARY KEY,
        application TEXT NOT NULL,
        candidate TEXT NOT NULL,
        company TEXT NOT NULL,
        role TEXT NOT NULL,
        start INTEGER NOT NULL,
        state TEXT NOT NULL,
        last_seq INTEGER NOT NULL,
        view TEXT NOT NULL
    );
    CREATE TABLE steps (
        interview TEXT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
        step TEXT NOT NULL,
        state TEXT NOT NULL,
        not_before INTEGER NOT NULL,
        send_at INTEGER NOT NULL,
        not_after INTEGER NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (interview, step)
    );",
    // Version 2: `followup due` reads open steps by the opening of their window, and
    // `list` orders interviews by start.
    "CREATE INDEX steps_open ON steps (state, not_before);
    CREATE INDEX interviews_by_start ON interviews (start);",
    // Version 3: what `followup inbox` has read, so that a rescan of a large mailbox
    // skips every file it has seen with the same size and modification time. A cache
    // like the derived tables: not in `store export`, and losing it only makes the next
    // scan slower.
    "CREATE TABLE seen_files (
        mailbox TEXT NOT NULL,
        name TEXT NOT NULL,
        size INTEGER NOT NULL,
        modified INTEGER NOT NULL,
        PRIMARY KEY (mailbox, name)
    ) WITHOUT ROWID;",
];

/// The schema version this build writes.
pub fn current_version() -> u32 {
    u32::try_from(MIGRATIONS.len()).expect("fewer than four billion migrations")
}
