//! The published JSON Schemas (draft 2020-12) of the documents core defines.
//!
//! `schemas/` at the top of the repository holds their committed copies; a test fails
//! when those differ from what this module generates.

use schemars::{JsonSchema, Schema, SchemaGenerator, generate::SchemaSettings};

use crate::draft::{Draft, RenderRequest};
use crate::interview::{CandidateDetails, Interview};
use crate::manifest::ChannelManifest;
use crate::plan::Plan;

/// Where the schemas say they live; `$id` of each is this plus its file name.
pub const SCHEMA_BASE: &str = "https://followup.invalid/schemas/";

/// One published schema.
#[derive(Debug)]
pub struct PublishedSchema {
    /// The file name, such as `interview.schema.json`.
    pub file_name: &'static str,
    /// The schema.
    pub schema: Schema,
}

fn generate<T: JsonSchema>(file_name: &'static str) -> PublishedSchema {
    let generator = SchemaGenerator::new(SchemaSettings::draft2020_12());
    let mut schema = generator.into_root_schema_for::<T>();
    schema.insert("$id".to_string(), format!("{SCHEMA_BASE}{file_name}").into());
    PublishedSchema { file_name, schema }
}

/// Every published schema, in a fixed order.
pub fn all() -> Vec<PublishedSchema> {
    vec![
        generate::<Interview>("interview.schema.json"),
        generate::<CandidateDetails>("profile.schema.json"),
        generate::<Plan>("plan.schema.json"),
        generate::<Draft>("draft.schema.json"),
        generate::<RenderRequest>("render-request.schema.json"),
        generate::<ChannelManifest>("manifest.schema.json"),
    ]
}

/// A schema as the text committed in `schemas/`: pretty JSON ending in a newline.
pub fn to_text(schema: &Schema) -> String {
    let mut text = serde_json::to_string_pretty(schema.as_value())
        .expect("a schema is plain JSON and always serialises");
    text.push('\n');
    text
}
