//! Styles: a firm's house style as data.
//!
//! A style says how messages are written (tone, sign-off, signature, template
//! overrides per channel and purpose) and how the rules time them (cool-off, business
//! hours, check-in cadence, letter transit, the default country for holidays, extra
//! holidays). It is plain data, read from a style pack's `style.toml` by the CLI and
//! validated against the published `style` schema, which also carries each installed
//! channel's own settings schema.
//!
//! Precedence, from strongest to weakest: the style, then the channel plugin's own
//! defaults (its manifest), then the built-in defaults ([`TimingPolicy::default`]).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::calendar::{BusinessCalendar, HolidayRules};
use crate::country::Country;
use crate::draft::RenderBudget;
use crate::manifest::{ChannelManifest, HourRange, Hours};
use crate::problem::Problem;
use crate::rules::policy::{LIMITS, Limit, TimingPolicy};
use crate::time::Day;

/// A firm's house style.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Style",
    description = "A staffing firm's house style: tone, sign-off, signature, channel settings and timing policy. Templates live beside it in templates/<channel>/<purpose>.tera.",
    example = crate::examples::style_example()
)]
pub struct Style {
    /// The JSON Schema this document claims to follow; lets editors check it as you type.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The style's name, shown in reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The firm whose style this is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub firm: Option<String>,
    /// How messages should sound; templates can read it as `tone`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tone: Option<Tone>,
    /// The closing before the signature, such as `Kind regards`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sign_off: Option<String>,
    /// The signature block under messages, as a template (it may use the template
    /// variables, such as `{{ candidate.name }}`). Default: the candidate's signature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
    /// When messages go out.
    #[serde(default)]
    pub timing: TimingSettings,
    /// Settings per channel id: `hours` and `transit_business_days` for any channel, plus
    /// the settings each channel publishes in its manifest.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub channels: BTreeMap<String, ChannelSettings>,
    /// How long one template may render and how much text it may write (defaults: 500
    /// milliseconds and 256 KiB; at most 5000 and 4096). A template over its budget
    /// fails with an error naming it.
    #[serde(default, skip_serializing_if = "crate::draft::RenderBudget::is_default")]
    pub render_budget: crate::draft::RenderBudget,
    /// The spelling the built-in templates follow: `en-US` (the default: "honored") or
    /// `en-GB` ("honoured"); templates can read it as `spelling`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spelling: Option<Spelling>,
}

/// Which English the built-in wording is spelled in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Spelling {
    /// American English ("honored", "organization").
    #[default]
    #[serde(rename = "en-US")]
    EnUs,
    /// British English ("honoured", "organisation").
    #[serde(rename = "en-GB")]
    EnGb,
}

impl Spelling {
    /// The language tag, as templates see it.
    pub fn as_str(self) -> &'static str {
        match self {
            Spelling::EnUs => "en-US",
            Spelling::EnGb => "en-GB",
        }
    }
}

/// How messages should sound.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    /// Friendly and personal.
    Warm,
    /// Reserved and polite.
    Formal,
    /// As short as courtesy allows.
    Brief,
}

impl Tone {
    /// The tone's name as templates see it.
    pub fn as_str(self) -> &'static str {
        match self {
            Tone::Warm => "warm",
            Tone::Formal => "formal",
            Tone::Brief => "brief",
        }
    }
}

/// The timing policy a style sets; every field is optional and falls back to the
/// built-in default.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TimingSettings {
    /// Minutes after the interview before the thank-you window opens (default 60).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cool_off_minutes: Option<u32>,
    /// Elapsed hours after the interview within which a thank-you goes out (default 24).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thank_you_hours: Option<u32>,
    /// The recipients' business hours (default 09:00 to 17:00).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_hours: Option<HourRange>,
    /// Minutes after the interview before the recruiter's debrief (default 15).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debrief_after_minutes: Option<u32>,
    /// First and last business day after the decision date for the first check-in
    /// (default [1, 2]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_in_after_decision: Option<[u32; 2]>,
    /// First and last business day after the interview for the first check-in when no
    /// decision date was given (default [5, 7]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_in_without_decision: Option<[u32; 2]>,
    /// How many check-ins at most (default 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_in_count: Option<u32>,
    /// Business days between check-ins (default 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_in_spacing_business_days: Option<u32>,
    /// End with one polite closing-the-loop note (default false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing_the_loop: Option<bool>,
    /// Business days a letter (any channel whose messages travel) takes (default: the
    /// channel's own figure, 3 for letters). A channel's own `transit_business_days`
    /// wins over this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub letter_transit_business_days: Option<u32>,
    /// The country whose public holidays apply to a recipient who has no `country` of
    /// their own and whose time zone names none (`UTC`, `America/Mexico_City`), as an
    /// ISO 3166-1 alpha-2 code (default `US`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Days that are not business days besides weekends and the recipients' public
    /// holidays (a firm's closures, or holidays followup does not compute).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra_holidays: Vec<ExtraHoliday>,
}

/// A day that is not a business day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExtraHoliday {
    /// The date.
    pub date: Day,
    /// Its name, shown in the plan's reasons.
    pub name: String,
}

/// A style's settings for one channel.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ChannelSettings {
    /// Replaces the channel's allowed and preferred hours (texting hours per
    /// jurisdiction, for instance).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<Hours>,
    /// Replaces the business days the channel's messages travel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transit_business_days: Option<u32>,
    /// Settings the channel itself defines (see its manifest's `settings_schema`), such
    /// as LinkedIn's `account_tier`.
    #[serde(flatten)]
    pub own: BTreeMap<String, serde_json::Value>,
}

impl Style {
    /// Checks what the types cannot: figures within what the rules plan for, hour
    /// ranges in order, check-in day ranges in order.
    ///
    /// # Errors
    ///
    /// Returns every problem, each with its field path and a hint.
    pub fn check(&self) -> Result<(), Vec<Problem>> {
        let mut problems = Vec::new();
        self.check_figures(&mut problems);
        let timing = &self.timing;
        if let Some(code) = &timing.country
            && Country::parse(code).is_none()
        {
            problems.push(crate::country::not_a_code("timing.country", code));
        }
        if let Some(range) = &timing.business_hours {
            check_range(&mut problems, "timing.business_hours", range);
        }
        for (field, pair) in [
            ("timing.check_in_after_decision", timing.check_in_after_decision),
            ("timing.check_in_without_decision", timing.check_in_without_decision),
        ] {
            if let Some([first, last]) = pair
                && first > last
            {
                problems.push(
                    Problem::new(
                        field,
                        format!("the first business day ({first}) is after the last ({last})"),
                    )
                    .with_hint(format!("write [{last}, {first}]")),
                );
            }
        }
        for (id, settings) in &self.channels {
            if let Some(hours) = &settings.hours {
                let field = format!("channels.{id}.hours");
                if let Some(range) = &hours.allowed {
                    check_range(&mut problems, &format!("{field}.allowed"), range);
                }
                for (code, range) in &hours.by_jurisdiction {
                    check_range(&mut problems, &format!("{field}.by_jurisdiction.{code}"), range);
                }
            }
        }
        if problems.is_empty() { Ok(()) } else { Err(problems) }
    }

    fn check_figures(&self, problems: &mut Vec<Problem>) {
        let timing = &self.timing;
        let mut figures: Vec<(String, u32, Limit)> = [
            ("timing.cool_off_minutes", timing.cool_off_minutes, LIMITS.cool_off_minutes),
            ("timing.thank_you_hours", timing.thank_you_hours, LIMITS.thank_you_hours),
            (
                "timing.debrief_after_minutes",
                timing.debrief_after_minutes,
                LIMITS.debrief_after_minutes,
            ),
            ("timing.check_in_count", timing.check_in_count, LIMITS.check_in_count),
            (
                "timing.check_in_spacing_business_days",
                timing.check_in_spacing_business_days,
                LIMITS.check_in_spacing_business_days,
            ),
            (
                "timing.letter_transit_business_days",
                timing.letter_transit_business_days,
                LIMITS.transit_business_days,
            ),
        ]
        .into_iter()
        .filter_map(|(field, figure, limit)| Some((field.to_string(), figure?, limit)))
        .collect();
        for (field, pair) in [
            ("timing.check_in_after_decision", timing.check_in_after_decision),
            ("timing.check_in_without_decision", timing.check_in_without_decision),
        ] {
            for (index, figure) in pair.into_iter().flatten().enumerate() {
                figures.push((format!("{field}[{index}]"), figure, LIMITS.check_in_days));
            }
        }
        for (id, settings) in &self.channels {
            if let Some(days) = settings.transit_business_days {
                figures.push((
                    format!("channels.{id}.transit_business_days"),
                    days,
                    LIMITS.transit_business_days,
                ));
            }
        }
        let budget = &self.render_budget;
        for (field, figure, limit) in [
            ("render_budget.milliseconds", budget.milliseconds, RenderBudget::MOST_MILLISECONDS),
            ("render_budget.output_kib", budget.output_kib, RenderBudget::MOST_OUTPUT_KIB),
        ] {
            if let Some(figure) = figure {
                figures.push((field.to_string(), figure, limit));
            }
        }
        for (field, figure, Limit { most, words }) in figures {
            if figure > most {
                problems.push(
                    Problem::new(
                        field,
                        format!("{figure} is more than followup plans for ({most})"),
                    )
                    .with_hint(format!("check the figure; at most {words}")),
                );
            }
        }
    }

    /// The timing policy: the style's figures over the built-in defaults.
    pub fn policy(&self) -> TimingPolicy {
        let t = &self.timing;
        let d = TimingPolicy::default();
        TimingPolicy {
            cool_off_minutes: t.cool_off_minutes.unwrap_or(d.cool_off_minutes),
            thank_you_hours: t.thank_you_hours.unwrap_or(d.thank_you_hours),
            business_hours: t.business_hours.unwrap_or(d.business_hours),
            debrief_after_minutes: t.debrief_after_minutes.unwrap_or(d.debrief_after_minutes),
            debrief_min_hours: d.debrief_min_hours,
            check_in_after_decision: t
                .check_in_after_decision
                .map_or(d.check_in_after_decision, |[a, b]| (a, b)),
            check_in_without_decision: t
                .check_in_without_decision
                .map_or(d.check_in_without_decision, |[a, b]| (a, b)),
            check_in_count: t.check_in_count.unwrap_or(d.check_in_count),
            check_in_spacing_business_days: t
                .check_in_spacing_business_days
                .unwrap_or(d.check_in_spacing_business_days),
            // Transit is per channel: see `apply_to`.
            closing_the_loop: t.closing_the_loop.unwrap_or(d.closing_the_loop),
        }
    }

    /// The public holidays of recipients whose country is not known: those of the
    /// style's `timing.country`, else the United States (a code that is not one, which
    /// [`Style::check`] reports, counts as none given).
    pub fn holiday_rules(&self) -> HolidayRules {
        let country = self.timing.country.as_deref().and_then(Country::parse);
        HolidayRules::National(country.unwrap_or(Country::US))
    }

    /// Adds the style's extra holidays to a calendar.
    pub fn extend_calendar(&self, calendar: &mut BusinessCalendar) {
        for holiday in &self.timing.extra_holidays {
            calendar.add_holiday(holiday.date.0, holiday.name.clone());
        }
    }

    /// The manifests with the style's channel settings applied: a channel's own
    /// `hours` and `transit_business_days` first, else `timing.letter_transit_business_days`
    /// for every channel whose messages travel.
    pub fn apply_to(&self, manifests: &[ChannelManifest]) -> Vec<ChannelManifest> {
        manifests
            .iter()
            .map(|manifest| {
                let mut manifest = manifest.clone();
                if manifest.delivery.transit_business_days > 0
                    && let Some(days) = self.timing.letter_transit_business_days
                {
                    manifest.delivery.transit_business_days = days;
                }
                if let Some(settings) = self.channels.get(&manifest.id) {
                    if let Some(hours) = &settings.hours {
                        manifest.hours = hours.clone();
                    }
                    if let Some(days) = settings.transit_business_days {
                        manifest.delivery.transit_business_days = days;
                    }
                }
                manifest
            })
            .collect()
    }

    /// What a channel's render requests carry of this style; `templates` are the
    /// style pack's templates for that channel.
    pub fn draft_style(
        &self,
        channel: &str,
        templates: BTreeMap<String, String>,
    ) -> crate::draft::DraftStyle {
        crate::draft::DraftStyle {
            sign_off: self.sign_off.clone(),
            signature: self.signature.clone(),
            tone: self.tone.map(|t| t.as_str().to_string()),
            firm: self.firm.clone(),
            templates,
            channel_settings: self.own_settings(channel),
            render_budget: self.render_budget,
            spelling: self.spelling.map(|s| s.as_str().to_string()),
        }
    }

    /// The settings a channel defines for itself, for its render requests.
    pub fn own_settings(&self, channel: &str) -> BTreeMap<String, serde_json::Value> {
        self.channels.get(channel).map(|s| s.own.clone()).unwrap_or_default()
    }
}

fn check_range(problems: &mut Vec<Problem>, field: &str, range: &HourRange) {
    if range.start >= range.end {
        problems.push(
            Problem::new(
                field,
                format!("the hours start at {} but end at {}", range.start, range.end),
            )
            .with_hint("write the earlier time as `start`; ranges cannot cross midnight"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::ClockTime;

    #[test]
    fn style_figures_win_over_defaults_and_the_rest_stay() {
        let style = Style {
            timing: TimingSettings {
                cool_off_minutes: Some(30),
                check_in_without_decision: Some([3, 4]),
                business_hours: Some(HourRange {
                    start: ClockTime::hm(8, 30),
                    end: ClockTime::hm(18, 0),
                }),
                ..TimingSettings::default()
            },
            ..Style::default()
        };
        let policy = style.policy();
        assert_eq!(policy.cool_off_minutes, 30);
        assert_eq!(policy.check_in_without_decision, (3, 4));
        assert_eq!(policy.business_hours.start, ClockTime::hm(8, 30));
        assert_eq!(policy.thank_you_hours, TimingPolicy::default().thank_you_hours);
        assert_eq!(Style::default().policy(), TimingPolicy::default());
    }

    #[test]
    fn unknown_channel_keys_are_the_channels_own() {
        let style: Style = serde_json::from_value(serde_json::json!({
            "channels": {"linkedin": {"account_tier": "premium", "transit_business_days": 1}}
        }))
        .expect("valid style");
        let linkedin = &style.channels["linkedin"];
        assert_eq!(linkedin.transit_business_days, Some(1));
        assert_eq!(style.own_settings("linkedin")["account_tier"], "premium");
        assert!(style.own_settings("sms").is_empty());
    }

    #[test]
    fn the_style_country_is_the_default_for_recipients_of_no_known_country() {
        let style = |country: &str| Style {
            timing: TimingSettings {
                country: Some(country.to_string()),
                ..TimingSettings::default()
            },
            ..Style::default()
        };
        assert_eq!(Style::default().holiday_rules(), HolidayRules::National(Country::US));
        let canada = Country::parse("CA").expect("CA");
        assert_eq!(style("CA").holiday_rules(), HolidayRules::National(canada));
        assert_eq!(style("CA").check(), Ok(()));
        let problems = style("Canada").check().expect_err("not a code");
        assert_eq!(problems[0].field, "timing.country");
        assert_eq!(problems[0].hint.as_deref(), Some("did you mean `CA`?"));
    }
}
