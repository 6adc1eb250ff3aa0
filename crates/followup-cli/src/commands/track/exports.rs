//! What `followup export` tells the tracker: which file, and which Message-ID, each step
//! of a tracked interview was exported with (replies are matched against them).

use std::path::{Path, PathBuf};

use followup_core::time::Moment;
use followup_core::tracking::{self, Event, EventKind, Source};
use followup_core::validate::ValidInterview;
use followup_tracker::Store;
use jiff::Timestamp;

use super::replan::Replanner;
use crate::settings::ReplanSettings;

/// One exported step: its id, the file written and, for an email, its Message-ID.
pub struct ExportedStep {
    /// The step's id.
    pub step: String,
    /// Where its draft was written.
    pub file: PathBuf,
    /// The `.eml` file's Message-ID.
    pub message_id: Option<String>,
}

/// Records the exports of `interview` when it is tracked in the store at `store`;
/// returns its id when it was. An interview that is not tracked, or no store, records
/// nothing.
///
/// # Errors
///
/// When the store cannot be opened or written.
pub fn record(
    store: &Path,
    replan: &ReplanSettings,
    interview: &ValidInterview,
    exported: &[ExportedStep],
    now: Timestamp,
) -> anyhow::Result<Option<String>> {
    let Some(mut store) = Store::open_existing(store)? else { return Ok(None) };
    let id = tracking::interview_id(interview);
    let Some(view) = store.view(&id)? else { return Ok(None) };
    let events: Vec<Event> = exported
        .iter()
        .filter(|e| view.agenda.steps.iter().any(|t| t.step.id == e.step))
        // Exporting again into the same file records nothing new.
        .filter(|e| {
            view.agenda
                .steps
                .iter()
                .find(|t| t.step.id == e.step)
                .and_then(|t| t.export.as_ref())
                .is_none_or(|known| {
                    known.file != e.file.display().to_string() || known.message_id != e.message_id
                })
        })
        .map(|e| Event {
            at: Moment(now),
            source: Source::Export,
            kind: EventKind::Exported {
                step: e.step.clone(),
                file: e.file.display().to_string(),
                message_id: e.message_id.clone(),
            },
        })
        .collect();
    if events.is_empty() {
        return Ok(Some(id));
    }
    let mut replanner = Replanner::new(replan);
    store.write(now, |writer| replanner.save(writer, &id, events))?;
    Ok(Some(id))
}

/// The Message-ID in an email file's header block, without its angle brackets.
pub fn message_id_of(eml: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(eml);
    let mut lines = text.split("\r\n").flat_map(|l| l.split('\n')).peekable();
    while let Some(line) = lines.next() {
        if line.is_empty() {
            break;
        }
        let Some((name, value)) = line.split_once(':') else { continue };
        if !name.eq_ignore_ascii_case("message-id") {
            continue;
        }
        let mut value = value.trim().to_string();
        // A folded header continues on lines that start with white space.
        while let Some(next) = lines.peek().filter(|l| l.starts_with([' ', '\t'])) {
            value.push_str(next.trim());
            lines.next();
        }
        let id = value.trim().trim_start_matches('<').trim_end_matches('>').to_string();
        return (!id.is_empty()).then_some(id);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::message_id_of;

    #[test]
    fn the_message_id_is_read_from_the_header_block_only() {
        let eml = b"From: a@example.com\r\nMessage-ID: <thank-you.1234@followup.invalid>\r\nSubject: x\r\n\r\nMessage-ID: <body@x>\r\n";
        assert_eq!(message_id_of(eml).as_deref(), Some("thank-you.1234@followup.invalid"));
        assert_eq!(
            message_id_of(b"Message-Id:\r\n <folded@x>\r\n\r\n").as_deref(),
            Some("folded@x")
        );
        assert_eq!(message_id_of(b"Subject: x\r\n\r\nMessage-ID: <body@x>\r\n"), None);
    }
}
