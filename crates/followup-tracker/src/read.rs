//! Reading: the log, the cached views, and the open steps by window.

use std::path::Path;

use followup_core::time::Moment;
use followup_core::tracking::{Event, EventRecord, TrackedStep};
use jiff::Timestamp;
use rusqlite::{Connection, params};

use crate::error::StoreError;
use crate::open::Store;
use crate::view::InterviewView;

/// An open step whose window opens before the moment asked about.
#[derive(Clone, Debug, PartialEq)]
pub struct DueStep {
    /// The interview's id.
    pub interview: String,
    /// The step and its state.
    pub tracked: TrackedStep,
}

impl Store {
    /// Every event, or every event of one interview, in log order.
    ///
    /// # Errors
    ///
    /// When the store cannot be read or holds a record this build cannot read.
    pub fn events(&self, interview: Option<&str>) -> Result<Vec<EventRecord>, StoreError> {
        events(&self.connection, &self.path, interview)
    }

    /// Calls `each` with every event in log order, one at a time (memory stays flat
    /// however large the store).
    ///
    /// # Errors
    ///
    /// As [`Store::events`], or what `each` returns.
    pub fn for_each_event<E: From<StoreError>>(
        &self,
        mut each: impl FnMut(EventRecord) -> Result<(), E>,
    ) -> Result<(), E> {
        let fail = |e| StoreError::sql(&self.path, "read", e);
        let mut statement = self
            .connection
            .prepare("SELECT seq, interview, at, recorded_at, body FROM events ORDER BY seq")
            .map_err(fail)?;
        let mut rows = statement.query([]).map_err(fail)?;
        while let Some(row) = rows.next().map_err(fail)? {
            each(record(row, &self.path)?)?;
        }
        Ok(())
    }

    /// The cached view of one interview, if it is tracked.
    ///
    /// # Errors
    ///
    /// As [`Store::events`].
    pub fn view(&self, interview: &str) -> Result<Option<InterviewView>, StoreError> {
        view(&self.connection, &self.path, interview)
    }

    /// The two things `followup due` needs of an interview besides its steps: the file it
    /// was added from and the display names of its channels. Read inside SQLite, so that
    /// the whole view is not parsed for them.
    ///
    /// # Errors
    ///
    /// As [`Store::events`].
    pub fn file_and_channel_names(
        &self,
        interview: &str,
    ) -> Result<(Option<String>, std::collections::BTreeMap<String, String>), StoreError> {
        let fail = |e| StoreError::sql(&self.path, "read", e);
        let mut statement = self
            .connection
            .prepare_cached(
                "SELECT json_extract(view, '$.file'), json_extract(view, '$.channel_names')
                 FROM interviews WHERE id = ?1",
            )
            .map_err(fail)?;
        let mut rows = statement.query([interview]).map_err(fail)?;
        let Some(row) = rows.next().map_err(fail)? else {
            return Ok((None, Default::default()));
        };
        let file: Option<String> = row.get(0).map_err(fail)?;
        let names: Option<String> = row.get(1).map_err(fail)?;
        let names = match names {
            Some(text) => serde_json::from_str(&text).map_err(|err| StoreError::BadRecord {
                path: self.path.clone(),
                seq: 0,
                detail: format!("a cached view's channel names: {err}"),
            })?,
            None => Default::default(),
        };
        Ok((file, names))
    }

    /// Every tracked interview's view, by start.
    ///
    /// # Errors
    ///
    /// As [`Store::events`].
    pub fn views(&self) -> Result<Vec<InterviewView>, StoreError> {
        let fail = |e| StoreError::sql(&self.path, "read", e);
        let mut statement = self
            .connection
            .prepare("SELECT view FROM interviews ORDER BY start, id")
            .map_err(fail)?;
        let rows = statement.query_map([], |row| row.get::<_, String>(0)).map_err(fail)?;
        let mut views = Vec::new();
        for body in rows {
            views.push(parse_view(&body.map_err(fail)?, &self.path)?);
        }
        Ok(views)
    }

    /// The ids of every tracked interview.
    ///
    /// # Errors
    ///
    /// As [`Store::events`].
    pub fn ids(&self) -> Result<Vec<String>, StoreError> {
        ids(&self.connection, &self.path)
    }

    /// Every step id of every tracked interview, as `(interview, step)`.
    ///
    /// # Errors
    ///
    /// As [`Store::events`].
    pub fn step_ids(&self) -> Result<Vec<(String, String)>, StoreError> {
        let fail = |e| StoreError::sql(&self.path, "read", e);
        let mut statement = self
            .connection
            .prepare("SELECT interview, step FROM steps ORDER BY interview, step")
            .map_err(fail)?;
        let rows = statement
            .query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)))
            .map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }

    /// Every open step whose window opens at or before `until` (overdue ones included),
    /// in no particular order. Reads only those rows, through an index.
    ///
    /// # Errors
    ///
    /// As [`Store::events`].
    pub fn open_steps_until(&self, until: Timestamp) -> Result<Vec<DueStep>, StoreError> {
        let fail = |e| StoreError::sql(&self.path, "read", e);
        let mut statement = self
            .connection
            .prepare_cached(
                "SELECT interview, body FROM steps WHERE state = 'open' AND not_before <= ?1",
            )
            .map_err(fail)?;
        let rows = statement
            .query_map(params![until.as_second()], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
            })
            .map_err(fail)?;
        let mut due = Vec::new();
        for row in rows {
            let (interview, body) = row.map_err(fail)?;
            let tracked: TrackedStep = serde_json::from_str(&body).map_err(|err| {
                StoreError::BadRecord { path: self.path.clone(), seq: 0, detail: err.to_string() }
            })?;
            due.push(DueStep { interview, tracked });
        }
        Ok(due)
    }

    /// How many events the store holds.
    ///
    /// # Errors
    ///
    /// When the store cannot be read.
    pub fn event_count(&self) -> Result<u64, StoreError> {
        event_count(&self.connection, &self.path)
    }
}

pub(crate) fn events(
    connection: &Connection,
    path: &Path,
    interview: Option<&str>,
) -> Result<Vec<EventRecord>, StoreError> {
    let fail = |e| StoreError::sql(path, "read", e);
    let mut statement = connection
        .prepare_cached(
            "SELECT seq, interview, at, recorded_at, body FROM events
             WHERE ?1 IS NULL OR interview = ?1 ORDER BY seq",
        )
        .map_err(fail)?;
    let mut rows = statement.query(params![interview]).map_err(fail)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(fail)? {
        out.push(record(row, path)?);
    }
    Ok(out)
}

pub(crate) fn events_of_kind(
    connection: &Connection,
    path: &Path,
    kind: &str,
) -> Result<Vec<EventRecord>, StoreError> {
    let fail = |e| StoreError::sql(path, "read", e);
    let mut statement = connection
        .prepare_cached(
            "SELECT seq, interview, at, recorded_at, body FROM events WHERE kind = ?1 ORDER BY seq",
        )
        .map_err(fail)?;
    let mut rows = statement.query([kind]).map_err(fail)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(fail)? {
        out.push(record(row, path)?);
    }
    Ok(out)
}

fn record(row: &rusqlite::Row<'_>, path: &Path) -> Result<EventRecord, StoreError> {
    let fail = |e| StoreError::sql(path, "read", e);
    let seq: i64 = row.get(0).map_err(fail)?;
    let seq = u64::try_from(seq).unwrap_or(0);
    let bad = |detail: String| StoreError::BadRecord { path: path.to_path_buf(), seq, detail };
    let interview: String = row.get(1).map_err(fail)?;
    let recorded_at: String = row.get(3).map_err(fail)?;
    let body: String = row.get(4).map_err(fail)?;
    let event: Event = serde_json::from_str(&body).map_err(|e| bad(e.to_string()))?;
    let recorded_at = Moment::parse(&recorded_at).map_err(bad)?;
    Ok(EventRecord { seq, interview, recorded_at, event })
}

pub(crate) fn view(
    connection: &Connection,
    path: &Path,
    interview: &str,
) -> Result<Option<InterviewView>, StoreError> {
    let fail = |e| StoreError::sql(path, "read", e);
    let mut statement =
        connection.prepare_cached("SELECT view FROM interviews WHERE id = ?1").map_err(fail)?;
    let mut rows = statement.query([interview]).map_err(fail)?;
    match rows.next().map_err(fail)? {
        Some(row) => Ok(Some(parse_view(&row.get::<_, String>(0).map_err(fail)?, path)?)),
        None => Ok(None),
    }
}

fn parse_view(body: &str, path: &Path) -> Result<InterviewView, StoreError> {
    serde_json::from_str(body).map_err(|err| StoreError::BadRecord {
        path: path.to_path_buf(),
        seq: 0,
        detail: format!("a cached view: {err}"),
    })
}

pub(crate) fn ids(connection: &Connection, path: &Path) -> Result<Vec<String>, StoreError> {
    let fail = |e| StoreError::sql(path, "read", e);
    let mut statement =
        connection.prepare_cached("SELECT id FROM interviews ORDER BY start, id").map_err(fail)?;
    let rows = statement.query_map([], |row| row.get::<_, String>(0)).map_err(fail)?;
    rows.collect::<Result<_, _>>().map_err(fail)
}

pub(crate) fn event_count(connection: &Connection, path: &Path) -> Result<u64, StoreError> {
    let count: i64 = connection
        .query_row("SELECT count(*) FROM events", [], |row| row.get(0))
        .map_err(|e| StoreError::sql(path, "read", e))?;
    Ok(u64::try_from(count).unwrap_or(0))
}
