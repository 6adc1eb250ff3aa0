//! The business calendar: which days are business days and which hours are business
//! hours.
//!
//! Weekends and public holidays are not business days. A calendar observes one
//! country's public holidays (computed, see [`crate::holidays`]; the United States by
//! default) and accepts extra dates as data, such as a firm's own closures. A plan
//! reads each recipient's days on the calendar of their own country
//! ([`BusinessCalendar::for_country`]), with the same extra dates.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::{Date, Weekday};

use crate::country::Country;
use crate::holidays;

/// Which public holidays a calendar observes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HolidayRules {
    /// A country's public holidays, observed dates ([`holidays::national`]); a country
    /// whose holidays are not computed has none.
    National(Country),
    /// No computed holidays; only the extra dates.
    None,
}

impl Default for HolidayRules {
    /// The United States federal holidays, as before countries were told apart.
    fn default() -> HolidayRules {
        HolidayRules::National(Country::US)
    }
}

/// Decides which days are business days.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BusinessCalendar {
    rules: HolidayRules,
    /// Shared, because every recipient's calendar carries the same extra dates.
    extra: Arc<BTreeMap<Date, String>>,
}

impl BusinessCalendar {
    /// A calendar with the given holiday rules and no extra dates.
    pub fn new(rules: HolidayRules) -> BusinessCalendar {
        BusinessCalendar { rules, extra: Arc::default() }
    }

    /// Adds a date that is not a business day, with a name to show.
    pub fn add_holiday(&mut self, date: Date, name: impl Into<String>) {
        Arc::make_mut(&mut self.extra).insert(date, name.into());
    }

    /// The holiday rules this calendar observes.
    pub fn rules(&self) -> HolidayRules {
        self.rules
    }

    /// This calendar for someone in `country`: that country's public holidays and the
    /// same extra dates. Without a country it is this calendar as it is.
    pub fn for_country(&self, country: Option<Country>) -> BusinessCalendar {
        match country {
            Some(country) => BusinessCalendar {
                rules: HolidayRules::National(country),
                extra: Arc::clone(&self.extra),
            },
            None => self.clone(),
        }
    }

    /// The holiday on `date`, if it is one: an extra date first, else a public holiday.
    pub fn holiday(&self, date: Date) -> Option<&str> {
        if let Some(name) = self.extra.get(&date) {
            return Some(name);
        }
        match self.rules {
            HolidayRules::National(country) => holidays::national_on(country, date),
            HolidayRules::None => None,
        }
    }

    /// Whether `date` is a business day: not a Saturday, Sunday or holiday.
    pub fn is_business_day(&self, date: Date) -> bool {
        !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
            && self.holiday(date).is_none()
    }

    /// The `n`-th business day after `date` (`n = 0` is `date` itself when it is a
    /// business day, else the next one). Stops at the end of the representable range.
    pub fn add_business_days(&self, date: Date, n: u32) -> Date {
        let mut day = date;
        if n == 0 {
            while !self.is_business_day(day) {
                let Ok(next) = day.tomorrow() else { return day };
                day = next;
            }
            return day;
        }
        let mut left = n;
        while left > 0 {
            let Ok(next) = day.tomorrow() else { return day };
            day = next;
            if self.is_business_day(day) {
                left -= 1;
            }
        }
        day
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn business_days_skip_weekend_and_thanksgiving() {
        let calendar = BusinessCalendar::default();
        // Tuesday 2026-11-24 + 2 business days skips Thanksgiving (26th) -> Friday 27th.
        assert_eq!(calendar.add_business_days(date(2026, 11, 24), 2), date(2026, 11, 27));
        // Friday + 1 -> Monday.
        assert_eq!(calendar.add_business_days(date(2026, 11, 27), 1), date(2026, 11, 30));
    }

    #[test]
    fn extra_holidays_are_not_business_days() {
        let mut calendar = BusinessCalendar::new(HolidayRules::None);
        calendar.add_holiday(date(2026, 12, 1), "Firm retreat");
        assert!(!calendar.is_business_day(date(2026, 12, 1)));
        assert_eq!(calendar.holiday(date(2026, 12, 1)), Some("Firm retreat"));
    }

    #[test]
    fn a_country_calendar_keeps_the_extra_dates() {
        let mut calendar = BusinessCalendar::default();
        calendar.add_holiday(date(2026, 12, 1), "Firm retreat");
        let london = calendar.for_country(Country::parse("GB"));
        // Easter Monday is a bank holiday in England, not a US federal holiday.
        assert!(calendar.is_business_day(date(2026, 4, 6)));
        assert_eq!(london.holiday(date(2026, 4, 6)), Some("Easter Monday"));
        assert_eq!(london.holiday(date(2026, 12, 1)), Some("Firm retreat"));
        // Thanksgiving is not a holiday there.
        assert!(london.is_business_day(date(2026, 11, 26)));
        assert_eq!(calendar.for_country(None), calendar);
    }
}
