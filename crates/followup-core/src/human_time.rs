//! Instants and dates written for a candidate to read, in the plan's reasons and in
//! every front end's text: `Tue Nov 24, 3:00 PM CST`, `Fri Dec 4`.
//!
//! Both are written by hand rather than with `strftime`, which costs several times more:
//! a plan writes a few per message, and a batch plans many thousands of interviews. The
//! tests hold them equal to `strftime`'s `%a %b %-d, %-I:%M %p %Z` and `%a %b %-d`.

use jiff::Timestamp;
use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;

/// Formats an instant for a candidate, on the clock of `zone`: `Tue Nov 24, 3:00 PM CST`.
pub fn human(ts: Timestamp, zone: &TimeZone) -> String {
    let info = zone.to_offset_info(ts);
    let local = info.offset().to_datetime(ts);
    let (hour, meridiem) = match local.hour() {
        0 => (12, "AM"),
        hour @ 1..=11 => (hour, "AM"),
        12 => (12, "PM"),
        hour => (hour - 12, "PM"),
    };
    let mut out = human_date(local.date());
    out.push_str(&format!(", {hour}:{:02} {meridiem} {}", local.minute(), info.abbreviation()));
    out
}

/// Formats a date for a candidate: `Fri Dec 4`.
pub fn human_date(day: Date) -> String {
    // The short names are the first three letters of the long ones, as `%a` and `%b`
    // write them.
    let weekday = weekday_name(day.weekday()).get(..3).unwrap_or_default();
    let month = month_name(day).get(..3).unwrap_or_default();
    format!("{weekday} {month} {}", day.day())
}

/// The weekday's name in English, as `strftime`'s `%A` writes it: `Friday`.
pub fn weekday_name(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

/// The name in English of the month `day` is in, as `strftime`'s `%B` writes it:
/// `December`.
pub fn month_name(day: Date) -> &'static str {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    // A date's month is 1 to 12, so the index is in range.
    MONTHS[usize::from(day.month().unsigned_abs()).saturating_sub(1) % 12]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_as_strftime_writes_them() {
        let zones = [
            "America/Chicago",
            "Europe/London",
            "Asia/Kolkata",
            "UTC",
            "Australia/Lord_Howe",
            "Etc/GMT+5",
        ];
        let mut ts: Timestamp = "2026-01-01T00:00:00Z".parse().expect("a valid moment");
        // Every hour of a year and a bit, through both clock changes of each zone.
        for _ in 0..(24 * 400) {
            for zone in zones {
                let tz = TimeZone::get(zone).expect("a bundled zone");
                let zoned = ts.to_zoned_datetime(tz.clone());
                assert_eq!(
                    human(ts, &tz),
                    zoned.strftime("%a %b %-d, %-I:%M %p %Z").to_string(),
                    "{ts} in {zone}"
                );
                assert_eq!(human_date(zoned.date()), zoned.strftime("%a %b %-d").to_string());
            }
            ts = ts.saturating_add(jiff::SignedDuration::from_mins(61)).expect("in range");
        }
    }
}
