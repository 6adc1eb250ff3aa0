//! JSON Lines of interviews, checked record by record as they are read.
//!
//! [`JsonLines`] reads one line at a time into a buffer it reuses and yields a report
//! for each record that has problems; valid records leave nothing behind. Memory stays
//! flat however long the input is, as long as the caller does not keep the reports
//! (the CLI prints each one and drops it): a line longer than [`MAX_LINE_BYTES`] is
//! reported as a problem without being kept, and the reading goes on at the next line.
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

use std::io::{self, BufRead, Read};

use crate::checker::Checker;
use crate::kind::Kind;
use crate::problem::Problem;

/// The longest line read as a record; an interview is a few kilobytes.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;

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
            let limit = u64::try_from(MAX_LINE_BYTES).unwrap_or(u64::MAX);
            match (&mut self.reader).take(limit + 1).read_until(b'\n', &mut self.buffer) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(err) => return Some(Err(err)),
            }
            self.line += 1;
            if self.buffer.len() > MAX_LINE_BYTES && self.buffer.last() != Some(&b'\n') {
                if let Err(err) = skip_line(&mut self.reader) {
                    return Some(Err(err));
                }
                self.records += 1;
                self.invalid += 1;
                let problem = Problem::error(
                    "",
                    "syntax",
                    format!("this line is longer than {} MiB", MAX_LINE_BYTES / 1024 / 1024),
                )
                .with_hint("write one interview per line, as a JSON object; an interview is a few kilobytes");
                let text = String::from_utf8_lossy(&self.buffer[..80]).into_owned();
                self.buffer = Vec::new();
                return Some(Ok(RecordReport {
                    line: self.line,
                    text,
                    syntax_column: Some(1),
                    problems: vec![problem],
                }));
            }
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

/// Reads past the rest of the current line without keeping it.
fn skip_line<R: BufRead>(reader: &mut R) -> io::Result<()> {
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if available.is_empty() {
            return Ok(());
        }
        match available.iter().position(|b| *b == b'\n') {
            Some(at) => {
                reader.consume(at + 1);
                return Ok(());
            }
            None => {
                let all = available.len();
                reader.consume(all);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 14: one 500 MB line that is not JSON took 8.7 GB.
    #[test]
    fn a_line_over_the_limit_is_one_problem_and_reading_goes_on() {
        let checker = Checker::new(&followup_core::schema::all(&[]), Vec::new())
            .expect("the bundled schemas compile");
        let good = followup_core::examples::interview_example().to_string();
        let long = "x".repeat(3 * MAX_LINE_BYTES);
        let input = format!("{long}\n{{\"role\": 1}}\n{good}\n");
        let mut records =
            JsonLines::new(&checker, io::BufReader::with_capacity(4096, input.as_bytes()));
        let reports: Vec<RecordReport> =
            records.by_ref().collect::<Result<_, _>>().expect("reading from memory");
        assert_eq!(reports.iter().map(|r| r.line).collect::<Vec<_>>(), [1, 2]);
        assert!(reports[0].problems[0].message.contains("longer than 1 MiB"), "{reports:?}");
        assert_eq!(reports[0].text.len(), 80, "only the line's start is kept");
        assert_eq!((records.records(), records.invalid()), (3, 2));
        assert!(records.buffer.capacity() <= 2 * MAX_LINE_BYTES, "the buffer stays bounded");
    }
}
