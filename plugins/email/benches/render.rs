//! What the plugin boundary costs: one thank-you email drafted three ways.
//!
//! - `loaded`: through the host and the C ABI, JSON both ways, as `followup draft` does
//!   (the library is an optimised build of this same crate);
//! - `direct`: calling this crate's `Channel::render` as a Rust library;
//! - `floor`: a hand-written `format!` of the same text, no templates, no checks.
//!
//! Run with `cargo bench -p followup-email --bench render`.

use std::hint::black_box;

use followup_core::draft::{DraftStyle, RenderRequest};
use followup_core::validate::validate;
use followup_email::Email;
use followup_host::{Origin, SearchPath};
use followup_plugin::Channel;

fn main() {
    divan::main();
}

fn request() -> RenderRequest {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(root.join("docs/examples/professional-email.toml"))
        .expect("the bundled example is readable");
    let interview =
        validate(toml::from_str(&text).expect("the example parses")).expect("the example is valid");
    let step = serde_json::from_value(serde_json::json!({
        "id": "thank-you-dana-whitfield-email", "purpose": "thank_you", "channel": "email",
        "recipient": {"name": "Dana Whitfield", "kind": "interviewer"},
        "not_before": "2026-11-24T16:00:00-06:00", "send_at": "2026-11-24T16:00:00-06:00",
        "not_after": "2026-11-25T15:00:00-06:00", "time_zone": "America/Chicago", "rationale": []
    }))
    .expect("the step is valid");
    RenderRequest::new(&step, &interview.interview, DraftStyle::default())
}

#[divan::bench]
fn loaded(bencher: divan::Bencher) {
    let mut search = SearchPath::new();
    search.push(followup_test_support::workspace_plugins_dir_release(), Origin::CommandLine);
    let registry = followup_host::load_plugins(&search);
    let plugin = registry.get("email").expect("the email plugin loads");
    let request = request();
    bencher.bench(|| plugin.render(black_box(&request)).expect("drafts"));
}

#[divan::bench]
fn direct(bencher: divan::Bencher) {
    let email = Email::default();
    let request = request();
    bencher.bench(|| email.render(black_box(&request)).expect("drafts"));
}

#[divan::bench]
fn floor(bencher: divan::Bencher) {
    let request = request();
    let iv = &request.interview;
    bencher.bench(|| {
        let iv = black_box(iv);
        let person = &iv.interviewers[0];
        let first = person.name.split_whitespace().next().unwrap_or_default();
        format!(
            "Dear {first},\n\nThank you for speaking with me today about the {} role at {}. \
             I especially enjoyed our conversation about {}.\n\nI left even more confident that \
             I can help: {}.\n\nI would be glad to join {}. I look forward to hearing from you.\n\n\
             Best regards,\n{}",
            iv.role.title,
            iv.employer.company,
            person.topics[0],
            iv.reinforce.strengths.join("; "),
            iv.employer.company,
            iv.candidate.name.as_deref().unwrap_or_default(),
        )
    });
}

/// The boundary's pieces, each alone, to see where `loaded` spends what `direct` does
/// not: the host writes the request, the plugin reads it, the plugin writes the draft,
/// the host reads it.
mod boundary {
    use super::*;
    use followup_core::draft::RenderedDraft;

    #[divan::bench]
    fn write_request(bencher: divan::Bencher) {
        let request = request();
        bencher.bench(|| serde_json::to_vec(black_box(&request)).expect("writes"));
    }

    #[divan::bench]
    fn read_request(bencher: divan::Bencher) {
        let bytes = serde_json::to_vec(&request()).expect("writes");
        // As the plugin reads it (`followup_plugin::guest`): checked as UTF-8 whole.
        bencher.bench(|| {
            let text = std::str::from_utf8(black_box(&bytes)).expect("UTF-8");
            serde_json::from_str::<RenderRequest>(text).expect("reads")
        });
    }

    #[divan::bench]
    fn write_draft(bencher: divan::Bencher) {
        let draft = Email::default().render(&request()).expect("drafts");
        bencher.bench(|| serde_json::to_vec(black_box(&draft)).expect("writes"));
    }

    #[divan::bench]
    fn read_draft(bencher: divan::Bencher) {
        let draft = Email::default().render(&request()).expect("drafts");
        let bytes = serde_json::to_vec(&draft).expect("writes");
        // As the host reads it (`followup_host`'s answers): checked as UTF-8 whole.
        bencher.bench(|| {
            let text = std::str::from_utf8(black_box(&bytes)).expect("UTF-8");
            serde_json::from_str::<RenderedDraft>(text).expect("reads")
        });
    }
}
