//! Instants and dates written for a candidate to read, in the plan's reasons and in
//! every front end's text: `Tue Nov 24, 3:00 PM CST`, `Fri Dec 4`.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

/// Formats an instant for a candidate, on the clock of `zone`: `Tue Nov 24, 3:00 PM CST`.
pub fn human(ts: Timestamp, zone: &TimeZone) -> String {
    ts.to_zoned_datetime(zone.clone()).strftime("%a %b %-d, %-I:%M %p %Z").to_string()
}

/// Formats a date for a candidate: `Fri Dec 4`.
pub fn human_date(day: Date) -> String {
    day.strftime("%a %b %-d").to_string()
}
