//! JSON Lines of interviews, checked record by record as they are read.
//!
//! [`JsonLines`] reads one line at a time into a buffer it reuses and yields a report
//! for each record that has problems; valid records leave nothing behind. Memory stays
//! flat however long the input is, as long as the caller does not keep the reports
//! (the CLI prints each one and drops it).
//!
//! ```
//! use followup_validate::Checker;
//! use followup_validate::jsonl::JsonLines;
//!
//! let checker = Checker::new(&followup_core::schema::all(&[]), Vec::new())?;
//! let good = followup_core::examples::interview_example().to_string();
//! let input = format!("{good}\n{{\"role\": 1}}\n\n{good}\n");
//! let mut records = JsonLines::new(&checker, input.as_bytes());
//! let bad: Vec<usize> = records.by_ref().map(|r| r.map(|r| r.line)).collect::<Result<_, _>>()?;
//! assert_eq!(bad, [2]);
//! assert_eq!((records.records(), records.invalid()), (3, 1));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::io::{self, BufRead};

use crate::checker::Checker;
use crate::kind::Kind;
use crate::problem::Problem;

/// One record with problems.
#[derive(Clone, Debug)]
pub struct RecordReport {
    /// Its line number, from 1.
    pub line: usize,
    /// The line's text (invalid UTF-8 replaced), for placing problems on it.
    pub text: String,
    /// For a line that is not JSON, the column where reading stopped.
    pub syntax_column: Option<usize>,
    /// Its problems.
    pub problems: Vec<Problem>,
}

impl RecordReport {
    /// Whether any problem is an error.
    pub fn is_invalid(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
    }
}

/// Checks JSON Lines of interviews from a reader; an iterator over the records with
/// problems. Blank lines are skipped.
#[derive(Debug)]
pub struct JsonLines<'c, R> {
    checker: &'c Checker,
    reader: R,
    buffer: Vec<u8>,
    line: usize,
    records: usize,
    invalid: usize,
}

impl<'c, R: BufRead> JsonLines<'c, R> {
    /// Starts reading.
    pub fn new(checker: &'c Checker, reader: R) -> JsonLines<'c, R> {
        JsonLines { checker, reader, buffer: Vec::new(), line: 0, records: 0, invalid: 0 }
    }

    /// Records read so far (blank lines are not records).
    pub fn records(&self) -> usize {
        self.records
    }

    /// Records with at least one error so far.
    pub fn invalid(&self) -> usize {
        self.invalid
    }

    fn check_line(&self, bytes: &[u8]) -> RecordReport {
        match serde_json::from_slice(bytes) {
            Ok(value) => RecordReport {
                line: self.line,
                text: String::new(),
                syntax_column: None,
                problems: self.checker.check(Kind::Interview, value),
            },
            Err(err) => {
                let message = err.to_string();
                let message =
                    message.rfind(" at line ").map_or(message.as_str(), |at| &message[..at]);
                RecordReport {
                    line: self.line,
                    text: String::new(),
                    syntax_column: Some(err.column().max(1)),
                    problems: vec![
                        Problem::error("", "syntax", format!("this line is not JSON: {message}"))
                            .with_hint("write one interview per line, as a JSON object"),
                    ],
                }
            }
        }
    }
}

impl<R: BufRead> Iterator for JsonLines<'_, R> {
    type Item = io::Result<RecordReport>;

    fn next(&mut self) -> Option<io::Result<RecordReport>> {
        loop {
            self.buffer.clear();
            match self.reader.read_until(b'\n', &mut self.buffer) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(err) => return Some(Err(err)),
            }
            self.line += 1;
            let mut bytes = self.buffer.as_slice();
            if self.line == 1 {
                bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            self.records += 1;
            let mut report = self.check_line(bytes);
            if report.problems.is_empty() {
                continue;
            }
            if report.is_invalid() {
                self.invalid += 1;
            }
            report.text = String::from_utf8_lossy(bytes).trim_end().to_string();
            return Some(Ok(report));
        }
    }
}
