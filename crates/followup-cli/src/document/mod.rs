//! Reading input documents (TOML or JSON) with errors that point into the file.
//!
//! Every error names the file; syntax and type errors carry the line and column and the
//! field path; an unknown field comes with the closest known name. Problems found after
//! parsing (by core's validation) are given a line and column by [`SourceFile::locate`].
//! Only regular files of bounded size are read ([`input_file`]).

mod index;
pub mod input_file;

pub use index::Locator;

use std::fmt;
use std::path::{Path, PathBuf};

use followup_core::problem::Problem;
use serde::de::DeserializeOwned;

/// The format of an input file, decided by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `.toml`
    Toml,
    /// `.json`
    Json,
}

/// A position in a file, both 1-based; the column counts characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// An input file read into memory.
#[derive(Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    pub format: Format,
}

/// Why an input file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The file could not be read at all.
    #[error("{path}: cannot read the file: {cause}")]
    Read { path: PathBuf, cause: std::io::Error },
    /// The extension says neither TOML nor JSON.
    #[error("{path}: unknown file type; name it `.toml` or `.json`")]
    UnknownFormat { path: PathBuf },
    /// The text is not well-formed, or a field has the wrong type or an unknown name
    /// (the problem's field is empty when the text itself is at fault).
    #[error("{}", problem_line(path, problem))]
    Syntax { path: PathBuf, problem: LocatedProblem },
    /// The document parsed but breaks rules that need the whole document.
    #[error("{}", invalid_lines(path, problems))]
    Invalid { path: PathBuf, problems: Vec<LocatedProblem> },
}

/// One of core's problems with its place in the file.
#[derive(Debug)]
pub struct LocatedProblem {
    pub position: Option<Position>,
    pub problem: Problem,
}

/// `file:line:column: field: message`, then the hint on a line of its own.
fn problem_line(path: &Path, located: &LocatedProblem) -> String {
    let problem = &located.problem;
    let mut out = path.display().to_string();
    if let Some(position) = located.position {
        out.push_str(&format!(":{position}"));
    }
    out.push_str(": ");
    if !problem.field.is_empty() {
        out.push_str(&format!("{}: ", problem.field));
    }
    out.push_str(&problem.message);
    if let Some(hint) = &problem.hint {
        out.push_str(&format!("\n  hint: {hint}"));
    }
    out
}

fn invalid_lines(path: &Path, problems: &[LocatedProblem]) -> String {
    let mut out = format!(
        "{}: {} problem{} found",
        path.display(),
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
    for problem in problems {
        out.push('\n');
        out.push_str(&problem_line(path, problem));
    }
    out
}

impl InputError {
    /// Core's problems in the file at `path`, each located in `source` when it could be
    /// read.
    pub fn invalid(
        path: PathBuf,
        source: Option<&SourceFile>,
        problems: Vec<Problem>,
    ) -> InputError {
        // One index for all problems: a file with thousands stays linear.
        let locator = source.map(Locator::new);
        let problems = problems
            .into_iter()
            .map(|problem| LocatedProblem {
                position: locator.as_ref().and_then(|l| l.locate(&problem.field)),
                problem,
            })
            .collect();
        InputError::Invalid { path, problems }
    }
}

impl SourceFile {
    /// Reads a file, deciding its format by extension.
    pub fn read(path: &Path) -> Result<SourceFile, InputError> {
        let format = match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase) {
            Some(ext) if ext == "toml" => Format::Toml,
            Some(ext) if ext == "json" => Format::Json,
            _ => return Err(InputError::UnknownFormat { path: path.to_path_buf() }),
        };
        let text = input_file::read_to_string(path)
            .map_err(|cause| InputError::Read { path: path.to_path_buf(), cause })?;
        Ok(SourceFile { path: path.to_path_buf(), text, format })
    }

    /// Deserialises the whole document.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, InputError> {
        // Most documents are valid: read them plainly, and only when that fails read
        // again tracking the field path, which costs a third more and is wanted only
        // for the error. Both reads see the same text, so they fail alike.
        let plain = match self.format {
            Format::Toml => toml::from_str(&self.text).ok(),
            Format::Json => serde_json::from_str(&self.text).ok(),
        };
        match plain {
            Some(value) => Ok(value),
            None => self.parse_tracking_fields(),
        }
    }

    /// Deserialises the document, naming the field of an error.
    fn parse_tracking_fields<T: DeserializeOwned>(&self) -> Result<T, InputError> {
        match self.format {
            Format::Toml => {
                let deserializer = toml::Deserializer::parse(&self.text)
                    .map_err(|err| self.toml_error(None, &err))?;
                serde_path_to_error::deserialize(deserializer).map_err(|err| {
                    let field = field_path(err.path());
                    self.toml_error(field, err.inner())
                })
            }
            Format::Json => {
                let mut deserializer = serde_json::Deserializer::from_str(&self.text);
                let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|err| {
                    let inner = err.inner();
                    // A syntax error has no meaningful field; the position says it all.
                    let field = match inner.classify() {
                        serde_json::error::Category::Data => field_path(err.path()),
                        _ => None,
                    };
                    let position = (inner.line() > 0)
                        .then(|| Position { line: inner.line(), column: inner.column() });
                    let message = strip_json_position(&inner.to_string());
                    self.syntax(position, field, message)
                })?;
                deserializer.end().map_err(|err| {
                    self.syntax(
                        Some(Position { line: err.line(), column: err.column() }),
                        None,
                        strip_json_position(&err.to_string()),
                    )
                })?;
                Ok(value)
            }
        }
    }

    fn toml_error(&self, field: Option<String>, err: &toml::de::Error) -> InputError {
        let position = err.span().map(|span| self.position_of(span.start));
        self.syntax(position, field, err.message().trim().to_string())
    }

    fn syntax(
        &self,
        position: Option<Position>,
        field: Option<String>,
        message: String,
    ) -> InputError {
        let hint = unknown_field_hint(&message);
        let mut problem = Problem::new(field.unwrap_or_default(), message);
        problem.hint = hint;
        InputError::Syntax {
            path: self.path.clone(),
            problem: LocatedProblem { position, problem },
        }
    }

    /// The line and column of a byte offset.
    pub fn position_of(&self, offset: usize) -> Position {
        let before = &self.text[..offset.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Position { line, column }
    }

    /// Where the field at `path` (`interviewers[1].phone`) is written, if it is; else
    /// where its nearest written parent is. To place many fields, build one
    /// [`Locator`] and ask it each.
    pub fn locate(&self, path: &str) -> Option<Position> {
        Locator::new(self).locate(path)
    }
}

/// One step of a field path.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// Splits `a.b[2].c` into segments.
pub fn parse_field_path(path: &str) -> Vec<Segment> {
    let mut segments = Vec::new();
    for part in path.split('.') {
        let mut rest = part;
        if let Some(open) = rest.find('[') {
            let key = &rest[..open];
            if !key.is_empty() {
                segments.push(Segment::Key(key.to_string()));
            }
            rest = &rest[open..];
            while let Some(stripped) = rest.strip_prefix('[') {
                let Some(close) = stripped.find(']') else { break };
                if let Ok(index) = stripped[..close].parse() {
                    segments.push(Segment::Index(index));
                }
                rest = &stripped[close + 1..];
            }
        } else if !rest.is_empty() {
            segments.push(Segment::Key(rest.to_string()));
        }
    }
    segments
}

fn field_path(path: &serde_path_to_error::Path) -> Option<String> {
    let text = path.to_string();
    (text != ".").then_some(text)
}

/// serde_json appends " at line X column Y"; the position is reported separately.
fn strip_json_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    }
}

/// For "unknown field `x`, expected one of `a`, `b`", the closest known name.
fn unknown_field_hint(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (unknown, rest) = rest.split_once('`')?;
    let expected = rest.split('`').skip(1).step_by(2);
    Some(match followup_validate::closest(unknown, expected) {
        Some(name) => format!("did you mean `{name}`?"),
        None => format!("remove `{unknown}`; the fields allowed here are listed above"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_paths_split_into_keys_and_indexes() {
        assert_eq!(
            parse_field_path("interviewers[1].phone"),
            vec![
                Segment::Key("interviewers".into()),
                Segment::Index(1),
                Segment::Key("phone".into())
            ]
        );
    }

    #[test]
    fn unknown_field_suggests_closest_name() {
        let hint = unknown_field_hint(
            "unknown field `interviewrs`, expected one of `candidate`, `interviewers`",
        );
        assert_eq!(hint.as_deref(), Some("did you mean `interviewers`?"));
    }
}

#[cfg(test)]
mod no_panic {
    //! Whatever a user writes, reading and validating it never panics.

    use followup_core::interview::Interview;
    use proptest::prelude::*;

    use super::*;

    fn source(text: String, format: Format) -> SourceFile {
        SourceFile { path: PathBuf::from("input"), text, format }
    }

    /// A valid TOML interview with holes the generator fills.
    fn template(zone: &str, start: &str, minutes: &str, phone: &str, name: &str) -> String {
        format!(
            "[candidate]\nname = {name:?}\n[employer]\ncompany = \"C\"\n[role]\ntitle = \"T\"\nkind = \"shift\"\n\
             [meeting]\nstart = {start:?}\nduration_minutes = {minutes}\ntime_zone = {zone:?}\n\
             [[interviewers]]\nname = {name:?}\nphone = {phone:?}\n[next_steps]\ndecision_date = \"9999-12-31\"\n"
        )
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics(text in ".{0,400}") {
            for format in [Format::Toml, Format::Json] {
                let file = source(text.clone(), format);
                if let Ok(interview) = file.parse::<Interview>() {
                    let _ = followup_core::validate::validate(interview);
                }
                let _ = file.locate("interviewers[3].name");
            }
        }

        #[test]
        fn odd_values_never_panic(
            zone in prop::sample::select(vec!["", "UTC", "America/Chicago", "../../etc/passwd", "Ame\u{0}rica", "Etc/GMT+14"]),
            start in prop::sample::select(vec![
                "-009999-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-03-08T02:30:00[America/Chicago]",
                "2026-11-01T01:30:00-05:00", "0000-01-01T00:00:00+00:00", "2026-02-30T10:00:00Z",
            ]),
            minutes in prop::sample::select(vec!["0", "1", "4294967295", "720", "721"]),
            phone in "\\PC{0,20}",
            name in "\\PC{0,40}",
        ) {
            let file = source(template(zone, start, minutes, &phone, &name), Format::Toml);
            if let Ok(interview) = file.parse::<Interview>()
                && let Ok(valid) = followup_core::validate::validate(interview)
            {
                let calendar = followup_core::calendar::BusinessCalendar::default();
                let policy = followup_core::rules::TimingPolicy::default();
                let _ = followup_core::rules::plan(&valid, &[], &calendar, &policy);
            }
        }
    }
}
