//! Why an invitation could not become an interview draft: one variant per kind of
//! refusal, each naming the invite file, the line where there is one, and what to do.

use std::path::PathBuf;

/// Why an invitation was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InviteError {
    /// The file is larger than any real invitation.
    #[error(
        "{file}: the invitation is {size} bytes, more than the {limit} bytes an invitation can be; \
         export the single event from your calendar and try again"
    )]
    TooLarge {
        /// The invite file.
        file: PathBuf,
        /// Its size in bytes.
        size: usize,
        /// The largest size accepted.
        limit: usize,
    },
    /// A line is not an iCalendar content line, or the components do not nest.
    #[error(
        "{file}:{line}: {message}; this is not a valid iCalendar file: save the invitation \
         again from your calendar (\"Download .ics\" or \"Export\")"
    )]
    Malformed {
        /// The invite file.
        file: PathBuf,
        /// The line (1-based) where reading stopped.
        line: usize,
        /// What is wrong there.
        message: String,
    },
    /// The file holds no event.
    #[error("{file}: the file holds no event (no BEGIN:VEVENT); is it a calendar invitation?")]
    NoEvent {
        /// The invite file.
        file: PathBuf,
    },
    /// The file holds more than one event.
    #[error(
        "{file}:{line}: the file holds {count} events; export only the interview, or split the \
         file and pass the one that is the interview"
    )]
    SeveralEvents {
        /// The invite file.
        file: PathBuf,
        /// The line of the second event's `BEGIN:VEVENT`.
        line: usize,
        /// How many events there are.
        count: usize,
    },
    /// The invitation cancels the event.
    #[error(
        "{file}:{line}: this invitation cancels the event ({what}); there is no interview to \
         follow up: use the invitation of the meeting that took place"
    )]
    Cancelled {
        /// The invite file.
        file: PathBuf,
        /// The line of `METHOD:CANCEL` or `STATUS:CANCELLED`.
        line: usize,
        /// The property that says so.
        what: String,
    },
    /// The event repeats.
    #[error(
        "{file}:{line}: the event repeats ({what}); an interview happens once: export the one \
         occurrence that was the interview"
    )]
    Recurring {
        /// The invite file.
        file: PathBuf,
        /// The line of the `RRULE` (or `RDATE`, `RECURRENCE-ID`).
        line: usize,
        /// The property that says so.
        what: String,
    },
    /// The event lists nobody besides the candidate.
    #[error(
        "{file}:{line}: the event has no attendees other than you, so there is nobody to \
         follow up with; use the invitation the employer sent, or run `followup new` \
         without --from-invite and name the interviewers"
    )]
    NoAttendees {
        /// The invite file.
        file: PathBuf,
        /// The line of the event's `BEGIN:VEVENT`.
        line: usize,
    },
    /// The event has no `DTSTART`.
    #[error(
        "{file}:{line}: the event has no start (DTSTART); save the invitation again from your calendar"
    )]
    NoStart {
        /// The invite file.
        file: PathBuf,
        /// The line of the event's `BEGIN:VEVENT`.
        line: usize,
    },
    /// A time is floating: no zone, no `Z`.
    #[error(
        "{file}:{line}: {property} `{value}` is a floating time (no time zone and no Z), which \
         means a different moment in every zone; pass --time-zone with the zone the interview \
         was in, such as --time-zone America/Chicago"
    )]
    FloatingTime {
        /// The invite file.
        file: PathBuf,
        /// The line of the property.
        line: usize,
        /// `DTSTART` or `DTEND`.
        property: String,
        /// The value as written.
        value: String,
    },
    /// The event lasts whole days.
    #[error(
        "{file}:{line}: {property} `{value}` is a date without a time (an all-day event); an \
         interview has a start time: use the interview's own invitation"
    )]
    AllDay {
        /// The invite file.
        file: PathBuf,
        /// The line of the property.
        line: usize,
        /// `DTSTART` or `DTEND`.
        property: String,
        /// The value as written.
        value: String,
    },
    /// A date-time value does not read.
    #[error(
        "{file}:{line}: {property} `{value}` is not an iCalendar date-time (such as \
         20261124T140000Z); save the invitation again from your calendar"
    )]
    BadTime {
        /// The invite file.
        file: PathBuf,
        /// The line of the property.
        line: usize,
        /// The property.
        property: String,
        /// The value as written.
        value: String,
    },
    /// A `TZID` names no zone known here.
    #[error(
        "{file}:{line}: the time zone `{tzid}` is neither an IANA name nor a Windows zone name \
         known from CLDR; pass --time-zone with the zone the interview was in, such as \
         --time-zone Europe/Paris"
    )]
    UnknownZone {
        /// The invite file.
        file: PathBuf,
        /// The line of the property that names it.
        line: usize,
        /// The zone as written.
        tzid: String,
    },
    /// The end is not after the start.
    #[error(
        "{file}:{line}: the event ends before it starts (DTEND is not after DTSTART); check the invitation"
    )]
    EndBeforeStart {
        /// The invite file.
        file: PathBuf,
        /// The line of `DTEND`.
        line: usize,
    },
}
