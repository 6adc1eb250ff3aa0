//! The JSON Schema pass: the published schemas, compiled once, and their errors turned
//! into problems a person can act on.
//!
//! The validator is the `jsonschema` crate without its network or file features: the
//! schemas come from core in memory and refer only to their own `$defs`. Its errors are
//! rewritten: one problem per unknown field (with the closest known name), the allowed
//! values of an enumeration (schemars writes enums as `oneOf` of `const`s), the branch
//! that matters of an `anyOf` (an optional field is `anyOf: [T, null]`), and examples
//! from the schema as hints.

use followup_core::schema::PublishedSchema;
use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use crate::field_path::{field_path, join, prefixed};
use crate::hint::{closest, quoted_list};
use crate::kind::Kind;
use crate::problem::Problem;

/// A published schema that does not compile; a bug in followup or in a plugin's
/// settings schema, never in the checked document.
#[derive(Debug, thiserror::Error)]
#[error(
    "the published schema {file_name} does not compile: {message}; if a plugin was just installed, check its settings schema with `followup plugins check`"
)]
pub struct SchemaError {
    /// The schema's file name.
    pub file_name: String,
    /// The validator's message.
    pub message: String,
}

/// The published schemas of every [`Kind`], compiled.
#[derive(Debug)]
pub struct SchemaSet {
    compiled: Vec<Compiled>,
}

#[derive(Debug)]
struct Compiled {
    kind: Kind,
    validator: Validator,
    schema: Value,
}

impl SchemaSet {
    /// Compiles the schemas of the kinds among `published` (others, such as the render
    /// request's, are ignored). Compile once and reuse: compiling costs far more than
    /// checking a document.
    ///
    /// # Errors
    ///
    /// Returns the first schema that does not compile.
    pub fn new(published: &[PublishedSchema]) -> Result<SchemaSet, SchemaError> {
        let mut compiled = Vec::new();
        for entry in published {
            let Some(kind) = Kind::from_schema_reference(entry.file_name) else { continue };
            let schema = entry.schema.as_value().clone();
            let validator = jsonschema::draft202012::options().build(&schema).map_err(|err| {
                SchemaError { file_name: entry.file_name.to_string(), message: err.to_string() }
            })?;
            compiled.push(Compiled { kind, validator, schema });
        }
        Ok(SchemaSet { compiled })
    }

    /// The schema of a kind, as published.
    pub fn schema(&self, kind: Kind) -> Option<&Value> {
        self.get(kind).map(|c| &c.schema)
    }

    fn get(&self, kind: Kind) -> Option<&Compiled> {
        self.compiled.iter().find(|c| c.kind == kind)
    }

    /// Every way `value` breaks the schema of `kind`; a list of drafts is checked draft
    /// by draft. Empty when it conforms, or when no schema of that kind was published.
    pub fn check(&self, kind: Kind, value: &Value) -> Vec<Problem> {
        self.check_repairable(kind, value).0
    }

    /// The problems, and for the fields they concern a value the schema would accept
    /// there (its example, default or first allowed value), so that the rules can look
    /// past a missing or wrong field.
    pub(crate) fn check_repairable(
        &self,
        kind: Kind,
        value: &Value,
    ) -> (Vec<Problem>, Vec<Repair>) {
        let mut found = Found::default();
        let Some(compiled) = self.get(kind) else { return (Vec::new(), Vec::new()) };
        match (kind, value) {
            (Kind::Draft, Value::Array(items)) => {
                for (index, item) in items.iter().enumerate() {
                    let mut item_found = Found::default();
                    compiled.problems(item, &mut item_found);
                    let prefix = format!("[{index}]");
                    for mut problem in item_found.problems {
                        problem.field = prefixed(&prefix, &problem.field);
                        found.problems.push(problem);
                    }
                    for mut repair in item_found.repairs {
                        repair.field = prefixed(&prefix, &repair.field);
                        found.repairs.push(repair);
                    }
                }
            }
            _ => compiled.problems(value, &mut found),
        }
        (found.problems, found.repairs)
    }
}

/// A value the schema accepts for a field, to read a document past its problems.
#[derive(Debug)]
pub(crate) struct Repair {
    /// The field path.
    pub field: String,
    /// The stand-in value.
    pub value: Value,
}

#[derive(Default)]
struct Found {
    problems: Vec<Problem>,
    repairs: Vec<Repair>,
}

impl Found {
    fn repair(&mut self, field: &str, node: Option<&Value>, root: &Value) {
        if let Some(value) = node.and_then(|n| placeholder(n, root, 0)) {
            self.repairs.push(Repair { field: field.to_string(), value });
        }
    }
}

/// A value `node` accepts: its example, default, constant or first allowed value, or
/// the simplest value of its type (an object with its required fields).
fn placeholder(node: &Value, root: &Value, depth: usize) -> Option<Value> {
    if depth > 8 {
        return None;
    }
    if let Some(target) = node.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix('#'))
    {
        return placeholder(root.pointer(target)?, root, depth + 1);
    }
    for key in ["examples", "enum"] {
        if let Some(first) = node.get(key).and_then(Value::as_array).and_then(|a| a.first()) {
            return Some(first.clone());
        }
    }
    for key in ["default", "const"] {
        if let Some(value) = node.get(key) {
            return Some(value.clone());
        }
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(branches) = node.get(key).and_then(Value::as_array) {
            return branches
                .iter()
                .filter(|b| b.get("type").and_then(Value::as_str) != Some("null"))
                .find_map(|b| placeholder(b, root, depth + 1));
        }
    }
    let kind = match node.get("type") {
        Some(Value::String(kind)) => kind.as_str(),
        Some(Value::Array(kinds)) => {
            kinds.iter().filter_map(Value::as_str).find(|k| *k != "null")?
        }
        _ => return None,
    };
    Some(match kind {
        "string" => Value::String(String::new()),
        "integer" | "number" => Value::from(0),
        "boolean" => Value::Bool(false),
        "array" => Value::Array(Vec::new()),
        "object" => {
            let mut object = serde_json::Map::new();
            let required =
                node.get("required").and_then(Value::as_array).cloned().unwrap_or_default();
            for name in required.iter().filter_map(Value::as_str) {
                let property = node.get("properties").and_then(|p| p.get(name))?;
                object.insert(name.to_string(), placeholder(property, root, depth + 1)?);
            }
            Value::Object(object)
        }
        _ => return None,
    })
}

impl Compiled {
    fn problems(&self, value: &Value, found: &mut Found) {
        // The fast path: most documents are valid, and `is_valid` stops early.
        if self.validator.is_valid(value) {
            return;
        }
        for error in self.validator.iter_errors(value) {
            describe(&error, &self.schema, found);
        }
    }
}

/// The schema node at a keyword's location, minus the keyword itself: the object that
/// holds `properties`, `examples` or `description` for the failing value.
fn node_of<'s>(schema: &'s Value, keyword_location: &str) -> Option<&'s Value> {
    let parent = &keyword_location[..keyword_location.rfind('/')?];
    schema.pointer(parent)
}

/// Adds the problems one validation error stands for.
fn describe(error: &ValidationError<'_>, schema: &Value, found: &mut Found) {
    let problems = &mut found.problems;
    let field = field_path(error.instance_path().as_str());
    let keyword_location = error.schema_path().as_str();
    let node = node_of(schema, keyword_location);
    let instance = error.instance();
    let kind = error.kind();
    match kind {
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            let known: Vec<&str> = node
                .and_then(|n| n.get("properties"))
                .and_then(Value::as_object)
                .map(|p| p.keys().map(String::as_str).collect())
                .unwrap_or_default();
            for name in unexpected {
                let hint = match closest(name, known.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None if known.is_empty() => format!("remove `{name}`"),
                    None => format!(
                        "remove `{name}`; the fields allowed here are {}",
                        quoted_list(known.iter().copied())
                    ),
                };
                problems.push(
                    Problem::error(
                        join(&field, name),
                        kind.keyword(),
                        format!("unknown field `{name}`"),
                    )
                    .with_hint(hint),
                );
            }
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().map_or_else(|| property.to_string(), str::to_string);
            let description = node
                .and_then(|n| n.pointer(&format!("/properties/{}", escape(&name))))
                .and_then(|p| p.get("description"))
                .and_then(Value::as_str);
            let hint = match description {
                Some(description) => format!("add `{name}`: {}", first_line(description)),
                None => format!("add `{name}`"),
            };
            let property = node.and_then(|n| n.pointer(&format!("/properties/{}", escape(&name))));
            problems.push(
                Problem::error(join(&field, &name), "required", format!("`{name}` is missing"))
                    .with_hint(hint),
            );
            found.repair(&join(&field, &name), property, schema);
        }
        ValidationErrorKind::Enum { options } => {
            let allowed: Vec<String> =
                options.as_array().map(|o| o.iter().map(plain).collect()).unwrap_or_default();
            problems.push(not_allowed(field.clone(), instance, &allowed));
            found.repair(&field, node, schema);
        }
        ValidationErrorKind::Constant { expected_value } => {
            problems.push(not_allowed(field, instance, &[plain(expected_value)]));
        }
        ValidationErrorKind::OneOfNotValid { context } | ValidationErrorKind::AnyOf { context } => {
            let branches = schema.pointer(keyword_location).and_then(Value::as_array);
            if let Some(allowed) = branches.and_then(|b| constants(b)) {
                problems.push(not_allowed(field.clone(), instance, &allowed));
                found.repair(&field, node, schema);
                return;
            }
            // Keep the branches whose value had the right type; an optional field is
            // `anyOf: [T, null]`, and that it is not null is no news.
            let relevant: Vec<&Vec<ValidationError<'static>>> = context
                .iter()
                .filter(|errors| !errors.iter().all(|e| is_type_error_at(e, error)))
                .collect();
            match relevant.as_slice() {
                [only] => {
                    for inner in only.iter() {
                        describe(inner, schema, found);
                    }
                }
                [] => {
                    let expected: Vec<&'static str> = context
                        .iter()
                        .flatten()
                        .filter_map(|e| match e.kind() {
                            ValidationErrorKind::Type { kind } => Some(type_names(kind)),
                            _ => None,
                        })
                        .flatten()
                        .collect();
                    problems.push(wrong_type(field.clone(), instance, &expected, node));
                    found.repair(&field, node, schema);
                }
                _ => problems.push(Problem::error(
                    field,
                    kind.keyword(),
                    format!("{} matches none of the accepted forms", shown(instance)),
                )),
            }
        }
        ValidationErrorKind::Type { kind: expected } => {
            problems.push(wrong_type(field.clone(), instance, &type_names(expected), node));
            found.repair(&field, node, schema);
        }
        ValidationErrorKind::Pattern { .. } | ValidationErrorKind::Format { .. } => {
            let what = node
                .and_then(|n| n.get("description"))
                .and_then(Value::as_str)
                .map(first_line)
                .map(|d| lowercase_first(d.trim_end_matches('.')));
            let message = match what {
                Some(what) => format!("{} is not {}", shown(instance), article(&what)),
                None => format!("{} is not in the expected form", shown(instance)),
            };
            problems.push(
                Problem::error(field.clone(), kind.keyword(), message)
                    .with_optional_hint(example_hint(node)),
            );
            found.repair(&field, node, schema);
        }
        _ => {
            problems.push(Problem::error(
                field.clone(),
                kind.keyword(),
                lowercase_first(&error.to_string()),
            ));
            found.repair(&field, node, schema);
        }
    }
}

/// Whether `inner` (from a branch of `outer`) only says the value has another type.
fn is_type_error_at(inner: &ValidationError<'_>, outer: &ValidationError<'_>) -> bool {
    matches!(inner.kind(), ValidationErrorKind::Type { .. })
        && inner.instance_path() == outer.instance_path()
}

/// The values of `oneOf`/`anyOf` branches that are all `const` (or `enum`).
fn constants(branches: &[Value]) -> Option<Vec<String>> {
    let mut values = Vec::new();
    for branch in branches {
        if let Some(value) = branch.get("const") {
            values.push(plain(value));
        } else if let Some(options) = branch.get("enum").and_then(Value::as_array) {
            values.extend(options.iter().map(plain));
        } else {
            return None;
        }
    }
    (!values.is_empty()).then_some(values)
}

fn not_allowed(field: String, instance: &Value, allowed: &[String]) -> Problem {
    let written = plain(instance);
    let list = quoted_list(allowed.iter().map(String::as_str));
    let hint = match closest(&written, allowed.iter().map(String::as_str)) {
        Some(near) => format!("did you mean `{near}`? allowed: {list}"),
        None => format!("write one of {list}"),
    };
    Problem::error(field, "enum", format!("{} is not one of the allowed values", shown(instance)))
        .with_hint(hint)
}

fn wrong_type(field: String, instance: &Value, expected: &[&str], node: Option<&Value>) -> Problem {
    let mut expected: Vec<&str> = expected.iter().copied().filter(|t| *t != "null").collect();
    expected.dedup();
    let wanted = match expected.as_slice() {
        [] => "something else".to_string(),
        [one] => article(one),
        many => many.iter().map(|t| article(t)).collect::<Vec<_>>().join(" or "),
    };
    let hint = example_hint(node).or_else(|| match expected.as_slice() {
        ["integer"] => Some("write a whole number, without quotes".to_string()),
        ["number"] => Some("write a number, without quotes".to_string()),
        ["string"] => Some("put the text in quotes".to_string()),
        ["boolean"] => Some("write true or false, without quotes".to_string()),
        ["array"] => Some("write a list: [ ... ]".to_string()),
        _ => None,
    });
    Problem::error(field, "type", format!("expected {wanted}, found {}", type_of(instance)))
        .with_optional_hint(hint)
}

/// "write it like `...`" from the node's first example, when it has one.
fn example_hint(node: Option<&Value>) -> Option<String> {
    let example = node?.get("examples")?.as_array()?.first()?;
    Some(format!("write it like `{}`", plain(example)))
}

fn type_names(kind: &TypeKind) -> Vec<&'static str> {
    match kind {
        TypeKind::Single(single) => vec![json_type_name(*single)],
        TypeKind::Multiple(set) => set.iter().map(json_type_name).collect(),
    }
}

fn json_type_name(kind: jsonschema::JsonType) -> &'static str {
    use jsonschema::JsonType;
    match kind {
        JsonType::Array => "array",
        JsonType::Boolean => "boolean",
        JsonType::Integer => "integer",
        JsonType::Null => "null",
        JsonType::Number => "number",
        JsonType::Object => "object",
        JsonType::String => "string",
    }
}

/// "a string", "an object (a table in TOML)", ...
fn article(name: &str) -> String {
    match name {
        "array" => "a list".to_string(),
        "object" => "an object (a table in TOML)".to_string(),
        "integer" => "a whole number".to_string(),
        "boolean" => "true or false".to_string(),
        _ if name.starts_with(['a', 'e', 'i', 'o', 'u']) => format!("an {name}"),
        _ => format!("a {name}"),
    }
}

fn type_of(value: &Value) -> String {
    match value {
        Value::Null => "nothing (null)".to_string(),
        Value::Bool(flag) => format!("{flag}"),
        Value::Number(number) if number.is_f64() => format!("the number {number}"),
        Value::Number(number) => format!("the whole number {number}"),
        Value::String(text) => format!("the text {}", shorten(&format!("{text:?}"))),
        Value::Array(_) => "a list".to_string(),
        Value::Object(_) => "an object".to_string(),
    }
}

/// A value as written, for messages: text in backticks, others as JSON.
fn shown(value: &Value) -> String {
    match value {
        Value::Object(_) => "the object".to_string(),
        Value::Array(_) => "the list".to_string(),
        other => format!("`{}`", shorten(&plain(other))),
    }
}

/// A value without JSON quotes when it is text.
fn plain(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

fn shorten(text: &str) -> String {
    const MOST: usize = 60;
    if text.chars().count() <= MOST {
        return text.to_string();
    }
    let mut short: String = text.chars().take(MOST).collect();
    short.push('…');
    short
}

fn first_line(text: &str) -> &str {
    text.split("\n\n").next().unwrap_or(text).trim()
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        // Keep acronyms and names ("IANA", "RFC") as they are.
        Some(first) if chars.clone().next().is_some_and(char::is_lowercase) => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => text.to_string(),
    }
}

/// A key as a JSON Pointer segment.
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn set() -> SchemaSet {
        SchemaSet::new(&followup_core::schema::all(&[])).expect("core's schemas compile")
    }

    #[track_caller]
    fn problems(kind: Kind, value: Value) -> Vec<Problem> {
        set().check(kind, &value)
    }

    fn valid_interview() -> Value {
        followup_core::examples::interview_example()
    }

    #[test]
    fn the_example_interview_passes() {
        assert_eq!(problems(Kind::Interview, valid_interview()), vec![]);
    }

    #[test]
    fn unknown_field_suggests_the_closest_name() {
        let mut value = valid_interview();
        value["meeting"]["duraton_minutes"] = json!(5);
        let found = problems(Kind::Interview, value);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].field, "meeting.duraton_minutes");
        assert_eq!(found[0].rule, "additionalProperties");
        assert_eq!(found[0].hint.as_deref(), Some("did you mean `duration_minutes`?"));
    }

    #[test]
    fn enums_list_the_allowed_values() {
        let mut value = valid_interview();
        value["role"]["kind"] = json!("shiftt");
        let found = problems(Kind::Interview, value);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].rule, "enum");
        assert_eq!(found[0].field, "role.kind");
        let hint = found[0].hint.as_deref().unwrap_or_default();
        assert!(hint.starts_with("did you mean `shift`? allowed: `professional`"), "{hint}");
    }

    #[test]
    fn optional_fields_report_their_inner_problem() {
        let mut value = valid_interview();
        value["meeting"]["end"] = json!("tomorrow");
        let found = problems(Kind::Interview, value);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].rule, "pattern");
        assert_eq!(found[0].field, "meeting.end");
        assert_eq!(found[0].hint.as_deref(), Some("write it like `2026-11-24T14:00:00-06:00`"));
    }

    #[test]
    fn missing_fields_are_named_with_their_description() {
        let found = problems(Kind::Interview, json!({"role": {"title": "Cook"}}));
        let fields: Vec<&str> = found.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["employer", "meeting", "role.kind"]);
        assert!(found.iter().all(|p| p.rule == "required"));
        assert_eq!(
            found[2].hint.as_deref(),
            Some("add `kind`: What kind of position it is; decides the fitting channels.")
        );
    }

    #[test]
    fn wrong_types_say_what_was_expected() {
        let mut value = valid_interview();
        value["meeting"]["duration_minutes"] = json!("sixty");
        let found = problems(Kind::Interview, value);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].rule, "type");
        assert_eq!(found[0].message, "expected a whole number, found the text \"sixty\"");
    }

    #[test]
    fn lists_of_drafts_are_checked_item_by_item() {
        let found = problems(Kind::Draft, json!([{"step_id": "x"}]));
        assert!(found.iter().all(|p| p.field.starts_with("[0].")), "{found:?}");
        assert!(!found.is_empty());
    }
}
