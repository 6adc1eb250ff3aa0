//! Bytes as an interview, in TOML and in JSON: read, checked by `followup validate`'s
//! checker (schema, typed reading, core's rules), read as `followup plan` reads it
//! (straight into core's type, then core's validation), and, when valid, planned with
//! the bundled plugins' manifests.

#![no_main]

use std::sync::OnceLock;

use followup_core::interview::Interview;
use followup_core::planner::Planner;
use followup_core::style::Style;
use followup_core::validate::ValidInterview;
use followup_validate::{Checker, toml_to_json};
use libfuzzer_sys::fuzz_target;

fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| {
        let manifests = followup_fuzz::manifests().to_vec();
        Checker::new(&followup_core::schema::all(&manifests), manifests)
            .expect("the published schemas compile: core's schema tests build them")
    })
}

fn planner() -> &'static Planner {
    static PLANNER: OnceLock<Planner> = OnceLock::new();
    PLANNER.get_or_init(|| Planner::new(&Style::default(), followup_fuzz::manifests()))
}

fn plan(interview: &ValidInterview) {
    let plan = planner().plan(interview);
    // The plan is written out as the CLI would; that must not fail either.
    serde_json::to_string(&plan).expect("a plan is always JSON");
}

fn check(value: serde_json::Value) {
    if let Some(valid) = checker().interview(value).value {
        plan(&valid);
    }
}

fn typed(interview: Option<Interview>) {
    if let Some(Ok(valid)) = interview.map(followup_core::validate::validate) {
        plan(&valid);
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(table) = toml::from_str::<toml::Table>(text) {
            check(toml_to_json(toml::Value::Table(table)));
        }
        typed(toml::from_str(text).ok());
    }
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) {
        check(value);
    }
    typed(serde_json::from_slice(data).ok());
});
