//! Whatever a document holds, checking it never panics: values of every type in every
//! field of every kind, and arbitrary lines of JSON Lines.

use followup_validate::jsonl::JsonLines;
use followup_validate::{Checker, Kind};
use proptest::prelude::*;
use serde_json::{Value, json};

fn checker() -> &'static Checker {
    static CHECKER: std::sync::OnceLock<Checker> = std::sync::OnceLock::new();
    CHECKER.get_or_init(|| {
        let manifest: followup_core::manifest::ChannelManifest =
            serde_json::from_value(followup_core::examples::manifest_example())
                .expect("the example manifest is valid");
        Checker::new(&followup_core::schema::all(std::slice::from_ref(&manifest)), vec![manifest])
            .expect("the schemas compile")
    })
}

fn any_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::String),
        prop::sample::select(vec!["America/Chicago", "2026-11-24T14:00:00Z", "sms", "", "+1"])
            .prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A known document with the value at one of its paths replaced.
fn replaced(mut document: Value, path: &[&str], value: Value) -> Value {
    let mut at = &mut document;
    for key in path {
        if !at.is_object() {
            break;
        }
        at = at
            .as_object_mut()
            .map(|o| o.entry(key.to_string()).or_insert(Value::Null))
            .expect("an object");
    }
    *at = value;
    document
}

const PATHS: &[&[&str]] = &[
    &[],
    &["candidate", "time_zone"],
    &["meeting"],
    &["meeting", "start"],
    &["meeting", "duration_minutes"],
    &["interviewers"],
    &["role", "kind"],
    &["next_steps", "decision_date"],
    &["channels"],
    &["timing", "business_hours"],
    &["steps"],
    &["purposes"],
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_value_anywhere_is_checked_without_panicking(
        value in any_value(),
        path in prop::sample::select(PATHS.to_vec()),
        kind in prop::sample::select(Kind::ALL.to_vec()),
    ) {
        let base = match kind {
            Kind::Interview | Kind::Profile => followup_core::examples::interview_example(),
            Kind::Style => followup_core::examples::style_example(),
            Kind::Manifest => followup_core::examples::manifest_example(),
            Kind::Plan => json!({"steps": [], "skipped": [], "warnings": []}),
            Kind::Draft => json!([{"step_id": "x"}]),
        };
        let _ = checker().check(kind, replaced(base, path, value));
    }

    #[test]
    fn any_lines_are_read_without_panicking(lines in prop::collection::vec("\\PC{0,80}", 0..6)) {
        let text = lines.join("\n");
        let records = JsonLines::new(checker(), text.as_bytes());
        for record in records {
            prop_assert!(record.is_ok());
        }
    }
}
