//! The text-message channel, for hourly, shift, temporary and field roles where hiring
//! moves fast.
//!
//! Text is used only when the employer or recruiter already said it was acceptable, and
//! only at hours the recipient would accept: 08:00 to 21:00 in their own zone by
//! default (US rules for texting), stricter where a state says so (Florida: until 20:00).

/// The library's allocator: why mimalloc, why it is safe in a library the host opens,
/// and what it asks of crates that link this one, are in `docs/ARCHITECTURE.md`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod export;
pub mod segments;

use std::collections::BTreeMap;

use followup_plugin::drafting::{Facts, Templates, checks};
use followup_plugin::{
    Channel, ChannelManifest, Check, ClockTime, ContactKind, ExportRequest, ExportedFiles, Fit,
    HourRange, Hours, Limits, MANIFEST_SCHEMA_VERSION, Purpose, RecipientKind, RenderFailure,
    RenderRequest, RenderedDraft, Requirements, RoleKind, Selection, SelectionMode, SmsLimits,
    declare_channel,
};

use segments::{Encoding, normalise, segment};

/// The built-in texts per purpose, most complete first: the full one, a `.topic` one
/// that keeps what was discussed but drops the rest, and a short one. The first that
/// fits the segment budget is used, so the topic is kept whenever it fits.
const TEMPLATES: &[(&str, &str)] = &[
    ("thank_you", include_str!("../templates/thank_you.tera")),
    ("thank_you.topic", include_str!("../templates/thank_you.topic.tera")),
    ("thank_you.short", include_str!("../templates/thank_you.short.tera")),
    ("check_in", include_str!("../templates/check_in.tera")),
    ("check_in.topic", include_str!("../templates/check_in.topic.tera")),
    ("check_in.short", include_str!("../templates/check_in.short.tera")),
    ("debrief", include_str!("../templates/debrief.tera")),
    ("debrief.short", include_str!("../templates/debrief.short.tera")),
];

/// The purposes a text carries, as the manifest declares them.
const PURPOSES: [Purpose; 3] = [Purpose::ThankYou, Purpose::Debrief, Purpose::CheckIn];

/// How many segments a text should take, and may take at most, as the manifest
/// declares them.
const LIMITS: SmsLimits = SmsLimits { preferred_segments: 1, max_segments: 2 };

/// The text-message channel.
#[derive(Debug)]
pub struct Sms {
    templates: Templates,
}

impl Default for Sms {
    fn default() -> Sms {
        Sms {
            // Compiled at the first draft: `followup plan` loads the plugin and drafts nothing.
            templates: Templates::lazy(TEMPLATES),
        }
    }
}

impl Sms {
    fn draft(&self, request: &RenderRequest) -> Result<RenderedDraft, RenderFailure> {
        let purpose = request.step.purpose;
        if !PURPOSES.contains(&purpose) {
            return Err(format!("text messages do not carry a {}", purpose.label()).into());
        }
        let limits = LIMITS;
        let prepared = self.templates.prepare(request)?;
        let renderer = prepared.renderer();
        let facts = renderer.facts();
        let full = purpose.as_str().to_string();
        let topic = format!("{full}.topic");
        let short = format!("{full}.short");
        let budget = segment_budget(facts, limits);
        // Texts are normalised before they are measured, so measure what will be sent.
        // A style that words the full text its own way and gives no `.topic` variant
        // means its own texts: the built-in middle variant would replace its wording.
        let overrides = &request.style.templates;
        let names: Vec<&str> = if overrides.contains_key(&full) && !overrides.contains_key(&topic) {
            vec![&full, &short]
        } else {
            vec![&full, &topic, &short]
        };
        let fitted = renderer
            .render_fitting(&names, |text| segment(&normalise(text).text).segments <= budget)?;
        let normalised = normalise(&fitted.text);
        let body = normalised.text;
        let segmentation = segment(&body);

        let mut checks = checks::standard(facts, &request.interview.reinforce.strengths, &body);
        checks.push(names_sender(facts, &body));
        checks.push(segments_check(&segmentation, limits, budget));
        if !normalised.replacements.is_empty() {
            let replaced: Vec<String> = normalised
                .replacements
                .iter()
                .map(|r| format!("{} → {:?} ({}×)", r.from, r.to, r.count))
                .collect();
            checks.push(Check::pass(
                "gsm_normalised",
                format!(
                    "replaced characters that would force a longer encoding: {}",
                    replaced.join(", ")
                ),
            ));
        }
        let meta = BTreeMap::from([
            (
                "encoding".to_string(),
                match segmentation.encoding {
                    Encoding::Gsm7 => "gsm-7",
                    Encoding::Ucs2 => "ucs-2",
                }
                .into(),
            ),
            ("segments".to_string(), segmentation.segments.into()),
            ("units".to_string(), segmentation.units.into()),
            ("chars".to_string(), body.chars().count().into()),
            ("template".to_string(), fitted.template.clone().into()),
            (
                "replaced".to_string(),
                normalised
                    .replacements
                    .iter()
                    .map(|r| serde_json::json!({"from": r.from.to_string(), "to": r.to, "count": r.count}))
                    .collect::<Vec<_>>()
                    .into(),
            ),
        ]);
        Ok(RenderedDraft { subject: None, body, checks, meta })
    }
}

/// A text names its sender: the recipient may not have the number saved.
fn names_sender(facts: &Facts, body: &str) -> Check {
    if body.contains(&facts.candidate.name) || body.contains(&facts.candidate.first_name) {
        Check::pass("names_sender", "says who is texting")
    } else {
        Check::fail(
            "names_sender",
            format!("say it is {} texting: the number may not be saved", facts.candidate.name),
        )
    }
}

/// How many segments a text may take: the preferred number, or the maximum when a name
/// in it cannot be written in GSM-7 (Ł, 佐藤). Such a name makes the whole text UCS-2,
/// 70 characters a segment, and no wording can avoid that; one segment would leave room
/// for little more than the names.
fn segment_budget(facts: &Facts, limits: SmsLimits) -> usize {
    let names = [&facts.candidate.name, &facts.recipient.name, &facts.about.name, &facts.company];
    let name_needs_ucs2 =
        names.iter().any(|name| segment(&normalise(name).text).encoding == Encoding::Ucs2);
    if name_needs_ucs2 {
        limits.max_segments.max(limits.preferred_segments) as usize
    } else {
        limits.preferred_segments as usize
    }
}

/// One segment is the aim (two when a name forces UCS-2); more than the maximum fails.
fn segments_check(
    segmentation: &segments::Segmentation,
    limits: SmsLimits,
    budget: usize,
) -> Check {
    let encoding = match segmentation.encoding {
        Encoding::Gsm7 => "GSM-7".to_string(),
        Encoding::Ucs2 => {
            let culprits: String = segmentation.non_gsm.iter().collect();
            format!("UCS-2 because of {culprits:?}")
        }
    };
    let summary =
        format!("{} segment(s), {} units, {encoding}", segmentation.segments, segmentation.units);
    if segmentation.segments > limits.max_segments as usize {
        Check::fail("segments", format!("{summary}: over {}; shorten it", limits.max_segments))
    } else if segmentation.segments > budget {
        Check::warn("segments", format!("{summary}: one segment is the aim"))
    } else {
        Check::pass("segments", summary)
    }
}

impl Channel for Sms {
    fn render(&self, request: &RenderRequest) -> Result<RenderedDraft, RenderFailure> {
        self.draft(request)
    }

    fn export(&self, request: &ExportRequest) -> Result<ExportedFiles, String> {
        export::files(request)
    }

    fn manifest(&self) -> ChannelManifest {
        let hours =
            |start, end| HourRange { start: ClockTime::hm(start, 0), end: ClockTime::hm(end, 0) };
        ChannelManifest {
            schema: None,
            manifest_version: MANIFEST_SCHEMA_VERSION,
            id: "sms".to_string(),
            name: "Text message".to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            description: "A short text, only where text was established as acceptable.".to_string(),
            selection: Selection { mode: SelectionMode::Primary, priority: 30, fallback: false },
            fits: Fit {
                role_kinds: vec![
                    RoleKind::Hourly,
                    RoleKind::Shift,
                    RoleKind::Temporary,
                    RoleKind::Field,
                ],
                ..Fit::default()
            },
            recipients: vec![RecipientKind::Interviewer, RecipientKind::Recruiter],
            purposes: PURPOSES.to_vec(),
            requires: Requirements { established: true, contact: Some(ContactKind::Phone) },
            hours: Hours {
                allowed: Some(hours(8, 21)),
                by_jurisdiction: BTreeMap::from([
                    ("US-FL".to_string(), hours(8, 20)),
                    ("US-OK".to_string(), hours(8, 20)),
                ]),
                ..Hours::default()
            },
            delivery: Default::default(),
            ordering: Default::default(),
            limits: Limits { sms: Some(LIMITS), ..Limits::default() },
            settings_schema: None,
        }
    }
}

declare_channel!(Sms);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_templates_parse() {
        assert_eq!(Sms::default().templates.compile(), Ok(()));
    }

    /// The built-in templates render without Tera, and exactly as Tera renders them.
    #[test]
    fn built_in_templates_render_directly_as_tera_does() {
        let names: Vec<&str> = TEMPLATES.iter().map(|(name, _)| *name).collect();
        let templates = &Sms::default().templates;
        followup_plugin::testing::assert_direct_renders_match_tera(templates, &names);
    }

    #[test]
    fn manifest_passes_the_host_checks() {
        let manifest = Channel::manifest(&Sms::default());
        assert_eq!(manifest.check(), Ok(()));
    }

    #[test]
    fn exported_table_answers_with_the_same_manifest() {
        let manifest = followup_plugin::testing::manifest_through_table(
            followup_plugin_abi_version,
            followup_plugin_entry_v1,
        );
        assert_eq!(manifest, Channel::manifest(&Sms::default()));
    }
}
