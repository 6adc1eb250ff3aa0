//! Splitting an mbox file into messages as it is read, line by line, with memory
//! bounded by one header block and a body prefix, however long a line or a body is.
//!
//! A message starts at a line beginning with `From ` (in the mbox formats mail programs
//! write, such a line inside a body is escaped as `>From `). The file may end in the
//! middle of a message (a truncated mbox): what was read of it is parsed like any other
//! message, and skipped if its header block is incomplete.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use crate::mailbox::{BODY_PREFIX, HEADER_LIMIT};
use crate::message::{self, Message, Skipped};

/// Reads every message of the mbox `file`.
pub(crate) fn read(
    file: impl Read,
    path: &Path,
    mut each: impl FnMut(Result<Message, Skipped>),
) -> std::io::Result<()> {
    let mut reader = BufReader::with_capacity(64 << 10, file);
    let mut line = Vec::with_capacity(1024);
    // The message being read: its number, first line, bytes kept, whether its header
    // block is complete, and whether it outgrew the header limit.
    let mut current: Option<Current> = None;
    let mut number = 0usize;
    let mut line_number = 0usize;
    loop {
        line.clear();
        let (read, complete) = read_line(&mut reader, &mut line, HEADER_LIMIT + 1)?;
        if read == 0 {
            break;
        }
        line_number += 1;
        if line.starts_with(b"From ") && complete {
            if let Some(done) = current.take() {
                each(done.finish(path));
            }
            number += 1;
            current = Some(Current::new(number, line_number));
            continue;
        }
        let Some(message) = current.as_mut() else {
            // Text before the first `From ` line: not an mbox after all, or damaged.
            number += 1;
            let mut started = Current::new(number, line_number);
            started.push(&line, complete);
            current = Some(started);
            continue;
        };
        message.push(&line, complete);
    }
    if let Some(done) = current.take() {
        each(done.finish(path));
    }
    Ok(())
}

struct Current {
    number: usize,
    line: usize,
    data: Vec<u8>,
    in_body: bool,
    body_kept: usize,
    too_long: bool,
}

impl Current {
    fn new(number: usize, line: usize) -> Current {
        Current { number, line, data: Vec::new(), in_body: false, body_kept: 0, too_long: false }
    }

    fn push(&mut self, line: &[u8], complete: bool) {
        if self.too_long {
            return;
        }
        if !self.in_body {
            if self.data.len() + line.len() > HEADER_LIMIT {
                self.too_long = true;
                self.data = Vec::new();
                return;
            }
            self.data.extend_from_slice(line);
            if complete && (line == b"\n" || line == b"\r\n") {
                self.in_body = true;
            }
            return;
        }
        let room = BODY_PREFIX.saturating_sub(self.body_kept);
        let kept = room.min(line.len());
        self.data.extend_from_slice(&line[..kept]);
        self.body_kept += kept;
    }

    fn finish(self, path: &Path) -> Result<Message, Skipped> {
        let location = format!("{}, message {} (line {})", path.display(), self.number, self.line);
        if self.too_long {
            return Err(Skipped {
                location,
                problem: format!("its header block is longer than {} KiB", HEADER_LIMIT >> 10),
            });
        }
        message::parse(&self.data, &location)
    }
}

/// Appends one line (with its `\n`) to `line`, keeping at most `limit` bytes of it and
/// consuming the rest. Returns how many bytes the line had and whether it ended in a
/// newline or the end of the file (`false`: it was cut at `limit`).
fn read_line(
    reader: &mut impl BufRead,
    line: &mut Vec<u8>,
    limit: usize,
) -> std::io::Result<(usize, bool)> {
    let mut total = 0;
    let mut kept_whole = true;
    loop {
        let buf = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok((total, kept_whole));
        }
        let (take, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(at) => (at + 1, true),
            None => (buf.len(), false),
        };
        let room = limit.saturating_sub(line.len());
        if take > room {
            kept_whole = false;
        }
        line.extend_from_slice(&buf[..take.min(room)]);
        reader.consume(take);
        total += take;
        if done {
            return Ok((total, kept_whole));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_longer_than_the_limit_is_consumed_but_not_kept() {
        let data = format!("{}\nnext\n", "x".repeat(100));
        let mut reader = BufReader::with_capacity(16, data.as_bytes());
        let mut line = Vec::new();
        assert_eq!(read_line(&mut reader, &mut line, 10).expect("reads"), (101, false));
        assert_eq!(line.len(), 10);
        line.clear();
        assert_eq!(read_line(&mut reader, &mut line, 10).expect("reads"), (5, true));
        assert_eq!(line, b"next\n");
    }
}
