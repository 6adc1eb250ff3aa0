//! The holiday rules of the countries besides the United States, one function each.
//!
//! Each returns `None` only when a date falls outside what a date can hold (the first
//! and last representable years).

use jiff::civil::{Date, Weekday};

use super::{Holiday, Year, is_weekend};

/// A holiday before the weekend rule is applied: its own date, and the name of the
/// substitute day when the country gives one for it.
struct Rule {
    date: Date,
    name: &'static str,
    substitute: Option<&'static str>,
}

fn on(date: Option<Date>, name: &'static str) -> Option<Rule> {
    Some(Rule { date: date?, name, substitute: None })
}

fn with_substitute(
    date: Option<Date>,
    name: &'static str,
    substitute: &'static str,
) -> Option<Rule> {
    Some(Rule { date: date?, name, substitute: Some(substitute) })
}

/// The holidays on their own dates, and for each one on a weekend that has a
/// substitute, the next weekday that is neither a holiday nor another substitute (the
/// British and Canadian rule: Christmas on a Saturday and Boxing Day on the Sunday
/// are made up on Monday and Tuesday).
fn with_substitute_days(rules: Vec<Rule>) -> Vec<Holiday> {
    let mut taken: Vec<Date> = rules.iter().map(|rule| rule.date).collect();
    let mut list = Vec::with_capacity(rules.len() + 2);
    for rule in &rules {
        list.push(Holiday { observed: rule.date, name: rule.name });
        let Some(substitute) = rule.substitute else { continue };
        if !is_weekend(rule.date) {
            continue;
        }
        let mut day = rule.date;
        while is_weekend(day) || taken.contains(&day) {
            let Ok(next) = day.tomorrow() else { break };
            day = next;
        }
        taken.push(day);
        list.push(Holiday { observed: day, name: substitute });
    }
    list.sort_by_key(|holiday| holiday.observed);
    list
}

/// England and Wales bank holidays (Banking and Financial Dealings Act 1971 and the
/// yearly proclamations; Scotland and Northern Ireland have others). One-off bank
/// holidays (a coronation, a jubilee) and the rare moves of the early May and spring
/// holidays are proclaimed each time and are not rules: a firm adds them as extra
/// holidays.
pub(super) fn england_and_wales(year: i16) -> Option<Vec<Holiday>> {
    let y = Year(year);
    let rules = vec![
        with_substitute(y.fixed(1, 1), "New Year's Day", "New Year's Day (substitute day)")?,
        on(y.easter(-2), "Good Friday")?,
        on(y.easter(1), "Easter Monday")?,
        on(y.nth(5, 1, Weekday::Monday), "Early May bank holiday")?,
        on(y.nth(5, -1, Weekday::Monday), "Spring bank holiday")?,
        on(y.nth(8, -1, Weekday::Monday), "Summer bank holiday")?,
        with_substitute(y.fixed(12, 25), "Christmas Day", "Christmas Day (substitute day)")?,
        with_substitute(y.fixed(12, 26), "Boxing Day", "Boxing Day (substitute day)")?,
    ];
    Some(with_substitute_days(rules))
}

/// Canada's federal statutory holidays (the general holidays of the Canada Labour
/// Code, as federal employers observe them): a holiday on a weekend is given on the
/// next working day. Provincial holidays (Family Day, Civic Holiday, Saint-Jean-Baptiste)
/// are not federal and are left out.
pub(super) fn canada(year: i16) -> Option<Vec<Holiday>> {
    let y = Year(year);
    let mut rules = vec![
        with_substitute(y.fixed(1, 1), "New Year's Day", "New Year's Day (observed)")?,
        on(y.easter(-2), "Good Friday")?,
        on(y.weekday_on_or_before(5, 24, Weekday::Monday), "Victoria Day")?,
        with_substitute(y.fixed(7, 1), "Canada Day", "Canada Day (observed)")?,
        on(y.nth(9, 1, Weekday::Monday), "Labour Day")?,
    ];
    if year >= 2021 {
        rules.push(with_substitute(
            y.fixed(9, 30),
            "National Day for Truth and Reconciliation",
            "National Day for Truth and Reconciliation (observed)",
        )?);
    }
    rules.extend([
        on(y.nth(10, 2, Weekday::Monday), "Thanksgiving")?,
        with_substitute(y.fixed(11, 11), "Remembrance Day", "Remembrance Day (observed)")?,
        with_substitute(y.fixed(12, 25), "Christmas Day", "Christmas Day (observed)")?,
        with_substitute(y.fixed(12, 26), "Boxing Day", "Boxing Day (observed)")?,
    ]);
    Some(with_substitute_days(rules))
}

/// Germany's nationwide public holidays (those every state keeps; each state adds its
/// own, such as Epiphany in Bavaria). No substitute days.
pub(super) fn germany(year: i16) -> Option<Vec<Holiday>> {
    let y = Year(year);
    Some(vec![
        holiday(y.fixed(1, 1), "New Year's Day")?,
        holiday(y.easter(-2), "Good Friday")?,
        holiday(y.easter(1), "Easter Monday")?,
        holiday(y.fixed(5, 1), "Labour Day")?,
        holiday(y.easter(39), "Ascension Day")?,
        holiday(y.easter(50), "Whit Monday")?,
        holiday(y.fixed(10, 3), "Day of German Unity")?,
        holiday(y.fixed(12, 25), "Christmas Day")?,
        holiday(y.fixed(12, 26), "Second Day of Christmas")?,
    ])
    .map(sorted)
}

/// France's public holidays (jours fériés, Code du travail L3133-1), without the two
/// that only Alsace and Moselle keep (Good Friday, December 26). No substitute days.
pub(super) fn france(year: i16) -> Option<Vec<Holiday>> {
    let y = Year(year);
    Some(vec![
        holiday(y.fixed(1, 1), "New Year's Day")?,
        holiday(y.easter(1), "Easter Monday")?,
        holiday(y.fixed(5, 1), "Labour Day")?,
        holiday(y.fixed(5, 8), "Victory in Europe Day")?,
        holiday(y.easter(39), "Ascension Day")?,
        holiday(y.easter(50), "Whit Monday")?,
        holiday(y.fixed(7, 14), "Bastille Day")?,
        holiday(y.fixed(8, 15), "Assumption Day")?,
        holiday(y.fixed(11, 1), "All Saints' Day")?,
        holiday(y.fixed(11, 11), "Armistice Day")?,
        holiday(y.fixed(12, 25), "Christmas Day")?,
    ])
    .map(sorted)
}

/// India's national holidays that rules can compute: the three national days, Dr.
/// Ambedkar's birthday, Good Friday and Christmas. The festivals of lunar and
/// lunisolar calendars (Holi, Diwali, Eid, ...) are fixed each year by the government
/// from observation and are not computed; a firm adds the year's dates as extra
/// holidays. No substitute days.
pub(super) fn india(year: i16) -> Option<Vec<Holiday>> {
    let y = Year(year);
    Some(vec![
        holiday(y.fixed(1, 26), "Republic Day")?,
        holiday(y.easter(-2), "Good Friday")?,
        holiday(y.fixed(4, 14), "Ambedkar Jayanti")?,
        holiday(y.fixed(8, 15), "Independence Day")?,
        holiday(y.fixed(10, 2), "Gandhi Jayanti")?,
        holiday(y.fixed(12, 25), "Christmas Day")?,
    ])
    .map(sorted)
}

/// Australia's national public holidays, the ones every state and territory keeps, on
/// their own dates. The states' substitute days for a weekend holiday differ (and some
/// add a day rather than move one), so none is computed; nor are the state holidays
/// (Labour Day, the King's Birthday, Melbourne Cup).
pub(super) fn australia(year: i16) -> Option<Vec<Holiday>> {
    let y = Year(year);
    Some(vec![
        holiday(y.fixed(1, 1), "New Year's Day")?,
        holiday(y.fixed(1, 26), "Australia Day")?,
        holiday(y.easter(-2), "Good Friday")?,
        holiday(y.easter(1), "Easter Monday")?,
        holiday(y.fixed(4, 25), "Anzac Day")?,
        holiday(y.fixed(12, 25), "Christmas Day")?,
        holiday(y.fixed(12, 26), "Boxing Day")?,
    ])
    .map(sorted)
}

fn holiday(date: Option<Date>, name: &'static str) -> Option<Holiday> {
    Some(Holiday { observed: date?, name })
}

/// In date order (Easter moves Good Friday past fixed dates in April in some years).
fn sorted(mut list: Vec<Holiday>) -> Vec<Holiday> {
    list.sort_by_key(|holiday| holiday.observed);
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[track_caller]
    fn check(list: Option<Vec<Holiday>>, expected: &[(&str, &str)]) {
        let got: Vec<(String, &str)> = list
            .expect("a year dates can hold")
            .into_iter()
            .map(|h| (h.observed.to_string(), h.name))
            .collect();
        let want: Vec<(String, &str)> =
            expected.iter().map(|(d, n)| ((*d).to_string(), *n)).collect();
        assert_eq!(got, want);
    }

    /// gov.uk's 2027 list: Christmas on a Saturday and Boxing Day on the Sunday are
    /// made up on Monday 27 and Tuesday 28.
    #[test]
    fn england_and_wales_2027_as_gov_uk_lists_it() {
        check(
            england_and_wales(2027),
            &[
                ("2027-01-01", "New Year's Day"),
                ("2027-03-26", "Good Friday"),
                ("2027-03-29", "Easter Monday"),
                ("2027-05-03", "Early May bank holiday"),
                ("2027-05-31", "Spring bank holiday"),
                ("2027-08-30", "Summer bank holiday"),
                ("2027-12-25", "Christmas Day"),
                ("2027-12-26", "Boxing Day"),
                ("2027-12-27", "Christmas Day (substitute day)"),
                ("2027-12-28", "Boxing Day (substitute day)"),
            ],
        );
    }

    /// Christmas on a Sunday: Boxing Day keeps Monday, Christmas is made up on Tuesday.
    #[test]
    fn a_sunday_christmas_is_made_up_after_boxing_day() {
        let list = with_substitute_days(vec![
            with_substitute(Some(date(2033, 12, 25)), "Christmas Day", "Christmas sub")
                .expect("a date"),
            with_substitute(Some(date(2033, 12, 26)), "Boxing Day", "Boxing sub").expect("a date"),
        ]);
        let days: Vec<_> = list.iter().map(|h| (h.observed.day(), h.name)).collect();
        assert_eq!(days, [(25, "Christmas Day"), (26, "Boxing Day"), (27, "Christmas sub")]);
    }
}
