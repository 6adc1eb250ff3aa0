//! `followup.ics`: one calendar event per step, at the moment to send it, with a
//! reminder before it (RFC 5545).
//!
//! Written by hand rather than with a calendar crate: the file needs a handful of
//! properties, and the two rules that matter for safety are short and tested here:
//! text values are escaped (`\`, `;`, `,` and line breaks) with every other control
//! character removed, so a name containing CR or LF can never start a property of
//! its own; and lines are folded at 75 octets without splitting a UTF-8 character.
//! Times are written in UTC, which every calendar reads correctly and shows in the
//! user's own zone; the step's local time, its window and its deadline are in the
//! description. Each event's UID is the step id with [`interview_key`], so importing
//! the file again after an edit updates the events instead of duplicating them.

use std::fmt::Write;

use followup_core::export::interview_key;
use followup_core::human_time::{human, human_date};
use followup_core::interview::Interview;
use followup_core::one_line::one_line;
use jiff::Timestamp;

use crate::ExportedStep;

/// The file's name in the export folder.
pub const FILE_NAME: &str = "followup.ics";

/// Minutes before the moment to send at which the calendar reminds the candidate.
const REMINDER_MINUTES: u32 = 15;

/// How long each event lasts, in minutes: a slot to send the message in.
const EVENT_MINUTES: u32 = 15;

/// The longest line, in octets, before it is folded (RFC 5545 section 3.1).
const MAX_LINE_OCTETS: usize = 75;

/// The calendar's name for the steps of one interview: `Follow-up: Data Analyst at
/// Northwind Analytics`.
pub fn calendar_name(interview: &Interview) -> String {
    format!("Follow-up: {} at {}", interview.role.title, interview.employer.company)
}

/// The calendar named `name` with an event for every step; `now` is the export's time
/// stamp. Each event's UID names its step and its interview, so the steps of several
/// interviews can share one calendar.
pub fn calendar(name: &str, steps: &[ExportedStep<'_>], now: Timestamp) -> String {
    let mut lines = Calendar::default();
    lines.raw("BEGIN:VCALENDAR");
    lines.raw("VERSION:2.0");
    lines.raw(&format!("PRODID:-//followup//followup {}//EN", env!("CARGO_PKG_VERSION")));
    lines.raw("CALSCALE:GREGORIAN");
    lines.raw("METHOD:PUBLISH");
    lines.text("X-WR-CALNAME", name);
    for export in steps {
        let step = export.step;
        let key = interview_key(&export.interview.interview);
        // A summary is one line wherever it is shown: a line break in a name goes.
        let summary = one_line(&format!(
            "Send {} to {} ({})",
            step.title().to_lowercase(),
            step.recipient.name,
            export.channel_name
        ));
        lines.raw("BEGIN:VEVENT");
        lines.text("UID", &format!("{}.{key}@followup.invalid", step.id));
        lines.raw(&format!("DTSTAMP:{}", utc(export.changed_at.unwrap_or(now))));
        if export.sequence > 0 {
            lines.raw(&format!("SEQUENCE:{}", export.sequence));
        }
        if export.cancelled.is_some() {
            lines.raw("STATUS:CANCELLED");
        }
        lines.raw(&format!("DTSTART:{}", utc(step.send_at)));
        lines.raw(&format!("DURATION:PT{EVENT_MINUTES}M"));
        lines.text("SUMMARY", &summary);
        lines.text("DESCRIPTION", &description(export));
        // A reminder to act, not a meeting: it does not make the candidate look busy.
        lines.raw("TRANSP:TRANSPARENT");
        lines.raw("BEGIN:VALARM");
        lines.raw("ACTION:DISPLAY");
        lines.text("DESCRIPTION", &summary);
        lines.raw(&format!("TRIGGER:-PT{REMINDER_MINUTES}M"));
        lines.raw("END:VALARM");
        lines.raw("END:VEVENT");
    }
    lines.raw("END:VCALENDAR");
    lines.0
}

/// What the event says: when to send in the recipient's zone, the window and the
/// deadline, which file holds the draft, and why.
fn description(export: &ExportedStep<'_>) -> String {
    let step = export.step;
    let zone = &step.time_zone;
    let mut text = String::new();
    // Writing into a String cannot fail.
    if let Some(reason) = export.cancelled {
        let _ = writeln!(text, "Cancelled: {reason}.");
    }
    let _ = writeln!(text, "Send at {} ({}).", human(step.send_at, zone), step.time_zone_name());
    let _ = writeln!(
        text,
        "Window: {} to {}.",
        human(step.not_before, zone),
        human(step.not_after, zone)
    );
    let _ = writeln!(text, "Deadline: {}.", human(step.not_after, zone));
    if let Some(day) = step.arrives_by {
        let _ = writeln!(text, "Arrives by: {}.", human_date(day.0));
    }
    match export.files.as_slice() {
        [] => {}
        files => {
            let _ = writeln!(text, "Draft: {} (in the export folder).", files.join(", "));
        }
    }
    if let Some(error) = export.error {
        let _ = writeln!(text, "Not exported: {error}");
    }
    for reason in &step.rationale {
        let _ = writeln!(text, "- {reason}");
    }
    for warning in &step.warnings {
        let _ = writeln!(text, "! {warning}");
    }
    text.trim_end().to_string()
}

/// A moment as an RFC 5545 UTC date-time: `20261202T233000Z`.
fn utc(ts: Timestamp) -> String {
    ts.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// The calendar's content lines, each ended with CRLF and folded.
#[derive(Default)]
struct Calendar(String);

impl Calendar {
    /// Adds a line whose value is already in iCalendar syntax (fixed text written
    /// here, times, numbers).
    fn raw(&mut self, line: &str) {
        fold_into(&mut self.0, line);
    }

    /// Adds `name:value` with `value` escaped as TEXT.
    fn text(&mut self, name: &str, value: &str) {
        fold_into(&mut self.0, &format!("{name}:{}", escape_text(value)));
    }
}

/// Escapes a TEXT value (RFC 5545 section 3.3.11): backslash, semicolon and comma
/// get a backslash, every line break (CRLF, CR or LF) becomes `\n`, and any other
/// control character, which TEXT does not allow, is removed (a tab becomes a space).
fn escape_text(value: &str) -> String {
    let value = value.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded at 75 octets (RFC 5545 section 3.1): each continuation line
/// starts with one space, and no UTF-8 character is split. Every line ends in CRLF.
fn fold_into(out: &mut String, line: &str) {
    let mut octets = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if octets + len > MAX_LINE_OCTETS {
            out.push_str("\r\n ");
            // The leading space counts towards the continuation line's length.
            octets = 1;
        }
        out.push(c);
        octets += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_controls_cannot_break_lines() {
        assert_eq!(
            escape_text("a\\b;c,d\ne\r\nf\rg\u{0}h\u{1b}i\tj"),
            "a\\\\b\\;c\\,d\\ne\\nf\\nghi j"
        );
        assert_eq!(escape_text("Dana\r\nBEGIN:VALARM"), "Dana\\nBEGIN:VALARM");
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "é".repeat(60));
        fold_into(&mut out, &line);
        let physical: Vec<&str> = out.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert!(physical.len() > 1, "{out:?}");
        for (index, part) in physical.iter().enumerate() {
            assert!(part.len() <= MAX_LINE_OCTETS, "{part:?} is {} octets", part.len());
            assert_eq!(index > 0, part.starts_with(' '), "{part:?}");
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
    }

    #[test]
    fn short_lines_are_left_alone() {
        let mut out = String::new();
        fold_into(&mut out, "BEGIN:VEVENT");
        assert_eq!(out, "BEGIN:VEVENT\r\n");
    }

    /// The tracker writes one calendar for many interviews: each event's UID names
    /// its own interview, so steps with the same id stay apart.
    #[test]
    fn steps_of_two_interviews_keep_their_own_uids() {
        let mut first: followup_core::interview::Interview =
            serde_json::from_value(followup_core::examples::interview_example())
                .expect("interview");
        let mut second = first.clone();
        second.employer.company = "Contoso".to_string();
        first.employer.company = "Northwind".to_string();
        let first = followup_core::validate::validate(first).expect("valid");
        let second = followup_core::validate::validate(second).expect("valid");
        let plan: followup_core::plan::Plan =
            serde_json::from_value(followup_core::examples::plan_example()).expect("plan");
        let step = &plan.steps[0];
        let steps =
            [ExportedStep::new(&first, step, "Email"), ExportedStep::new(&second, step, "Email")];
        let now: Timestamp = "2026-11-24T21:00:00Z".parse().expect("valid time");
        let text = calendar("Follow-ups", &steps, now).replace("\r\n ", "");
        let uids: Vec<&str> = text.lines().filter(|l| l.starts_with("UID:")).collect();
        assert_eq!(uids.len(), 2);
        assert_ne!(uids[0], uids[1]);
        assert!(text.contains("X-WR-CALNAME:Follow-ups"));
    }

    #[test]
    fn times_are_utc() {
        let ts: Timestamp = "2026-12-02T16:30:00-07:00".parse().expect("valid time");
        assert_eq!(utc(ts), "20261202T233000Z");
    }
}
