//! The LinkedIn channel: a brief connection request that thanks the interviewer.
//!
//! It complements the thank-you and comes after it, only to interviewers whose profile
//! is known and in fields where it helps. The note is hard-capped by account tier.

/// The library's allocator: why mimalloc, why it is safe in a library the host opens,
/// and what it asks of crates that link this one, are in `docs/ARCHITECTURE.md`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod export;

use std::collections::BTreeMap;

use followup_plugin::drafting::{Templates, checks};
use followup_plugin::{
    Channel, ChannelManifest, Check, ContactKind, ExportRequest, ExportedFiles, Fit, Limits,
    MANIFEST_SCHEMA_VERSION, Ordering, Purpose, RecipientKind, RenderFailure, RenderRequest,
    RenderedDraft, Requirements, Selection, SelectionMode, declare_channel,
};

/// The built-in notes, longest first: the first that fits the account's cap is used.
const TEMPLATES: &[(&str, &str)] = &[
    ("connection_request", include_str!("../templates/connection_request.tera")),
    ("connection_request.short", include_str!("../templates/connection_request.short.tera")),
    ("connection_request.shortest", include_str!("../templates/connection_request.shortest.tera")),
];

/// What a style may set for LinkedIn.
#[derive(Debug, Default, serde::Deserialize, followup_plugin::schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(crate = "followup_plugin::schemars")]
pub struct LinkedinSettings {
    /// The candidate's LinkedIn account tier, which caps the connection note: `free`
    /// (200 characters, the default) or `premium` (300).
    #[serde(default)]
    pub account_tier: Option<AccountTier>,
}

/// A LinkedIn account tier.
#[derive(
    Clone, Copy, Debug, Default, serde::Deserialize, followup_plugin::schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[schemars(crate = "followup_plugin::schemars")]
pub enum AccountTier {
    /// A free account: the tighter cap, and only a few personal notes a month.
    #[default]
    Free,
    /// A premium account.
    Premium,
}

impl AccountTier {
    /// Every tier, for the manifest.
    const ALL: [AccountTier; 2] = [AccountTier::Free, AccountTier::Premium];

    fn as_str(self) -> &'static str {
        match self {
            AccountTier::Free => "free",
            AccountTier::Premium => "premium",
        }
    }

    /// How many characters a connection note may have on this tier.
    fn note_chars(self) -> u32 {
        match self {
            AccountTier::Free => 200,
            AccountTier::Premium => 300,
        }
    }
}

/// The LinkedIn channel.
#[derive(Debug)]
pub struct Linkedin {
    templates: Templates,
}

impl Default for Linkedin {
    fn default() -> Linkedin {
        Linkedin {
            // Compiled at the first draft: `followup plan` loads the plugin and drafts nothing.
            templates: Templates::lazy(TEMPLATES),
        }
    }
}

impl Linkedin {
    fn draft(&self, request: &RenderRequest) -> Result<RenderedDraft, RenderFailure> {
        let purpose = request.step.purpose;
        if purpose != Purpose::ConnectionRequest {
            return Err(
                format!("LinkedIn carries connection requests, not a {}", purpose.label()).into()
            );
        }
        let settings: LinkedinSettings = followup_plugin::read_settings(request)?;
        let tier = settings.account_tier.unwrap_or_default();
        let cap = tier.note_chars();
        let tier = tier.as_str().to_string();
        let prepared = self.templates.prepare(request)?;
        let renderer = prepared.renderer();
        let facts = renderer.facts();
        let names =
            ["connection_request", "connection_request.short", "connection_request.shortest"];
        let fitted =
            renderer.render_fitting(&names, |text| text.chars().count() <= cap as usize)?;
        let chars = fitted.text.chars().count();
        let mut checks =
            checks::standard(facts, &request.interview.reinforce.strengths, &fitted.text);
        checks.push(if fitted.fits {
            Check::pass("note_cap", format!("{chars} of {cap} characters allowed for a {tier} account"))
        } else {
            Check::fail(
                "note_cap",
                format!(
                    "even the shortest note is {chars} characters, over the {cap} a {tier} account allows; shorten the role title or send the request without a note"
                ),
            )
        });
        let meta = BTreeMap::from([
            ("chars".to_string(), chars.into()),
            ("cap".to_string(), cap.into()),
            ("account_tier".to_string(), tier.clone().into()),
            ("template".to_string(), fitted.template.clone().into()),
        ]);
        Ok(RenderedDraft { subject: None, body: fitted.text, checks, meta })
    }
}

/// Industries in which a connection request is a normal part of follow-up.
const INDUSTRIES: &[&str] = &[
    "technology",
    "software",
    "engineering",
    "marketing",
    "media",
    "consulting",
    "finance",
    "sales",
    "design",
    "recruiting",
    "human resources",
];

impl Channel for Linkedin {
    fn render(&self, request: &RenderRequest) -> Result<RenderedDraft, RenderFailure> {
        self.draft(request)
    }

    fn export(&self, request: &ExportRequest) -> Result<ExportedFiles, String> {
        export::files(request)
    }

    fn manifest(&self) -> ChannelManifest {
        ChannelManifest {
            schema: None,
            manifest_version: MANIFEST_SCHEMA_VERSION,
            id: "linkedin".to_string(),
            name: "LinkedIn".to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            description: "A brief connection request that keeps the candidate visible.".to_string(),
            selection: Selection { mode: SelectionMode::Complement, priority: 0, fallback: false },
            fits: Fit {
                industries: INDUSTRIES.iter().map(|s| (*s).to_string()).collect(),
                ..Fit::default()
            },
            recipients: vec![RecipientKind::Interviewer],
            purposes: vec![Purpose::ConnectionRequest],
            requires: Requirements { established: false, contact: Some(ContactKind::Linkedin) },
            hours: Default::default(),
            delivery: Default::default(),
            ordering: Ordering {
                after: Some(Purpose::ThankYou),
                gap_minutes: 60,
                window_hours: 72,
            },
            limits: Limits {
                note_chars_by_tier: AccountTier::ALL
                    .iter()
                    .map(|tier| (tier.as_str().to_string(), tier.note_chars()))
                    .collect(),
                ..Limits::default()
            },
            settings_schema: Some(followup_plugin::settings_schema::<LinkedinSettings>()),
        }
    }
}

declare_channel!(Linkedin);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_templates_parse() {
        assert_eq!(Linkedin::default().templates.compile(), Ok(()));
    }

    /// The built-in templates render without Tera, and exactly as Tera renders them.
    #[test]
    fn built_in_templates_render_directly_as_tera_does() {
        let names: Vec<&str> = TEMPLATES.iter().map(|(name, _)| *name).collect();
        let templates = &Linkedin::default().templates;
        followup_plugin::testing::assert_direct_renders_match_tera(templates, &names);
    }

    #[test]
    fn manifest_passes_the_host_checks() {
        let manifest = Channel::manifest(&Linkedin::default());
        assert_eq!(manifest.check(), Ok(()));
    }

    #[test]
    fn exported_table_answers_with_the_same_manifest() {
        let manifest = followup_plugin::testing::manifest_through_table(
            followup_plugin_abi_version,
            followup_plugin_entry_v1,
        );
        assert_eq!(manifest, Channel::manifest(&Linkedin::default()));
    }
}
