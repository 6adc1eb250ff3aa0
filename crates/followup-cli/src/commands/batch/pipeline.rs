//! The batch machinery: records read from a stream, processed on several threads, and
//! written out in input order, with memory bounded however long the stream is.
//!
//! The reading thread cuts the stream into chunks of lines. Each chunk goes to the
//! workers through a bounded queue, and the chunk's reply channel goes, in input order,
//! through a second bounded queue to the writing thread, which waits for each reply in
//! turn. So at most a fixed number of chunks are in flight (read, being processed, or
//! processed and waiting for an earlier one), and the output keeps the input's order
//! whichever worker finishes first. Standard threads and channels are enough for this;
//! no crate is needed.

use std::io::{BufRead, Write};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::time::Instant;

use anyhow::{Context, anyhow};

use super::progress::Progress;
use crate::settings::BatchOptions;

/// Lines per chunk: enough to make the queues' cost vanish, few enough to keep the
/// workers busy and the progress bar moving on a small input.
const CHUNK_LINES: usize = 64;

/// Chunks in flight per worker.
const CHUNKS_PER_JOB: usize = 4;

/// How one record ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Done.
    Ok,
    /// The record is not a valid interview (exit 3).
    Invalid,
    /// The record is valid but its work failed: a plugin could not draft, a draft failed
    /// a check, a file exists (exit 1).
    Failed,
}

/// What a batch command does with one record; called from several threads at once.
pub trait Work: Sync {
    /// Processes the record on line `line` (1-based), whose text is `bytes`, and appends
    /// exactly one JSON line for it to `out`.
    fn record(&self, line: usize, bytes: &[u8], out: &mut Vec<u8>) -> Status;
}

/// The count of records by how they ended.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub records: usize,
    pub invalid: usize,
    pub failed: usize,
}

impl Tally {
    pub(super) fn add(&mut self, status: Status) {
        self.records += 1;
        match status {
            Status::Ok => {}
            Status::Invalid => self.invalid += 1,
            Status::Failed => self.failed += 1,
        }
    }

    fn merge(&mut self, other: Tally) {
        self.records += other.records;
        self.invalid += other.invalid;
        self.failed += other.failed;
    }
}

/// A chunk of lines on its way to a worker: each line's number and text, and where the
/// chunk ends in the input (for the progress bar).
struct Chunk {
    lines: Vec<(usize, Vec<u8>)>,
    end: u64,
    reply: SyncSender<Done>,
}

/// A processed chunk: its output lines and its tally.
struct Done {
    out: Vec<u8>,
    tally: Tally,
    end: u64,
}

/// Runs `work` on every record of `input` (`size`: its length in bytes, when known),
/// writing the output lines to `out` in input order; returns the tally and the time taken.
///
/// # Errors
///
/// When the input cannot be read, the output cannot be written, or a worker stopped.
pub fn run(
    input: impl BufRead,
    size: Option<u64>,
    out: impl Write + Send,
    options: BatchOptions,
    work: &dyn Work,
) -> anyhow::Result<Tally> {
    let started = Instant::now();
    let jobs = options.jobs.max(1);
    let (work_tx, work_rx) = sync_channel::<Chunk>(jobs * CHUNKS_PER_JOB);
    let (order_tx, order_rx) = sync_channel::<Receiver<Done>>(jobs * CHUNKS_PER_JOB);
    let work_rx = Mutex::new(work_rx);
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| worker(&work_rx, work));
        }
        let writer = scope.spawn(move || {
            write_in_order(order_rx, out, Progress::new(options.progress, size, started))
        });
        let read = read_chunks(input, |chunk| {
            let (reply, done) = sync_channel(1);
            // Either send fails only when the writer or every worker has stopped; the
            // writer's own error says why.
            order_tx.send(done).is_ok()
                && work_tx.send(Chunk { lines: chunk.0, end: chunk.1, reply }).is_ok()
        });
        drop(work_tx);
        drop(order_tx);
        let written = writer.join().map_err(|_| anyhow!("the writing thread stopped"))?;
        read.context("the input could not be read to the end")?;
        written
    })
}

/// Reads lines into chunks and hands each to `send` until the input ends or `send`
/// says to stop. Blank lines are not records; a byte-order mark on the first line is
/// skipped.
pub(super) fn read_chunks(
    mut input: impl BufRead,
    mut send: impl FnMut((Vec<(usize, Vec<u8>)>, u64)) -> bool,
) -> std::io::Result<()> {
    let mut line = 0;
    let mut offset: u64 = 0;
    let mut chunk = Vec::with_capacity(CHUNK_LINES);
    loop {
        let mut buffer = Vec::new();
        let read = input.read_until(b'\n', &mut buffer)?;
        if read == 0 {
            break;
        }
        line += 1;
        offset += read as u64;
        while matches!(buffer.last(), Some(b'\n' | b'\r')) {
            buffer.pop();
        }
        if line == 1 && buffer.starts_with(b"\xEF\xBB\xBF") {
            buffer.drain(..3);
        }
        if buffer.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        chunk.push((line, buffer));
        if chunk.len() == CHUNK_LINES {
            let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK_LINES));
            if !send((full, offset)) {
                return Ok(());
            }
        }
    }
    if !chunk.is_empty() {
        send((chunk, offset));
    }
    Ok(())
}

/// Takes chunks until the queue closes, and answers each.
fn worker(queue: &Mutex<Receiver<Chunk>>, work: &dyn Work) {
    loop {
        // The lock is held only to take one chunk; a poisoned lock means another worker
        // panicked, and this one stops too (the writer reports it).
        let next = match queue.lock() {
            Ok(queue) => queue.recv(),
            Err(_) => return,
        };
        let Ok(chunk) = next else { return };
        let mut done = Done {
            out: Vec::with_capacity(chunk.lines.len() * 4096),
            tally: Tally::default(),
            end: chunk.end,
        };
        for (line, bytes) in &chunk.lines {
            done.tally.add(work.record(*line, bytes, &mut done.out));
        }
        // The writer has stopped when this fails; its error says why.
        let _ = chunk.reply.send(done);
    }
}

/// Writes each chunk's output as soon as it and every chunk before it are done.
fn write_in_order(
    order: Receiver<Receiver<Done>>,
    mut out: impl Write,
    mut progress: Progress,
) -> anyhow::Result<Tally> {
    let mut tally = Tally::default();
    for reply in order {
        let done =
            reply.recv().map_err(|_| anyhow!("a worker stopped before finishing its records"))?;
        out.write_all(&done.out)?;
        tally.merge(done.tally);
        progress.update(tally.records, done.end);
    }
    out.flush()?;
    progress.finish();
    Ok(tally)
}
