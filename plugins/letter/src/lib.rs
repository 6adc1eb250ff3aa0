//! The letter channel: a handwritten card or formal letter for executive searches,
//! boutique firms and traditional industries.
//!
//! It stands out because it takes effort, but it travels: it must be mailed within the
//! thank-you window and then takes a few business days (three by default), so the rules
//! add an email when it would arrive after the decision date.

/// The library's allocator: why mimalloc, why it is safe in a library the host opens,
/// and what it asks of crates that link this one, are in `docs/ARCHITECTURE.md`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod pdf;

use std::collections::BTreeMap;

use followup_plugin::drafting::{Templates, checks};
use followup_plugin::{
    Channel, ChannelManifest, ContactKind, Culture, Delivery, ExportRequest, ExportedFiles, Fit,
    Hours, Limits, MANIFEST_SCHEMA_VERSION, Purpose, RecipientKind, Reckoning, RenderFailure,
    RenderRequest, RenderedDraft, Requirements, RoleKind, Selection, SelectionMode,
    declare_channel,
};

/// The built-in templates: the formal letter and the handwritten card.
const TEMPLATES: &[(&str, &str)] = &[
    ("thank_you", include_str!("../templates/thank_you.tera")),
    ("thank_you.card", include_str!("../templates/thank_you.card.tera")),
];

/// Words a handwritten card holds, roughly; a card over it does not fit.
const CARD_WORDS: u32 = 120;

/// Words a formal letter should stay within (a page, comfortably), as the manifest
/// declares it.
const LETTER_WORDS: u32 = 300;

/// What a style may set for letters.
#[derive(Debug, Default, serde::Deserialize, followup_plugin::schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(crate = "followup_plugin::schemars")]
pub struct LetterSettings {
    /// `letter` (the default: formal layout with addresses and date) or `card` (a short
    /// handwritten card).
    #[serde(default)]
    pub variant: Option<Variant>,
}

/// The two forms a note can take.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    serde::Deserialize,
    followup_plugin::schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[schemars(crate = "followup_plugin::schemars")]
pub enum Variant {
    /// A formal letter: addresses, date, salutation, body, close, signature.
    #[default]
    Letter,
    /// A short handwritten card.
    Card,
}

impl Variant {
    fn name(self) -> &'static str {
        match self {
            Variant::Letter => "letter",
            Variant::Card => "card",
        }
    }
}

/// The letter channel.
#[derive(Debug)]
pub struct Letter {
    templates: Templates,
}

impl Default for Letter {
    fn default() -> Letter {
        Letter {
            // Compiled at the first draft: `followup plan` loads the plugin and drafts nothing.
            templates: Templates::lazy(TEMPLATES),
        }
    }
}

impl Letter {
    fn draft(&self, request: &RenderRequest) -> Result<RenderedDraft, RenderFailure> {
        let purpose = request.step.purpose;
        if purpose != Purpose::ThankYou {
            return Err(format!("a letter carries the thank-you, not a {}", purpose.label()).into());
        }
        let settings: LetterSettings = followup_plugin::read_settings(request)?;
        let variant = settings.variant.unwrap_or_default();
        let prepared = self.templates.prepare(request)?;
        let facts = &prepared.facts;
        let templates = &prepared.templates;
        let (template, limit, hard) = match variant {
            // The manifest's limit is the formal letter's (a page, comfortably).
            Variant::Letter => ("thank_you", Some(LETTER_WORDS), false),
            Variant::Card => ("thank_you.card", Some(CARD_WORDS), true),
        };
        let body = templates.render(template, facts)?;
        let mut checks = checks::standard(facts, &request.interview.reinforce.strengths, &body);
        // The letter's address block is not part of the message: count from the salutation.
        let message = body.find("Dear ").map_or(body.as_str(), |at| &body[at..]);
        checks.push(checks::body_words(message, limit, hard));
        let meta = BTreeMap::from([
            ("variant".to_string(), variant.name().into()),
            ("word_count".to_string(), checks::word_count(message).into()),
        ]);
        Ok(RenderedDraft { subject: None, body, checks, meta })
    }
}

impl Channel for Letter {
    fn render(&self, request: &RenderRequest) -> Result<RenderedDraft, RenderFailure> {
        self.draft(request)
    }

    /// A printable PDF: the formal letter on the requested paper, or the card on a
    /// 5 × 7 in page whatever the paper.
    fn export(&self, request: &ExportRequest) -> Result<ExportedFiles, String> {
        let settings: LetterSettings = followup_plugin::read_export_settings(request)?;
        let variant = settings.variant.unwrap_or_default();
        let layout = match variant {
            Variant::Letter => {
                let (width, height) = request.paper.size_in_points();
                pdf::PageLayout::letter(width, height)
            }
            Variant::Card => pdf::PageLayout::card(),
        };
        let title = format!(
            "Thank-you {} to {}",
            variant.name(),
            followup_plugin::single_line(&request.step.recipient.name)
        );
        let bytes = pdf::render(&request.draft.body, layout, &title)?;
        Ok(ExportedFiles {
            files: vec![followup_plugin::exported_file(
                format!("{}.pdf", request.step.id),
                "application/pdf",
                &bytes,
            )],
        })
    }

    fn manifest(&self) -> ChannelManifest {
        ChannelManifest {
            schema: None,
            manifest_version: MANIFEST_SCHEMA_VERSION,
            id: "letter".to_string(),
            name: "Handwritten note or letter".to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            description: "A handwritten card or formal letter, mailed within a day.".to_string(),
            selection: Selection { mode: SelectionMode::Primary, priority: 20, fallback: false },
            fits: Fit {
                role_kinds: vec![RoleKind::Executive],
                cultures: vec![Culture::Boutique, Culture::Traditional],
                ..Fit::default()
            },
            recipients: vec![RecipientKind::Interviewer],
            purposes: vec![Purpose::ThankYou],
            requires: Requirements {
                established: false,
                contact: Some(ContactKind::PostalAddress),
            },
            hours: Hours { reckoned_in: Reckoning::Sender, ..Hours::default() },
            delivery: Delivery { transit_business_days: 3 },
            ordering: Default::default(),
            limits: Limits { body_words: Some(LETTER_WORDS), ..Limits::default() },
            settings_schema: Some(followup_plugin::settings_schema::<LetterSettings>()),
        }
    }
}

declare_channel!(Letter);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_templates_parse() {
        assert_eq!(Letter::default().templates.compile(), Ok(()));
    }

    /// The built-in templates render without Tera, and exactly as Tera renders them.
    #[test]
    fn built_in_templates_render_directly_as_tera_does() {
        let names: Vec<&str> = TEMPLATES.iter().map(|(name, _)| *name).collect();
        let templates = &Letter::default().templates;
        followup_plugin::testing::assert_direct_renders_match_tera(templates, &names);
    }

    #[test]
    fn manifest_passes_the_host_checks() {
        let manifest = Channel::manifest(&Letter::default());
        assert_eq!(manifest.check(), Ok(()));
    }

    #[test]
    fn exported_table_answers_with_the_same_manifest() {
        let manifest = followup_plugin::testing::manifest_through_table(
            followup_plugin_abi_version,
            followup_plugin_entry_v1,
        );
        assert_eq!(manifest, Channel::manifest(&Letter::default()));
    }
}
