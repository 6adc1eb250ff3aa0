//! The matching rules, one small case each, on messages built in memory.

use std::collections::BTreeSet;

use jiff::civil::date;

use super::*;
use crate::message::Address;

const THANK_YOU_ID: &str = "thank-you-dana-whitfield-email.ana-ruiz@followup.invalid";

fn at(text: &str) -> Timestamp {
    text.parse().expect("a valid moment")
}

fn tracked() -> Tracked {
    Tracked {
        interview: "ana".to_string(),
        candidate: vec!["Ana.Ruiz@example.com".to_string()],
        people: vec![
            Person {
                name: "Dana Whitfield".to_string(),
                address: Some("dana.whitfield@northwind.example".to_string()),
                at_employer: true,
            },
            Person {
                name: "Sam Recruiter".to_string(),
                address: Some("sam@gmail.com".to_string()),
                at_employer: true,
            },
        ],
        steps: vec![TrackedStep {
            id: "thank-you-dana-whitfield-email".to_string(),
            recipient: "Dana Whitfield".to_string(),
            to: vec!["dana.whitfield@northwind.example".to_string()],
            message_id: Some(THANK_YOU_ID.to_string()),
            subject: Some("Thank you, Dana".to_string()),
            exported_at: Some(at("2026-11-24T21:40:00Z")),
            sent: false,
        }],
        since: at("2026-11-24T21:40:00Z"),
        recorded: BTreeSet::new(),
    }
}

fn message(from: &str) -> Message {
    Message {
        location: "test".to_string(),
        message_id: "reply@northwind.example".to_string(),
        in_reply_to: Vec::new(),
        references: Vec::new(),
        from: Address { name: None, address: from.to_string() },
        recipients: vec![Address { name: None, address: "ana.ruiz@example.com".to_string() }],
        subject: "Re: Thank you, Dana".to_string(),
        date: at("2026-12-03T17:00:00Z"),
        date_header: "Thu, 3 Dec 2026 11:00:00 -0600".to_string(),
        day: date(2026, 12, 3),
        bulk: None,
        automatic: Automatic::None,
    }
}

#[track_caller]
fn one(verdict: Verdict) -> Suggestion {
    match verdict {
        Verdict::Suggest(mut list) if list.len() == 1 => list.remove(0),
        other => panic!("expected one suggestion, got {other:?}"),
    }
}

#[test]
fn in_reply_to_names_the_exported_message_id_strongly() {
    let matcher = Matcher::new(vec![tracked()]);
    let mut reply = message("someone@elsewhere.example");
    reply.in_reply_to = vec![THANK_YOU_ID.to_string()];
    let s = one(matcher.judge(&reply));
    assert_eq!(s.rule, Rule::InReplyTo { step: "thank-you-dana-whitfield-email".to_string() });
    assert_eq!(s.confidence, Confidence::Strong);
    // The sender is unknown: the reply is taken as the step's recipient's thread.
    assert_eq!(s.what, What::Replied { person: Some("Dana Whitfield".to_string()) });
    let mut reply = message("someone@elsewhere.example");
    reply.references = vec!["older@x".to_string(), THANK_YOU_ID.to_string()];
    assert!(matches!(one(matcher.judge(&reply)).rule, Rule::References { .. }));
}

#[test]
fn an_address_counts_only_after_the_first_follow_up() {
    let matcher = Matcher::new(vec![tracked()]);
    let reply = message("Dana.Whitfield@northwind.example".to_lowercase().as_str());
    let s = one(matcher.judge(&reply));
    assert_eq!(s.rule, Rule::Address { person: "Dana Whitfield".to_string() });
    assert_eq!(s.confidence, Confidence::Medium);
    let mut early = message("dana.whitfield@northwind.example");
    early.date = at("2026-11-20T17:00:00Z");
    assert_eq!(matcher.judge(&early), Verdict::Unrelated);
}

#[test]
fn the_employer_domain_is_weak_and_public_domains_never_count() {
    let matcher = Matcher::new(vec![tracked()]);
    let s = one(matcher.judge(&message("hr@northwind.example")));
    assert_eq!(s.rule, Rule::Domain { domain: "northwind.example".to_string() });
    assert_eq!(s.confidence, Confidence::Weak);
    assert_eq!(matcher.judge(&message("stranger@gmail.com")), Verdict::Unrelated);
}

#[test]
fn a_newsletter_from_the_employer_never_counts() {
    let matcher = Matcher::new(vec![tracked()]);
    let mut news = message("news@northwind.example");
    news.bulk = Some("List-Unsubscribe".to_string());
    assert_eq!(
        matcher.judge(&news),
        Verdict::Ignored {
            interview: "ana".to_string(),
            why: Ignored::Newsletter { header: "List-Unsubscribe".to_string() }
        }
    );
    // Not even from a tracked person's address.
    let mut news = message("dana.whitfield@northwind.example");
    news.bulk = Some("Precedence: bulk".to_string());
    assert!(matches!(matcher.judge(&news), Verdict::Ignored { .. }));
}

#[test]
fn an_automatic_reply_is_out_of_office_and_a_notification_nothing() {
    let matcher = Matcher::new(vec![tracked()]);
    let mut away = message("dana.whitfield@northwind.example");
    away.automatic = Automatic::Reply { until: Some(date(2026, 12, 7)) };
    assert_eq!(
        one(matcher.judge(&away)).what,
        What::OutOfOffice {
            person: Some("Dana Whitfield".to_string()),
            until: Some(date(2026, 12, 7))
        }
    );
    let mut notice = message("dana.whitfield@northwind.example");
    notice.automatic = Automatic::Generated;
    assert!(matches!(matcher.judge(&notice), Verdict::Ignored { why: Ignored::Automatic, .. }));
}

#[test]
fn the_candidates_own_messages_are_never_replies() {
    let matcher = Matcher::new(vec![tracked()]);
    let mut own = message("ana.ruiz@example.com");
    own.subject = "Re: something else".to_string();
    own.in_reply_to = vec![THANK_YOU_ID.to_string()];
    assert_eq!(matcher.judge(&own), Verdict::Unrelated);
}

#[test]
fn the_sent_folder_marks_steps_sent() {
    let matcher = Matcher::new(vec![tracked()]);
    let mut draft = message("ana.ruiz@example.com");
    draft.message_id = THANK_YOU_ID.to_string();
    let s = one(matcher.judge(&draft));
    assert_eq!(s.what, What::Sent { step: "thank-you-dana-whitfield-email".to_string() });
    assert_eq!(s.confidence, Confidence::Strong);
    // A new Message-ID, but the same recipient and subject after the export.
    let mut resent = message("ana.ruiz@example.com");
    resent.subject = "Thank you,  dana".to_string();
    resent.recipients =
        vec![Address { name: None, address: "dana.whitfield@northwind.example".to_string() }];
    let s = one(matcher.judge(&resent));
    assert_eq!(
        s.rule,
        Rule::RecipientAndSubject { step: "thank-you-dana-whitfield-email".to_string() }
    );
    // Before the export it was another message.
    resent.date = at("2026-11-24T20:00:00Z");
    assert_eq!(matcher.judge(&resent), Verdict::Unrelated);
    // To someone else: not the step.
    let mut other = message("ana.ruiz@example.com");
    other.subject = "Thank you, Dana".to_string();
    assert_eq!(matcher.judge(&other), Verdict::Unrelated);
}

#[test]
fn what_is_recorded_is_not_suggested_again() {
    let mut t = tracked();
    t.recorded.insert("reply@northwind.example".to_string());
    let matcher = Matcher::new(vec![t]);
    assert!(matches!(
        matcher.judge(&message("dana.whitfield@northwind.example")),
        Verdict::Ignored { why: Ignored::AlreadyRecorded, .. }
    ));
}
