//! `followup inbox PATH... [--apply]`: reads the candidate's own mailboxes and suggests
//! what happened to the tracked interviews (replies, out-of-office answers, drafts
//! sent); with `--apply`, records the strong and medium suggestions as events whose
//! source is the message, and remembers the files read so that the next scan skips
//! them.
//!
//! The reading and the matching rules live in `followup-mailbox`; this module gathers
//! what the store knows into its plain values, and turns its suggestions into events.
//! Nothing is ever written to a mailbox.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use followup_core::human_time::human;
use followup_core::interview::Interview;
use followup_core::time::{Day, Moment};
use followup_core::tracking::{Event, EventKind, EventRecord, InterviewState, Source, StepState};
use followup_mailbox::{
    Confidence, Ignored, Mailbox, MailboxKind, Matcher, Message, Person, Skipped, Suggestion,
    Tracked, TrackedStep, Verdict, What,
};
use followup_tracker::{InterviewView, SeenFile};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde_json::{Value, json};

use super::replan::Replanner;
use crate::args::OutputFormat;
use crate::exit::{self, UsageError};
use crate::settings::TrackSettings;

/// A suggestion with the message it comes from.
struct Found {
    message: Message,
    suggestion: Suggestion,
    recorded: bool,
}

/// One mailbox as read.
struct Read {
    path: PathBuf,
    kind: MailboxKind,
    key: String,
    messages: usize,
    remembered: usize,
    /// The files to remember once the scan is recorded.
    seen: Vec<SeenFile>,
}

/// Everything a scan found.
#[derive(Default)]
struct Scan {
    mailboxes: Vec<Read>,
    skipped: Vec<Skipped>,
    found: Vec<Found>,
    ignored: Vec<(Message, String, Ignored)>,
}

/// Runs `followup inbox`.
pub fn run(settings: &TrackSettings, paths: &[PathBuf], apply: bool) -> anyhow::Result<ExitCode> {
    let Some(mut store) = super::open_for_reading(settings)? else {
        return Err(UsageError(format!(
            "nothing is tracked yet (no store at {}); track interviews with `followup add` first",
            settings.store.display()
        ))
        .into());
    };
    // Every mailbox is opened before any is read: a wrong path fails at once.
    let mailboxes = paths
        .iter()
        .map(|path| Mailbox::open(path).map_err(|e| UsageError(e.to_string())))
        .collect::<Result<Vec<_>, _>>()?;
    let views = store.views()?;
    let mut events: HashMap<String, Vec<EventRecord>> = HashMap::new();
    store.for_each_event(|record| {
        events.entry(record.interview.clone()).or_default().push(record);
        Ok::<_, anyhow::Error>(())
    })?;
    let waiting: Vec<&InterviewView> =
        views.iter().filter(|v| v.agenda.state == InterviewState::Waiting).collect();
    let matcher = Matcher::new(
        waiting
            .iter()
            .map(|v| tracked_of(v, events.get(&v.id).map(Vec::as_slice).unwrap_or(&[])))
            .collect(),
    );
    let mut scan = Scan::default();
    for mailbox in &mailboxes {
        let read = read_mailbox(mailbox, &store.seen_files(&mailbox.key())?, &matcher, &mut scan)?;
        scan.mailboxes.push(read);
    }
    dedupe(&mut scan.found);
    let views_by_id: HashMap<&str, &InterviewView> =
        views.iter().map(|v| (v.id.as_str(), v)).collect();
    let mut changes: BTreeMap<String, Vec<String>> = BTreeMap::new();
    if apply {
        let mut by_interview: BTreeMap<String, Vec<Event>> = BTreeMap::new();
        for found in &mut scan.found {
            let Some(view) = views_by_id.get(found.suggestion.interview.as_str()) else { continue };
            if found.suggestion.confidence < Confidence::Medium {
                continue;
            }
            if let Some(event) = event_of(found, view) {
                found.recorded = true;
                by_interview.entry(view.id.clone()).or_default().push(event);
            }
        }
        let mut replanner = Replanner::new(&settings.replan);
        let scan = &scan;
        changes = store.write(settings.now, |writer| {
            let mut changes = BTreeMap::new();
            for (id, events) in by_interview {
                let saved = replanner.save(writer, &id, events)?;
                changes.insert(id, saved.changes());
            }
            for read in &scan.mailboxes {
                writer.remember_seen(&read.key, &read.seen)?;
            }
            Ok::<_, anyhow::Error>(changes)
        })?;
    }
    print(settings, &scan, &views_by_id, apply, &changes)?;
    Ok(ExitCode::from(exit::OK))
}

/// Reads one mailbox, skipping the files remembered unchanged from an earlier scan.
fn read_mailbox(
    mailbox: &Mailbox,
    remembered: &HashMap<String, (u64, i64)>,
    matcher: &Matcher,
    scan: &mut Scan,
) -> anyhow::Result<Read> {
    let mut read = Read {
        path: mailbox.path().to_path_buf(),
        kind: mailbox.kind(),
        key: mailbox.key(),
        messages: 0,
        remembered: 0,
        seen: Vec::new(),
    };
    mailbox.for_each_entry(|entry| {
        if remembered.get(&entry.name) == Some(&(entry.size, entry.modified)) {
            read.remembered += 1;
            return Ok(());
        }
        // A weak suggestion is not recorded: its file is not remembered either, so that
        // it is shown again until the user decides.
        let mut hold = false;
        let outcome = mailbox.read(&entry, |message| {
            read.messages += 1;
            let message = match message {
                Ok(message) => message,
                Err(skipped) => {
                    scan.skipped.push(skipped);
                    return;
                }
            };
            match matcher.judge(&message) {
                Verdict::Suggest(list) => {
                    for suggestion in list {
                        hold |= suggestion.confidence < Confidence::Medium;
                        scan.found.push(Found {
                            message: message.clone(),
                            suggestion,
                            recorded: false,
                        });
                    }
                }
                Verdict::Ignored { interview, why } => scan.ignored.push((message, interview, why)),
                Verdict::Unrelated => {}
            }
        });
        // A file a mail program moved or removed while the scan ran is skipped, not fatal.
        if let Err(err) = outcome {
            scan.skipped.push(Skipped {
                location: entry.path.display().to_string(),
                problem: err.to_string(),
            });
        }
        if !hold {
            read.seen.push(SeenFile {
                name: entry.name,
                size: entry.size,
                modified: entry.modified,
            });
        }
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(read)
}

/// Keeps one suggestion per interview and message, and one `sent` per step (the
/// earliest), in the order the messages were written.
fn dedupe(found: &mut Vec<Found>) {
    found.sort_by(|a, b| {
        (a.message.date, &a.suggestion.interview).cmp(&(b.message.date, &b.suggestion.interview))
    });
    let mut seen = BTreeSet::new();
    found.retain(|f| {
        let key = match &f.suggestion.what {
            What::Sent { step } => (f.suggestion.interview.clone(), format!("sent {step}")),
            _ => (f.suggestion.interview.clone(), f.message.message_id.clone()),
        };
        seen.insert(key)
    });
}

/// The event a suggestion records, with the message as its source; `None` for a step
/// no longer open.
fn event_of(found: &Found, view: &InterviewView) -> Option<Event> {
    let message = &found.message;
    let kind = match &found.suggestion.what {
        What::Replied { person } => EventKind::Replied {
            from: Some(person.clone().unwrap_or_else(|| sender_name(message))),
        },
        What::OutOfOffice { person, until } => {
            EventKind::OutOfOffice { person: person.clone(), until: until.map(Day) }
        }
        What::Sent { step } => {
            let tracked = view.agenda.steps.iter().find(|t| &t.step.id == step)?;
            if !tracked.state.is_open() {
                return None;
            }
            EventKind::Sent { step: Box::new(tracked.step.clone()) }
        }
    };
    Some(Event {
        at: Moment(message.date),
        source: Source::Inbox {
            message_id: message.message_id.clone(),
            sender: message.from.to_string(),
            date: Some(message.date_header.clone()),
        },
        kind,
    })
}

fn sender_name(message: &Message) -> String {
    message.from.name.clone().unwrap_or_else(|| message.from.address.clone())
}

/// What the store knows of one interview, as the matcher needs it.
fn tracked_of(view: &InterviewView, events: &[EventRecord]) -> Tracked {
    let document: Option<&Interview> = events.iter().rev().find_map(|r| match &r.event.kind {
        EventKind::Added { document, .. } | EventKind::Replanned { document, .. } => {
            Some(document.as_ref())
        }
        _ => None,
    });
    let mut people = Vec::new();
    let mut candidate = Vec::new();
    if let Some(interview) = document {
        candidate.extend(interview.candidate.email.clone());
        people.extend(interview.interviewers.iter().map(|p| Person {
            name: p.name.clone(),
            address: p.email.clone(),
            at_employer: true,
        }));
        if let Some(staffing) = &interview.staffing {
            let r = &staffing.recruiter;
            people.push(Person {
                name: r.name.clone(),
                address: r.email.clone(),
                at_employer: false,
            });
        }
    }
    let mut exported_at: HashMap<&str, Timestamp> = HashMap::new();
    let mut sent_times = Vec::new();
    let mut recorded = BTreeSet::new();
    for record in events {
        match &record.event.kind {
            EventKind::Exported { step, .. } => {
                exported_at.insert(step.as_str(), record.event.at.0);
            }
            EventKind::Sent { .. } => sent_times.push(record.event.at.0),
            _ => {}
        }
        if let Source::Inbox { message_id, .. } = &record.event.source {
            recorded.insert(message_id.clone());
        }
    }
    let steps: Vec<TrackedStep> = view
        .agenda
        .steps
        .iter()
        .map(|t| {
            let export = t.export.as_ref();
            // The draft as exported: its subject and addresses, for the sent folder.
            let draft = export
                .map(|e| Path::new(&e.file))
                .filter(|file| file.extension().is_some_and(|x| x.eq_ignore_ascii_case("eml")))
                .and_then(|file| followup_mailbox::read_message(file).ok())
                .and_then(Result::ok);
            let address = people
                .iter()
                .find(|p| p.name == t.step.recipient.name)
                .and_then(|p| p.address.clone());
            let to = match &draft {
                Some(draft) => draft.recipients.iter().map(|r| r.address.clone()).collect(),
                None => address.into_iter().collect(),
            };
            TrackedStep {
                id: t.step.id.clone(),
                recipient: t.step.recipient.name.clone(),
                to,
                message_id: export.and_then(|e| e.message_id.clone()),
                subject: draft.map(|d| d.subject).filter(|s| !s.is_empty()),
                exported_at: exported_at.get(t.step.id.as_str()).copied(),
                sent: matches!(t.state, StepState::Sent { .. }),
            }
        })
        .collect();
    let since = sent_times
        .iter()
        .min()
        .copied()
        .or_else(|| exported_at.values().min().copied())
        .unwrap_or(view.start.0);
    Tracked { interview: view.id.clone(), candidate, people, steps, since, recorded }
}

/// What a suggestion means, in words.
fn what_words(found: &Found) -> String {
    match &found.suggestion.what {
        What::Replied { person } => format!(
            "{} replied: check-ins stop",
            person.clone().unwrap_or_else(|| sender_name(&found.message))
        ),
        What::OutOfOffice { person, until } => {
            let who = person.clone().unwrap_or_else(|| sender_name(&found.message));
            match until {
                Some(day) => format!("{who} is away until {day}: check-ins to them pause"),
                None => format!(
                    "{who} is away (no return date given): check-ins to them pause for 5 business days"
                ),
            }
        }
        What::Sent { step } => format!("{step} was sent"),
    }
}

fn ignored_words(why: &Ignored) -> String {
    match why {
        Ignored::Newsletter { header } => format!("a mailing ({header}): never a reply"),
        Ignored::Automatic => "an automatic notice, not a reply".to_string(),
        Ignored::AlreadyRecorded => "already recorded".to_string(),
    }
}

fn zone_of(view: Option<&&InterviewView>) -> TimeZone {
    view.and_then(|v| TimeZone::get(&v.time_zone).ok()).unwrap_or(TimeZone::UTC)
}

fn kind_word(kind: MailboxKind) -> &'static str {
    match kind {
        MailboxKind::Maildir => "maildir",
        MailboxKind::Mbox => "mbox",
        MailboxKind::Eml => "eml",
        MailboxKind::EmlFolder => "eml-folder",
    }
}

fn print(
    settings: &TrackSettings,
    scan: &Scan,
    views: &HashMap<&str, &InterviewView>,
    apply: bool,
    changes: &BTreeMap<String, Vec<String>>,
) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    let read: usize = scan.mailboxes.iter().map(|m| m.messages).sum();
    let remembered: usize = scan.mailboxes.iter().map(|m| m.remembered).sum();
    let recorded = scan.found.iter().filter(|f| f.recorded).count();
    match settings.format {
        OutputFormat::Json => {
            let suggestions: Vec<Value> = scan
                .found
                .iter()
                .map(|f| {
                    let mut value = serde_json::to_value(&f.suggestion)
                        .expect("suggestions are plain data and always serialise");
                    value["explanation"] = json!(f.suggestion.rule.explain());
                    value["message"] = message_json(&f.message);
                    value["recorded"] = json!(f.recorded);
                    value
                })
                .collect();
            let ignored: Vec<Value> = scan
                .ignored
                .iter()
                .map(|(message, interview, why)| {
                    let mut value = serde_json::to_value(why)
                        .expect("reasons are plain data and always serialise");
                    value["interview"] = json!(interview);
                    value["message"] = message_json(message);
                    value
                })
                .collect();
            let value = json!({
                "now": Moment(settings.now),
                "applied": apply,
                "mailboxes": scan.mailboxes.iter().map(|m| json!({
                    "path": m.path.display().to_string(),
                    "kind": kind_word(m.kind),
                    "read": m.messages,
                    "remembered": m.remembered,
                })).collect::<Vec<_>>(),
                "read": read,
                "remembered": remembered,
                "skipped": scan.skipped,
                "suggestions": suggestions,
                "ignored": ignored,
                "recorded": recorded,
                "changes": changes,
            });
            serde_json::to_writer_pretty(&mut out, &value)?;
            writeln!(out)?;
        }
        OutputFormat::Text => {
            let files = if remembered == 1 { "file" } else { "files" };
            writeln!(
                out,
                "read {read} messages in {} mailboxes ({remembered} {files} remembered from an earlier scan, not read again)",
                scan.mailboxes.len()
            )?;
            if !scan.skipped.is_empty() {
                let n = scan.skipped.len();
                let noun = if n == 1 { "message" } else { "messages" };
                writeln!(out, "skipped {n} malformed {noun}:")?;
                for skipped in &scan.skipped {
                    writeln!(out, "  {}: {}", skipped.location, skipped.problem)?;
                }
            }
            if scan.found.is_empty() {
                writeln!(
                    out,
                    "no replies, automatic answers or sent drafts of tracked interviews"
                )?;
            }
            for found in &scan.found {
                let s = &found.suggestion;
                let zone = zone_of(views.get(s.interview.as_str()));
                let mark = if found.recorded { "recorded" } else { s.confidence.word() };
                writeln!(out, "{}: {} [{mark}]", s.interview, what_words(found))?;
                writeln!(out, "  {}: {}", s.confidence.word(), s.rule.explain())?;
                writeln!(
                    out,
                    "  {}, {}, {}",
                    found.message.from,
                    human(found.message.date, &zone),
                    found.message.location
                )?;
            }
            for (message, interview, why) in &scan.ignored {
                writeln!(
                    out,
                    "{interview}: ignored {} ({}): {}",
                    message.from,
                    message.location,
                    ignored_words(why)
                )?;
            }
            for (id, changed) in changes {
                for change in changed {
                    writeln!(out, "{id}: changed: {change}")?;
                }
            }
            let weak = scan.found.iter().any(|f| f.suggestion.confidence == Confidence::Weak);
            if apply {
                let noun = if recorded == 1 { "event" } else { "events" };
                writeln!(out, "recorded {recorded} {noun}")?;
            } else if !scan.found.is_empty() {
                writeln!(
                    out,
                    "nothing recorded: run again with --apply to record the strong and medium suggestions"
                )?;
            }
            if weak {
                writeln!(
                    out,
                    "weak suggestions are never recorded by --apply: if one is a reply, record it with `followup replied`"
                )?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

fn message_json(message: &Message) -> Value {
    json!({
        "message_id": message.message_id,
        "from": message.from.to_string(),
        "subject": message.subject,
        "date": message.date_header,
        "location": message.location,
    })
}
