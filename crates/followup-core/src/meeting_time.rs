//! The interview's start and end as written, so that validation can hold what was
//! written against `meeting.time_zone`.
//!
//! Other moments ([`crate::time::Moment`]) become instants as they are parsed. The
//! meeting's times keep what the file said about the offset: an offset that
//! contradicts the meeting's zone at that moment (`-05:00` with `Europe/Berlin`) or
//! its own annotation (`+09:00[America/Chicago]`) is an error naming both, a local
//! time without offset or zone is refused with a hint in the meeting's own zone, and
//! a local time in a daylight-saving gap or overlap is reported with the time used.

use std::borrow::Cow;
use std::fmt;

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::fmt::temporal::{Pieces, PiecesOffset, TimeZoneAnnotationKind};
use jiff::tz::{AmbiguousOffset, Offset, TimeZone};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A meeting time: the instant it stands for, and how it was written. Two are equal
/// when they stand for the same instant, however written (an interview read back from
/// JSON this program wrote is the same interview).
#[derive(Clone, Debug)]
pub struct MeetingMoment(pub Timestamp, pub Written);

impl PartialEq for MeetingMoment {
    fn eq(&self, other: &MeetingMoment) -> bool {
        self.0 == other.0
    }
}

impl Eq for MeetingMoment {}

/// What a meeting time said about its place in time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Written {
    /// Made in code, or read back from JSON this program wrote: nothing to check.
    Instant,
    /// `Z`: UTC, with no claim about the local offset (RFC 9557).
    Utc,
    /// A numeric offset, `-06:00`.
    Offset(Offset),
    /// A zone annotation, `[America/Chicago]`, with the offset written before it if any.
    Zoned {
        /// The local date and time written.
        local: DateTime,
        /// The offset written before the annotation.
        offset: Option<Offset>,
        /// The zone's name as written.
        zone: String,
    },
    /// A local time with neither offset nor zone; validation refuses it. The instant
    /// is that local time read as UTC, a placeholder never planned with.
    Local(DateTime),
}

impl From<Timestamp> for MeetingMoment {
    fn from(at: Timestamp) -> MeetingMoment {
        MeetingMoment(at, Written::Instant)
    }
}

/// What validation found in a meeting time, against the meeting's zone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// The time cannot be trusted: a message and a hint.
    Error(String, String),
    /// The time is usable but deserves a word: a local time that the zone skips or
    /// repeats, and the moment taken for it.
    Warning(String),
}

const OUT_OF_RANGE: &str =
    "is outside the dates this program handles (the years -9999 to 9999); check the year";

impl MeetingMoment {
    /// Parses a meeting time.
    ///
    /// # Errors
    ///
    /// Returns a message that says what is wrong and shows the expected form; a local
    /// time is not an error here (validation, which knows the meeting's zone, says
    /// how to write it).
    pub fn parse(text: &str) -> Result<MeetingMoment, String> {
        let text = text.trim();
        let pieces = Pieces::parse(text).map_err(|_| {
            format!("`{text}` is not a date and time; write it like `2026-11-24T14:00:00-06:00`")
        })?;
        let Some(time) = pieces.time() else {
            return Err(format!(
                "`{text}` has a date but no time; write it like `2026-11-24T14:00:00-06:00`"
            ));
        };
        let local = pieces.date().to_datetime(time);
        let out_of_range = || format!("`{text}` {OUT_OF_RANGE}");
        let at = |offset: Offset| offset.to_timestamp(local).map_err(|_| out_of_range());
        let zone = match pieces.time_zone_annotation().map(|a| a.kind()) {
            Some(TimeZoneAnnotationKind::Named(name)) => Some(name.as_str().to_string()),
            _ => None,
        };
        match (pieces.offset(), zone) {
            (None, None) => Ok(MeetingMoment(at(Offset::UTC)?, Written::Local(local))),
            (Some(PiecesOffset::Zulu), _) => Ok(MeetingMoment(at(Offset::UTC)?, Written::Utc)),
            (Some(offset), None) => {
                let offset = offset.to_numeric_offset();
                Ok(MeetingMoment(at(offset)?, Written::Offset(offset)))
            }
            (Some(offset), Some(zone)) => {
                let offset = offset.to_numeric_offset();
                Ok(MeetingMoment(at(offset)?, Written::Zoned { local, offset: Some(offset), zone }))
            }
            (None, Some(zone)) => {
                let tz = jiff::tz::db().get(&zone).map_err(|_| {
                    format!(
                        "`{text}`: `{zone}` is not a known IANA time zone; write a name like `America/Chicago`"
                    )
                })?;
                let at =
                    tz.to_ambiguous_timestamp(local).compatible().map_err(|_| out_of_range())?;
                Ok(MeetingMoment(at, Written::Zoned { local, offset: None, zone }))
            }
        }
    }

    /// Holds this time against the meeting's zone (`zone_name`, resolved as `zone`).
    pub fn check(&self, zone_name: &str, zone: &TimeZone) -> Vec<Finding> {
        let mut found = Vec::new();
        let offset_in = |tz: &TimeZone| tz.to_offset(self.0);
        match &self.1 {
            Written::Instant | Written::Utc => {}
            Written::Local(local) => {
                let suggested = zone
                    .to_ambiguous_zoned_datetime(*local)
                    .compatible()
                    .map(|zoned| format!("`{local}{}` or ", hh_mm(zoned.offset())))
                    .unwrap_or_default();
                found.push(Finding::Error(
                    format!("`{local}` has no UTC offset or time zone"),
                    format!(
                        "write it as {suggested}`{local}[{zone_name}]` (the offset in effect in {zone_name} at the interview)"
                    ),
                ));
            }
            Written::Offset(offset) => {
                let expected = offset_in(zone);
                if *offset != expected {
                    found.push(contradiction(*offset, zone_name, expected));
                }
            }
            Written::Zoned { local, offset, zone: written_zone } => {
                let written_tz = jiff::tz::db().get(written_zone).ok();
                if let Some(offset) = offset {
                    let annotated = written_tz.as_ref().map(offset_in);
                    if let Some(expected) = annotated.filter(|expected| expected != offset) {
                        found.push(contradiction(*offset, written_zone, expected));
                    } else if *offset != offset_in(zone) {
                        found.push(contradiction(*offset, zone_name, offset_in(zone)));
                    }
                } else if let Some(tz) = &written_tz {
                    match tz.to_ambiguous_zoned_datetime(*local).offset() {
                        AmbiguousOffset::Unambiguous { .. } => {}
                        AmbiguousOffset::Gap { .. } => found.push(Finding::Warning(format!(
                            "{local} does not exist in {written_zone} (the clocks skip it); {} is used",
                            used(self.0, tz)
                        ))),
                        AmbiguousOffset::Fold { .. } => found.push(Finding::Warning(format!(
                            "{local} happens twice in {written_zone} (the clocks go back); the first, {}, is used; write the offset to choose",
                            used(self.0, tz)
                        ))),
                    }
                }
            }
        }
        found
    }
}

/// An offset as RFC 3339 writes it, `-06:00`.
fn hh_mm(offset: Offset) -> String {
    let seconds = offset.seconds();
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

fn contradiction(offset: Offset, zone_name: &str, expected: Offset) -> Finding {
    let (offset, expected) = (hh_mm(offset), hh_mm(expected));
    Finding::Error(
        format!(
            "the offset {offset} contradicts the time zone {zone_name}, where the offset at that moment is {expected}"
        ),
        format!("write the offset {expected}, or correct the zone"),
    )
}

fn used(at: Timestamp, tz: &TimeZone) -> String {
    crate::plan::rfc3339_in(at, tz)
}

impl fmt::Display for MeetingMoment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl Serialize for MeetingMoment {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for MeetingMoment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        MeetingMoment::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// The same published schema as every other moment.
impl JsonSchema for MeetingMoment {
    fn schema_name() -> Cow<'static, str> {
        crate::time::Moment::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        crate::time::Moment::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, zone: &str) -> Vec<Finding> {
        let tz = jiff::tz::db().get(zone).expect("a known zone");
        MeetingMoment::parse(text).expect("parses").check(zone, &tz)
    }

    fn error(findings: &[Finding]) -> String {
        match findings {
            [Finding::Error(message, hint)] => format!("{message} / {hint}"),
            other => panic!("one error expected: {other:?}"),
        }
    }

    /// Issue 14: an offset contradicting the meeting's zone was taken as written.
    #[test]
    fn an_offset_that_contradicts_the_zone_is_an_error_naming_both() {
        assert!(check("2026-11-24T14:00:00-06:00", "America/Chicago").is_empty());
        assert!(check("2026-11-24T14:00:00Z", "Europe/Berlin").is_empty(), "Z claims no zone");
        assert_eq!(
            error(&check("2026-11-24T14:00:00-05:00", "Europe/Berlin")),
            "the offset -05:00 contradicts the time zone Europe/Berlin, where the offset at that moment is +01:00 / write the offset +01:00, or correct the zone"
        );
        let both = error(&check("2026-11-24T14:00:00+09:00[America/Chicago]", "America/Chicago"));
        assert!(
            both.starts_with("the offset +09:00 contradicts the time zone America/Chicago"),
            "{both}"
        );
    }

    /// Issue 14: the hint always suggested `-06:00`/`[America/Chicago]`.
    #[test]
    fn a_local_time_gets_a_hint_in_the_meetings_zone() {
        assert_eq!(
            error(&check("2026-11-24T14:00:00", "Europe/Berlin")),
            "`2026-11-24T14:00:00` has no UTC offset or time zone / write it as `2026-11-24T14:00:00+01:00` or `2026-11-24T14:00:00[Europe/Berlin]` (the offset in effect in Europe/Berlin at the interview)"
        );
    }

    #[test]
    fn a_local_time_the_clocks_skip_or_repeat_is_a_warning_naming_the_time_used() {
        let gap = check("2026-03-08T02:30:00[America/Chicago]", "America/Chicago");
        assert!(
            matches!(&gap[..], [Finding::Warning(w)] if w.contains("does not exist") && w.contains("03:30:00-05:00")),
            "{gap:?}"
        );
        let fold = check("2026-11-01T01:30:00[America/Chicago]", "America/Chicago");
        assert!(
            matches!(&fold[..], [Finding::Warning(w)] if w.contains("happens twice") && w.contains("01:30:00-05:00")),
            "{fold:?}"
        );
    }

    /// Issue 14: the year-9999 message did not say what was wrong.
    #[test]
    fn a_time_past_the_last_year_says_so() {
        let err = MeetingMoment::parse("9999-12-31T23:00:00-06:00").expect_err("out of range");
        assert!(err.contains("outside the dates this program handles"), "{err}");
    }
}
