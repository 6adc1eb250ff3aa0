//! National public holidays, computed from their rules for any year.
//!
//! The dates are derived, not listed: fixed dates, the n-th weekday of a month, and
//! days counted from Easter Sunday ([`easter_sunday`], the Gregorian computus). Each
//! country's weekend rule is its own: the United States observes a Saturday holiday on
//! the Friday before and a Sunday one on the Monday after; Great Britain and Canada
//! give a substitute day, the next weekday that is not already a holiday; Germany,
//! France, India and Australia (at the national level) give none. The rules, the
//! sources and what is left out are in `docs/timing-rules.md`; they are tested against
//! a reference table made with the Python `holidays` package
//! (`tests/holidays_reference.rs`).
//!
//! This module knows dates only; which country a recipient's holidays are is
//! [`crate::country`]'s question, and which days are business days
//! [`crate::calendar`]'s.

mod countries;
mod us;

use jiff::civil::{Date, Weekday};

use crate::country::Country;
pub use us::{us_federal, us_federal_on};

/// A holiday as offices observe it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Holiday {
    /// The day offices are closed. The US lists a weekend holiday only on the weekday
    /// it is observed on; the other countries list it on its own date (a weekend is no
    /// business day either way) and, where they give one, its substitute day as a
    /// holiday of its own.
    pub observed: Date,
    /// The holiday's name.
    pub name: &'static str,
}

/// The countries whose holidays are computed.
pub const COMPUTED: [&str; 7] = ["US", "GB", "CA", "DE", "FR", "IN", "AU"];

/// Whether followup computes `country`'s public holidays.
pub fn computed_for(country: Country) -> bool {
    COMPUTED.contains(&country.as_str())
}

/// `country`'s public holidays of `year`, in calendar order of the holiday; empty for a
/// country whose holidays are not computed and for years outside what a date can
/// hold.
pub fn national(country: Country, year: i16) -> Vec<Holiday> {
    let list = match country.as_str() {
        "US" => return us_federal(year),
        "GB" => countries::england_and_wales(year),
        "CA" => countries::canada(year),
        "DE" => countries::germany(year),
        "FR" => countries::france(year),
        "IN" => countries::india(year),
        "AU" => countries::australia(year),
        _ => None,
    };
    list.unwrap_or_default()
}

/// The public holiday `country` observes on `date`, if any.
pub fn national_on(country: Country, date: Date) -> Option<&'static str> {
    let on = |list: &[Holiday]| list.iter().find(|h| h.observed == date).map(|h| h.name);
    if country == Country::US {
        if !us::may_be_federal_holiday(date) {
            return None;
        }
        // A holiday of next year can be observed this year (New Year's Day on a Saturday).
        let next = date.year().saturating_add(1);
        return match (kept(country, date.year()), kept(country, next)) {
            (Some(this), Some(following)) => on(this).or_else(|| on(following)),
            _ => us_federal_on(date),
        };
    }
    // A substitute day never moves into the next year, nor into the one before.
    match kept(country, date.year()) {
        Some(list) => on(list),
        None => on(&national(country, date.year())),
    }
}

/// The years whose holidays are worked out once per process and then looked up: a
/// plan asks about dozens of days, and a batch plans many thousands of interviews.
const KEPT_FROM: i16 = 1990;
const KEPT_YEARS: usize = 121;

/// The kept years' holidays, by country in [`COMPUTED`]'s order and year, each worked
/// out on its first use.
static KEPT: [[std::sync::OnceLock<Vec<Holiday>>; KEPT_YEARS]; COMPUTED.len()] =
    [const { [const { std::sync::OnceLock::new() }; KEPT_YEARS] }; COMPUTED.len()];

/// `country`'s holidays of `year` from [`KEPT`], when the year is kept and the country
/// computed.
fn kept(country: Country, year: i16) -> Option<&'static [Holiday]> {
    let index = COMPUTED.iter().position(|code| *code == country.as_str())?;
    let offset = usize::try_from(year.checked_sub(KEPT_FROM)?).ok()?;
    let slot = KEPT[index].get(offset)?;
    Some(slot.get_or_init(|| national(country, year)))
}

/// Easter Sunday of `year` in the Gregorian calendar (the anonymous Gregorian
/// algorithm, also called Meeus/Jones/Butcher), or `None` outside what a date holds.
pub fn easter_sunday(year: i16) -> Option<Date> {
    let y = i32::from(year);
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// The dates of one year, as holiday rules name them.
pub(crate) struct Year(pub i16);

impl Year {
    /// `month`/`day` of the year.
    pub fn fixed(&self, month: i8, day: i8) -> Option<Date> {
        Date::new(self.0, month, day).ok()
    }

    /// The `nth` `weekday` of `month` (negative counts from the end).
    pub fn nth(&self, month: i8, nth: i8, weekday: Weekday) -> Option<Date> {
        self.fixed(month, 1)?.nth_weekday_of_month(nth, weekday).ok()
    }

    /// The `weekday` on or before `month`/`day`.
    pub fn weekday_on_or_before(&self, month: i8, day: i8, weekday: Weekday) -> Option<Date> {
        let date = self.fixed(month, day)?;
        if date.weekday() == weekday {
            return Some(date);
        }
        date.nth_weekday(-1, weekday).ok()
    }

    /// `days` after Easter Sunday (negative: before).
    pub fn easter(&self, days: i32) -> Option<Date> {
        easter_sunday(self.0)?.checked_add(jiff::Span::new().days(days)).ok()
    }
}

/// Whether `date` is a Saturday or a Sunday.
pub(crate) fn is_weekend(date: Date) -> bool {
    matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// Easter Sunday as the published tables give it, including the extremes of its
    /// range (March 22 and April 25).
    #[test]
    fn the_computus_matches_published_easter_dates() {
        for (year, month, day) in [
            (1818, 3, 22),
            (1943, 4, 25),
            (2000, 4, 23),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2038, 4, 25),
            (2285, 3, 22),
        ] {
            assert_eq!(easter_sunday(year), Some(date(year, month, day)), "{year}");
        }
    }

    #[test]
    fn every_year_a_date_holds_has_holidays_and_none_panics() {
        for year in [-9999, 0, 1, 1970, 9998, 9999] {
            for code in COMPUTED {
                let country = Country::parse(code).expect("a listed code");
                let _ = national(country, year);
            }
        }
        let gb = Country::parse("GB").expect("GB");
        assert_eq!(national_on(gb, date(9999, 12, 31)), None);
        assert!(!national(gb, 2026).is_empty());
    }

    #[test]
    fn countries_without_rules_have_no_holidays() {
        let japan = Country::parse("JP").expect("JP");
        assert!(!computed_for(japan));
        assert!(national(japan, 2026).is_empty());
    }
}
