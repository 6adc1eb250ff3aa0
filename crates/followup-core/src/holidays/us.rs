//! United States federal holidays, computed from their rules.
//!
//! The dates are derived, not listed, so they are right for any year: fixed-date
//! holidays move to the Friday before when they fall on a Saturday and to the Monday
//! after when they fall on a Sunday (5 U.S.C. 6103), which is when offices are closed.
//! New Year's Day on a Saturday is therefore observed on December 31 of the year before.

use jiff::civil::{Date, Weekday};

use super::Holiday;

/// The federal holidays of `year`, observed dates, in calendar order of the holiday.
///
/// The list for a year whose New Year's Day is a Saturday starts with December 31 of
/// the year before. Juneteenth is included from 2021, when it became a holiday. Years
/// outside what a date can hold yield an empty list.
pub fn us_federal(year: i16) -> Vec<Holiday> {
    let Some(list) = us_federal_checked(year) else {
        return Vec::new();
    };
    list
}

fn us_federal_checked(year: i16) -> Option<Vec<Holiday>> {
    let fixed = |month, day, name| -> Option<Holiday> {
        let date = Date::new(year, month, day).ok()?;
        Some(Holiday { observed: observed(date)?, name })
    };
    let nth = |month, nth, weekday, name| -> Option<Holiday> {
        let first = Date::new(year, month, 1).ok()?;
        Some(Holiday { observed: first.nth_weekday_of_month(nth, weekday).ok()?, name })
    };
    let mut list = vec![
        fixed(1, 1, "New Year's Day")?,
        nth(1, 3, Weekday::Monday, "Birthday of Martin Luther King, Jr.")?,
        nth(2, 3, Weekday::Monday, "Washington's Birthday")?,
        nth(5, -1, Weekday::Monday, "Memorial Day")?,
    ];
    if year >= 2021 {
        list.push(fixed(6, 19, "Juneteenth National Independence Day")?);
    }
    list.extend([
        fixed(7, 4, "Independence Day")?,
        nth(9, 1, Weekday::Monday, "Labor Day")?,
        nth(10, 2, Weekday::Monday, "Columbus Day")?,
        fixed(11, 11, "Veterans Day")?,
        nth(11, 4, Weekday::Thursday, "Thanksgiving Day")?,
        fixed(12, 25, "Christmas Day")?,
    ]);
    Some(list)
}

/// The day a fixed-date holiday is observed on.
fn observed(date: Date) -> Option<Date> {
    match date.weekday() {
        Weekday::Saturday => date.yesterday().ok(),
        Weekday::Sunday => date.tomorrow().ok(),
        _ => Some(date),
    }
}

/// The federal holiday observed on `date`, if any.
pub fn us_federal_on(date: Date) -> Option<&'static str> {
    if !may_be_federal_holiday(date) {
        return None;
    }
    // A holiday of next year can be observed this year (New Year's Day on a Saturday).
    [date.year(), date.year().saturating_add(1)]
        .into_iter()
        .flat_map(us_federal)
        .find(|holiday| holiday.observed == date)
        .map(|holiday| holiday.name)
}

/// Whether `date` falls where some federal holiday, or the day it is observed, can
/// fall: most days of the year cannot, and the planner asks about many days per
/// interview, so they are answered without working out the year's holidays.
pub(super) fn may_be_federal_holiday(date: Date) -> bool {
    matches!(
        (date.month(), date.day()),
        (1, 1..=2 | 15..=21)   // New Year's Day (Monday when on a Sunday); King's birthday
            | (2, 15..=21)     // Washington's Birthday, third Monday
            | (5, 25..=31)     // Memorial Day, last Monday
            | (6, 18..=20)     // Juneteenth, and the Friday or Monday it is observed on
            | (7, 3..=5)       // Independence Day
            | (9, 1..=7)       // Labor Day, first Monday
            | (10, 8..=14)     // Columbus Day, second Monday
            | (11, 10..=12 | 22..=28) // Veterans Day; Thanksgiving, fourth Thursday
            | (12, 24..=26 | 31) // Christmas; New Year's Day observed on the Friday before
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// The quick answer for days that cannot be holidays changes no answer.
    #[test]
    fn the_quick_rejection_agrees_with_the_full_rules() {
        let mut day = date(1990, 1, 1);
        while day < date(2110, 1, 1) {
            let full = [day.year(), day.year() + 1]
                .into_iter()
                .flat_map(us_federal)
                .find(|holiday| holiday.observed == day)
                .map(|holiday| holiday.name);
            assert_eq!(us_federal_on(day), full, "{day}");
            day = day.tomorrow().expect("within range");
        }
    }

    #[track_caller]
    fn check(year: i16, expected: &[(&str, &str)]) {
        let got: Vec<(String, &str)> =
            us_federal(year).into_iter().map(|h| (h.observed.to_string(), h.name)).collect();
        let want: Vec<(String, &str)> =
            expected.iter().map(|(d, n)| ((*d).to_string(), *n)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn federal_holidays_2026_match_opm_list() {
        // OPM's published 2026 list: Independence Day falls on a Saturday and is
        // observed on Friday, July 3.
        check(
            2026,
            &[
                ("2026-01-01", "New Year's Day"),
                ("2026-01-19", "Birthday of Martin Luther King, Jr."),
                ("2026-02-16", "Washington's Birthday"),
                ("2026-05-25", "Memorial Day"),
                ("2026-06-19", "Juneteenth National Independence Day"),
                ("2026-07-03", "Independence Day"),
                ("2026-09-07", "Labor Day"),
                ("2026-10-12", "Columbus Day"),
                ("2026-11-11", "Veterans Day"),
                ("2026-11-26", "Thanksgiving Day"),
                ("2026-12-25", "Christmas Day"),
            ],
        );
    }

    #[test]
    fn sunday_holiday_is_observed_on_monday() {
        // Christmas 2022 fell on a Sunday.
        assert_eq!(us_federal_on(date(2022, 12, 26)), Some("Christmas Day"));
        assert_eq!(us_federal_on(date(2022, 12, 25)), None);
    }

    #[test]
    fn saturday_new_year_is_observed_the_year_before() {
        // January 1, 2022 was a Saturday: observed Friday, December 31, 2021.
        assert_eq!(us_federal_on(date(2021, 12, 31)), Some("New Year's Day"));
    }

    #[test]
    fn juneteenth_starts_in_2021() {
        assert_eq!(us_federal_on(date(2020, 6, 19)), None);
        assert_eq!(us_federal_on(date(2021, 6, 18)), Some("Juneteenth National Independence Day"));
    }
}
