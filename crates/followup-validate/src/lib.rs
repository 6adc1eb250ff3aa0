//! Checks followup's documents against the published JSON Schemas and core's rules, and
//! reports every problem at once.
//!
//! This is the engine behind `followup validate`. It takes documents that are already
//! read (a [`serde_json::Value`], or a [`std::io::BufRead`] of JSON Lines) and returns
//! [`Problem`]s: the field path (`interviewers[1].phone`), the rule broken (the JSON
//! Schema keyword, such as `required` or `additionalProperties`, or `rule` for core's
//! semantic checks), a message and, where there is one, a hint (the closest known field
//! name, the allowed values, the zone that was probably meant).
//!
//! The pipeline for one document, in [`Checker::check`]:
//!
//! 1. the JSON Schema of its [`Kind`], compiled once by [`SchemaSet::new`] from core's
//!    [`followup_core::schema::all`] (the style schema composes the installed channels'
//!    settings);
//! 2. the document read into core's type (unknown fields the schema already reported are
//!    set aside first, so that the rules can still run);
//! 3. core's semantic checks (for an interview, [`followup_core::validate::validate`]
//!    after merging the candidate's profile);
//! 4. problems that both passes report about the same field are merged, keeping the more
//!    helpful one.
//!
//! A style pack's templates are checked by [`pack`]: each parsed on its own, then
//! rendered against the bundled example interviews, so that an undefined variable or a
//! message that cannot fit is caught before anyone sends it.
//!
//! What this crate is not: it reads no files and prints nothing (the CLI reads the
//! documents, finds line and column for each field path, and prints); it loads no
//! plugins (it is given their manifests and a function that drafts).
//!
//! ```
//! use followup_validate::{Checker, Kind};
//!
//! let checker = Checker::new(&followup_core::schema::all(&[]), Vec::new())?;
//! let problems = checker.check(Kind::Interview, serde_json::json!({"role": {"title": "Cook"}}));
//! assert!(problems.iter().any(|p| p.field == "role.kind" && p.rule == "required"));
//! # Ok::<(), followup_validate::SchemaError>(())
//! ```

#![deny(missing_docs)]

mod checker;
mod field_path;
mod hint;
pub mod jsonl;
mod kind;
pub mod pack;
mod problem;
mod schema_check;
mod semantic;
mod todo;
mod toml_value;

pub use checker::{Checked, Checker};
pub use field_path::field_path;
pub use hint::{closest, ranked};
pub use kind::{DetectError, Kind, detect, schema_directive};
pub use problem::{Level, Problem};
pub use schema_check::{SchemaError, SchemaSet};
pub use todo::{TodoMarker, todo_markers};
pub use toml_value::toml_to_json;
