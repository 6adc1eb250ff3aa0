//! Timing: send windows and the recommended moment inside them.
//!
//! A window is a pair of instants. The recommended moment is the first instant in the
//! window that falls in business hours on a business day *and* inside the channel's
//! allowed hours, read on the step's clock; failing that, the first instant the channel
//! allows on any day. Meeting the deadline wins over business hours, never over the
//! channel's own limits (a text is never sent at night).

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use crate::calendar::BusinessCalendar;
use crate::manifest::HourRange;

/// A span of instants, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    /// Earliest instant.
    pub start: Timestamp,
    /// Latest instant.
    pub end: Timestamp,
}

/// How the recommended moment was found, for the rationale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MomentKind {
    /// In business hours on a business day.
    BusinessHours,
    /// Outside business hours, because none fell inside the window.
    OutsideBusinessHours,
}

/// The local date and time at which the instant `day` at `time` occurs in `zone`;
/// a time that a daylight-saving gap skips moves forward, as clocks do.
pub fn at_local(day: Date, time: Time, zone: &TimeZone) -> Option<Timestamp> {
    day.to_datetime(time).to_zoned_datetime(zone.clone()).ok().map(|z| z.timestamp())
}

/// The start of the day after `day` in `zone`.
fn next_midnight(day: Date, zone: &TimeZone) -> Option<Timestamp> {
    at_local(day.tomorrow().ok()?, Time::midnight(), zone)
}

/// The instants of `day` that `hours` covers, in `zone`.
fn day_span(
    day: Date,
    hours: Option<HourRange>,
    zone: &TimeZone,
) -> Option<(Timestamp, Timestamp)> {
    match hours {
        None => Some((at_local(day, Time::midnight(), zone)?, next_midnight(day, zone)?)),
        Some(range) => {
            let start = at_local(day, range.start.0, zone)?;
            let end = if range.end.0 == Time::MAX {
                next_midnight(day, zone)?
            } else {
                at_local(day, range.end.0, zone)?
            };
            Some((start, end))
        }
    }
}

/// Where two optional hour ranges overlap; `None` means no limit, `Some(None)` means
/// they do not overlap at all.
pub fn intersect(a: Option<HourRange>, b: Option<HourRange>) -> Option<Option<HourRange>> {
    match (a, b) {
        (None, other) | (other, None) => Some(other),
        (Some(a), Some(b)) => {
            let range = HourRange { start: a.start.max(b.start), end: a.end.min(b.end) };
            if range.start < range.end { Some(Some(range)) } else { None }
        }
    }
}

/// The first instant in `window` that lies inside `hours` on a day `calendar` accepts
/// (every day when `business_days_only` is false), read in `zone`.
pub fn first_moment(
    window: Window,
    zone: &TimeZone,
    hours: Option<HourRange>,
    business_days_only: bool,
    calendar: &BusinessCalendar,
) -> Option<Timestamp> {
    if window.start > window.end {
        return None;
    }
    let first_day = window.start.to_zoned_datetime(zone.clone()).date();
    let last_day = window.end.to_zoned_datetime(zone.clone()).date();
    let mut day = first_day;
    loop {
        if (!business_days_only || calendar.is_business_day(day))
            && let Some((open, close)) = day_span(day, hours, zone)
        {
            let candidate = open.max(window.start);
            if candidate < close && candidate <= window.end {
                return Some(candidate);
            }
        }
        if day >= last_day {
            return None;
        }
        day = day.tomorrow().ok()?;
    }
}

/// The recommended moment: business hours first, then anything the channel allows.
pub fn recommend(
    window: Window,
    zone: &TimeZone,
    business_hours: HourRange,
    allowed: Option<HourRange>,
    calendar: &BusinessCalendar,
) -> Option<(Timestamp, MomentKind)> {
    if let Some(hours) = intersect(Some(business_hours), allowed)
        && let Some(at) = first_moment(window, zone, hours, true, calendar)
    {
        return Some((at, MomentKind::BusinessHours));
    }
    first_moment(window, zone, allowed, false, calendar)
        .map(|at| (at, MomentKind::OutsideBusinessHours))
}

/// `at` moved by `by`, clamped to the representable range.
pub(crate) fn later(at: Timestamp, by: SignedDuration) -> Timestamp {
    at.saturating_add(by).unwrap_or(if by.is_negative() { Timestamp::MIN } else { Timestamp::MAX })
}

pub(crate) fn minutes(n: u32) -> SignedDuration {
    SignedDuration::from_mins(i64::from(n))
}

pub(crate) fn hours(n: u32) -> SignedDuration {
    SignedDuration::from_hours(i64::from(n))
}

/// The last instant of the local day that contains `at`.
pub(crate) fn end_of_day(at: Timestamp, zone: &TimeZone) -> Timestamp {
    let day = at.to_zoned_datetime(zone.clone()).date();
    day.tomorrow()
        .ok()
        .and_then(|next| at_local(next, jiff::civil::Time::midnight(), zone))
        .map_or(at, |midnight| later(midnight, SignedDuration::from_secs(-1)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::HolidayRules;
    use crate::time::ClockTime;

    fn chicago() -> TimeZone {
        jiff::tz::db().get("America/Chicago").expect("bundled database has Chicago")
    }

    fn ts(text: &str) -> Timestamp {
        text.parse().expect("test timestamps are valid")
    }

    fn nine_to_five() -> HourRange {
        HourRange { start: ClockTime::hm(9, 0), end: ClockTime::hm(17, 0) }
    }

    #[test]
    fn friday_evening_window_skips_to_monday_only_if_inside_window() {
        let calendar = BusinessCalendar::new(HolidayRules::default());
        // Friday 2026-12-04 17:30 CST to Saturday 17:30: no business hours inside.
        let window = Window { start: ts("2026-12-04T23:30:00Z"), end: ts("2026-12-05T23:30:00Z") };
        let (at, kind) =
            recommend(window, &chicago(), nine_to_five(), None, &calendar).expect("some moment");
        assert_eq!(kind, MomentKind::OutsideBusinessHours);
        assert_eq!(at, window.start);
    }

    #[test]
    fn evening_window_moves_to_next_morning() {
        let calendar = BusinessCalendar::new(HolidayRules::default());
        // Tuesday 18:00 CST to Wednesday 18:00: Wednesday 09:00 is the first business moment.
        let window = Window { start: ts("2026-12-01T00:00:00Z"), end: ts("2026-12-02T00:00:00Z") };
        let (at, kind) =
            recommend(window, &chicago(), nine_to_five(), None, &calendar).expect("some moment");
        assert_eq!(kind, MomentKind::BusinessHours);
        assert_eq!(at, ts("2026-12-01T15:00:00Z"));
    }

    #[test]
    fn disjoint_hours_do_not_intersect() {
        let morning = HourRange { start: ClockTime::hm(6, 0), end: ClockTime::hm(8, 0) };
        assert_eq!(intersect(Some(morning), Some(nine_to_five())), None);
    }
}
