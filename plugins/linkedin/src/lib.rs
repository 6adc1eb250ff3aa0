//! The LinkedIn channel: a brief connection request that thanks the interviewer.
//!
//! It complements the thank-you and comes after it, only to interviewers whose profile
//! is known and in fields where it helps. The note is hard-capped by account tier.

use std::collections::BTreeMap;

use followup_plugin::drafting::{Facts, Templates, checks};
use followup_plugin::{
    Channel, ChannelManifest, Check, ContactKind, Fit, Limits, MANIFEST_SCHEMA_VERSION, Ordering,
    Purpose, RecipientKind, RenderRequest, RenderedDraft, Requirements, Selection, SelectionMode,
    declare_channel,
};

/// The built-in notes, longest first: the first that fits the account's cap is used.
const TEMPLATES: &[(&str, &str)] = &[
    ("connection_request", include_str!("../templates/connection_request.tera")),
    ("connection_request.short", include_str!("../templates/connection_request.short.tera")),
    ("connection_request.shortest", include_str!("../templates/connection_request.shortest.tera")),
];

/// The account tier assumed when the style does not say: free accounts have the
/// tighter cap.
const DEFAULT_TIER: &str = "free";

/// The LinkedIn channel.
#[derive(Debug)]
pub struct Linkedin {
    templates: Templates,
}

impl Default for Linkedin {
    fn default() -> Linkedin {
        Linkedin {
            templates: Templates::from_sources(TEMPLATES)
                .expect("the built-in templates parse; a unit test renders every one"),
        }
    }
}

impl Linkedin {
    fn draft(&self, request: &RenderRequest) -> Result<RenderedDraft, String> {
        let purpose = request.step.purpose;
        if purpose != Purpose::ConnectionRequest {
            return Err(format!("LinkedIn carries connection requests, not a {}", purpose.label()));
        }
        let manifest = self.manifest();
        let tier = request
            .style
            .channel_settings
            .get("account_tier")
            .and_then(|v| v.as_str())
            .unwrap_or(DEFAULT_TIER)
            .to_lowercase();
        let Some(&cap) = manifest.limits.note_chars_by_tier.get(&tier) else {
            let tiers: Vec<&str> =
                manifest.limits.note_chars_by_tier.keys().map(String::as_str).collect();
            return Err(format!(
                "`{tier}` is not a LinkedIn account tier; use one of {}",
                tiers.join(", ")
            ));
        };
        let facts = Facts::from_request(request);
        let names =
            ["connection_request", "connection_request.short", "connection_request.shortest"];
        let fitted = self
            .templates
            .render_fitting(&names, &facts, |text| text.chars().count() <= cap as usize)
            .map_err(|e| e.to_string())?;
        let chars = fitted.text.chars().count();
        let mut checks =
            checks::standard(&facts, &request.interview.reinforce.strengths, &fitted.text);
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
    fn render(&self, request: &RenderRequest) -> Result<RenderedDraft, String> {
        self.draft(request)
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
                note_chars_by_tier: BTreeMap::from([
                    ("free".to_string(), 200),
                    ("premium".to_string(), 300),
                ]),
                ..Limits::default()
            },
        }
    }
}

declare_channel!(Linkedin);

#[cfg(test)]
mod tests {
    use super::*;
    use followup_plugin::abi::{ABI_VERSION, Buffer, STATUS_OK};

    #[test]
    fn manifest_passes_the_host_checks() {
        let manifest = Channel::manifest(&Linkedin::default());
        assert_eq!(manifest.check(), Ok(()));
    }

    #[test]
    fn exported_table_answers_with_the_same_manifest() {
        assert_eq!(followup_plugin_abi_version(), ABI_VERSION);
        // SAFETY: the entry function returns a pointer to a static table.
        let table = unsafe { &*followup_plugin_entry_v1() };
        assert_eq!(table.abi_version, ABI_VERSION);
        let mut out = Buffer::EMPTY;
        // SAFETY: `out` is a valid slot; the buffer is freed by the same library.
        let status = unsafe { (table.manifest)(&mut out) };
        assert_eq!(status, STATUS_OK);
        // SAFETY: `out` holds `len` initialised bytes written by the call above.
        let bytes = unsafe { std::slice::from_raw_parts(out.ptr, out.len) }.to_vec();
        // SAFETY: freed once, by the library that allocated it.
        unsafe { (table.free_buffer)(out) };
        let manifest: ChannelManifest = serde_json::from_slice(&bytes).expect("manifest is JSON");
        assert_eq!(manifest, Channel::manifest(&Linkedin::default()));
    }
}
