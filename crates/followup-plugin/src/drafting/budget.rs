//! The render budget: how long one template may render and how much it may write.
//!
//! Tera has no notion of a budget, and a style pack's templates are untrusted data: a
//! template that doubles a string forty times, or nests two loops of a hundred
//! thousand turns, would otherwise take the machine's memory or run for minutes. The
//! budget is kept at the points where a render can grow without end:
//!
//! - every tag of a template is preceded by a call to a metering function, inserted
//!   when the template is compiled ([`instrument`]). Every loop body reaches at least
//!   its `{% endfor %}` tag, so every turn of a loop and every `{% set %}` after the
//!   first meets the meter, which checks the time and how much memory the process has
//!   gained since the render began;
//! - the filters that can multiply a text in one expression (`replace`, `join`,
//!   `indent`) are replaced by versions that refuse a result over the output budget;
//! - the text written goes through a writer that stops at the output budget.
//!
//! The meter's state lives in a thread-local for the duration of one render, because
//! tera's functions are shared by every render of a set and a render runs on the thread
//! that asked for it.

use std::cell::RefCell;
use std::io;
use std::time::{Duration, Instant};

use tera::{Kwargs, State, StringInput, Tera, TeraResult, Value};

use followup_core::draft::RenderBudget;

/// The name of the metering function the instrumented templates call.
const METER: &str = "__followup_render_budget";

/// How much the process may grow in the course of one render. Not a style setting: a
/// message needs kilobytes, and this only stops a template that builds values without
/// writing them.
const MEMORY_GROWTH_BYTES: u64 = 256 * 1024 * 1024;

/// How often, at most, the meter reads the process's memory (it costs a system call).
const MEMORY_SAMPLE_EVERY: Duration = Duration::from_millis(1);

/// Why a render was stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Exceeded {
    /// It ran longer than the budget's time.
    Time(Duration),
    /// It wrote, or built a value, larger than the output budget.
    Output(usize),
    /// The process grew by more than [`MEMORY_GROWTH_BYTES`] while it ran.
    Memory,
}

impl Exceeded {
    /// What went wrong, and what to do, in words for the template's author.
    pub(crate) fn message(&self) -> String {
        match self {
            Exceeded::Time(limit) => format!(
                "the template ran past its render budget of {} ms and was stopped; \
                 look for loops that run too many times (render_budget.milliseconds in \
                 style.toml raises the budget, up to {} ms)",
                limit.as_millis(),
                RenderBudget::MOST_MILLISECONDS.most
            ),
            Exceeded::Output(limit) => format!(
                "the template produced more than its render budget of {} KiB of text and \
                 was stopped; look for loops or filters that repeat text \
                 (render_budget.output_kib in style.toml raises the budget, up to {} KiB)",
                limit / 1024,
                RenderBudget::MOST_OUTPUT_KIB.most
            ),
            Exceeded::Memory => format!(
                "the template built values of more than {} MiB and was stopped; look for \
                 `set` statements that grow a value again and again",
                MEMORY_GROWTH_BYTES / (1024 * 1024)
            ),
        }
    }
}

/// The state of the render in progress on this thread.
struct Meter {
    /// Whether the render's time and memory are checked as it writes: for a set with a
    /// style's templates. A channel's own templates are its code, not metered; their
    /// output is still counted, but reading the clock at every write of theirs is a
    /// cost with nothing to stop.
    timed: bool,
    started: Instant,
    time: Duration,
    output_bytes: usize,
    written: usize,
    memory_at_start: Option<u64>,
    memory_checked: Instant,
    exceeded: Option<Exceeded>,
}

impl Meter {
    fn new(budget: &RenderBudget, timed: bool) -> Meter {
        let now = Instant::now();
        Meter {
            timed,
            started: now,
            time: budget.time(),
            output_bytes: budget.output_bytes(),
            written: 0,
            // Read at the first sample, not here: most renders end long before it, and
            // reading costs a system call (a render cannot grow far in a millisecond).
            memory_at_start: None,
            memory_checked: now,
            exceeded: None,
        }
    }

    /// Checks the time and, now and then, the memory.
    fn check(&mut self) -> Result<(), Exceeded> {
        if let Some(exceeded) = &self.exceeded {
            return Err(exceeded.clone());
        }
        let now = Instant::now();
        if now.duration_since(self.started) > self.time {
            return self.stop(Exceeded::Time(self.time));
        }
        if now.duration_since(self.memory_checked) >= MEMORY_SAMPLE_EVERY {
            self.memory_checked = now;
            let current = resident_bytes();
            match (self.memory_at_start, current) {
                (None, _) => self.memory_at_start = current,
                (Some(start), Some(current))
                    if current.saturating_sub(start) > MEMORY_GROWTH_BYTES =>
                {
                    return self.stop(Exceeded::Memory);
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn stop(&mut self, exceeded: Exceeded) -> Result<(), Exceeded> {
        self.exceeded = Some(exceeded.clone());
        Err(exceeded)
    }
}

thread_local! {
    static CURRENT: RefCell<Option<Meter>> = const { RefCell::new(None) };
}

/// Runs `render` under `budget`, with the meter of this thread set for its duration;
/// `timed` says whether what it writes meets the clock too (see [`Meter`]). Returns
/// what `render` returned and, when the budget stopped it, why.
pub(crate) fn metered<T>(
    budget: &RenderBudget,
    timed: bool,
    render: impl FnOnce() -> T,
) -> (T, Option<Exceeded>) {
    let outer = CURRENT.with(|current| current.replace(Some(Meter::new(budget, timed))));
    let result = render();
    let meter = CURRENT.with(|current| current.replace(outer));
    (result, meter.and_then(|m| m.exceeded))
}

/// Applies `f` to the meter of the render in progress, if any; outside a metered render
/// (a template rendered by a plugin that does not go through [`metered`]) nothing is
/// checked.
fn with_meter<T>(f: impl FnOnce(&mut Meter) -> Result<T, Exceeded>) -> Option<Result<T, Exceeded>> {
    CURRENT.with(|current| current.borrow_mut().as_mut().map(f))
}

fn budget_error(exceeded: &Exceeded) -> tera::Error {
    tera::Error::message(exceeded.message())
}

/// Checks a value a filter is about to return against the output budget.
fn check_size(len: usize) -> TeraResult<()> {
    match with_meter(|meter| {
        meter.check()?;
        if len > meter.output_bytes {
            let limit = meter.output_bytes;
            return meter.stop(Exceeded::Output(limit));
        }
        Ok(())
    }) {
        Some(Err(exceeded)) => Err(budget_error(&exceeded)),
        _ => Ok(()),
    }
}

/// A writer that counts what a render writes and stops it at the output budget or
/// when its time is up.
pub(crate) struct BudgetWriter<'a> {
    pub(crate) out: &'a mut Vec<u8>,
}

impl io::Write for BudgetWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let checked = with_meter(|meter| {
            if meter.timed {
                meter.check()?;
            }
            meter.written = meter.written.saturating_add(buf.len());
            if meter.written > meter.output_bytes {
                let limit = meter.output_bytes;
                return meter.stop(Exceeded::Output(limit));
            }
            Ok(())
        });
        if let Some(Err(exceeded)) = checked {
            return Err(io::Error::other(exceeded.message()));
        }
        self.out.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Registers the metering function and the bounded filters on a template set.
pub(crate) fn register(tera: &mut Tera) {
    tera.register_function(METER, |_: Kwargs, _: &State| -> TeraResult<Value> {
        match with_meter(Meter::check) {
            Some(Err(exceeded)) => Err(budget_error(&exceeded)),
            _ => Ok(Value::from("")),
        }
    });
    tera.register_filter("replace", replace);
    tera.register_filter("indent", indent);
    tera.register_filter("join", join);
}

/// Tera's `replace`, refusing a result over the output budget before building it.
fn replace(val: StringInput, kwargs: Kwargs, _: &State) -> TeraResult<Value> {
    let from = kwargs.must_get::<&str>("from")?;
    let to = kwargs.must_get::<StringInput>("to")?;
    let text = val.as_str();
    let count = if from.is_empty() { text.chars().count() + 1 } else { text.matches(from).count() };
    let grows = to.as_str().len().saturating_sub(from.len());
    check_size(text.len().saturating_add(count.saturating_mul(grows)))?;
    Ok(Value::from(text.replace(from, to.as_str())))
}

/// Tera's `indent`, refusing a result over the output budget before building it.
fn indent(val: StringInput, kwargs: Kwargs, _: &State) -> TeraResult<Value> {
    let width = kwargs.get::<usize>("width")?.unwrap_or(4).min(1000);
    let indentation = kwargs.get::<StringInput>("indentation")?;
    let first = kwargs.get::<bool>("first")?.unwrap_or(false);
    let blank = kwargs.get::<bool>("blank")?.unwrap_or(false);
    let unit = match &indentation {
        Some(i) if i.as_str().chars().count() != 1 => {
            return Err(tera::Error::message(
                "The `indentation` argument must contain exactly one character",
            ));
        }
        Some(i) => i.as_str(),
        None => " ",
    };
    let text = val.as_str();
    let prefix = unit.repeat(width);
    let lines = text.lines().count();
    check_size(text.len().saturating_add(lines.saturating_mul(prefix.len())))?;
    let mut out = String::with_capacity(text.len() + lines * prefix.len());
    for (index, line) in text.lines().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        if (index > 0 || first) && (!line.is_empty() || blank) {
            out.push_str(&prefix);
        }
        out.push_str(line);
    }
    if text.ends_with('\n') {
        out.push('\n');
    }
    Ok(Value::from(out))
}

/// Tera's `join`, refusing a result over the output budget before building it.
fn join(val: &[Value], kwargs: Kwargs, _: &State) -> TeraResult<Value> {
    let sep = kwargs.get::<StringInput>("sep")?;
    let sep = sep.as_ref().map_or("", |s| s.as_str());
    let parts: Vec<String> = val.iter().map(ToString::to_string).collect();
    let len = parts
        .iter()
        .map(String::len)
        .sum::<usize>()
        .saturating_add(sep.len().saturating_mul(parts.len().saturating_sub(1)));
    check_size(len)?;
    Ok(Value::from(parts.join(sep)))
}

/// The memory the process holds in RAM, where the system tells it cheaply (Linux);
/// elsewhere only time and output are metered.
fn resident_bytes() -> Option<u64> {
    #[cfg(target_os = "linux")]
    {
        let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
        let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
        // The page size is 4 KiB on every Linux target this is built for; a larger
        // one only makes the meter stricter.
        Some(pages.saturating_mul(4096))
    }
    #[cfg(not(target_os = "linux"))]
    {
        None
    }
}

/// Inserts a call to the meter before every tag of `source`, so that every loop turn
/// and every statement meets it. Whitespace control is kept: a tag that trims the text
/// before it (`{%-`) gets a call that trims it instead. Comments, expressions, string
/// literals and `{% raw %}` blocks are read as tera reads them, so a tag cannot hide
/// from the meter inside one, and nothing inside a raw block or a string changes.
pub(crate) fn instrument(source: &str) -> String {
    let mut out = String::with_capacity(source.len() + source.len() / 4);
    let mut rest = source;
    let mut first_tag = true;
    while let Some(start) = next_marker(rest) {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let kind = &rest[..2];
        let end = match kind {
            "{#" => rest.find("#}").map_or(rest.len(), |e| e + 2),
            _ => end_of_tag(rest, if kind == "{{" { "}}" } else { "%}" }),
        };
        let tag = &rest[..end];
        if kind == "{%" {
            let inner = tag[2..].trim_start_matches('-').trim_ascii_start();
            let keyword: String =
                inner.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            // `extends` must come first in a template; nothing may be written before it.
            if !(first_tag && keyword == "extends") {
                let trims = tag[2..].starts_with('-');
                out.push_str(if trims { "{{- " } else { "{{ " });
                out.push_str(METER);
                out.push_str("() }}");
            }
            first_tag = false;
            if is_raw_tag(tag) {
                let body_end = end_of_raw(&rest[end..]).map_or(rest.len(), |e| end + e);
                out.push_str(&rest[..body_end]);
                rest = &rest[body_end..];
                continue;
            }
        }
        out.push_str(tag);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The `{% ... %}` tags of `source`, read as [`instrument`] reads them (comments,
/// expressions and raw blocks are not tags).
pub(crate) fn tags(source: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = source;
    while let Some(start) = next_marker(rest) {
        rest = &rest[start..];
        let end = match &rest[..2] {
            "{#" => rest.find("#}").map_or(rest.len(), |e| e + 2),
            "{{" => end_of_tag(rest, "}}"),
            _ => end_of_tag(rest, "%}"),
        };
        let tag = &rest[..end];
        rest = &rest[end..];
        if tag.starts_with("{%") {
            found.push(tag);
            if is_raw_tag(tag) {
                let body_end = end_of_raw(rest).unwrap_or(rest.len());
                rest = &rest[body_end..];
            }
        }
    }
    found
}

/// Where the next `{{`, `{%` or `{#` starts.
fn next_marker(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(1))
        .find(|&i| bytes[i] == b'{' && matches!(bytes[i + 1], b'{' | b'%' | b'#'))
}

/// The end (exclusive) of the tag or expression at the start of `text`, which closes
/// with `close` outside string literals; the whole text when it never closes (tera
/// then refuses it). The text is walked byte by byte, so it is compared as bytes: a
/// byte inside a multi-byte character (`{{ nàme }}`) is no place to slice a `str`.
fn end_of_tag(text: &str, close: &str) -> usize {
    let bytes = text.as_bytes();
    let mut i = 2;
    let mut quote: Option<u8> = None;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(_) if b == b'\\' => i += 1,
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if matches!(b, b'"' | b'\'' | b'`') => quote = Some(b),
            None if bytes[i..].starts_with(close.as_bytes()) => return i + close.len(),
            None => {}
        }
        i += 1;
    }
    text.len()
}

/// Whether `tag` opens a raw block, exactly as tera tells: `{%`, an optional `-`,
/// spaces, `raw`, spaces, an optional `-`, `%}`.
fn is_raw_tag(tag: &str) -> bool {
    let Some(inner) = tag.strip_prefix("{%").and_then(|t| t.strip_suffix("%}")) else {
        return false;
    };
    let inner = inner.strip_prefix('-').unwrap_or(inner).trim_ascii_start();
    let Some(after) = inner.strip_prefix("raw") else { return false };
    let after = after.trim_ascii_start();
    after.is_empty() || after == "-"
}

/// The end (exclusive) of the `{% endraw %}` tag that closes a raw block whose body
/// starts `text`, matched as tera matches it.
fn end_of_raw(text: &str) -> Option<usize> {
    let mut offset = 0;
    while let Some(found) = text[offset..].find("{%") {
        let at = offset + found;
        let inner = &text[at + 2..];
        let inner_trimmed = inner.strip_prefix('-').unwrap_or(inner).trim_ascii_start();
        if let Some(after) = inner_trimmed.strip_prefix("endraw") {
            let after = after.trim_ascii_start();
            let after = after.strip_prefix('-').unwrap_or(after);
            if let Some(after) = after.strip_prefix("%}") {
                return Some(text.len() - after.len());
            }
        }
        offset = at + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tag_gets_a_meter_call_and_whitespace_control_is_kept() {
        let source = "a {% for x in xs %}{{ x }}  {%- endfor %}{# {% no #}{{ \"{% no\" }}";
        let out = instrument(source);
        assert_eq!(
            out,
            "a {{ __followup_render_budget() }}{% for x in xs %}{{ x }}  \
             {{- __followup_render_budget() }}{%- endfor %}{# {% no #}{{ \"{% no\" }}"
        );
    }

    #[test]
    fn raw_blocks_and_extends_are_left_as_they_are() {
        let out = instrument("{% extends \"base\" %}{% raw %}{% for %}{% endraw %}");
        assert_eq!(
            out,
            "{% extends \"base\" %}{{ __followup_render_budget() }}{% raw %}{% for %}{% endraw %}"
        );
    }

    /// Found by the `style_templates` fuzz target (docs/fuzzing.md): a character of
    /// more than one byte inside a tag made the tag reader slice inside it and panic,
    /// in `followup validate PACK` as in drafting (issue 14).
    #[test]
    fn a_tag_with_non_ascii_text_outside_strings_is_read_whole() {
        let source = "{{ n\u{e0}me }} {% if t\u{e9} %}\u{2014}{% endif %}";
        assert_eq!(tags(source), ["{% if t\u{e9} %}", "{% endif %}"]);
        assert_eq!(
            instrument(source),
            "{{ n\u{e0}me }} {{ __followup_render_budget() }}{% if t\u{e9} %}\u{2014}\
             {{ __followup_render_budget() }}{% endif %}"
        );
    }

    #[test]
    fn a_tag_inside_a_string_of_a_tag_is_not_a_tag() {
        let out = instrument("{% set a = \"%}{% for\" %}");
        assert_eq!(out, "{{ __followup_render_budget() }}{% set a = \"%}{% for\" %}");
    }
}
