//! How reports are printed: one line per problem and a summary per file as text, or a
//! JSON list of `{file, kind, ok, problems}`, written as it goes so that a long JSON
//! Lines check never holds its report in memory.

use std::io::{BufWriter, Stdout, Write};
use std::path::{Path, PathBuf};

use followup_validate::{Kind, Level, Problem};

use crate::args::OutputFormat;
use crate::document::Position;

/// A problem with the file it is in and where.
#[derive(Debug)]
pub struct Located {
    /// The file (a template of a pack, or the file checked).
    pub file: PathBuf,
    /// Where in it, when known.
    pub position: Option<Position>,
    /// What is wrong.
    pub problem: Problem,
}

/// Everything found in one file or pack.
#[derive(Debug)]
pub struct FileReport {
    /// The file or folder as given.
    pub file: PathBuf,
    /// What it was checked as, once known.
    pub kind: Option<Kind>,
    /// Its problems, in file then position order.
    pub problems: Vec<Located>,
    /// Whether it (or a file in the pack) could not be read.
    pub unreadable: bool,
}

impl FileReport {
    pub fn new(file: &Path) -> FileReport {
        FileReport { file: file.to_path_buf(), kind: None, problems: Vec::new(), unreadable: false }
    }

    /// Adds a problem.
    pub fn push(&mut self, file: &Path, position: Option<Position>, problem: Problem) {
        self.problems.push(Located { file: file.to_path_buf(), position, problem });
    }

    /// Records that `file` could not be read.
    pub fn unreadable(&mut self, file: &Path, cause: &std::io::Error) {
        self.unreadable = true;
        let problem = Problem::error("", "unreadable", format!("cannot read the file: {cause}"))
            .with_hint("check the path and the file's permissions");
        self.push(file, None, problem);
    }

    /// Orders the problems: the checked file first, then by file name, then by position
    /// (problems without one, about the whole document, first).
    pub fn sort(&mut self) {
        let main = self.file.clone();
        self.problems.sort_by_key(|p| {
            let position = p.position.map_or((0, 0), |at| (at.line, at.column));
            (p.file != main, p.file.clone(), position)
        });
    }
}

/// What one file came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Valid,
    Invalid,
    Unreadable,
}

/// The outcomes so far.
#[derive(Debug, Default)]
pub struct Tally {
    pub invalid: bool,
    pub unreadable: bool,
}

impl Tally {
    pub fn add(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Valid => {}
            Outcome::Invalid => self.invalid = true,
            Outcome::Unreadable => self.unreadable = true,
        }
    }
}

/// Counts for the summary of a JSON Lines file.
#[derive(Clone, Copy, Debug)]
pub struct Records {
    pub total: usize,
    pub invalid: usize,
}

/// The report writer.
pub struct Output {
    format: OutputFormat,
    out: BufWriter<Stdout>,
    files: usize,
    in_file: usize,
    errors: usize,
    warnings: usize,
}

impl Output {
    pub fn new(format: OutputFormat) -> Output {
        Output {
            format,
            out: BufWriter::with_capacity(64 * 1024, std::io::stdout()),
            files: 0,
            in_file: 0,
            errors: 0,
            warnings: 0,
        }
    }

    pub fn begin(&mut self) -> std::io::Result<()> {
        if self.format == OutputFormat::Json {
            self.out.write_all(b"[")?;
        }
        Ok(())
    }

    pub fn end(&mut self) -> std::io::Result<()> {
        if self.format == OutputFormat::Json {
            self.out.write_all(if self.files == 0 { b"]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()
    }

    /// Prints a whole report.
    pub fn file(&mut self, report: &FileReport) -> std::io::Result<Outcome> {
        self.start_file(&report.file, report.kind)?;
        for problem in &report.problems {
            self.problem(problem)?;
        }
        self.end_file(&report.file, report.unreadable, None)
    }

    /// Starts the report of one file.
    pub fn start_file(&mut self, file: &Path, kind: Option<Kind>) -> std::io::Result<()> {
        self.in_file = 0;
        self.errors = 0;
        self.warnings = 0;
        if self.format == OutputFormat::Json {
            if self.files > 0 {
                self.out.write_all(b",")?;
            }
            let file = serde_json::to_string(&file.display().to_string())?;
            let kind = serde_json::to_string(&kind.map(Kind::name))?;
            write!(self.out, "\n  {{\"file\": {file}, \"kind\": {kind}, \"problems\": [")?;
        }
        self.files += 1;
        Ok(())
    }

    /// Prints one problem of the current file.
    pub fn problem(&mut self, located: &Located) -> std::io::Result<()> {
        let problem = &located.problem;
        match problem.level {
            Level::Error => self.errors += 1,
            Level::Warning => self.warnings += 1,
        }
        match self.format {
            OutputFormat::Text => {
                write!(self.out, "{}", located.file.display())?;
                if let Some(at) = located.position {
                    write!(self.out, ":{at}")?;
                }
                let text = problem.to_string();
                writeln!(self.out, ": {}", crate::output::terminal_safe(&text))?;
            }
            OutputFormat::Json => {
                let object = serde_json::json!({
                    "file": located.file.display().to_string(),
                    "line": located.position.map(|at| at.line),
                    "column": located.position.map(|at| at.column),
                    "field": problem.field,
                    "rule": problem.rule,
                    "message": problem.message,
                    "hint": problem.hint,
                    "level": problem.level,
                });
                let separator = if self.in_file == 0 { "\n    " } else { ",\n    " };
                write!(self.out, "{separator}{object}")?;
            }
        }
        self.in_file += 1;
        Ok(())
    }

    /// Ends the report of one file with its summary; `records` for a JSON Lines file.
    pub fn end_file(
        &mut self,
        file: &Path,
        unreadable: bool,
        records: Option<Records>,
    ) -> std::io::Result<Outcome> {
        let outcome = if unreadable {
            Outcome::Unreadable
        } else if self.errors > 0 {
            Outcome::Invalid
        } else {
            Outcome::Valid
        };
        match self.format {
            OutputFormat::Text => {
                let mut summary = match (outcome, records) {
                    (Outcome::Unreadable, _) => "could not be read".to_string(),
                    (Outcome::Valid, None) => "ok".to_string(),
                    (Outcome::Valid, Some(r)) => format!("ok, {}", count(r.total, "record")),
                    (Outcome::Invalid, None) => count(self.errors, "problem"),
                    (Outcome::Invalid, Some(r)) => format!(
                        "{} of {} invalid, {}",
                        r.invalid,
                        count(r.total, "record"),
                        count(self.errors, "problem")
                    ),
                };
                if self.warnings > 0 && outcome != Outcome::Unreadable {
                    summary.push_str(&format!(", {}", count(self.warnings, "warning")));
                }
                writeln!(self.out, "{}: {summary}", file.display())?;
            }
            OutputFormat::Json => {
                let ok = outcome == Outcome::Valid;
                let closing = if self.in_file == 0 { "]" } else { "\n  ]" };
                write!(self.out, "{closing}, \"ok\": {ok}")?;
                if let Some(r) = records {
                    write!(
                        self.out,
                        ", \"records\": {}, \"invalid_records\": {}",
                        r.total, r.invalid
                    )?;
                }
                self.out.write_all(b"}")?;
            }
        }
        Ok(outcome)
    }
}

fn count(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}
