//! Countries: where a recipient is, as an ISO 3166-1 alpha-2 code (`GB`), so that their
//! public holidays are the ones skipped.
//!
//! A person's country is the `country` they were given, else the one their time zone
//! lies in when the zone belongs to a single country whose holidays followup computes
//! ([`Country::of_zone`]). Zones shared by several countries, or covering a country
//! with regional holidays in ways the zone cannot tell, name no country, and the
//! calendar's default (the United States) applies. This module only names countries;
//! their holidays are [`crate::holidays`].

use std::fmt;

use crate::problem::Problem;

/// A country, by its ISO 3166-1 alpha-2 code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Country([u8; 2]);

/// The officially assigned ISO 3166-1 alpha-2 codes (249 of them).
const ASSIGNED: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI \
BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ \
DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ \
GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN \
KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS \
MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT \
PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF \
TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM \
ZW";

/// Words people write instead of a code, for the countries followup has holidays for,
/// with the code to suggest.
const SAID_INSTEAD: [(&str, &str); 22] = [
    ("UK", "GB"),
    ("GBR", "GB"),
    ("ENGLAND", "GB"),
    ("WALES", "GB"),
    ("BRITAIN", "GB"),
    ("GREAT BRITAIN", "GB"),
    ("UNITED KINGDOM", "GB"),
    ("USA", "US"),
    ("UNITED STATES", "US"),
    ("AMERICA", "US"),
    ("CAN", "CA"),
    ("CANADA", "CA"),
    ("DEU", "DE"),
    ("GER", "DE"),
    ("GERMANY", "DE"),
    ("FRA", "FR"),
    ("FRANCE", "FR"),
    ("IND", "IN"),
    ("INDIA", "IN"),
    ("AUS", "AU"),
    ("AUSTRALIA", "AU"),
    ("ENG", "GB"),
];

impl Country {
    /// The United States, whose holidays apply when nothing names a country.
    pub const US: Country = Country(*b"US");

    /// The country with the code `code`, exactly as ISO 3166-1 writes it (two capital
    /// letters, officially assigned), or `None`.
    pub fn parse(code: &str) -> Option<Country> {
        let bytes: [u8; 2] = code.as_bytes().try_into().ok()?;
        if !bytes.iter().all(u8::is_ascii_uppercase) {
            return None;
        }
        // The codes are sorted, three bytes apart: a binary search, as planning asks
        // for a person's country once per message.
        let count = ASSIGNED.len().div_ceil(3);
        let assigned = ASSIGNED.as_bytes();
        let mut range = 0..count;
        while !range.is_empty() {
            let middle = range.start + range.len() / 2;
            let at = &assigned[middle * 3..middle * 3 + 2];
            match at.cmp(&bytes[..]) {
                std::cmp::Ordering::Equal => return Some(Country(bytes)),
                std::cmp::Ordering::Less => range.start = middle + 1,
                std::cmp::Ordering::Greater => range.end = middle,
            }
        }
        None
    }

    /// The code, such as `GB`.
    pub fn as_str(&self) -> &str {
        // Only `parse` and the constants build a country, from ASCII letters.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    /// The known code closest to what someone wrote: the same in upper case, or the code
    /// of a country followup has holidays for written as a name or an alpha-3 code
    /// (`UK`, `Germany`, `IND`).
    pub fn closest(written: &str) -> Option<Country> {
        let upper = written.trim().to_ascii_uppercase();
        if let Some(country) = Country::parse(&upper) {
            return Some(country);
        }
        SAID_INSTEAD
            .iter()
            .find(|(said, _)| *said == upper)
            .and_then(|(_, code)| Country::parse(code))
    }

    /// The country a time zone lies in, when the zone says so without doubt and followup
    /// computes that country's holidays: `Europe/London` is Great Britain (its bank
    /// holidays are taken as England and Wales's), `Asia/Kolkata` India, any
    /// `Australia/` zone Australia, the Canadian and US zones their countries. Other
    /// zones give `None`.
    pub fn of_zone(zone: &str) -> Option<Country> {
        let code = match zone {
            "Europe/London" | "GB" | "GB-Eire" | "Europe/Belfast" => "GB",
            "Europe/Berlin" => "DE",
            "Europe/Paris" => "FR",
            "Asia/Kolkata" | "Asia/Calcutta" => "IN",
            _ if zone.starts_with("Australia/") => "AU",
            _ if zone.starts_with("Canada/") || CANADA.contains(&zone) => "CA",
            _ if zone.starts_with("US/")
                || zone.starts_with("America/Indiana/")
                || zone.starts_with("America/Kentucky/")
                || zone.starts_with("America/North_Dakota/")
                || UNITED_STATES.contains(&zone) =>
            {
                "US"
            }
            _ => return None,
        };
        Country::parse(code)
    }
}

/// The problem with `written` at `field` when it is not a country code, with the
/// closest code as the hint.
pub fn not_a_code(field: impl Into<String>, written: &str) -> Problem {
    let problem =
        Problem::new(field, format!("`{written}` is not a country code (ISO 3166-1 alpha-2)"));
    match Country::closest(written) {
        Some(near) => problem.with_hint(format!("did you mean `{near}`?")),
        None => problem.with_hint("write two capital letters, like `GB` or `IN`"),
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The `America/` zones of Canada, current names and the older ones linked to them.
const CANADA: [&str; 27] = [
    "America/Toronto",
    "America/Montreal",
    "America/Vancouver",
    "America/Edmonton",
    "America/Winnipeg",
    "America/Halifax",
    "America/St_Johns",
    "America/Regina",
    "America/Moncton",
    "America/Glace_Bay",
    "America/Goose_Bay",
    "America/Whitehorse",
    "America/Dawson",
    "America/Dawson_Creek",
    "America/Fort_Nelson",
    "America/Creston",
    "America/Iqaluit",
    "America/Rankin_Inlet",
    "America/Resolute",
    "America/Cambridge_Bay",
    "America/Inuvik",
    "America/Swift_Current",
    "America/Atikokan",
    "America/Nipigon",
    "America/Thunder_Bay",
    "America/Rainy_River",
    "America/Yellowknife",
];

/// The zones of the United States outside `US/` and the state folders.
const UNITED_STATES: [&str; 18] = [
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Phoenix",
    "America/Anchorage",
    "America/Adak",
    "America/Boise",
    "America/Detroit",
    "America/Indianapolis",
    "America/Louisville",
    "America/Menominee",
    "America/Juneau",
    "America/Sitka",
    "America/Metlakatla",
    "America/Nome",
    "America/Yakutat",
    "Pacific/Honolulu",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_the_assigned_ones_in_capitals() {
        assert_eq!(ASSIGNED.split(' ').count(), 249);
        let codes: Vec<&str> = ASSIGNED.split(' ').collect();
        assert!(codes.is_sorted(), "parse searches the codes in order");
        assert!(codes.iter().all(|code| code.len() == 2), "parse reads them three bytes apart");
        assert!(ASSIGNED.split(' ').all(|code| Country::parse(code).is_some()));
        for refused in ["gb", "UK", "GBR", "G", "", "XX", "G1", "É"] {
            assert_eq!(Country::parse(refused), None, "{refused}");
        }
        assert_eq!(Country::parse("GB").map(|c| c.to_string()).as_deref(), Some("GB"));
    }

    #[test]
    fn suggestions_for_what_people_write() {
        let closest = |written| Country::closest(written).map(|c| c.to_string());
        assert_eq!(closest("gb").as_deref(), Some("GB"));
        assert_eq!(closest("UK").as_deref(), Some("GB"));
        assert_eq!(closest(" germany ").as_deref(), Some("DE"));
        assert_eq!(closest("IND").as_deref(), Some("IN"));
        assert_eq!(closest("Narnia"), None);
    }

    #[test]
    fn zones_that_name_one_country() {
        let of = |zone| Country::of_zone(zone).map(|c| c.to_string());
        for (zone, code) in [
            ("Europe/London", "GB"),
            ("Asia/Kolkata", "IN"),
            ("Asia/Calcutta", "IN"),
            ("Europe/Berlin", "DE"),
            ("Europe/Paris", "FR"),
            ("Australia/Sydney", "AU"),
            ("Australia/Perth", "AU"),
            ("America/Toronto", "CA"),
            ("America/Vancouver", "CA"),
            ("America/Chicago", "US"),
            ("America/Indiana/Indianapolis", "US"),
            ("Pacific/Honolulu", "US"),
        ] {
            assert_eq!(of(zone).as_deref(), Some(code), "{zone}");
        }
        // Shared by several countries, or a country whose holidays are not computed.
        for zone in ["UTC", "Europe/Jersey", "America/Mexico_City", "Asia/Tokyo", "Etc/GMT+5"] {
            assert_eq!(of(zone), None, "{zone}");
        }
    }
}
