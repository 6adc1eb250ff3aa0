//! The interview file `followup new` writes: TOML with the `#:schema` line, a comment
//! saying where each value came from, and every field still unknown written as a
//! commented line under a `# TODO field.path: what to write` marker, which
//! `followup validate` lists (see `followup_validate::todo_markers`).

use std::fmt::Write;

use followup_core::interview::{Culture, MeetingFormat, RoleKind};

/// The schema line: the published schema's `$id`, so that it holds wherever the file is.
pub const SCHEMA_LINE: &str = "#:schema https://followup.invalid/schemas/interview.schema.json";

/// A value, where it came from, and what to write when it is unknown.
#[derive(Debug, Clone)]
pub struct Entry<T> {
    /// The value, when known.
    pub value: Option<T>,
    /// Where it came from, written as a comment above it.
    pub note: Option<String>,
}

impl<T> Default for Entry<T> {
    fn default() -> Entry<T> {
        Entry { value: None, note: None }
    }
}

impl<T> Entry<T> {
    /// A known value with where it came from.
    pub fn found(value: T, note: impl Into<String>) -> Entry<T> {
        Entry { value: Some(value), note: Some(note.into()) }
    }

    /// A value the user gave.
    pub fn given(value: Option<T>) -> Entry<T> {
        Entry { value, note: None }
    }
}

/// One interviewer to write.
#[derive(Debug, Clone, Default)]
pub struct NewInterviewer {
    /// Full name.
    pub name: String,
    /// Address.
    pub email: Option<String>,
    /// What was discussed with them.
    pub topics: Vec<String>,
}

/// Everything `followup new` knows about the interview.
#[derive(Debug, Clone, Default)]
pub struct NewInterview {
    /// The first comment: where the file came from.
    pub header: String,
    /// Whether the profile supplies the candidate's name.
    pub candidate_known: bool,
    pub company: Entry<String>,
    pub industry: Entry<String>,
    pub culture: Entry<Culture>,
    pub role_title: Entry<String>,
    pub role_kind: Entry<RoleKind>,
    /// RFC 3339 with the meeting zone's offset.
    pub start: Entry<String>,
    pub end: Entry<String>,
    pub time_zone: Entry<String>,
    pub format: Entry<MeetingFormat>,
    pub interviewers: Vec<NewInterviewer>,
    pub strengths: Vec<String>,
    pub decision_date: Entry<String>,
    /// Anything worth keeping from the invitation (the link, the location).
    pub notes: Option<String>,
}

/// A TOML string literal.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// A TOML array of strings.
fn array(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|i| quoted(i)).collect();
    format!("[{}]", items.join(", "))
}

/// The snake-case name serde writes for an enum value.
fn name_of<T: serde::Serialize>(value: &T) -> String {
    match toml::Value::try_from(value) {
        Ok(toml::Value::String(name)) => name,
        _ => String::new(),
    }
}

struct Writer {
    out: String,
}

impl Writer {
    fn line(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn comment(&mut self, note: &Option<String>) {
        if let Some(note) = note {
            for line in note.lines() {
                let _ = writeln!(self.out, "# {line}");
            }
        }
    }

    /// `key = value`, or the TODO marker and a commented example.
    fn field<T>(
        &mut self,
        path: &str,
        entry: &Entry<T>,
        render: impl Fn(&T) -> String,
        todo: &str,
        example: &str,
    ) {
        let key = path.rsplit('.').next().unwrap_or(path);
        match &entry.value {
            Some(value) => {
                self.comment(&entry.note);
                let _ = writeln!(self.out, "{key} = {}", render(value));
            }
            None => self.todo(path, todo, &format!("{key} = {example}")),
        }
    }

    fn todo(&mut self, path: &str, what: &str, example: &str) {
        let _ = writeln!(self.out, "# TODO {path}: {what}");
        let _ = writeln!(self.out, "# {example}");
    }
}

/// The file's text.
pub fn render(interview: &NewInterview) -> String {
    let mut w = Writer { out: String::new() };
    w.line(SCHEMA_LINE);
    w.comment(&Some(interview.header.clone()));
    w.line(
        "# Lines marked TODO are still to fill in: `followup validate` on this file lists them.",
    );
    if !interview.candidate_known {
        w.line("");
        w.line("[candidate]");
        w.todo(
            "candidate.name",
            "your name (or run `followup init` once to keep your details in a profile)",
            "name = \"\"",
        );
    }
    w.line("");
    w.line("[employer]");
    w.field(
        "employer.company",
        &interview.company,
        |v| quoted(v),
        "the company's name as people say it",
        "\"\"",
    );
    if let Some(industry) = &interview.industry.value {
        let _ = writeln!(w.out, "industry = {}", quoted(industry));
    }
    w.field(
        "employer.culture",
        &interview.culture,
        |v| quoted(&name_of(v)),
        "standard, traditional, boutique or startup (how formal the follow-up is)",
        "\"standard\"",
    );
    w.line("");
    w.line("[role]");
    w.field(
        "role.title",
        &interview.role_title,
        |v| quoted(v),
        "the job title, as the posting names it",
        "\"\"",
    );
    w.field(
        "role.kind",
        &interview.role_kind,
        |v| quoted(&name_of(v)),
        "professional, executive, hourly, shift, temporary, contract, field or internship",
        "\"professional\"",
    );
    w.line("");
    w.line("[meeting]");
    w.field(
        "meeting.start",
        &interview.start,
        |v| quoted(v),
        "when the interview started, with the UTC offset",
        "\"2026-11-24T14:00:00-06:00\"",
    );
    if interview.end.value.is_some() || interview.start.value.is_none() {
        w.field(
            "meeting.end",
            &interview.end,
            |v| quoted(v),
            "when it ended (or write duration_minutes = 60)",
            "\"2026-11-24T15:00:00-06:00\"",
        );
    }
    w.field(
        "meeting.time_zone",
        &interview.time_zone,
        |v| quoted(v),
        "the IANA zone the interview was in",
        "\"America/Chicago\"",
    );
    w.field(
        "meeting.format",
        &interview.format,
        |v| quoted(&name_of(v)),
        "video, phone or on_site",
        "\"video\"",
    );
    if interview.interviewers.is_empty() {
        w.line("");
        w.line("[[interviewers]]");
        w.todo("interviewers[0].name", "the name of the person who interviewed you", "name = \"\"");
        w.todo("interviewers[0].email", "their address, to thank them by email", "email = \"\"");
        w.todo(
            "interviewers[0].topics",
            "what you discussed with them; each message names one",
            "topics = [\"\"]",
        );
    }
    for (index, person) in interview.interviewers.iter().enumerate() {
        w.line("");
        w.line("[[interviewers]]");
        let _ = writeln!(w.out, "name = {}", quoted(&person.name));
        if let Some(email) = &person.email {
            let _ = writeln!(w.out, "email = {}", quoted(email));
        }
        if person.topics.is_empty() {
            w.todo(
                &format!("interviewers[{index}].topics"),
                &format!("what you discussed with {}; each message names one", person.name),
                "topics = [\"\"]",
            );
        } else {
            let _ = writeln!(w.out, "topics = {}", array(&person.topics));
        }
    }
    w.line("");
    w.line("[reinforce]");
    if interview.strengths.is_empty() {
        w.todo(
            "reinforce.strengths",
            "a few strengths worth restating, not the resume",
            "strengths = [\"\"]",
        );
    } else {
        let _ = writeln!(w.out, "strengths = {}", array(&interview.strengths));
    }
    w.line("");
    w.line("[next_steps]");
    w.field(
        "next_steps.decision_date",
        &interview.decision_date,
        |v| quoted(v),
        "the date they said they would decide by, YYYY-MM-DD (leave it out if none was given)",
        "\"2026-12-04\"",
    );
    if let Some(notes) = &interview.notes {
        let _ = writeln!(w.out, "notes = {}", quoted(notes));
    }
    w.out
}
