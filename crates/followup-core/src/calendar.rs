//! The business calendar: which days are business days and which hours are business
//! hours.
//!
//! Weekends and public holidays are not business days. The calendar ships the United
//! States federal holidays (computed, see [`crate::holidays`]) and accepts extra dates
//! as data, such as a firm's own closures or another country's holidays.

use std::collections::BTreeMap;

use jiff::civil::{Date, Weekday};

use crate::holidays;

/// Which public holidays a calendar observes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HolidayRules {
    /// United States federal holidays, observed dates.
    #[default]
    UsFederal,
    /// No computed holidays; only the extra dates.
    None,
}

/// Decides which days are business days.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BusinessCalendar {
    rules: HolidayRules,
    extra: BTreeMap<Date, String>,
}

impl BusinessCalendar {
    /// A calendar with the given holiday rules and no extra dates.
    pub fn new(rules: HolidayRules) -> BusinessCalendar {
        BusinessCalendar { rules, extra: BTreeMap::new() }
    }

    /// Adds a date that is not a business day, with a name to show.
    pub fn add_holiday(&mut self, date: Date, name: impl Into<String>) {
        self.extra.insert(date, name.into());
    }

    /// The holiday on `date`, if it is one.
    pub fn holiday(&self, date: Date) -> Option<&str> {
        if let Some(name) = self.extra.get(&date) {
            return Some(name);
        }
        match self.rules {
            HolidayRules::UsFederal => holidays::us_federal_on(date),
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
        let calendar = BusinessCalendar::new(HolidayRules::UsFederal);
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
}
