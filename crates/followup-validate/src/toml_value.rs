//! TOML documents as JSON values, so that one JSON Schema checks both formats.

use serde_json::{Map, Number, Value};

/// Converts a TOML value to the JSON value a JSON Schema sees. Dates and times become
/// their RFC 3339 text (as if quoted); a float JSON cannot hold (`nan`, `inf`) becomes
/// `null`, which the schemas refuse wherever a number is expected.
///
/// ```
/// let table: toml::Table = toml::from_str("start = 2026-11-24T14:00:00-06:00\nn = 3")?;
/// let json = followup_validate::toml_to_json(toml::Value::Table(table));
/// assert_eq!(json, serde_json::json!({"start": "2026-11-24T14:00:00-06:00", "n": 3}));
/// # Ok::<(), toml::de::Error>(())
/// ```
pub fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(text) => Value::String(text),
        toml::Value::Integer(number) => Value::Number(number.into()),
        toml::Value::Float(number) => Number::from_f64(number).map_or(Value::Null, Value::Number),
        toml::Value::Boolean(flag) => Value::Bool(flag),
        toml::Value::Datetime(moment) => Value::String(moment.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => Value::Object(
            table.into_iter().map(|(key, value)| (key, toml_to_json(value))).collect::<Map<_, _>>(),
        ),
    }
}
