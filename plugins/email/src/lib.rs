//! The email channel: the standard follow-up for most professional positions.
//!
//! It keeps a written record and reaches anyone who gave an address, so it is also the
//! fallback when no other channel fits. Its weakness is the crowded inbox, hence the
//! limits: a subject that fits on a phone and a body of a couple of short paragraphs.

mod encoded_word;
mod export;

use std::collections::BTreeMap;

use followup_plugin::drafting::{Templates, checks};
use followup_plugin::{
    Channel, ChannelManifest, ContactKind, ExportRequest, ExportedFiles, Fit, Limits,
    MANIFEST_SCHEMA_VERSION, Purpose, RecipientKind, RenderFailure, RenderRequest, RenderedDraft,
    Requirements, RoleKind, Selection, SelectionMode, declare_channel,
};

/// The built-in templates: a body and a subject per purpose.
const TEMPLATES: &[(&str, &str)] = &[
    ("thank_you", include_str!("../templates/thank_you.tera")),
    ("thank_you.subject", include_str!("../templates/thank_you.subject.tera")),
    ("thank_you.subject.short", include_str!("../templates/thank_you.subject.short.tera")),
    ("thank_you_note", include_str!("../templates/thank_you_note.tera")),
    ("debrief", include_str!("../templates/debrief.tera")),
    ("debrief.subject", include_str!("../templates/debrief.subject.tera")),
    ("debrief.subject.short", include_str!("../templates/debrief.subject.short.tera")),
    ("check_in", include_str!("../templates/check_in.tera")),
    ("check_in.subject", include_str!("../templates/check_in.subject.tera")),
    ("check_in.subject.short", include_str!("../templates/check_in.subject.short.tera")),
    ("closing_the_loop", include_str!("../templates/closing_the_loop.tera")),
    ("closing_the_loop.subject", include_str!("../templates/closing_the_loop.subject.tera")),
    (
        "closing_the_loop.subject.short",
        include_str!("../templates/closing_the_loop.subject.short.tera"),
    ),
];

/// The email channel.
#[derive(Debug)]
pub struct Email {
    templates: Templates,
}

impl Default for Email {
    fn default() -> Email {
        Email {
            templates: Templates::from_sources(TEMPLATES)
                .expect("the built-in templates parse: every unit test of this crate builds them"),
        }
    }
}

impl Channel for Email {
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
            id: "email".to_string(),
            name: "Email".to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            description: "A polished, personal email that keeps a written record.".to_string(),
            selection: Selection { mode: SelectionMode::Primary, priority: 10, fallback: true },
            fits: Fit {
                role_kinds: vec![
                    RoleKind::Professional,
                    RoleKind::Executive,
                    RoleKind::Contract,
                    RoleKind::Internship,
                ],
                ..Fit::default()
            },
            recipients: vec![RecipientKind::Interviewer, RecipientKind::Recruiter],
            purposes: vec![
                Purpose::ThankYou,
                Purpose::Debrief,
                Purpose::CheckIn,
                Purpose::ClosingTheLoop,
            ],
            requires: Requirements { established: false, contact: Some(ContactKind::Email) },
            hours: Default::default(),
            delivery: Default::default(),
            ordering: Default::default(),
            limits: Limits { subject_chars: Some(50), body_words: Some(150), ..Limits::default() },
            settings_schema: None,
        }
    }
}

impl Email {
    fn draft(&self, request: &RenderRequest) -> Result<RenderedDraft, RenderFailure> {
        let purpose = request.step.purpose;
        let manifest = self.manifest();
        if !manifest.purposes.contains(&purpose) {
            return Err(format!("email does not carry a {}", purpose.label()).into());
        }
        let limits = manifest.limits;
        let prepared = self.templates.prepare(request)?;
        let facts = &prepared.facts;
        let templates = &prepared.templates;
        let body = templates.render(purpose.as_str(), facts)?;
        // A subject that does not fit on a phone falls back to a shorter one.
        let subject_names = [
            format!("{}.subject", purpose.as_str()),
            format!("{}.subject.short", purpose.as_str()),
        ];
        let subject_limit = limits.subject_chars.map_or(usize::MAX, |l| l as usize);
        let subject = templates
            .render_fitting(
                &[subject_names[0].as_str(), subject_names[1].as_str()],
                facts,
                |text| text.chars().count() <= subject_limit,
            )?
            .text;
        let mut checks = checks::standard(facts, &request.interview.reinforce.strengths, &body);
        checks.push(checks::subject_length(&subject, limits.subject_chars));
        checks.push(checks::body_words(&body, limits.body_words, false));
        let meta = BTreeMap::from([
            ("word_count".to_string(), checks::word_count(&body).into()),
            ("subject_chars".to_string(), subject.chars().count().into()),
        ]);
        Ok(RenderedDraft { subject: Some(subject), body, checks, meta })
    }
}

declare_channel!(Email);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_passes_the_host_checks() {
        let manifest = Channel::manifest(&Email::default());
        assert_eq!(manifest.check(), Ok(()));
    }

    #[test]
    fn exported_table_answers_with_the_same_manifest() {
        let manifest = followup_plugin::testing::manifest_through_table(
            followup_plugin_abi_version,
            followup_plugin_entry_v1,
        );
        assert_eq!(manifest, Channel::manifest(&Email::default()));
    }
}
