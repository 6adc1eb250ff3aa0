//! Which IANA zone a `TZID` means.
//!
//! Google and Apple write IANA names (`America/Chicago`); Outlook and Teams write
//! Windows names (`Romance Standard Time`), which CLDR's windowsZones table maps to IANA
//! names ([`crate::windows_zones`]); some clients prefix the IANA name with a vendor
//! path (`/mozilla.org/20070129_1/Europe/Berlin`) or name it in `X-LIC-LOCATION`. The
//! `VTIMEZONE` rules themselves are not evaluated: the bundled database is more up to
//! date than any invitation's copy of the rules.

use jiff::tz::TimeZone;

use crate::windows_zones::WINDOWS_ZONES;

/// The IANA name and zone `tzid` means, when it means one.
pub fn resolve(tzid: &str, lic_location: Option<&str>) -> Option<(String, TimeZone)> {
    let tzid = tzid.trim().trim_matches('"');
    let iana = |name: &str| jiff::tz::db().get(name).ok().map(|tz| (name.to_string(), tz));
    if let Some(found) = iana(tzid) {
        return Some(found);
    }
    if let Ok(index) = WINDOWS_ZONES.binary_search_by(|(windows, _)| (*windows).cmp(tzid)) {
        return iana(WINDOWS_ZONES[index].1);
    }
    // A vendor prefix: try the last two segments, then the last three
    // (`America/Argentina/Buenos_Aires`).
    let segments: Vec<&str> = tzid.split('/').filter(|s| !s.is_empty()).collect();
    for take in [2, 3] {
        if segments.len() > take
            && let Some(found) = iana(&segments[segments.len() - take..].join("/"))
        {
            return Some(found);
        }
    }
    lic_location.and_then(|name| iana(name.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_windows_name_maps_to_a_zone_of_the_bundled_database() {
        for (windows, iana) in WINDOWS_ZONES {
            assert!(jiff::tz::db().get(iana).is_ok(), "{windows} maps to {iana}, unknown to jiff");
        }
        assert!(WINDOWS_ZONES.windows(2).all(|w| w[0].0 < w[1].0), "the table is sorted");
    }

    #[test]
    fn names_as_clients_write_them() {
        let name = |tzid: &str, lic: Option<&str>| resolve(tzid, lic).map(|(name, _)| name);
        assert_eq!(name("America/Chicago", None).as_deref(), Some("America/Chicago"));
        assert_eq!(name("Romance Standard Time", None).as_deref(), Some("Europe/Paris"));
        assert_eq!(name("Central Standard Time", None).as_deref(), Some("America/Chicago"));
        assert_eq!(name("\"W. Europe Standard Time\"", None).as_deref(), Some("Europe/Berlin"));
        assert_eq!(
            name("/mozilla.org/20070129_1/Europe/Berlin", None).as_deref(),
            Some("Europe/Berlin")
        );
        assert_eq!(name("Custom 1", Some("Asia/Tokyo")).as_deref(), Some("Asia/Tokyo"));
        assert_eq!(name("(UTC+01:00) Brussels, Copenhagen", None), None);
    }
}
