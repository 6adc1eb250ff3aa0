//! Tracking: what happened to an interview's follow-up after it was planned, and what
//! that changes.
//!
//! The tracker's truth is an append-only log of [`Event`]s (added, sent, replied, out of
//! office, snoozed, skipped, opted out, outcome, ...). This module is the pure half of
//! it: the event types and their JSON form (the `store-record` schema), the interview's
//! stable id, what the rules engine needs to know of the past ([`Progress`]: when steps
//! were really sent, who is away), the opt-outs that carry over to later interviews with
//! the same person ([`consent`]), and [`agenda()`], which turns a plan and its
//! events into the state of every step. Storage (SQL), the clock and plugin loading are
//! the callers' business.

pub mod agenda;
pub mod consent;
mod event;
mod progress;

pub use agenda::{Agenda, InterviewState, StepState, TrackedStep, agenda, changes};
pub use event::{Event, EventKind, EventRecord, Outcome, Source};
pub use progress::{Away, Progress};

use crate::validate::ValidInterview;

/// The short, stable id of an interview: candidate, company and the interview's date in
/// its own zone, such as `ana-ruiz-northwind-analytics-2026-11-24`.
///
/// The same interview file, edited, keeps its id as long as the candidate, the company
/// and the day stay the same; that is what makes adding it again a re-plan rather than a
/// second interview.
pub fn interview_id(interview: &ValidInterview) -> String {
    let day = interview.start.to_zoned_datetime(interview.meeting_zone.clone()).date();
    format!(
        "{}-{}-{day}",
        crate::slug::slug(&interview.candidate_name),
        crate::slug::slug(&interview.interview.employer.company)
    )
}
