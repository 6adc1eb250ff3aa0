//! Writing: events and the views derived from them, in one transaction.

use followup_core::time::Moment;
use followup_core::tracking::{Event, EventRecord};
use jiff::Timestamp;
use rusqlite::{Transaction, TransactionBehavior, params};

use crate::error::StoreError;
use crate::open::Store;
use crate::read;
use crate::view::InterviewView;

/// The store inside one write transaction. Everything done through it is committed
/// together when the closure given to [`Store::write`] returns `Ok`, and not at all
/// otherwise (nor if the process dies first).
pub struct Writer<'s> {
    pub(crate) tx: Transaction<'s>,
    pub(crate) path: &'s std::path::Path,
    now: Timestamp,
}

impl Store {
    /// Runs `work` in one `IMMEDIATE` transaction: other writers wait (up to the busy
    /// timeout) until it commits. `now` is the time recorded on the events appended.
    ///
    /// # Errors
    ///
    /// What `work` returns, or a store error converted into `E`; either way nothing of
    /// the transaction is kept.
    pub fn write<T, E: From<StoreError>>(
        &mut self,
        now: Timestamp,
        work: impl FnOnce(&mut Writer<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let path = self.path.as_path();
        let tx = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::sql(path, "written", e))?;
        let mut writer = Writer { tx, path, now };
        let value = work(&mut writer)?;
        writer.tx.commit().map_err(|e| StoreError::sql(path, "written", e))?;
        Ok(value)
    }
}

impl Writer<'_> {
    fn fail(&self, e: rusqlite::Error) -> StoreError {
        StoreError::sql(self.path, "written", e)
    }

    /// Appends an event to `interview`'s log and returns it as recorded.
    ///
    /// # Errors
    ///
    /// When SQLite refuses the write.
    pub fn append(&mut self, interview: &str, event: Event) -> Result<EventRecord, StoreError> {
        let mut record = EventRecord {
            seq: 0,
            interview: interview.to_string(),
            recorded_at: Moment(self.now),
            event,
        };
        self.insert(&mut record, None)?;
        Ok(record)
    }

    /// Appends an event exactly as given, keeping its sequence number and recording
    /// time (for `store import`).
    ///
    /// # Errors
    ///
    /// When SQLite refuses the write (for example a sequence number already taken).
    pub fn restore(&mut self, mut record: EventRecord) -> Result<EventRecord, StoreError> {
        let seq = i64::try_from(record.seq).unwrap_or(i64::MAX);
        self.insert(&mut record, Some(seq))?;
        Ok(record)
    }

    fn insert(&mut self, record: &mut EventRecord, seq: Option<i64>) -> Result<(), StoreError> {
        let body = serde_json::to_string(&record.event)
            .expect("events are plain data and always serialise");
        self.tx
            .execute(
                "INSERT INTO events (seq, interview, kind, at, recorded_at, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    seq,
                    record.interview,
                    record.event.kind.name(),
                    record.event.at.0.to_string(),
                    record.recorded_at.0.to_string(),
                    body
                ],
            )
            .map_err(|e| self.fail(e))?;
        record.seq = u64::try_from(self.tx.last_insert_rowid()).unwrap_or(0);
        Ok(())
    }

    /// Every event of `interview`, in log order.
    ///
    /// # Errors
    ///
    /// When the store cannot be read or holds a record this build cannot read.
    pub fn events(&self, interview: &str) -> Result<Vec<EventRecord>, StoreError> {
        read::events(&self.tx, self.path, Some(interview))
    }

    /// Every opt-out recorded in the store, for any interview (forgotten ones included):
    /// the consent records later interviews with the same people must respect.
    ///
    /// # Errors
    ///
    /// As [`Writer::events`].
    pub fn opt_outs(&self) -> Result<Vec<EventRecord>, StoreError> {
        read::events_of_kind(&self.tx, self.path, "opted_out")
    }

    /// The cached view of `interview`, if it is tracked.
    ///
    /// # Errors
    ///
    /// As [`Writer::events`].
    pub fn view(&self, interview: &str) -> Result<Option<InterviewView>, StoreError> {
        read::view(&self.tx, self.path, interview)
    }

    /// The ids of every tracked interview.
    ///
    /// # Errors
    ///
    /// As [`Writer::events`].
    pub fn ids(&self) -> Result<Vec<String>, StoreError> {
        read::ids(&self.tx, self.path)
    }

    /// Replaces the cached view of an interview (and its steps).
    ///
    /// # Errors
    ///
    /// When SQLite refuses the write.
    pub fn save(&mut self, view: &InterviewView) -> Result<(), StoreError> {
        let body = serde_json::to_string(view).expect("views are plain data and always serialise");
        let last_seq: i64 = self
            .tx
            .query_row(
                "SELECT coalesce(max(seq), 0) FROM events WHERE interview = ?1",
                [&view.id],
                |r| r.get(0),
            )
            .map_err(|e| self.fail(e))?;
        self.tx
            .execute("DELETE FROM steps WHERE interview = ?1", [&view.id])
            .map_err(|e| self.fail(e))?;
        self.tx
            .execute(
                "INSERT INTO interviews (id, application, candidate, company, role, start, state, last_seq, view)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (id) DO UPDATE SET application = ?2, candidate = ?3, company = ?4, role = ?5,
                   start = ?6, state = ?7, last_seq = ?8, view = ?9",
                params![
                    view.id,
                    view.application,
                    view.candidate,
                    view.company,
                    view.role,
                    view.start.0.as_second(),
                    view.agenda.state.word(),
                    last_seq,
                    body
                ],
            )
            .map_err(|e| self.fail(e))?;
        let mut insert = self
            .tx
            .prepare_cached(
                "INSERT INTO steps (interview, step, state, not_before, send_at, not_after, body)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .map_err(|e| StoreError::sql(self.path, "written", e))?;
        for tracked in &view.agenda.steps {
            let step = &tracked.step;
            let body =
                serde_json::to_string(tracked).expect("steps are plain data and always serialise");
            insert
                .execute(params![
                    view.id,
                    step.id,
                    tracked.state.word(),
                    step.not_before.as_second(),
                    step.send_at.as_second(),
                    step.not_after.as_second(),
                    body
                ])
                .map_err(|e| StoreError::sql(self.path, "written", e))?;
        }
        Ok(())
    }

    /// Removes an interview's events (all but its consent records) and its cached view.
    /// Returns how many events were removed.
    ///
    /// # Errors
    ///
    /// When SQLite refuses the write.
    pub fn forget(&mut self, interview: &str) -> Result<u64, StoreError> {
        let removed = self
            .tx
            .execute("DELETE FROM events WHERE interview = ?1 AND kind != 'opted_out'", [interview])
            .map_err(|e| self.fail(e))?;
        self.tx
            .execute("DELETE FROM interviews WHERE id = ?1", [interview])
            .map_err(|e| self.fail(e))?;
        Ok(u64::try_from(removed).unwrap_or(0))
    }

    /// How many events the store holds.
    ///
    /// # Errors
    ///
    /// When the store cannot be read.
    pub fn event_count(&self) -> Result<u64, StoreError> {
        read::event_count(&self.tx, self.path)
    }
}
