//! Text renderings of results for people; JSON goes straight through serde.

pub mod draft_text;
pub mod plan_text;
