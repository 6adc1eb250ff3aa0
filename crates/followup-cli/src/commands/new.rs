//! `followup new [--from-invite INVITE.ics]`: writes a new interview file.
//!
//! From an invitation, `followup-invite` reads what the invitation knows (the meeting,
//! the employer, the interviewers); what it cannot know (role, culture, topics,
//! strengths, the decision date) is asked on a terminal with defaults, or, without a
//! terminal or with `--no-input`, written as commented `TODO` fields that `followup
//! validate` lists. Without an invitation, everything is asked (or the whole template
//! written). The file is never written over an existing one.

mod toml_file;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use followup_core::interview::{CandidateDetails, Culture, MeetingFormat, RoleKind};
use followup_invite::{InviteDraft, MAX_INVITE_BYTES, Options};

use crate::atomic_write;
use crate::exit;
use crate::settings::NewSettings;

use super::prompt::{self, Prompter};
use toml_file::{Entry, NewInterview, NewInterviewer};

/// Why `followup new` wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum NewError {
    /// The target exists.
    #[error(
        "{path}: the file exists; `followup new` never replaces a file: pass --out with another name"
    )]
    Exists {
        /// The file.
        path: PathBuf,
    },
    /// The invitation file could not be read.
    #[error("{path}: cannot read the invitation: {cause}")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why.
        cause: std::io::Error,
    },
    /// The invitation is not UTF-8 text.
    #[error("{path}: the invitation is not UTF-8 text; save it again from your calendar as .ics")]
    NotText {
        /// The file.
        path: PathBuf,
    },
}

/// Runs `followup new`.
pub fn run(settings: &NewSettings) -> anyhow::Result<ExitCode> {
    if let Some(zone) = &settings.time_zone {
        prompt::check_zone(zone)
            .map_err(|message| exit::UsageError(format!("--time-zone {zone}: {message}")))?;
    }
    let profile = crate::profile::load(&settings.profile)?;
    let mut interview = match &settings.invite {
        Some(path) => {
            let text = read_bounded(path)?;
            let emails: Vec<String> = profile.email.iter().cloned().collect();
            let options = Options {
                candidate_emails: &emails,
                time_zone: settings.time_zone.as_deref(),
                fallback_zone: profile.time_zone.as_ref().map(|z| z.as_str()),
            };
            let draft = followup_invite::read_invite(path, &text, &options)?;
            from_invite(path, &draft)
        }
        None => NewInterview {
            header: "Written by `followup new`.".to_string(),
            time_zone: Entry::given(
                settings
                    .time_zone
                    .clone()
                    .or_else(|| profile.time_zone.as_ref().map(|z| z.0.clone())),
            ),
            ..NewInterview::default()
        },
    };
    interview.candidate_known = profile.name.is_some();
    if settings.interactive {
        ask(&mut interview, settings.invite.is_none(), &profile)?;
    }

    let path = settings.out.clone().unwrap_or_else(|| default_name(&interview));
    if path.exists() {
        return Err(NewError::Exists { path }.into());
    }
    let text = toml_file::render(&interview);
    atomic_write::write(&path, text.as_bytes(), false)?;
    eprintln!("wrote {}", path.display());
    let left = still_unknown(&text);
    if left.is_empty() {
        eprintln!("next: followup plan {}", path.display());
    } else {
        eprintln!("still to fill in (marked TODO in the file): {}", left.join(", "));
        eprintln!("next: edit it, then `followup validate {}` says what is left", path.display());
    }
    Ok(ExitCode::from(exit::OK))
}

/// Reads at most [`MAX_INVITE_BYTES`] and one more, so that a huge file is refused by
/// the reader without being read whole.
fn read_bounded(path: &Path) -> anyhow::Result<String> {
    let unreadable = |cause| NewError::Unreadable { path: path.to_path_buf(), cause };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::new();
    let limit = u64::try_from(MAX_INVITE_BYTES).unwrap_or(u64::MAX).saturating_add(1);
    file.take(limit).read_to_end(&mut bytes).map_err(unreadable)?;
    String::from_utf8(bytes).map_err(|_| NewError::NotText { path: path.to_path_buf() }.into())
}

/// The field paths under the file's TODO markers.
fn still_unknown(text: &str) -> Vec<String> {
    followup_validate::todo_markers(text).into_iter().map(|marker| marker.field).collect()
}

/// What the invitation says, as the file's entries.
fn from_invite(path: &Path, draft: &InviteDraft) -> NewInterview {
    let meeting = &draft.meeting;
    let offset = |zoned: &jiff::ZonedDateTime| zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
    let file = path
        .file_name()
        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let format_note = meeting.format.as_ref().map(|f| match &meeting.link {
        Some(link) => format!("From {} ({link}).", f.from),
        None => format!("From {}.", f.from),
    });
    NewInterview {
        header: match &draft.summary {
            Some(summary) => format!("Written by `followup new` from {file}: \"{summary}\"."),
            None => format!("Written by `followup new` from {file}."),
        },
        company: draft
            .company
            .as_ref()
            .map(|c| Entry::found(c.value.clone(), format!("From {}.", c.from)))
            .unwrap_or_default(),
        start: Entry::found(offset(&meeting.start), "From the invitation."),
        end: Entry::given(meeting.end.as_ref().map(offset)),
        time_zone: meeting
            .time_zone
            .as_ref()
            .map(|z| Entry::found(z.value.clone(), format!("From {}.", z.from)))
            .unwrap_or_default(),
        format: Entry { value: meeting.format.as_ref().map(|f| f.value), note: format_note },
        interviewers: draft
            .interviewers
            .iter()
            .map(|p| NewInterviewer {
                name: p.name.clone(),
                email: p.email.clone(),
                topics: Vec::new(),
            })
            .collect(),
        // What the invitation cannot know (`draft.unknown`) stays empty, for the
        // prompts or the TODO markers.
        ..NewInterview::default()
    }
}

const CULTURES: [(&str, Culture); 4] = [
    ("standard: an ordinary professional workplace", Culture::Standard),
    ("traditional: law, finance, personal touches valued", Culture::Traditional),
    ("boutique: a small, selective firm", Culture::Boutique),
    ("startup: young and fast-moving", Culture::Startup),
];

const KINDS: [(&str, RoleKind); 8] = [
    ("professional", RoleKind::Professional),
    ("executive", RoleKind::Executive),
    ("hourly", RoleKind::Hourly),
    ("shift", RoleKind::Shift),
    ("temporary", RoleKind::Temporary),
    ("contract", RoleKind::Contract),
    ("field", RoleKind::Field),
    ("internship", RoleKind::Internship),
];

const FORMATS: [(&str, MeetingFormat); 3] = [
    ("video", MeetingFormat::Video),
    ("phone", MeetingFormat::Phone),
    ("on site", MeetingFormat::OnSite),
];

/// Asks for what is not known yet; everything when there was no invitation.
fn ask(
    interview: &mut NewInterview,
    everything: bool,
    profile: &CandidateDetails,
) -> anyhow::Result<()> {
    let prompter = Prompter::new();
    let ok = |_: &str| Ok(());
    let company = prompter.required("Company", interview.company.value.as_deref(), ok)?;
    if interview.company.value.as_deref() != Some(company.as_str()) {
        interview.company = Entry::given(Some(company));
    }
    if everything {
        interview.industry = Entry::given(prompter.text(
            "Industry (such as technology, logistics, law)",
            None,
            ok,
        )?);
    }
    let names: Vec<&str> = CULTURES.iter().map(|(name, _)| *name).collect();
    interview.culture =
        Entry::given(Some(CULTURES[prompter.choose("Company culture", &names, 0)?].1));
    interview.role_title = Entry::given(Some(prompter.required("Role title", None, ok)?));
    let names: Vec<&str> = KINDS.iter().map(|(name, _)| *name).collect();
    interview.role_kind = Entry::given(Some(KINDS[prompter.choose("Kind of role", &names, 0)?].1));
    if interview.time_zone.value.is_none() || everything {
        let default = interview
            .time_zone
            .value
            .clone()
            .or_else(|| profile.time_zone.as_ref().map(|z| z.0.clone()));
        let zone = prompter.required(
            "Time zone of the interview",
            default.as_deref(),
            prompt::check_zone,
        )?;
        if interview.time_zone.value.as_deref() != Some(zone.as_str()) {
            interview.time_zone = Entry::given(Some(zone));
        }
    }
    if interview.start.value.is_none() {
        let zone = interview.time_zone.value.clone().unwrap_or_else(|| "UTC".to_string());
        let tz = jiff::tz::db().get(&zone).context("the zone was checked when asked")?;
        let check = |answer: &str| parse_local(answer, &tz).map(|_| ());
        let start = prompter.required("Start (YYYY-MM-DD HH:MM, local time)", None, check)?;
        let start = parse_local(&start, &tz).map_err(anyhow::Error::msg)?;
        let minutes = prompter.required("Length in minutes", Some("60"), |a| {
            a.parse::<u16>().map(|_| ()).map_err(|_| "a number of minutes, such as 45".to_string())
        })?;
        let minutes: i64 = minutes.parse().context("the length was checked when asked")?;
        let end = start.checked_add(jiff::Span::new().minutes(minutes))?;
        let offset =
            |zoned: &jiff::ZonedDateTime| zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
        interview.start = Entry::given(Some(offset(&start)));
        interview.end = Entry::given(Some(offset(&end)));
    }
    if interview.format.value.is_none() {
        let names: Vec<&str> = FORMATS.iter().map(|(name, _)| *name).collect();
        interview.format =
            Entry::given(Some(FORMATS[prompter.choose("How was it held", &names, 0)?].1));
    }
    if interview.interviewers.is_empty() {
        loop {
            let prompt = format!(
                "Interviewer {}'s name (empty to finish)",
                interview.interviewers.len() + 1
            );
            let Some(name) = prompter.text(&prompt, None, ok)? else {
                if interview.interviewers.is_empty() {
                    continue;
                }
                break;
            };
            let email = prompter.text(&format!("{name}'s email"), None, ok)?;
            interview.interviewers.push(NewInterviewer { name, email, topics: Vec::new() });
        }
    }
    for person in &mut interview.interviewers {
        person.topics = prompter.list(&format!("A topic you discussed with {}", person.name))?;
    }
    interview.strengths = prompter.list("A strength worth restating")?;
    interview.decision_date = Entry::given(prompter.text(
        "Decision date they gave (YYYY-MM-DD, empty if none)",
        None,
        prompt::check_date,
    )?);
    Ok(())
}

/// `2026-11-24 14:00` (or with `T`, or with seconds) in `tz`.
fn parse_local(answer: &str, tz: &jiff::tz::TimeZone) -> Result<jiff::ZonedDateTime, String> {
    let text = answer.trim().replacen(' ', "T", 1);
    let civil: jiff::civil::DateTime = text
        .parse()
        .map_err(|_| "write it as YYYY-MM-DD HH:MM, such as 2026-11-24 14:00".to_string())?;
    civil.to_zoned_datetime(tz.clone()).map_err(|err| format!("not a time in that zone: {err}"))
}

/// `2026-11-24-northwind-analytics.toml`, or `interview.toml` when the date or the
/// company is unknown.
fn default_name(interview: &NewInterview) -> PathBuf {
    let date = interview.start.value.as_deref().and_then(|s| s.get(..10));
    let company = interview.company.value.as_deref().map(|c| {
        let slug: String = c
            .chars()
            .map(|ch| if ch.is_alphanumeric() { ch.to_ascii_lowercase() } else { '-' })
            .collect();
        slug.split('-').filter(|part| !part.is_empty()).collect::<Vec<_>>().join("-")
    });
    match (date, company) {
        (Some(date), Some(company)) if !company.is_empty() => {
            PathBuf::from(format!("{date}-{company}.toml"))
        }
        _ => PathBuf::from("interview.toml"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_names_come_from_the_date_and_the_company() {
        let interview = NewInterview {
            company: Entry::given(Some("Lumière Conseil & Co".to_string())),
            start: Entry::given(Some("2026-11-26T10:00:00+01:00".to_string())),
            ..NewInterview::default()
        };
        assert_eq!(default_name(&interview), PathBuf::from("2026-11-26-lumière-conseil-co.toml"));
        assert_eq!(default_name(&NewInterview::default()), PathBuf::from("interview.toml"));
    }

    #[test]
    fn local_times_are_read_in_the_zone() {
        let tz = jiff::tz::db().get("America/Chicago").expect("bundled");
        let start = parse_local("2026-11-24 14:00", &tz).expect("valid");
        assert_eq!(start.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(), "2026-11-24T14:00:00-06:00");
        assert!(parse_local("next tuesday", &tz).is_err());
    }
}
