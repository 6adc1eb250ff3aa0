//! Channel manifests: what a channel plugin tells the rules engine about itself.
//!
//! The rules engine knows no channel by name. Everything it decides about a channel
//! (which roles it fits, whether it needs consent, at which hours it may be used, how
//! long it takes to arrive, what it must follow, which limits its messages have) comes
//! from the channel's manifest, so a new plugin is planned without a change to core.
//! Plugins build manifests in Rust and send them across the plugin boundary as JSON.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::interview::{Culture, RoleKind};
use crate::plan::{Purpose, RecipientKind};
use crate::problem::Problem;
use crate::time::ClockTime;

/// The version of the manifest's JSON shape. Additive changes keep it; a change that an
/// older host would misread bumps it.
pub const MANIFEST_SCHEMA_VERSION: u32 = 1;

/// What a channel plugin declares about itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Channel manifest",
    description = "What a followup channel plugin declares about itself: what it fits, when it may be used, its limits.",
    example = crate::examples::manifest_example()
)]
pub struct ChannelManifest {
    /// The JSON Schema this document claims to follow.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The version of the manifest's shape; this host reads version 1.
    pub manifest_version: u32,
    /// The channel's id: lower-case letters, digits and `_`, such as `sms`. Unique among
    /// loaded plugins; it is also the library's name (`libfollowup_sms.so`).
    pub id: String,
    /// The name shown to candidates, such as `Text message`.
    pub name: String,
    /// The plugin's own version (semantic versioning).
    pub version: String,
    /// One sentence on what the channel is.
    pub description: String,
    /// How the rules engine chooses this channel.
    pub selection: Selection,
    /// The positions and employers the channel suits.
    #[serde(default)]
    pub fits: Fit,
    /// Who the channel can reach.
    pub recipients: Vec<RecipientKind>,
    /// Which kinds of step the channel can carry.
    pub purposes: Vec<Purpose>,
    /// What must be true before the channel may be used.
    #[serde(default)]
    pub requires: Requirements,
    /// When messages may be sent.
    #[serde(default)]
    pub hours: Hours,
    /// How long delivery takes.
    #[serde(default)]
    pub delivery: Delivery,
    /// What this channel's steps must come after.
    #[serde(default)]
    pub ordering: Ordering,
    /// Limits on the channel's messages.
    #[serde(default)]
    pub limits: Limits,
    /// The JSON Schema of the settings a style may give this channel (an object schema
    /// whose properties are the settings, such as LinkedIn's `account_tier`). The
    /// published style schema composes the installed channels' schemas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings_schema: Option<serde_json::Value>,
}

/// A manifest with every optional part at its default and the required ones empty, for
/// struct-update syntax: `ChannelManifest { id: ..., name: ..., ..ChannelManifest::default() }`.
/// An empty manifest does not pass [`ChannelManifest::check`].
impl Default for ChannelManifest {
    fn default() -> ChannelManifest {
        ChannelManifest {
            schema: None,
            manifest_version: MANIFEST_SCHEMA_VERSION,
            id: String::new(),
            name: String::new(),
            version: String::new(),
            description: String::new(),
            selection: Selection { mode: SelectionMode::Primary, priority: 0, fallback: false },
            fits: Fit::default(),
            recipients: Vec::new(),
            purposes: Vec::new(),
            requires: Requirements::default(),
            hours: Hours::default(),
            delivery: Delivery::default(),
            ordering: Ordering::default(),
            limits: Limits::default(),
            settings_schema: None,
        }
    }
}

/// How the rules engine chooses a channel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Selection {
    /// `primary`: one primary channel carries each message; `complement`: sent in
    /// addition to the primary message when the channel fits.
    pub mode: SelectionMode,
    /// Among fitting primary channels the highest priority wins.
    #[serde(default)]
    pub priority: u32,
    /// The channel used when no other primary channel fits (email, by default).
    #[serde(default)]
    pub fallback: bool,
}

/// Whether a channel carries the message or complements it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SelectionMode {
    /// Carries the message; one primary channel is chosen per message.
    Primary,
    /// Added alongside the primary message (a LinkedIn request after the thank-you).
    Complement,
}

/// The positions and employers a channel suits. A channel fits when the role's kind,
/// the company's culture or its industry is listed; empty lists say nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fit {
    /// Kinds of position the channel suits.
    #[serde(default)]
    pub role_kinds: Vec<RoleKind>,
    /// Company cultures the channel suits.
    #[serde(default)]
    pub cultures: Vec<Culture>,
    /// Industries (lower case) the channel suits.
    #[serde(default)]
    pub industries: Vec<String>,
}

impl Fit {
    /// Whether nothing is listed, so the channel fits only as a fallback.
    pub fn is_empty(&self) -> bool {
        self.role_kinds.is_empty() && self.cultures.is_empty() && self.industries.is_empty()
    }
}

/// What must be true before a channel may be used.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Requirements {
    /// The employer or recruiter must have said this channel is acceptable (text).
    #[serde(default)]
    pub established: bool,
    /// The contact detail the recipient must have given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<ContactKind>,
}

/// A kind of contact detail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    /// An email address.
    Email,
    /// A phone number.
    Phone,
    /// A LinkedIn profile address.
    Linkedin,
    /// A postal address (the person's or the employer's).
    PostalAddress,
}

/// When a channel's messages may be sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Hours {
    /// Local hours at which sending is allowed at all; absent means any hour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed: Option<HourRange>,
    /// Stricter or looser allowed hours by jurisdiction (ISO 3166-2, such as `US-FL`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub by_jurisdiction: BTreeMap<String, HourRange>,
    /// Whose clock the hours are read on.
    #[serde(default)]
    pub reckoned_in: Reckoning,
}

impl Hours {
    /// The allowed hours for a recipient in `jurisdiction`.
    pub fn allowed_in(&self, jurisdiction: Option<&str>) -> Option<HourRange> {
        jurisdiction
            .and_then(|code| self.by_jurisdiction.get(&code.to_ascii_uppercase()))
            .copied()
            .or(self.allowed)
    }
}

/// A range of local hours, `start` inclusive, `end` exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HourRange {
    /// First allowed time of day.
    pub start: ClockTime,
    /// First time of day no longer allowed.
    pub end: ClockTime,
}

/// Whose clock a channel's hours are read on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Reckoning {
    /// The recipient's local time (messages that arrive at once).
    #[default]
    Recipient,
    /// The sender's local time (a letter is mailed where the candidate is).
    Sender,
}

/// How long a channel takes to deliver.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Delivery {
    /// Business days a message travels after it is sent (a letter: a few; else 0).
    #[serde(default)]
    pub transit_business_days: u32,
}

/// What a channel's steps must come after.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ordering {
    /// The purpose whose step to the same person must be sent first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<Purpose>,
    /// Minutes to leave after that step.
    #[serde(default)]
    pub gap_minutes: u32,
    /// How long after that step's moment (its recommended one, or when it was really
    /// sent, once tracked) this one stays useful, in hours; the gap counts within it.
    #[serde(default = "Ordering::default_window_hours")]
    pub window_hours: u32,
}

impl Ordering {
    fn default_window_hours() -> u32 {
        72
    }
}

/// The same defaults as an absent `ordering` in JSON: nothing to follow, a 72-hour window.
impl Default for Ordering {
    fn default() -> Ordering {
        Ordering { after: None, gap_minutes: 0, window_hours: Ordering::default_window_hours() }
    }
}

/// Limits on a channel's messages. Each is optional; a channel states the ones it has.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// Most characters in a subject line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject_chars: Option<u32>,
    /// Most words in a message body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_words: Option<u32>,
    /// Most characters in a message body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_chars: Option<u32>,
    /// Most characters in a note, by account tier (LinkedIn: `free`, `premium`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub note_chars_by_tier: BTreeMap<String, u32>,
    /// SMS segmentation limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sms: Option<SmsLimits>,
}

/// How many SMS segments a text may take.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SmsLimits {
    /// Segments a text should fit in.
    pub preferred_segments: u32,
    /// Segments beyond which a text fails.
    pub max_segments: u32,
}

impl ChannelManifest {
    /// Checks what the types cannot: the id's form, known version, a non-empty list of
    /// purposes and recipients, sensible hours.
    ///
    /// # Errors
    ///
    /// Returns every problem found.
    pub fn check(&self) -> Result<(), Vec<Problem>> {
        let mut problems = Vec::new();
        let mut problem = |field: &str, message: String| {
            problems.push(Problem::new(field, message));
        };
        if self.manifest_version != MANIFEST_SCHEMA_VERSION {
            problem(
                "manifest_version",
                format!(
                    "manifest version {} is not understood; this host reads version {MANIFEST_SCHEMA_VERSION}",
                    self.manifest_version
                ),
            );
        }
        if !is_channel_id(&self.id) {
            problem(
                "id",
                format!(
                    "`{}` is not a channel id; use lower-case letters, digits and `_`, starting with a letter",
                    self.id
                ),
            );
        }
        if self.name.trim().is_empty() {
            problem("name", "the name is empty".to_string());
        }
        if self.purposes.is_empty() {
            problem("purposes", "no purpose is listed; list at least one".to_string());
        }
        if self.recipients.is_empty() {
            problem("recipients", "no recipient kind is listed; list at least one".to_string());
        }
        if self.selection.mode == SelectionMode::Complement && self.selection.fallback {
            problem(
                "selection.fallback",
                "a complement channel cannot be the fallback".to_string(),
            );
        }
        let ranges =
            self.hours.allowed.iter().map(|range| ("hours.allowed".to_string(), range)).chain(
                self.hours
                    .by_jurisdiction
                    .iter()
                    .map(|(code, range)| (format!("hours.by_jurisdiction.{code}"), range)),
            );
        for (field, range) in ranges {
            if range.start >= range.end {
                problem(
                    &field,
                    format!("the hours start at {} but end at {}", range.start, range.end),
                );
            }
        }
        if let Some(sms) = self.limits.sms
            && (sms.preferred_segments == 0 || sms.preferred_segments > sms.max_segments)
        {
            problem(
                "limits.sms",
                "preferred_segments must be at least 1 and at most max_segments".to_string(),
            );
        }
        if let Some(schema) = &self.settings_schema
            && !schema.get("type").is_some_and(|t| t == "object")
        {
            problem(
                "settings_schema",
                "must be an object schema (`\"type\": \"object\"`) whose properties are the settings"
                    .to_string(),
            );
        }
        if problems.is_empty() { Ok(()) } else { Err(problems) }
    }
}

/// Whether `id` has the form of a channel id: `[a-z][a-z0-9_]*`.
pub fn is_channel_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}
