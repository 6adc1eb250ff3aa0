//! Reads a calendar invitation into an interview draft.
//!
//! Every candidate already holds most of an interview file's facts in the invitation
//! the employer sent: the time and zone, the organiser and the attendees with their
//! names and addresses, and the video link or the address. [`read_invite`] takes the
//! invitation's text (iCalendar, RFC 5545, as Google Calendar, Outlook and Microsoft
//! 365, Apple Calendar, Zoom and Teams write it) and returns an [`InviteDraft`]: the
//! meeting, the employer, the interviewers, and the list of what the invite cannot
//! know ([`Unknown`]), for the CLI to ask or to mark `TODO`.
//!
//! Invitations are untrusted input: the text is bounded ([`MAX_INVITE_BYTES`]), every
//! refusal is an [`InviteError`] naming the file, the line and what to do, and no input
//! makes it panic. An invitation that is not about one interview that took place once
//! is refused: several events, a cancellation, a recurring event, no attendees.
//!
//! What this crate is not: it reads no file (the CLI passes the text and the file name
//! for messages), writes nothing and asks nothing.
//!
//! ```
//! use std::path::Path;
//! use followup_invite::{Options, read_invite};
//!
//! let invite = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n\
//!     DTSTART:20261124T200000Z\r\nDTEND:20261124T210000Z\r\n\
//!     ORGANIZER;CN=Dana Whitfield:mailto:dana@northwind.example\r\n\
//!     ATTENDEE;CN=Ana Ruiz:mailto:ana@example.com\r\n\
//!     LOCATION:https://meet.google.com/abc-defg-hij\r\n\
//!     END:VEVENT\r\nEND:VCALENDAR\r\n";
//! let me = ["ana@example.com".to_string()];
//! let options = Options { candidate_emails: &me, time_zone: None, fallback_zone: Some("America/Chicago") };
//! let draft = read_invite(Path::new("invite.ics"), invite, &options)?;
//! assert_eq!(draft.company.as_ref().map(|c| c.value.as_str()), Some("Northwind"));
//! assert_eq!(draft.interviewers[0].name, "Dana Whitfield");
//! assert_eq!(draft.meeting.start.to_string(), "2026-11-24T14:00:00-06:00[America/Chicago]");
//! # Ok::<(), followup_invite::InviteError>(())
//! ```

#![deny(missing_docs)]

mod error;
mod format;
mod lines;
mod people;
mod windows_zones;
mod zone;

use std::path::Path;

use followup_core::interview::{Interviewer, MeetingFormat};
use icalendar::parser::{Component, Property};
use jiff::ZonedDateTime as Zoned;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;

pub use error::InviteError;
pub use windows_zones::WINDOWS_ZONES;

use crate::lines::Lines;

/// The largest invitation read, in bytes. Real ones, with an HTML description and a
/// time-zone block, stay well under 200 KiB.
pub const MAX_INVITE_BYTES: usize = 1024 * 1024;

/// What the reader knows besides the invitation.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// The candidate's own addresses (from the profile), left out of the interviewers.
    pub candidate_emails: &'a [String],
    /// The zone the interview was in, as the user said (`--time-zone`): the meeting's
    /// zone, and how floating times and unknown `TZID`s are read.
    pub time_zone: Option<&'a str>,
    /// The zone to read the meeting in when the invitation gives only UTC times and no
    /// calendar zone (the candidate's own zone, from the profile).
    pub fallback_zone: Option<&'a str>,
}

/// A value read from the invitation, with where it came from (for the comment written
/// beside it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<T> {
    /// The value.
    pub value: T,
    /// Where it came from, in words (`the organiser's domain northwind.example`).
    pub from: String,
}

/// The meeting, as the invitation says it was.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingDraft {
    /// The start, in the meeting's zone (UTC when the zone is unknown).
    pub start: Zoned,
    /// The end, when the invitation gives one (or a duration).
    pub end: Option<Zoned>,
    /// The meeting's IANA zone, when the invitation or the options tell it.
    pub time_zone: Option<Found<String>>,
    /// How it was held, when the location or a link tells.
    pub format: Option<Found<MeetingFormat>>,
    /// The conference link, when there is one.
    pub link: Option<String>,
    /// The location as written.
    pub location: Option<String>,
}

/// Everything the invitation says, ready to be written as an interview file.
#[derive(Debug, Clone, PartialEq)]
pub struct InviteDraft {
    /// The event's title.
    pub summary: Option<String>,
    /// The employer's name, from the organiser's domain, the attendees' or the title.
    pub company: Option<Found<String>>,
    /// When and how.
    pub meeting: MeetingDraft,
    /// The organiser and attendees other than the candidate, organiser first.
    pub interviewers: Vec<Interviewer>,
    /// What the invitation cannot know, in the order an interview file lists it.
    pub unknown: Vec<Unknown>,
}

/// A field of the interview file that the invitation cannot fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unknown {
    /// `employer.company`: neither a company domain nor a title that names it.
    Company,
    /// `employer.culture`.
    Culture,
    /// `role.title`.
    RoleTitle,
    /// `role.kind`.
    RoleKind,
    /// `meeting.time_zone`: UTC times only, and no zone known otherwise.
    TimeZone,
    /// `meeting.format`: no location and no link.
    MeetingFormat,
    /// `interviewers[].topics`: what was discussed with each person.
    Topics,
    /// `reinforce.strengths`.
    Strengths,
    /// `next_steps.decision_date`.
    DecisionDate,
}

impl Unknown {
    /// The field path in an interview file.
    pub fn field(self) -> &'static str {
        match self {
            Unknown::Company => "employer.company",
            Unknown::Culture => "employer.culture",
            Unknown::RoleTitle => "role.title",
            Unknown::RoleKind => "role.kind",
            Unknown::TimeZone => "meeting.time_zone",
            Unknown::MeetingFormat => "meeting.format",
            Unknown::Topics => "interviewers[].topics",
            Unknown::Strengths => "reinforce.strengths",
            Unknown::DecisionDate => "next_steps.decision_date",
        }
    }

    /// Whether an interview file is invalid without it.
    pub fn is_required(self) -> bool {
        matches!(
            self,
            Unknown::Company | Unknown::RoleTitle | Unknown::RoleKind | Unknown::TimeZone
        )
    }
}

/// Reads one invitation. `file` is only used in messages.
///
/// # Errors
///
/// An [`InviteError`] when the text is too large or not iCalendar, holds no event or
/// several, cancels or repeats the event, lists no attendee besides the candidate, or
/// gives a time that cannot be placed (floating, all-day, unknown zone).
pub fn read_invite(
    file: &Path,
    text: &str,
    options: &Options<'_>,
) -> Result<InviteDraft, InviteError> {
    if text.len() > MAX_INVITE_BYTES {
        return Err(InviteError::TooLarge {
            file: file.to_path_buf(),
            size: text.len(),
            limit: MAX_INVITE_BYTES,
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = Lines::read(file, text)?;
    let unfolded = icalendar::parser::unfold(text);
    let calendar =
        icalendar::parser::read_calendar(&unfolded).map_err(|message| InviteError::Malformed {
            file: file.to_path_buf(),
            line: 1,
            message: message.lines().next().unwrap_or("unreadable").trim().to_string(),
        })?;
    let reader = Reader { file, lines: &lines, options };

    let cancel = calendar.properties.iter().find(|p| p.name == "METHOD");
    if cancel.is_some_and(|m| m.val.as_str().trim().eq_ignore_ascii_case("CANCEL")) {
        return Err(InviteError::Cancelled {
            file: file.to_path_buf(),
            line: lines.find("METHOD").map_or(1, |l| l.number),
            what: "METHOD:CANCEL".to_string(),
        });
    }
    let events: Vec<&Component<'_>> = calendar
        .components
        .iter()
        .filter(|c| c.name.as_str().eq_ignore_ascii_case("VEVENT"))
        .collect();
    let event_lines: Vec<usize> = lines.events().map(|l| l.number).collect();
    let Some(event) = events.first() else {
        return Err(InviteError::NoEvent { file: file.to_path_buf() });
    };
    let event_line = event_lines.first().copied().unwrap_or(1);
    for (index, candidate) in events.iter().enumerate() {
        let line = event_lines.get(index).copied().unwrap_or(event_line);
        for name in ["RRULE", "RDATE", "RECURRENCE-ID"] {
            if let Some(property) = candidate.find_prop(name) {
                return Err(InviteError::Recurring {
                    file: file.to_path_buf(),
                    line: lines.find_in(line, name),
                    what: format!("{name}:{}", property.val.as_str()),
                });
            }
        }
    }
    if events.len() > 1 {
        return Err(InviteError::SeveralEvents {
            file: file.to_path_buf(),
            line: event_lines.get(1).copied().unwrap_or(event_line),
            count: events.len(),
        });
    }
    if event
        .find_prop("STATUS")
        .is_some_and(|s| s.val.as_str().trim().eq_ignore_ascii_case("CANCELLED"))
    {
        return Err(InviteError::Cancelled {
            file: file.to_path_buf(),
            line: lines.find_in(event_line, "STATUS"),
            what: "STATUS:CANCELLED".to_string(),
        });
    }

    let people = people::interviewers(event, options.candidate_emails);
    if people::attendee_count(event) == 0 || people.is_empty() {
        return Err(InviteError::NoAttendees { file: file.to_path_buf(), line: event_line });
    }

    let Times { start, end, time_zone } = reader.times(&calendar, event, event_line)?;
    let summary = text_value(event, "SUMMARY");
    let company = people::company(&people)
        .map(|(name, domain)| Found { value: name, from: format!("the domain {domain}") })
        .or_else(|| {
            summary
                .as_deref()
                .and_then(company_from_summary)
                .map(|name| Found { value: name, from: "the event's title".to_string() })
        });
    let found_format = format::meeting_format(event);
    let mut unknown = Vec::new();
    if company.is_none() {
        unknown.push(Unknown::Company);
    }
    unknown.extend([Unknown::Culture, Unknown::RoleTitle, Unknown::RoleKind]);
    if time_zone.is_none() {
        unknown.push(Unknown::TimeZone);
    }
    if found_format.is_none() {
        unknown.push(Unknown::MeetingFormat);
    }
    unknown.extend([Unknown::Topics, Unknown::Strengths, Unknown::DecisionDate]);

    Ok(InviteDraft {
        summary,
        company,
        meeting: MeetingDraft {
            start,
            end,
            time_zone,
            link: found_format.as_ref().and_then(|f| f.link.clone()),
            format: found_format.map(|f| Found { value: f.format, from: f.because }),
            location: text_value(event, "LOCATION"),
        },
        interviewers: people.iter().map(people::Person::interviewer).collect(),
        unknown,
    })
}

/// The invitation being read, for the time properties.
struct Reader<'a> {
    file: &'a Path,
    lines: &'a Lines,
    options: &'a Options<'a>,
}

/// The meeting's times, placed in its zone.
struct Times {
    start: Zoned,
    end: Option<Zoned>,
    time_zone: Option<Found<String>>,
}

/// A time as written: where it came from and in which zone it was given.
enum Written {
    /// `...Z`.
    Utc(jiff::Timestamp),
    /// `TZID=...` resolved.
    Zoned(Zoned, String),
}

impl Reader<'_> {
    fn times(
        &self,
        calendar: &icalendar::parser::Calendar<'_>,
        event: &Component<'_>,
        event_line: usize,
    ) -> Result<Times, InviteError> {
        let Some(dtstart) = event.find_prop("DTSTART") else {
            return Err(InviteError::NoStart { file: self.file.to_path_buf(), line: event_line });
        };
        let start_line = self.lines.find_in(event_line, "DTSTART");
        let start = self.time(calendar, dtstart, start_line)?;
        let end_line = self.lines.find_in(event_line, "DTEND");
        let end = match event.find_prop("DTEND") {
            Some(dtend) => Some(self.time(calendar, dtend, end_line)?),
            None => None,
        };

        // The meeting's zone: what the user said, else the start's TZID, else the
        // calendar's own zone (Google's X-WR-TIMEZONE), else the candidate's.
        let given = |name: Option<&str>, from: &str| {
            name.and_then(|n| {
                jiff::tz::db().get(n).ok().map(|tz| (n.to_string(), tz, from.to_string()))
            })
        };
        let calendar_zone =
            calendar.properties.iter().find(|p| p.name == "X-WR-TIMEZONE").map(|p| p.val.as_str());
        let zone = given(self.options.time_zone, "--time-zone")
            .or_else(|| match &start {
                Written::Zoned(zoned, name) => Some((
                    name.clone(),
                    zoned.time_zone().clone(),
                    "the invitation's TZID".to_string(),
                )),
                Written::Utc(_) => None,
            })
            .or_else(|| given(calendar_zone, "the calendar's X-WR-TIMEZONE"))
            .or_else(|| {
                given(
                    self.options.fallback_zone,
                    "your profile (the invitation gives UTC times only)",
                )
            });
        let tz = zone.as_ref().map_or(TimeZone::UTC, |(_, tz, _)| tz.clone());
        let place = |written: &Written| match written {
            Written::Utc(ts) => ts.to_zoned_datetime(tz.clone()),
            Written::Zoned(zoned, _) => zoned.with_time_zone(tz.clone()),
        };
        let start = place(&start);
        let end = match (end, event.find_prop("DURATION")) {
            (Some(end), _) => Some(place(&end)),
            (None, Some(duration)) => {
                parse_duration(duration.val.as_str()).and_then(|d| start.checked_add(d).ok())
            }
            (None, None) => None,
        };
        if end.as_ref().is_some_and(|end| *end <= start) {
            return Err(InviteError::EndBeforeStart {
                file: self.file.to_path_buf(),
                line: end_line,
            });
        }
        let time_zone = zone.map(|(name, _, from)| Found { value: name, from });
        Ok(Times { start, end, time_zone })
    }

    /// Reads a `DTSTART` or `DTEND`.
    fn time(
        &self,
        calendar: &icalendar::parser::Calendar<'_>,
        property: &Property<'_>,
        line: usize,
    ) -> Result<Written, InviteError> {
        let name = property.name.as_str().to_string();
        let value = property.val.as_str().trim();
        let bad = || InviteError::BadTime {
            file: self.file.to_path_buf(),
            line,
            property: name.clone(),
            value: value.to_string(),
        };
        let is_date = people::param(property, "VALUE")
            .is_some_and(|v| v.eq_ignore_ascii_case("DATE"))
            || (value.len() == 8 && value.bytes().all(|b| b.is_ascii_digit()));
        if is_date {
            return Err(InviteError::AllDay {
                file: self.file.to_path_buf(),
                line,
                property: name,
                value: value.to_string(),
            });
        }
        let (civil, utc) = match value.strip_suffix(['Z', 'z']) {
            Some(local) => (local, true),
            None => (value, false),
        };
        let civil = parse_civil(civil).ok_or_else(bad)?;
        if utc {
            return civil
                .to_zoned_datetime(TimeZone::UTC)
                .map(|z| Written::Utc(z.timestamp()))
                .map_err(|_| bad());
        }
        let zone = match people::param(property, "TZID") {
            Some(tzid) => {
                let lic = calendar
                    .components
                    .iter()
                    .filter(|c| c.name.as_str().eq_ignore_ascii_case("VTIMEZONE"))
                    .find(|c| {
                        c.find_prop("TZID").is_some_and(|t| t.val.as_str().trim() == tzid.trim())
                    })
                    .and_then(|c| c.find_prop("X-LIC-LOCATION"))
                    .map(|p| p.val.as_str().to_string());
                match zone::resolve(tzid, lic.as_deref()) {
                    Some(found) => found,
                    None => self.user_zone().ok_or_else(|| InviteError::UnknownZone {
                        file: self.file.to_path_buf(),
                        line,
                        tzid: tzid.to_string(),
                    })?,
                }
            }
            None => self.user_zone().ok_or_else(|| InviteError::FloatingTime {
                file: self.file.to_path_buf(),
                line,
                property: name.clone(),
                value: value.to_string(),
            })?,
        };
        let (zone_name, tz) = zone;
        civil.to_zoned_datetime(tz).map(|z| Written::Zoned(z, zone_name)).map_err(|_| bad())
    }

    /// The zone the user named with `--time-zone`, when it is a known one.
    fn user_zone(&self) -> Option<(String, TimeZone)> {
        let name = self.options.time_zone?;
        jiff::tz::db().get(name).ok().map(|tz| (name.to_string(), tz))
    }
}

/// `20261124T140000` → a civil date-time.
fn parse_civil(text: &str) -> Option<DateTime> {
    let bytes = text.as_bytes();
    if bytes.len() != 15 || bytes[8] != b'T' {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<i32> {
        let part = text.get(range)?;
        part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse().ok()).flatten()
    };
    let [year, month, day, hour, minute, second] = [
        digits(0..4)?,
        digits(4..6)?,
        digits(6..8)?,
        digits(9..11)?,
        digits(11..13)?,
        digits(13..15)?,
    ];
    let small = |v: i32| i8::try_from(v).ok();
    // A leap second (60) is read as the last second of the minute.
    DateTime::new(
        i16::try_from(year).ok()?,
        small(month)?,
        small(day)?,
        small(hour)?,
        small(minute)?,
        small(second.min(59))?,
        0,
    )
    .ok()
}

/// An RFC 5545 `DURATION` of the forms meetings use (`PT1H30M`, `PT45M`, `P1D`).
fn parse_duration(text: &str) -> Option<jiff::Span> {
    let text = text.trim();
    if text.starts_with('-') {
        return None;
    }
    let text = text.strip_prefix('+').unwrap_or(text).to_ascii_uppercase();
    let rest = text.strip_prefix('P')?;
    let mut minutes: i64 = 0;
    let mut number = String::new();
    let mut in_time = false;
    for c in rest.chars() {
        match c {
            'T' => in_time = true,
            '0'..='9' => number.push(c),
            unit => {
                let n: i64 = number.parse().ok()?;
                number.clear();
                minutes = minutes.checked_add(match (unit, in_time) {
                    ('W', false) => n.checked_mul(7 * 24 * 60)?,
                    ('D', false) => n.checked_mul(24 * 60)?,
                    ('H', true) => n.checked_mul(60)?,
                    ('M', true) => n,
                    ('S', true) => n / 60,
                    _ => return None,
                })?;
            }
        }
    }
    if !number.is_empty() || minutes > 7 * 24 * 60 {
        return None;
    }
    Some(jiff::Span::new().minutes(minutes))
}

/// A TEXT property's value, trimmed, when it is not empty.
fn text_value(event: &Component<'_>, name: &str) -> Option<String> {
    event.find_prop(name).map(|p| p.val.as_str().trim().to_string()).filter(|v| !v.is_empty())
}

/// `Data Analyst interview at Northwind Analytics` → `Northwind Analytics`.
fn company_from_summary(summary: &str) -> Option<String> {
    let (_, after) = summary.rsplit_once(" at ")?;
    let name = after.trim().trim_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace());
    (!name.is_empty() && name.chars().count() <= 80).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_times_and_durations() {
        assert_eq!(
            parse_civil("20261124T140000").map(|d| d.to_string()).as_deref(),
            Some("2026-11-24T14:00:00")
        );
        assert_eq!(parse_civil("20261324T140000"), None);
        assert_eq!(parse_civil("2026-11-24T14:00"), None);
        assert_eq!(parse_duration("PT1H30M").map(|s| s.get_minutes()), Some(90));
        assert!(parse_duration("P1W2D").is_none(), "longer than a week is no interview");
        assert_eq!(parse_duration("PT").map(|s| s.get_minutes()), Some(0));
        assert!(parse_duration("-PT1H").is_none());
    }

    #[test]
    fn company_from_titles() {
        assert_eq!(
            company_from_summary("Data Analyst interview at Northwind Analytics.").as_deref(),
            Some("Northwind Analytics")
        );
        assert_eq!(company_from_summary("Interview with Dana"), None);
    }
}
