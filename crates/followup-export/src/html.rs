//! `index.html`: every draft of the plan side by side, with when to send it, its
//! checks and links to its files.
//!
//! The page is self-contained so that it opens from the folder in any browser, with no
//! server and nothing fetched: inline CSS, no scripts, no fonts or images from
//! elsewhere. Everything that comes from the interview or a plugin is HTML-escaped, and
//! file links are percent-encoded, so a name or topic cannot add markup.

use std::fmt::Write;

use followup_core::draft::CheckLevel;
use followup_core::human_time::{human, human_date};
use followup_core::plan::Plan;
use followup_core::validate::ValidInterview;
use jiff::Timestamp;

use crate::{ExportedStep, ics};

/// The file's name in the export folder.
pub const FILE_NAME: &str = "index.html";

/// The page's style sheet: cards in a grid that reflows to the window's width, and a
/// plain one-column layout on paper.
const STYLE: &str = "
:root { color-scheme: light; --ink: #1d2330; --muted: #5b6472; --line: #d9dee7; }
* { box-sizing: border-box; }
body { margin: 0; padding: 1.5rem; font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', sans-serif; color: var(--ink); background: #f5f6f8; }
header, footer, section.notes { max-width: 80rem; margin: 0 auto 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.05rem; margin: 0 0 .5rem; }
p { margin: .25rem 0; }
.muted { color: var(--muted); }
main { display: grid; grid-template-columns: repeat(auto-fill, minmax(22rem, 1fr)); gap: 1rem; max-width: 80rem; margin: 0 auto 1rem; align-items: start; }
article { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 1rem; }
article.failed { border-color: #c0392b; }
.when { background: #eef2f8; border-radius: 6px; padding: .5rem .6rem; margin: .5rem 0; }
.status { font-size: .8rem; font-weight: 600; padding: .05rem .4rem; border-radius: 4px; background: #e3e7ee; }
.status.due_now { background: #fff1c2; }
.status.overdue { background: #f8d7d3; }
.subject { font-weight: 600; }
pre.body { white-space: pre-wrap; overflow-wrap: anywhere; font: inherit; background: #fbfbfc; border: 1px solid var(--line); border-radius: 6px; padding: .6rem; margin: .5rem 0; }
ul.checks { list-style: none; padding: 0; margin: .5rem 0 0; font-size: .9rem; }
ul.checks li { margin: .2rem 0; }
.level { display: inline-block; min-width: 3.2rem; text-align: center; font-size: .75rem; font-weight: 700; border-radius: 4px; padding: 0 .3rem; margin-right: .3rem; }
.level.pass { background: #d8f0df; color: #1e6b35; }
.level.warn { background: #fff1c2; color: #7a5a00; }
.level.fail { background: #f8d7d3; color: #922b21; }
.error { color: #922b21; }
@media print { body { background: #fff; padding: 0; } main { display: block; } article { break-inside: avoid; margin-bottom: 1rem; } }
";

/// The page for the steps of `interview`'s `plan` (whose skipped channels and
/// warnings it lists too); `written` are the files of the export folder, which it links
/// to, and `now` is the moment the page is written.
pub fn page(
    interview: &ValidInterview,
    plan: &Plan,
    steps: &[ExportedStep<'_>],
    written: &[String],
    now: Timestamp,
) -> String {
    let candidate = &interview.candidate_name;
    let role = &interview.interview.role.title;
    let company = &interview.interview.employer.company;
    let mut page = String::new();
    // Writing into a String cannot fail.
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Follow-up for {}: {} at {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(candidate),
        escape(role),
        escape(company)
    );
    let _ = write!(
        page,
        "<header>\n<h1>Follow-up for {}</h1>\n<p>{} at {}. Interview ended {}; exported {}.</p>\n\
         <p class=\"muted\">{} step(s). Reminders for every step: {}.</p>\n</header>\n<main>\n",
        escape(candidate),
        escape(role),
        escape(company),
        escape(&human(interview.end, &interview.meeting_zone)),
        escape(&human(now, &interview.candidate_zone)),
        steps.len(),
        link(ics::FILE_NAME, written)
    );
    for (index, export) in steps.iter().enumerate() {
        article(&mut page, index + 1, export, written, now);
    }
    page.push_str("</main>\n");
    notes(&mut page, plan);
    page.push_str("</body>\n</html>\n");
    page
}

/// One step's card.
fn article(
    page: &mut String,
    number: usize,
    export: &ExportedStep<'_>,
    written: &[String],
    now: Timestamp,
) {
    let step = export.step;
    let zone = &step.time_zone;
    let failed =
        export.error.is_some() || export.draft.is_some_and(|d| d.worst() == CheckLevel::Fail);
    let _ = write!(
        page,
        "<article id=\"{}\"{}>\n<h2>{number}. {} by {} to {}",
        escape(&step.id),
        if failed { " class=\"failed\"" } else { "" },
        escape(&step.title()),
        escape(export.channel_name),
        escape(&step.recipient.name)
    );
    if let Some(about) = &step.recipient.on_behalf_of {
        let _ = write!(page, " (for {})", escape(about));
    }
    if !step.recipient.cc.is_empty() {
        let _ = write!(page, ", cc {}", escape(&step.recipient.cc.join(", ")));
    }
    page.push_str("</h2>\n");
    let status = step.status_at(now);
    let (status_class, status) = (status.as_str(), status.words());
    let _ = write!(
        page,
        "<div class=\"when\"><p>Send <strong>{}</strong> <span class=\"status {status_class}\">{status}</span></p>\n\
         <p class=\"muted\">Window {} to {}</p>",
        escape(&human(step.send_at, zone)),
        escape(&human(step.not_before, zone)),
        escape(&human(step.not_after, zone))
    );
    if let Some(day) = step.arrives_by {
        let _ = write!(page, "\n<p class=\"muted\">Arrives by {}</p>", escape(&human_date(day.0)));
    }
    page.push_str("</div>\n");
    if !export.files.is_empty() {
        let links: Vec<String> = export.files.iter().map(|name| link(name, written)).collect();
        let _ = writeln!(page, "<p>File: {}</p>", links.join(", "));
    }
    if let Some(error) = export.error {
        let _ = writeln!(page, "<p class=\"error\">{}</p>", escape(error));
    }
    if let Some(draft) = export.draft {
        if let Some(subject) = &draft.subject {
            let _ = writeln!(page, "<p class=\"subject\">Subject: {}</p>", escape(subject));
        }
        let _ = writeln!(page, "<pre class=\"body\">{}</pre>", escape(draft.body.trim_end()));
        page.push_str("<ul class=\"checks\">\n");
        for check in &draft.checks {
            let (class, label) = match check.level {
                CheckLevel::Pass => ("pass", "ok"),
                CheckLevel::Warn => ("warn", "warn"),
                CheckLevel::Fail => ("fail", "FAIL"),
            };
            let _ = writeln!(
                page,
                "<li><span class=\"level {class}\">{label}</span>{}: {}</li>",
                escape(&check.name),
                escape(&check.message)
            );
        }
        page.push_str("</ul>\n");
    }
    page.push_str("</article>\n");
}

/// The plan's skipped channels and warnings, when there are any.
fn notes(page: &mut String, plan: &Plan) {
    if plan.skipped.is_empty() && plan.warnings.is_empty() {
        return;
    }
    page.push_str("<section class=\"notes\">\n");
    if !plan.skipped.is_empty() {
        page.push_str("<h2>Not used</h2>\n<ul>\n");
        for skipped in &plan.skipped {
            let _ = writeln!(page, "<li>{}</li>", escape(&skipped.reason));
        }
        page.push_str("</ul>\n");
    }
    if !plan.warnings.is_empty() {
        page.push_str("<h2>Warnings</h2>\n<ul>\n");
        for warning in &plan.warnings {
            let _ = writeln!(page, "<li>{}</li>", escape(warning));
        }
        page.push_str("</ul>\n");
    }
    page.push_str("</section>\n");
}

/// A link to a file of the export when it is written, else its name alone.
fn link(name: &str, written: &[String]) -> String {
    if written.iter().any(|w| w == name) {
        format!("<a href=\"{}\">{}</a>", escape(&href(name)), escape(name))
    } else {
        escape(name)
    }
}

/// A file name as a relative URL: every byte but unreserved characters
/// percent-encoded, so `#`, `%` or a space in a name cannot change where it leads.
fn href(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// Escapes text for HTML content and quoted attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than line breaks and tabs are not allowed in
            // HTML text; a line break in a heading is harmless.
            '\n' | '\t' => out.push(c),
            '\r' => {}
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\"\r\n\u{0}"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;\n\u{FFFD}"
        );
    }

    #[test]
    fn file_links_are_percent_encoded() {
        assert_eq!(href("a b#c%.eml"), "a%20b%23c%25.eml");
        assert_eq!(href("josé.txt"), "jos%C3%A9.txt");
        let written = vec!["a&b.txt".to_string()];
        assert_eq!(link("a&b.txt", &written), "<a href=\"a%26b.txt\">a&amp;b.txt</a>");
        assert_eq!(link("other.txt", &written), "other.txt");
    }
}
