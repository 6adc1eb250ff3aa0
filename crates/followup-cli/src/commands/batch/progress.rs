//! The progress bar of a batch run, drawn by hand on standard error.
//!
//! It is one line, redrawn at most ten times a second: the records done, the rate, and
//! when the input's size is known, a bar and the time left. It is drawn only when
//! standard error is a terminal and `--quiet` is not given (the settings decide), and
//! it is erased at the end so that the summary line stands alone.

use std::io::Write;
use std::time::{Duration, Instant};

/// How often the line is redrawn.
const REDRAW: Duration = Duration::from_millis(100);

/// Width of the bar, in characters.
const BAR: usize = 24;

/// The progress line's state.
pub struct Progress {
    enabled: bool,
    size: Option<u64>,
    started: Instant,
    last: Option<Instant>,
}

impl Progress {
    /// A progress line; `enabled` false draws nothing. `size` is the input's length in
    /// bytes, when known.
    pub fn new(enabled: bool, size: Option<u64>, started: Instant) -> Progress {
        Progress { enabled, size: size.filter(|s| *s > 0), started, last: None }
    }

    /// Notes that `records` are done and the input was read up to byte `offset`.
    pub fn update(&mut self, records: usize, offset: u64) {
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        if self.last.is_some_and(|last| now.duration_since(last) < REDRAW) {
            return;
        }
        self.last = Some(now);
        let line = self.line(records, offset, now.duration_since(self.started));
        let mut stderr = std::io::stderr().lock();
        // A progress line that cannot be drawn is no reason to stop the work.
        let _ = write!(stderr, "\r\x1b[K{line}");
        let _ = stderr.flush();
    }

    /// Erases the line.
    pub fn finish(&mut self) {
        if self.enabled && self.last.is_some() {
            let mut stderr = std::io::stderr().lock();
            let _ = write!(stderr, "\r\x1b[K");
            let _ = stderr.flush();
        }
    }

    /// The text of the line.
    fn line(&self, records: usize, offset: u64, elapsed: Duration) -> String {
        let seconds = elapsed.as_secs_f64().max(1e-9);
        let rate = records as f64 / seconds;
        let mut line = format!("{records} records  {rate:.0}/s");
        if let Some(size) = self.size {
            let fraction = (offset as f64 / size as f64).clamp(0.0, 1.0);
            let filled = (fraction * BAR as f64).round() as usize;
            let left = if fraction > 0.0 { seconds * (1.0 - fraction) / fraction } else { 0.0 };
            line = format!(
                "[{}{}] {:>3.0}%  {line}  {} left",
                "#".repeat(filled),
                "-".repeat(BAR - filled),
                fraction * 100.0,
                human_seconds(left)
            );
        }
        line
    }
}

/// `1m05s`, `12s`.
fn human_seconds(seconds: f64) -> String {
    let whole = seconds.ceil() as u64;
    if whole >= 60 { format!("{}m{:02}s", whole / 60, whole % 60) } else { format!("{whole}s") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_shows_the_rate_and_with_a_known_size_the_time_left() {
        let progress = Progress::new(true, Some(1000), Instant::now());
        assert_eq!(
            progress.line(500, 250, Duration::from_secs(2)),
            "[######------------------]  25%  500 records  250/s  6s left"
        );
        let unknown = Progress::new(true, None, Instant::now());
        assert_eq!(unknown.line(500, 250, Duration::from_secs(2)), "500 records  250/s");
    }
}
