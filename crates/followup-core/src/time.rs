//! Time values as they appear in interview files: IANA zone names and absolute moments.
//!
//! Zone names are kept as written and resolved against the bundled time-zone database
//! during validation, so that an unknown zone is reported together with every other
//! problem (and with a suggestion). Moments must carry a UTC offset or a zone annotation:
//! a bare local time is ambiguous and is refused while parsing.

use std::borrow::Cow;
use std::fmt;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An IANA time-zone name such as `America/Chicago`, as written in an input file.
///
/// It is not checked when parsed; [`ZoneName::resolve`] looks it up in the bundled
/// database and validation reports an unknown name with the closest known one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ZoneName(pub String);

impl ZoneName {
    /// Looks the name up in the bundled time-zone database.
    ///
    /// # Errors
    ///
    /// Returns `None` when the database has no zone of that name.
    pub fn resolve(&self) -> Option<TimeZone> {
        if self.0.trim().is_empty() {
            return None;
        }
        jiff::tz::db().get(&self.0).ok()
    }

    /// The name as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The known zone name closest to this one, to suggest when this one is unknown.
    pub fn closest_known(&self) -> Option<String> {
        // The names, with their lower-case forms, are listed once per process: the
        // database does not change, and a file of many bad records asks many times.
        static NAMES: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
        let names = NAMES.get_or_init(|| {
            jiff::tz::db()
                .available()
                .map(|name| (name.as_str().to_ascii_lowercase(), name.as_str().to_string()))
                .collect()
        });
        let wanted = self.0.to_ascii_lowercase();
        names
            .iter()
            .map(|(lower, name)| (strsim::jaro_winkler(&wanted, lower), name))
            .filter(|(score, _)| *score > 0.88)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, name)| name.clone())
    }
}

impl fmt::Display for ZoneName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl JsonSchema for ZoneName {
    fn schema_name() -> Cow<'static, str> {
        "ZoneName".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "An IANA time-zone name, such as America/Chicago or Europe/Berlin.",
            "minLength": 1,
            "examples": ["America/Chicago"]
        })
    }
}

/// An absolute moment written with a UTC offset (`2026-11-24T14:00:00-06:00`) or a zone
/// annotation (`2026-11-24T14:00:00[America/Chicago]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Moment(pub Timestamp);

impl Moment {
    /// Parses a moment, refusing local times that carry neither offset nor zone.
    ///
    /// # Errors
    ///
    /// Returns a message that says what is wrong and shows the expected form.
    pub fn parse(text: &str) -> Result<Moment, String> {
        let text = text.trim();
        if let Ok(ts) = text.parse::<Timestamp>() {
            return Ok(Moment(ts));
        }
        if text.contains('[') {
            return match text.parse::<jiff::ZonedDateTime>() {
                Ok(zoned) => Ok(Moment(zoned.timestamp())),
                Err(err) => {
                    Err(format!("`{text}` is not a valid date and time with a zone: {err}"))
                }
            };
        }
        if text.parse::<jiff::civil::DateTime>().is_ok() {
            return Err(format!(
                "`{text}` has no UTC offset or time zone; write it as `{text}-06:00` \
                 (the offset in effect at the interview) or `{text}[America/Chicago]`"
            ));
        }
        Err(format!("`{text}` is not a date and time; write it like `2026-11-24T14:00:00-06:00`"))
    }
}

impl Serialize for Moment {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Moment::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Moment {
    fn schema_name() -> Cow<'static, str> {
        "Moment".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A date and time with a UTC offset (RFC 3339) or a bracketed IANA zone (RFC 9557).",
            "pattern": "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?([+-]\\d{2}:\\d{2}|Z)?(\\[[^\\]]+\\])?$",
            "examples": ["2026-11-24T14:00:00-06:00", "2026-11-24T14:00:00[America/Chicago]"]
        })
    }
}

/// A calendar date such as `2026-12-04`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day(pub jiff::civil::Date);

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.trim().parse::<jiff::civil::Date>().map(Day).map_err(|err| {
            serde::de::Error::custom(format!(
                "`{text}` is not a date; write it like `2026-12-04` ({err})"
            ))
        })
    }
}

impl JsonSchema for Day {
    fn schema_name() -> Cow<'static, str> {
        "Day".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "description": "A calendar date, YYYY-MM-DD.",
            "examples": ["2026-12-04"]
        })
    }
}

/// A time of day written `HH:MM`, used for business and texting hours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ClockTime(pub jiff::civil::Time);

impl ClockTime {
    /// Builds a time of day from hours and minutes.
    ///
    /// # Panics
    ///
    /// Panics when the hour or minute is out of range; only for constants in code.
    pub const fn hm(hour: i8, minute: i8) -> ClockTime {
        ClockTime(jiff::civil::Time::constant(hour, minute, 0, 0))
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0.hour(), self.0.minute())
    }
}

impl Serialize for ClockTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let trimmed = text.trim();
        if trimmed == "24:00" {
            // End of day, as people write it for "until midnight".
            return Ok(ClockTime(jiff::civil::Time::MAX));
        }
        trimmed.parse::<jiff::civil::Time>().map(ClockTime).map_err(|_| {
            serde::de::Error::custom(format!(
                "`{text}` is not a time of day; write it as HH:MM, like `08:00`"
            ))
        })
    }
}

impl JsonSchema for ClockTime {
    fn schema_name() -> Cow<'static, str> {
        "ClockTime".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A time of day, HH:MM in 24-hour form (24:00 means the end of the day).",
            "pattern": "^([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?$|^24:00$",
            "examples": ["08:00", "21:00"]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moment_accepts_offset_and_zone_annotation() {
        let a = Moment::parse("2026-11-24T14:00:00-06:00").expect("offset form parses");
        let b = Moment::parse("2026-11-24T14:00:00[America/Chicago]").expect("zone form parses");
        assert_eq!(a, b);
    }

    #[test]
    fn moment_refuses_local_time() {
        let err = Moment::parse("2026-11-24T14:00:00").expect_err("local time is refused");
        assert!(err.contains("no UTC offset or time zone"), "{err}");
    }

    #[test]
    fn zone_suggestion_finds_a_near_miss() {
        let zone = ZoneName("America/Chicgo".into());
        assert!(zone.resolve().is_none());
        assert_eq!(zone.closest_known().as_deref(), Some("America/Chicago"));
    }
}
