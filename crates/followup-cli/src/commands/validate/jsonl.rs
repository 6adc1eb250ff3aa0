//! `--jsonl`: a JSON Lines file of interviews, checked and reported record by record as
//! it is read.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use followup_validate::jsonl::{JsonLines, RecordReport};
use followup_validate::{Checker, Kind, Problem};

use crate::document::{Format, Position, SourceFile};

use super::output::{Located, Outcome, Output, Records};

/// Checks one JSON Lines file, printing each bad record's problems as it is found.
pub fn check(path: &Path, checker: &Checker, output: &mut Output) -> std::io::Result<Outcome> {
    output.start_file(path, Some(Kind::Interview))?;
    let file = match File::open(path) {
        Ok(file) => file,
        Err(cause) => return unreadable(path, &cause, output),
    };
    let mut records = JsonLines::new(checker, BufReader::with_capacity(256 * 1024, file));
    for report in records.by_ref() {
        let report = match report {
            Ok(report) => report,
            Err(cause) => return unreadable(path, &cause, output),
        };
        print_record(path, report, output)?;
    }
    let records = Records { total: records.records(), invalid: records.invalid() };
    output.end_file(path, false, Some(records))
}

fn print_record(path: &Path, report: RecordReport, output: &mut Output) -> std::io::Result<()> {
    // The record alone, as a one-line JSON document, gives each field's column.
    let line = SourceFile { path: path.to_path_buf(), text: report.text, format: Format::Json };
    let locator = crate::document::Locator::new(&line);
    let mut located: Vec<Located> = report
        .problems
        .into_iter()
        .map(|problem| {
            let column = match report.syntax_column {
                Some(column) => Some(column),
                None => locator.locate(&problem.field).map(|at| at.column),
            };
            let position = Some(Position { line: report.line, column: column.unwrap_or(1) });
            Located { file: path.to_path_buf(), position, problem }
        })
        .collect();
    located.sort_by_key(|l| l.position.map(|at| at.column));
    for problem in &located {
        output.problem(problem)?;
    }
    Ok(())
}

fn unreadable(
    path: &Path,
    cause: &std::io::Error,
    output: &mut Output,
) -> std::io::Result<Outcome> {
    let problem = Problem::error("", "unreadable", format!("cannot read the file: {cause}"))
        .with_hint("check the path and the file's permissions");
    output.problem(&Located { file: path.to_path_buf(), position: None, problem })?;
    output.end_file(path, true, None)
}
