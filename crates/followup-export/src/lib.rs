//! The files an export writes besides the plugins' own: a calendar with a reminder per
//! step ([`ics`]) and a page with every draft at a glance ([`html`]).
//!
//! Both take plain values (the steps with their interviews, the drafts, the names of
//! the files written) and return the file's text; writing it is the caller's job
//! (`followup export` writes atomically into its folder). A step carries its own
//! interview, so one calendar can hold the steps of many interviews.
//!
//! ```
//! use followup_export::{ExportedStep, ics};
//!
//! let interview = serde_json::from_value(followup_core::examples::interview_example())?;
//! let interview = followup_core::validate::validate(interview)?;
//! let plan: followup_core::plan::Plan =
//!     serde_json::from_value(followup_core::examples::plan_example())?;
//! let steps: Vec<ExportedStep<'_>> =
//!     plan.steps.iter().map(|step| ExportedStep::new(&interview, step, "Email")).collect();
//! let now = "2026-11-24T21:00:00Z".parse()?;
//!
//! let calendar = ics::calendar(&ics::calendar_name(&interview.interview), &steps, now);
//! assert!(calendar.starts_with("BEGIN:VCALENDAR\r\n"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]

pub mod html;
pub mod ics;

use followup_core::draft::Draft;
use followup_core::plan::Step;
use followup_core::validate::ValidInterview;

/// One step of an export, with its interview and what became of it.
#[derive(Clone, Debug)]
pub struct ExportedStep<'a> {
    /// The interview the step follows up.
    pub interview: &'a ValidInterview,
    /// The step.
    pub step: &'a Step,
    /// The channel's name from its manifest, such as `Email`.
    pub channel_name: &'a str,
    /// The draft, when the plugin could draft the step.
    pub draft: Option<&'a Draft>,
    /// The names of the files made for it, in the export folder.
    pub files: Vec<&'a str>,
    /// Why the step could not be drafted or exported.
    pub error: Option<&'a str>,
    /// How many times the step changed since it was first planned (a tracked step's
    /// revision): the calendar event's `SEQUENCE`, so calendars take the new time.
    pub sequence: u32,
    /// Why the step will not be sent after all (a reply, an outcome, no longer planned):
    /// its event is written `STATUS:CANCELLED` so a calendar that re-imports the file
    /// removes it.
    pub cancelled: Option<&'a str>,
    /// When the step last changed, for the event's `DTSTAMP` (else the calendar's `now`),
    /// so that writing an unchanged calendar again gives the same bytes.
    pub changed_at: Option<jiff::Timestamp>,
}

impl<'a> ExportedStep<'a> {
    /// A step with nothing drafted or exported yet.
    pub fn new(interview: &'a ValidInterview, step: &'a Step, channel_name: &'a str) -> Self {
        ExportedStep {
            interview,
            step,
            channel_name,
            draft: None,
            files: Vec::new(),
            error: None,
            sequence: 0,
            cancelled: None,
            changed_at: None,
        }
    }
}
