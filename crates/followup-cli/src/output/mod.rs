//! Text renderings of results for people; JSON goes straight through serde.

pub mod draft_text;
pub mod plan_text;

use followup_core::plan::Purpose;

/// A step's title for people: `Thank-you`, `Check-in 2`.
pub fn step_title(purpose: Purpose, sequence: Option<u32>) -> String {
    let text = match sequence {
        Some(n) => format!("{} {n}", purpose.label()),
        None => purpose.label().to_string(),
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
