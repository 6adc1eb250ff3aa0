//! The published JSON Schemas (draft 2020-12) of the documents core defines.
//!
//! `schemas/` at the top of the repository holds their committed copies; a test fails
//! when those differ from what this module generates.

use schemars::{JsonSchema, Schema, SchemaGenerator, generate::SchemaSettings};

use crate::draft::{Draft, RenderRequest, RenderedDraft};
use crate::export::{ExportRequest, ExportedFiles};
use crate::interview::{CandidateDetails, Interview};
use crate::manifest::ChannelManifest;
use crate::plan::Plan;
use crate::style::{ChannelSettings, Style};
use crate::tracking::EventRecord;

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

/// Every published schema, in a fixed order. The style schema composes the settings
/// schemas of `channels` (the installed plugins' manifests), so a style is checked
/// against exactly those channels.
pub fn all(channels: &[ChannelManifest]) -> Vec<PublishedSchema> {
    vec![
        generate::<Interview>("interview.schema.json"),
        style(channels),
        generate::<CandidateDetails>("profile.schema.json"),
        generate::<Plan>("plan.schema.json"),
        generate::<Draft>("draft.schema.json"),
        generate::<RenderRequest>("render-request.schema.json"),
        generate::<RenderedDraft>("render-answer.schema.json"),
        generate::<ExportRequest>("export-request.schema.json"),
        generate::<ExportedFiles>("export-answer.schema.json"),
        generate::<ChannelManifest>("manifest.schema.json"),
        generate::<EventRecord>("store-record.schema.json"),
    ]
}

/// The style schema, with one property under `channels` per installed channel: the
/// settings every channel has (`hours`, `transit_business_days`) plus the channel's
/// own, from its manifest's `settings_schema`. Other channel ids are refused.
pub fn style(channels: &[ChannelManifest]) -> PublishedSchema {
    let mut published = generate::<Style>("style.schema.json");
    let common = generate::<ChannelSettings>("unused");
    let common_properties = common
        .schema
        .get("properties")
        .and_then(serde_json::Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut per_channel = serde_json::Map::new();
    for manifest in channels {
        let mut properties = common_properties.clone();
        let own = manifest.settings_schema.as_ref();
        if let Some(own_properties) =
            own.and_then(|s| s.get("properties")).and_then(serde_json::Value::as_object)
        {
            properties.extend(own_properties.clone());
        }
        per_channel.insert(
            manifest.id.clone(),
            serde_json::json!({
                "type": "object",
                "description": format!("Settings for the {} channel ({}).", manifest.name, manifest.id),
                "properties": properties,
                "additionalProperties": false,
            }),
        );
    }
    if let Some(channels_property) = published
        .schema
        .get_mut("properties")
        .and_then(|p| p.get_mut("channels"))
        .and_then(serde_json::Value::as_object_mut)
    {
        channels_property.remove("additionalProperties");
        channels_property.insert("properties".to_string(), serde_json::Value::Object(per_channel));
        channels_property.insert("additionalProperties".to_string(), false.into());
    }
    published
}

/// A schema as the text committed in `schemas/`: pretty JSON ending in a newline.
pub fn to_text(schema: &Schema) -> String {
    let mut text = serde_json::to_string_pretty(schema.as_value())
        .expect("a schema is plain JSON and always serialises");
    text.push('\n');
    text
}

/// Describes the tag property (`type`, `kind`) of each variant of an internally tagged
/// enum, which schemars leaves without a description: "`sent`: what the variant says".
pub(crate) fn describe_tags(schema: &mut Schema) {
    let Some(variants) = schema.get_mut("oneOf").and_then(serde_json::Value::as_array_mut) else {
        return;
    };
    for variant in variants {
        let Some(object) = variant.as_object_mut() else { continue };
        let summary = object.get("description").and_then(|d| d.as_str()).map(str::to_string);
        let Some(properties) = object.get_mut("properties").and_then(|p| p.as_object_mut()) else {
            continue;
        };
        for property in properties.values_mut() {
            let Some(property) = property.as_object_mut() else { continue };
            let Some(tag) = property.get("const").and_then(|c| c.as_str()).map(str::to_string)
            else {
                continue;
            };
            if !property.contains_key("description") {
                let text = match &summary {
                    Some(summary) => format!("`{tag}`: {summary}"),
                    None => format!("`{tag}`."),
                };
                property.insert("description".to_string(), text.into());
            }
        }
    }
}
