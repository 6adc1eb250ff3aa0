//! The WhatsApp channel for followup: a short, personal message for hourly, shift,
//! temporary and field roles, where the employer or recruiter said WhatsApp was fine.
//!
//! This crate is the worked example of `docs/writing-a-plugin.md`; each section of the
//! guide points at the part of this file it explains. What it decides:
//!
//! - **When it is used.** Like a text message, only with consent: the interview must
//!   list `whatsapp` under `established_channels`, and the recipient must have given a
//!   phone number. It suits the roles where hiring moves fast.
//! - **When it may be sent.** Between 08:00 and 21:00 in the recipient's time, and
//!   until 20:00 where a state's rules for texting say so (Florida, Oklahoma).
//! - **How long a message may be.** WhatsApp takes long messages, but a follow-up read
//!   on a phone should be short: the aim is at most [`PREFERRED_CHARS`] characters (a
//!   shorter template is used when the full one is longer), and a draft over
//!   [`MAX_CHARS`] fails its `length` check. The manifest declares the hard limit as
//!   `limits.body_chars`, which `followup plugins check` verifies.
//!
//! The rest (which moment in the window, the rationale, the consent rule itself) is
//! the rules engine's business: it reads this channel's manifest and needs no change.

use std::collections::BTreeMap;

use followup_plugin::drafting::{Facts, Templates, checks};
use followup_plugin::{
    Channel, ChannelManifest, Check, ClockTime, ContactKind, Fit, HourRange, Hours, Limits,
    MANIFEST_SCHEMA_VERSION, Purpose, RecipientKind, RenderFailure, RenderRequest, RenderedDraft,
    Requirements, RoleKind, Selection, SelectionMode, declare_channel,
};

/// The channel id: the manifest's `id`, and the library's name after `followup_`.
pub const ID: &str = "whatsapp";

/// The length a message should keep to, in characters: about what a phone shows
/// without scrolling.
pub const PREFERRED_CHARS: usize = 400;

/// The most characters a message may have; longer drafts fail the `length` check. It
/// is this channel's own limit (WhatsApp itself allows far more), declared in the
/// manifest as `limits.body_chars`.
pub const MAX_CHARS: usize = 1000;

/// What this channel carries.
const PURPOSES: [Purpose; 3] = [Purpose::ThankYou, Purpose::Debrief, Purpose::CheckIn];

/// The built-in messages: a full and a short one per purpose. The first that fits in
/// [`PREFERRED_CHARS`] is used. Each is a Tera template over the facts of
/// `followup_plugin::drafting::Facts` (see `docs/drafting.md`).
const TEMPLATES: &[(&str, &str)] = &[
    ("thank_you", include_str!("../templates/thank_you.tera")),
    ("thank_you.short", include_str!("../templates/thank_you.short.tera")),
    ("check_in", include_str!("../templates/check_in.tera")),
    ("check_in.short", include_str!("../templates/check_in.short.tera")),
    ("debrief", include_str!("../templates/debrief.tera")),
    ("debrief.short", include_str!("../templates/debrief.short.tera")),
];

/// The WhatsApp channel. Built once by `declare_channel!`, on the host's first call.
#[derive(Debug)]
pub struct WhatsApp {
    templates: Templates,
}

impl Default for WhatsApp {
    fn default() -> WhatsApp {
        WhatsApp {
            templates: Templates::from_sources(TEMPLATES)
                .expect("the built-in templates parse; the tests render every one"),
        }
    }
}

impl Channel for WhatsApp {
    fn manifest(&self) -> ChannelManifest {
        let hours =
            |start, end| HourRange { start: ClockTime::hm(start, 0), end: ClockTime::hm(end, 0) };
        ChannelManifest {
            schema: None,
            manifest_version: MANIFEST_SCHEMA_VERSION,
            id: ID.to_string(),
            name: "WhatsApp".to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            description:
                "A short WhatsApp message, only where WhatsApp was established as acceptable."
                    .to_string(),
            // A primary channel carries the message itself. Among the channels that fit
            // and may be used, the highest priority wins: above text (30), because
            // where both were established a WhatsApp message shows who is writing and
            // costs nothing per segment; far above email (10), the fallback.
            selection: Selection { mode: SelectionMode::Primary, priority: 35, fallback: false },
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
            // Consent first: used only when the interview lists `whatsapp` under
            // `established_channels`, and only for someone who gave a phone number.
            requires: Requirements { established: true, contact: Some(ContactKind::Phone) },
            // The recipient's local time, as for a text message.
            hours: Hours {
                allowed: Some(hours(8, 21)),
                by_jurisdiction: BTreeMap::from([
                    ("US-FL".to_string(), hours(8, 20)),
                    ("US-OK".to_string(), hours(8, 20)),
                ]),
                ..Hours::default()
            },
            // Arrives at once, and follows nothing else.
            delivery: Default::default(),
            ordering: Default::default(),
            limits: Limits { body_chars: Some(MAX_CHARS as u32), ..Limits::default() },
            // No settings a firm's style could give it.
            settings_schema: None,
        }
    }

    fn render(&self, request: &RenderRequest) -> Result<RenderedDraft, RenderFailure> {
        let purpose = request.step.purpose;
        if !PURPOSES.contains(&purpose) {
            return Err(format!("WhatsApp does not carry a {}", purpose.label()).into());
        }
        let facts = Facts::from_request(request);
        let full = purpose.as_str().to_string();
        let short = format!("{full}.short");
        // The full message when it is short enough, else the short one; never a text
        // cut in the middle.
        let fitted = self.templates.render_fitting(&[&full, &short], &facts, |text| {
            text.chars().count() <= PREFERRED_CHARS
        })?;
        let body = plain_text(&fitted.text);

        let mut checks = checks::standard(&facts, &request.interview.reinforce.strengths, &body);
        checks.push(names_sender(&facts, &body));
        checks.push(length(&body));
        let meta = BTreeMap::from([
            ("chars".to_string(), body.chars().count().into()),
            ("template".to_string(), fitted.template.into()),
        ]);
        Ok(RenderedDraft { subject: None, body, checks, meta })
    }
}

/// The message as plain text: control characters that reached it from the interview
/// (a carriage return in a name, a terminal escape) become spaces; line breaks stay.
fn plain_text(text: &str) -> String {
    text.chars().map(|c| if c.is_control() && c != '\n' { ' ' } else { c }).collect()
}

/// The message says who is writing: the recipient may not have the number saved.
fn names_sender(facts: &Facts, body: &str) -> Check {
    let name = &facts.candidate.name;
    if !name.trim().is_empty() && body.contains(name.trim()) {
        Check::pass("names_sender", "says who is writing")
    } else {
        Check::fail(
            "names_sender",
            format!("say it is {name} writing: the number may not be saved"),
        )
    }
}

/// At most [`PREFERRED_CHARS`] is the aim; over [`MAX_CHARS`] fails.
fn length(body: &str) -> Check {
    let chars = body.chars().count();
    if chars > MAX_CHARS {
        Check::fail(
            "length",
            format!("{chars} characters, over this channel's {MAX_CHARS}; shorten it"),
        )
    } else if chars > PREFERRED_CHARS {
        Check::warn(
            "length",
            format!(
                "{chars} characters; a message of at most {PREFERRED_CHARS} reads best on a phone"
            ),
        )
    } else {
        Check::pass("length", format!("{chars} characters (aim: at most {PREFERRED_CHARS})"))
    }
}

declare_channel!(WhatsApp);

#[cfg(test)]
mod tests {
    //! The channel called directly, as the host would call it, on the requests the
    //! conformance suite builds from the bundled examples.

    use followup_plugin::CheckLevel;

    use super::*;

    fn check<'d>(draft: &'d RenderedDraft, name: &str) -> &'d Check {
        draft
            .checks
            .iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("no `{name}` check in {:?}", draft.checks))
    }

    #[test]
    fn manifest_passes_the_host_checks() {
        assert_eq!(WhatsApp::default().manifest().check(), Ok(()));
    }

    #[test]
    fn every_template_renders() {
        let channel = WhatsApp::default();
        for purpose in PURPOSES {
            let request = followup_conformance::sample_request(ID, purpose);
            let facts = Facts::from_request(&request);
            for (name, _) in TEMPLATES.iter().filter(|(n, _)| n.starts_with(purpose.as_str())) {
                let text = channel.templates.render(name, &facts).expect("template renders");
                assert!(text.contains(&facts.candidate.name), "{name} names the sender: {text}");
            }
        }
    }

    #[test]
    fn thank_you_is_short_personal_and_names_the_sender() {
        let request = followup_conformance::sample_request(ID, Purpose::ThankYou);
        let draft = WhatsApp::default().render(&request).expect("drafts");
        assert!(draft.body.starts_with("Hi Marcus, it's Jordan Lee."), "{}", draft.body);
        assert!(draft.body.contains("covering the weekend night shift"), "{}", draft.body);
        assert_eq!(check(&draft, "personalisation").level, CheckLevel::Pass);
        assert_eq!(check(&draft, "names_sender").level, CheckLevel::Pass);
        assert_eq!(check(&draft, "length").level, CheckLevel::Pass, "{}", draft.body);
        assert!(draft.subject.is_none(), "a WhatsApp message has no subject");
    }

    #[test]
    fn a_long_message_falls_back_to_the_short_template() {
        let mut request = followup_conformance::sample_request(ID, Purpose::ThankYou);
        request.interview.interviewers[0].topics = vec!["the night shift ".repeat(25)];
        let draft = WhatsApp::default().render(&request).expect("drafts");
        assert_eq!(draft.meta["template"], "thank_you.short");
        assert!(draft.body.chars().count() <= PREFERRED_CHARS, "{}", draft.body);
    }

    #[test]
    fn a_message_over_the_limit_fails_its_length_check() {
        let mut request = followup_conformance::sample_request(ID, Purpose::ThankYou);
        request.interview.employer.company = "Lakeside ".repeat(150);
        let draft = WhatsApp::default().render(&request).expect("drafts");
        assert!(draft.body.chars().count() > MAX_CHARS);
        assert_eq!(check(&draft, "length").level, CheckLevel::Fail);
    }

    #[test]
    fn control_characters_never_reach_the_message() {
        let mut request = followup_conformance::sample_request(ID, Purpose::ThankYou);
        request.interview.candidate.name = Some("Jordan\r\nLee\u{1b}[31m".to_string());
        let draft = WhatsApp::default().render(&request).expect("drafts");
        assert!(!draft.body.chars().any(|c| c.is_control() && c != '\n'), "{:?}", draft.body);
    }

    #[test]
    fn a_purpose_it_does_not_carry_is_an_error() {
        let request = followup_conformance::sample_request(ID, Purpose::ConnectionRequest);
        let err = WhatsApp::default().render(&request).expect_err("not carried");
        assert_eq!(err.message, "WhatsApp does not carry a connection request");
    }
}
