//! The candidate's own mailbox, read locally: which messages answer a tracked
//! follow-up, which are automatic out-of-office replies, and which show that a
//! draft was sent.
//!
//! Reading ([`Mailbox`]) takes a Maildir (`cur/` and `new/`), an mbox file, a single
//! `.eml` file or a folder of them. It never writes to the mailbox and never opens a
//! network connection. Memory is bounded by one message's header block (capped at
//! [`HEADER_LIMIT`]) plus a short prefix of its body ([`BODY_PREFIX`]), read only for
//! automatic replies; a 100 MB attachment is skipped over, never loaded. A message
//! that cannot be read is reported as [`Skipped`] with one line saying why, and the
//! scan goes on.
//!
//! Matching ([`Matcher`]) is pure: a [`Message`] and what the tracker knows
//! ([`Tracked`] interviews with their people, domains and exported steps) give
//! [`Suggestion`]s, each saying which [`Rule`] matched and how sure it is
//! ([`Confidence`]). It knows nothing of the store or of events; the CLI turns
//! suggestions into events.

#![deny(missing_docs)]

mod automatic;
mod error;
mod mailbox;
mod matching;
mod mbox;
mod message;

pub use automatic::{Automatic, return_date};
pub use error::MailboxError;
pub use mailbox::{BODY_PREFIX, Entry, HEADER_LIMIT, Mailbox, MailboxKind, read_message};
pub use matching::{
    Confidence, Ignored, Matcher, Person, Rule, Suggestion, Tracked, TrackedStep, Verdict, What,
};
pub use message::{Address, Message, Skipped, parse};
