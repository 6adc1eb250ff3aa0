//! One document through the whole pipeline: schema, typed reading, semantic checks,
//! merged problems.

use followup_core::draft::Draft;
use followup_core::interview::{CandidateDetails, Interview};
use followup_core::manifest::ChannelManifest;
use followup_core::plan::Plan;
use followup_core::schema::PublishedSchema;
use followup_core::style::Style;
use followup_core::validate::ValidInterview;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::field_path::{Step, join, steps};
use crate::kind::Kind;
use crate::problem::Problem;
use crate::schema_check::{Repair, SchemaError, SchemaSet};
use crate::semantic::{self, RULE};

/// Checks documents of every kind; build it once and reuse it (it holds the compiled
/// schemas).
#[derive(Debug)]
pub struct Checker {
    schemas: SchemaSet,
    channels: Vec<ChannelManifest>,
    profile: CandidateDetails,
}

/// The problems of one document and, when it could be read into its type, the value.
#[derive(Debug)]
pub struct Checked<T> {
    /// Every problem, schema and semantic, merged.
    pub problems: Vec<Problem>,
    /// The document as core's type, when it could be read (even with warnings, or with
    /// errors the rules could look past).
    pub value: Option<T>,
}

impl<T> Checked<T> {
    /// Whether no problem is an error.
    pub fn is_valid(&self) -> bool {
        !self.problems.iter().any(Problem::is_error)
    }
}

impl Checker {
    /// Compiles the published schemas; `channels` are the installed channels' manifests
    /// (a style's channels are checked against them).
    ///
    /// # Errors
    ///
    /// Returns the schema that does not compile.
    pub fn new(
        published: &[PublishedSchema],
        channels: Vec<ChannelManifest>,
    ) -> Result<Checker, SchemaError> {
        Ok(Checker {
            schemas: SchemaSet::new(published)?,
            channels,
            profile: CandidateDetails::default(),
        })
    }

    /// This checker, merging `profile` into every interview before core's rules run (as
    /// `followup plan` does), so that a name given only in the profile is no problem.
    #[must_use]
    pub fn with_profile(mut self, profile: CandidateDetails) -> Checker {
        self.profile = profile;
        self
    }

    /// The compiled schemas.
    pub fn schemas(&self) -> &SchemaSet {
        &self.schemas
    }

    /// The installed channels' manifests.
    pub fn channels(&self) -> &[ChannelManifest] {
        &self.channels
    }

    /// Every problem of a document of `kind`.
    pub fn check(&self, kind: Kind, value: Value) -> Vec<Problem> {
        match kind {
            Kind::Interview => self.interview(value).problems,
            Kind::Style => self.style(value).problems,
            Kind::Profile => {
                self.run(kind, value, |details| (semantic::profile(details), Some(()))).problems
            }
            Kind::Plan => {
                self.run(kind, value, |plan: Plan| (semantic::plan(&plan), Some(()))).problems
            }
            Kind::Manifest => {
                self.run(kind, value, |m: ChannelManifest| (semantic::manifest(&m), Some(())))
                    .problems
            }
            Kind::Draft if value.is_array() => {
                self.run(kind, value, |_: Vec<Draft>| (Vec::new(), Some(()))).problems
            }
            Kind::Draft => self.run(kind, value, |_: Draft| (Vec::new(), Some(()))).problems,
        }
    }

    /// An interview's problems and, when it is valid, the interview with its times
    /// resolved (the profile merged in).
    pub fn interview(&self, value: Value) -> Checked<ValidInterview> {
        self.run(Kind::Interview, value, |interview: Interview| {
            match semantic::interview(interview, &self.profile) {
                Ok(valid) => (semantic::warnings(&valid), Some(valid)),
                Err(problems) => (problems, None),
            }
        })
    }

    /// A style's problems and the style, when it could be read.
    pub fn style(&self, value: Value) -> Checked<Style> {
        self.run(Kind::Style, value, |style: Style| {
            (semantic::style(&style, &self.channels), Some(style))
        })
    }

    /// Schema, typed reading, semantic checks, merge.
    fn run<T: DeserializeOwned, R>(
        &self,
        kind: Kind,
        value: Value,
        semantic: impl FnOnce(T) -> (Vec<Problem>, Option<R>),
    ) -> Checked<R> {
        let (schema_problems, repairs) = self.schemas.check_repairable(kind, &value);
        if schema_problems.is_empty() {
            return match read::<T>(value) {
                Ok(typed) => {
                    let (problems, value) = semantic(typed);
                    Checked { problems, value }
                }
                Err((field, message)) => {
                    Checked { problems: vec![Problem::error(field, RULE, message)], value: None }
                }
            };
        }
        let (typed, set_aside) = read_past::<T>(value, &schema_problems, &repairs);
        let Some(typed) = typed else { return Checked { problems: schema_problems, value: None } };
        let (semantic_problems, value) = semantic(typed);
        // What the rules say about a field that was set aside, its parent, or the field
        // it was probably meant to be, follows from a problem already reported.
        let (within, parents) = consequences(&set_aside, &schema_problems);
        let semantic_problems = semantic_problems
            .into_iter()
            .filter(|p| !within.iter().any(|c| p.field == *c || is_within(&p.field, c)))
            .filter(|p| !parents.contains(&p.field))
            .collect();
        Checked { problems: merge(schema_problems, semantic_problems), value }
    }
}

/// Whether `field` is inside `parent` (`a.b` or `a[1]` inside `a`).
fn is_within(field: &str, parent: &str) -> bool {
    field.strip_prefix(parent).is_some_and(|rest| rest.starts_with(['.', '[']))
}

/// The fields set aside with the known names suggested for them (whatever the rules
/// say within those follows from a problem already reported), and their parents (what
/// the rules say about the parent itself, such as "the interview has no end", too).
fn consequences(set_aside: &[String], reported: &[Problem]) -> (Vec<String>, Vec<String>) {
    let mut within = Vec::new();
    let mut parents = Vec::new();
    for field in set_aside {
        within.push(field.clone());
        let parent = field.rfind(['.', '[']).map_or("", |at| &field[..at]);
        // The whole document is nobody's consequence.
        if !parent.is_empty() {
            parents.push(parent.to_string());
        }
        let suggested = reported
            .iter()
            .filter(|p| p.field == *field)
            .filter_map(|p| p.hint.as_deref()?.strip_prefix("did you mean `")?.split('`').next());
        for name in suggested {
            within.push(join(parent, name));
        }
    }
    (within, parents)
}

/// Reads a value into its type; the error is the field path and what is wrong.
fn read<T: DeserializeOwned>(value: Value) -> Result<T, (String, String)> {
    serde_path_to_error::deserialize(value).map_err(|err| {
        let path = err.path().to_string();
        let field = if path == "." { String::new() } else { path };
        (field, err.into_inner().to_string())
    })
}

/// Reads a value the schema found problems in, so that the rules can still check the
/// rest: each field serde refuses that the schema already reported is set aside (an
/// unknown field is removed; a missing or wrong one gets the value the schema offers,
/// its example or first allowed value). Returns the value, when that was enough, and
/// the fields set aside.
fn read_past<T: DeserializeOwned>(
    value: Value,
    reported: &[Problem],
    repairs: &[Repair],
) -> (Option<T>, Vec<String>) {
    let mut value = value;
    let mut set_aside: Vec<String> = Vec::new();
    // Each round sets a field aside, at most twice (removed, then given a stand-in).
    for _ in 0..=2 * (reported.len() + 1) {
        let (field, message) = match read::<T>(value.clone()) {
            Ok(typed) => return (Some(typed), set_aside),
            Err(err) => err,
        };
        let missing = message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.split('`').next())
            .map(|name| join(&field, name));
        let field = missing.unwrap_or(field);
        let known =
            message.starts_with("unknown field") || reported.iter().any(|p| p.field == field);
        let repair = repairs.iter().find(|r| r.field == field);
        let done = match repair {
            Some(repair) if known => set(&mut value, &field, Some(repair.value.clone())),
            _ if known && !field.is_empty() => set(&mut value, &field, None),
            _ => false,
        };
        if !done {
            break;
        }
        set_aside.push(field);
    }
    (None, set_aside)
}

/// Sets the object member at `field` to `new`, or removes it; false when `field` is
/// not an object member.
fn set(value: &mut Value, field: &str, new: Option<Value>) -> bool {
    let path = steps(field);
    let Some((Step::Key(last), parents)) = path.split_last() else { return false };
    let mut current = value;
    for step in parents {
        let next = match step {
            Step::Key(key) => current.get_mut(*key),
            Step::Index(index) => current.get_mut(*index),
        };
        let Some(next) = next else { return false };
        current = next;
    }
    let Some(object) = current.as_object_mut() else { return false };
    match new {
        Some(new) => {
            object.insert((*last).to_string(), new);
            true
        }
        None => object.remove(*last).is_some(),
    }
}

/// Schema problems, then the semantic ones; when both report the same field, the more
/// helpful one stays: the semantic one when it has a hint or the schema's has none.
fn merge(schema: Vec<Problem>, semantic: Vec<Problem>) -> Vec<Problem> {
    let mut merged = schema;
    for problem in semantic {
        match merged.iter().position(|p| p.field == problem.field) {
            Some(at) if problem.hint.is_some() || merged[at].hint.is_none() => {
                merged[at] = problem;
            }
            Some(_) => {}
            None => merged.push(problem),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn checker() -> Checker {
        Checker::new(&followup_core::schema::all(&[]), Vec::new()).expect("schemas compile")
    }

    #[test]
    fn rules_still_run_past_unknown_fields() {
        let mut value = followup_core::examples::interview_example();
        value["meeting"]["duraton"] = json!(3);
        value["candidate"]["time_zone"] = json!("America/Chicgo");
        value["employer"]["culture"] = json!("weird");
        let problems = checker().check(Kind::Interview, value);
        let fields: Vec<(&str, &str)> =
            problems.iter().map(|p| (p.field.as_str(), p.rule.as_str())).collect();
        assert_eq!(
            fields,
            [
                ("employer.culture", "enum"),
                ("meeting.duraton", "additionalProperties"),
                ("candidate.time_zone", "rule")
            ]
        );
    }

    #[test]
    fn a_value_the_schema_allows_but_the_type_refuses_is_reported() {
        let mut value = followup_core::examples::interview_example();
        value["meeting"]["start"] = json!("2026-11-24T14:00:00");
        let problems = checker().check(Kind::Interview, value);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].field, "meeting.start");
    }

    #[test]
    fn the_same_field_is_reported_once() {
        let merged = merge(
            vec![Problem::error("a", "additionalProperties", "unknown").with_hint("x")],
            vec![
                Problem::warning("a", RULE, "not installed").with_hint("y"),
                Problem::error("b", RULE, "z"),
            ],
        );
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].message, "not installed");
    }
}
