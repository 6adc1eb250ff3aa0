//! The email channel: the standard follow-up for most professional positions.
//!
//! It keeps a written record and reaches anyone who gave an address, so it is also the
//! fallback when no other channel fits. Its weakness is the crowded inbox, hence the
//! limits: a subject that fits on a phone and a body of a couple of short paragraphs.

/// The library's allocator: why mimalloc, why it is safe in a library the host opens,
/// and what it asks of crates that link this one, are in `docs/ARCHITECTURE.md`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

/// The purposes email carries, as its manifest declares them.
const PURPOSES: [Purpose; 4] =
    [Purpose::ThankYou, Purpose::Debrief, Purpose::CheckIn, Purpose::ClosingTheLoop];

/// Each purpose's subject templates: the one to use, and the shorter one for when it
/// does not fit on a phone.
const SUBJECTS: [(Purpose, &str, &str); 4] = [
    (Purpose::ThankYou, "thank_you.subject", "thank_you.subject.short"),
    (Purpose::Debrief, "debrief.subject", "debrief.subject.short"),
    (Purpose::CheckIn, "check_in.subject", "check_in.subject.short"),
    (Purpose::ClosingTheLoop, "closing_the_loop.subject", "closing_the_loop.subject.short"),
];

/// How long a subject may be: what a phone shows.
const SUBJECT_CHARS: u32 = 50;

/// How many words a body should stay within: a couple of short paragraphs.
const BODY_WORDS: u32 = 150;

/// The email channel.
#[derive(Debug)]
pub struct Email {
    templates: Templates,
}

impl Default for Email {
    fn default() -> Email {
        Email {
            // Compiled at the first draft: `followup plan` loads the plugin and drafts nothing.
            templates: Templates::lazy(TEMPLATES),
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
            purposes: PURPOSES.to_vec(),
            requires: Requirements { established: false, contact: Some(ContactKind::Email) },
            hours: Default::default(),
            delivery: Default::default(),
            ordering: Default::default(),
            limits: Limits {
                subject_chars: Some(SUBJECT_CHARS),
                body_words: Some(BODY_WORDS),
                ..Limits::default()
            },
            settings_schema: None,
        }
    }
}

impl Email {
    fn draft(&self, request: &RenderRequest) -> Result<RenderedDraft, RenderFailure> {
        let purpose = request.step.purpose;
        if !PURPOSES.contains(&purpose) {
            return Err(format!("email does not carry a {}", purpose.label()).into());
        }
        let prepared = self.templates.prepare(request)?;
        // One template context for the body and the subjects.
        let renderer = prepared.renderer();
        let facts = renderer.facts();
        let body = renderer.render(purpose.as_str())?;
        // A subject that does not fit on a phone falls back to a shorter one.
        let (subject, short_subject) = SUBJECTS
            .iter()
            .find(|(p, _, _)| *p == purpose)
            .map(|(_, subject, short)| (*subject, *short))
            .ok_or_else(|| format!("email has no subject for a {}", purpose.label()))?;
        let subject_limit = SUBJECT_CHARS as usize;
        let subject = renderer
            .render_fitting(&[subject, short_subject], |text| {
                text.chars().count() <= subject_limit
            })?
            .text;
        let words = checks::word_count(&body);
        let subject_chars = subject.chars().count();
        let mut checks = checks::standard(facts, &request.interview.reinforce.strengths, &body);
        checks.push(checks::subject_length(&subject, Some(SUBJECT_CHARS)));
        checks.push(checks::word_limit(words, Some(BODY_WORDS), false));
        let meta = BTreeMap::from([
            ("word_count".to_string(), words.into()),
            ("subject_chars".to_string(), subject_chars.into()),
        ]);
        Ok(RenderedDraft { subject: Some(subject), body, checks, meta })
    }
}

declare_channel!(Email);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_templates_parse() {
        assert_eq!(Email::default().templates.compile(), Ok(()));
    }

    /// The built-in templates render without Tera, and exactly as Tera renders them.
    #[test]
    fn built_in_templates_render_directly_as_tera_does() {
        let names: Vec<&str> = TEMPLATES.iter().map(|(name, _)| *name).collect();
        let templates = &Email::default().templates;
        followup_plugin::testing::assert_direct_renders_match_tera(templates, &names);
    }

    #[test]
    fn every_purpose_has_its_subjects() {
        let email = Email::default();
        for purpose in PURPOSES {
            let (_, subject, short) =
                SUBJECTS.iter().find(|(p, _, _)| *p == purpose).expect("listed");
            assert_eq!(*subject, format!("{}.subject", purpose.as_str()));
            assert_eq!(*short, format!("{}.subject.short", purpose.as_str()));
            assert!(email.templates.has(subject) && email.templates.has(short));
        }
    }

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
