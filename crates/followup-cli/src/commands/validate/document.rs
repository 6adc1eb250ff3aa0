//! One document file: read, parse (syntax errors with line and column), decide its kind,
//! check, and place each problem in the file.

use std::path::Path;

use followup_validate::{
    Checker, Kind, Problem, detect, schema_directive, todo_markers, toml_to_json,
};
use serde_json::Value;

use crate::document::{Format, InputError, Position, SourceFile};

use super::output::FileReport;

/// Checks one file as `kind`, or as what it says or looks like it is.
pub fn check(path: &Path, kind: Option<Kind>, checker: &Checker) -> FileReport {
    let mut report = FileReport::new(path);
    let Some((source, value)) = read(path, &mut report) else { return report };
    let kind = match kind {
        Some(kind) => kind,
        None => {
            let directive = match source.format {
                Format::Toml => schema_directive(&source.text),
                Format::Json => None,
            };
            match detect(&value, directive) {
                Ok(kind) => kind,
                Err(err) => {
                    report.push(path, None, Problem::error("", "kind", err.to_string()));
                    return report;
                }
            }
        }
    };
    report.kind = Some(kind);
    let problems = checker.check(kind, value);
    // What the file itself marks as still to fill in (`followup new` writes these),
    // unless a rule already reports that field.
    if source.format == Format::Toml {
        for todo in todo_markers(&source.text) {
            if problems.iter().any(|p| p.is_error() && p.field == todo.field) {
                continue;
            }
            let message = format!("still to fill in: {}", todo.what);
            let position = Position { line: todo.line, column: 1 };
            report.push(path, Some(position), Problem::warning(todo.field, "todo", message));
        }
    }
    let locator = crate::document::Locator::new(&source);
    for problem in problems {
        let position = locator.locate(&problem.field);
        report.push(path, position, problem);
    }
    report.sort();
    report
}

/// Reads and parses a document, adding to the report why it could not be.
pub fn read(path: &Path, report: &mut FileReport) -> Option<(SourceFile, Value)> {
    let source = match SourceFile::read(path) {
        Ok(source) => source,
        Err(InputError::Read { cause, .. }) => {
            report.unreadable(path, &cause);
            return None;
        }
        Err(_) => {
            let problem = Problem::error("", "file", "unknown file type")
                .with_hint("name it `.toml` or `.json`, or pass a style pack's folder");
            report.push(path, None, problem);
            return None;
        }
    };
    let parsed = match source.format {
        Format::Toml => source.parse::<toml::Table>().map(|t| toml_to_json(toml::Value::Table(t))),
        Format::Json => source.parse::<Value>(),
    };
    match parsed {
        Ok(value) => Some((source, value)),
        Err(InputError::Syntax { problem, .. }) => {
            report.push(path, problem.position, Problem::from_core(problem.problem, "syntax"));
            None
        }
        Err(other) => {
            report.push(path, None, Problem::error("", "syntax", other.to_string()));
            None
        }
    }
}
