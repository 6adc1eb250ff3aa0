//! What a document is: told, claimed by its `$schema`, or recognised by its fields.

use std::fmt;

use serde_json::Value;

/// The kinds of document followup publishes a schema for and can check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// An interview file.
    Interview,
    /// A style pack's settings (`style.toml`).
    Style,
    /// A candidate profile.
    Profile,
    /// A plan, as `followup plan --format json` prints it.
    Plan,
    /// A draft, or a list of drafts, as `followup draft --format json` prints them.
    Draft,
    /// A channel plugin's manifest.
    Manifest,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 6] =
        [Kind::Interview, Kind::Style, Kind::Profile, Kind::Plan, Kind::Draft, Kind::Manifest];

    /// The kind's name, as `--kind` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Interview => "interview",
            Kind::Style => "style",
            Kind::Profile => "profile",
            Kind::Plan => "plan",
            Kind::Draft => "draft",
            Kind::Manifest => "manifest",
        }
    }

    /// The file name of its published schema, such as `interview.schema.json`.
    pub fn schema_file_name(self) -> &'static str {
        match self {
            Kind::Interview => "interview.schema.json",
            Kind::Style => "style.schema.json",
            Kind::Profile => "profile.schema.json",
            Kind::Plan => "plan.schema.json",
            Kind::Draft => "draft.schema.json",
            Kind::Manifest => "manifest.schema.json",
        }
    }

    /// The kind a schema reference names by its file name: a path, a URL or a bare
    /// name (`../../schemas/interview.schema.json`, `https://.../plan.schema.json`).
    ///
    /// ```
    /// use followup_validate::Kind;
    /// assert_eq!(Kind::from_schema_reference("../schemas/style.schema.json"), Some(Kind::Style));
    /// assert_eq!(Kind::from_schema_reference("https://example.com/other.json"), None);
    /// ```
    pub fn from_schema_reference(reference: &str) -> Option<Kind> {
        let without_fragment = reference.split(['#', '?']).next().unwrap_or(reference);
        let file = without_fragment.rsplit(['/', '\\']).next().unwrap_or(without_fragment);
        Kind::ALL.into_iter().find(|kind| file == kind.schema_file_name())
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why the kind of a document could not be decided.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DetectError {
    /// `$schema` or `#:schema` names a schema that is not one of followup's.
    #[error("`{reference}` is not one of followup's schemas; pass --kind")]
    UnknownSchema {
        /// What the document names.
        reference: String,
    },
    /// Nothing in the document says what it is.
    #[error(
        "cannot tell what this is; pass --kind (interview, style, profile, plan, draft or manifest)"
    )]
    Unrecognised,
}

/// The schema a TOML document names in taplo's `#:schema` directive, which must come
/// before any key (comments and blank lines may precede it).
///
/// ```
/// let text = "#:schema ../../schemas/interview.schema.json\n# An interview\n[role]\n";
/// assert_eq!(followup_validate::schema_directive(text), Some("../../schemas/interview.schema.json"));
/// ```
pub fn schema_directive(toml_text: &str) -> Option<&str> {
    for line in toml_text.lines() {
        let line = line.trim();
        if let Some(reference) = line.strip_prefix("#:schema") {
            let reference = reference.trim();
            return (!reference.is_empty()).then_some(reference);
        }
        if !(line.is_empty() || line.starts_with('#')) {
            return None;
        }
    }
    None
}

/// The fields a candidate profile may have.
const PROFILE_FIELDS: [&str; 8] =
    ["$schema", "name", "email", "phone", "linkedin", "address", "time_zone", "signature"];

/// Decides what a document is: its `$schema` first, then the `#:schema` directive of a
/// TOML file (`directive`), then its fields.
///
/// Recognised by fields: `manifest_version` is a manifest; `steps` a plan; `step_id` (or
/// a list of objects with one) a draft; `meeting`, or two of `employer`, `role`,
/// `interviewers`, `candidate`, an interview; `timing`, `channels`, `sign_off`, `tone`
/// or `firm` a style; only profile fields a profile.
///
/// # Errors
///
/// Returns [`DetectError::UnknownSchema`] when the document names a schema that is not
/// followup's, and [`DetectError::Unrecognised`] when nothing says what it is.
///
/// ```
/// use followup_validate::{Kind, detect};
/// let plan = serde_json::json!({"steps": [], "skipped": [], "warnings": []});
/// assert_eq!(detect(&plan, None), Ok(Kind::Plan));
/// ```
pub fn detect(value: &Value, directive: Option<&str>) -> Result<Kind, DetectError> {
    let claimed = value.get("$schema").and_then(Value::as_str).or(directive);
    if let Some(reference) = claimed {
        return Kind::from_schema_reference(reference)
            .ok_or_else(|| DetectError::UnknownSchema { reference: reference.to_string() });
    }
    let has = |key: &str| value.get(key).is_some();
    if let Some(items) = value.as_array() {
        let drafts = !items.is_empty() && items.iter().all(|item| item.get("step_id").is_some());
        return if drafts { Ok(Kind::Draft) } else { Err(DetectError::Unrecognised) };
    }
    let Some(object) = value.as_object() else { return Err(DetectError::Unrecognised) };
    if has("manifest_version") {
        return Ok(Kind::Manifest);
    }
    if has("steps") {
        return Ok(Kind::Plan);
    }
    if has("step_id") {
        return Ok(Kind::Draft);
    }
    let interview_keys =
        ["employer", "role", "interviewers", "candidate"].iter().filter(|k| has(k)).count();
    if has("meeting") || interview_keys >= 2 {
        return Ok(Kind::Interview);
    }
    if ["timing", "channels", "sign_off", "tone", "firm"].iter().any(|k| has(k)) {
        return Ok(Kind::Style);
    }
    if !object.is_empty() && object.keys().all(|k| PROFILE_FIELDS.contains(&k.as_str())) {
        return Ok(Kind::Profile);
    }
    Err(DetectError::Unrecognised)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[track_caller]
    fn check(value: Value, expected: Result<Kind, DetectError>) {
        assert_eq!(detect(&value, None), expected, "{value}");
    }

    #[test]
    fn content_decides_when_nothing_is_claimed() {
        check(json!({"meeting": {}, "interviewers": []}), Ok(Kind::Interview));
        check(json!({"employer": {}, "role": {}}), Ok(Kind::Interview));
        check(json!({"steps": []}), Ok(Kind::Plan));
        check(json!({"manifest_version": 1}), Ok(Kind::Manifest));
        check(json!({"step_id": "x"}), Ok(Kind::Draft));
        check(json!([{"step_id": "x"}, {"step_id": "y"}]), Ok(Kind::Draft));
        check(json!({"sign_off": "Thanks"}), Ok(Kind::Style));
        check(json!({"name": "Ana", "phone": "+15125550143"}), Ok(Kind::Profile));
        check(json!({"colour": "blue"}), Err(DetectError::Unrecognised));
        check(json!([1, 2]), Err(DetectError::Unrecognised));
        check(json!("text"), Err(DetectError::Unrecognised));
    }

    #[test]
    fn schema_wins_over_content() {
        check(json!({"$schema": "../schemas/plan.schema.json", "meeting": {}}), Ok(Kind::Plan));
        check(
            json!({"$schema": "other.json"}),
            Err(DetectError::UnknownSchema { reference: "other.json".into() }),
        );
        assert_eq!(
            detect(&json!({"meeting": {}}), Some("../../schemas/style.schema.json")),
            Ok(Kind::Style)
        );
    }

    #[test]
    fn directive_only_before_keys() {
        assert_eq!(schema_directive("# c\n\n#:schema x.json\n"), Some("x.json"));
        assert_eq!(schema_directive("a = 1\n#:schema x.json\n"), None);
        assert_eq!(schema_directive("#:schema\n"), None);
    }
}
