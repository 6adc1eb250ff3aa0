//! The tracker's store: every tracked interview and what happened to it, in one embedded
//! SQLite database (the bundled SQLite: nothing to install or start).
//!
//! The truth is an **append-only log of events** (`events`): added, sent, replied, ...,
//! each with its time and source. What commands read quickly (each interview's agenda,
//! the open steps by window) is a **cache** derived from the log and written in the same
//! transaction as the events that changed it; it can be rebuilt from the log at any time.
//! The store knows nothing of planning: the caller derives an interview's
//! [`InterviewView`] from its events (core's rules do) and hands it back.
//!
//! The interface is narrow on purpose (record events and their derived view in one
//! transaction, read an interview, list what is due, export and import the log) so that
//! a shared server database for a whole firm can replace this file without touching the
//! CLI or core.
//!
//! It also remembers which mailbox files `followup inbox` has read ([`SeenFile`]), a
//! cache kept outside the log.
//!
//! Durability and concurrency: WAL journal, `synchronous = FULL` (a commit survives a
//! power cut; `NORMAL` could lose the last ones), every write an `IMMEDIATE` transaction
//! with a busy timeout, so two processes writing at once queue rather than fail or lose
//! anything. A new store file is created with mode 0600: it holds personal data.

#![deny(missing_docs)]

mod error;
mod migrations;
mod open;
mod read;
mod seen;
mod view;
mod write;

pub use error::StoreError;
pub use migrations::current_version;
pub use open::Store;
pub use read::DueStep;
pub use seen::SeenFile;
pub use view::InterviewView;
pub use write::Writer;

#[doc(hidden)]
pub use open::create_at_version;
