//! The facts a message template can use, worked out once from the render request.
//!
//! Templates see these names (documented here, because a firm's own templates use them
//! too): `candidate`, `recipient`, `about`, `via_recruiter`, `cc`, `company`, `role`,
//! `role_kind`, `topic`, `topics`, `strengths`, `clarify`, `motivation`,
//! `interview_day`, `interview_date`, `interview_when`, `meeting_format`, `decision`,
//! `next_steps`, `firm`, `recruiter`, `sequence`, `sign_off`, `purpose`,
//! `other_interviewers`, `discussed`, `open_points`, `recipient_address`, `send_date`,
//! `tone`, `spelling`, `variant`, `decides`, `strength_sentences`,
//! `strength_reference`, `motivation_sentence`, `discussed_sentences`.
//!
//! What the candidate typed is made to read as English here, once, with core's
//! [`phrasing`]: a strength typed as a verb phrase, a sentence, a noun phrase or a
//! gerund becomes a sentence of the right shape; topics lose their capital and final
//! period so that they can follow "about". Each interviewer of a panel gets their own
//! strengths and point to clarify (the file's, else the interview's spread across the
//! panel) and a `variant`, so that templates can word the same thing differently for
//! each reader, deterministically.

use followup_core::draft::RenderRequest;
use followup_core::human_time::{month_name, weekday_name};
use followup_core::interview::{Interview, Interviewer, MeetingFormat};
use followup_core::phrasing;
use followup_core::plan::{Purpose, RecipientKind};
use serde::Serialize;

/// Whether empty facts are serialized too: only while the context for a render that
/// must show them is built (see [`with_empty_facts`]). Templates otherwise see an empty
/// fact as not defined, so that printing one is caught (the `placeholders` check).
/// Skipping them while serializing, rather than stripping a serialized copy, keeps a
/// render to one conversion of the facts.
mod empty_facts {
    use std::cell::Cell;

    thread_local! {
        static KEPT: Cell<bool> = const { Cell::new(false) };
    }

    /// Runs `f` with empty facts serialized.
    pub fn with_empty_facts<T>(f: impl FnOnce() -> T) -> T {
        let before = KEPT.with(|kept| kept.replace(true));
        let result = f();
        KEPT.with(|kept| kept.set(before));
        result
    }

    pub(super) fn kept() -> bool {
        KEPT.with(Cell::get)
    }
}

pub use empty_facts::with_empty_facts;

fn skipped_text(text: &str) -> bool {
    !empty_facts::kept() && text.trim().is_empty()
}

fn skipped_option<T: OptionalText>(value: &Option<T>) -> bool {
    !empty_facts::kept() && value.as_ref().is_none_or(OptionalText::is_blank)
}

/// A value that can be blank: an empty text is as good as none.
trait OptionalText {
    fn is_blank(&self) -> bool;
}

impl OptionalText for String {
    fn is_blank(&self) -> bool {
        self.trim().is_empty()
    }
}

impl OptionalText for u32 {
    fn is_blank(&self) -> bool {
        false
    }
}

impl OptionalText for PersonFacts {
    fn is_blank(&self) -> bool {
        false
    }
}

/// The default closing before the signature.
const DEFAULT_SIGN_OFF: &str = "Best regards";

/// How many strengths a message restates at most: a reminder, not the resume.
const STRENGTHS_TO_RESTATE: usize = 2;

/// A person as templates see them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PersonFacts {
    /// Full name.
    #[serde(skip_serializing_if = "skipped_text")]
    pub name: String,
    /// First name, for greetings.
    #[serde(skip_serializing_if = "skipped_text")]
    pub first_name: String,
    /// Job title, when known.
    #[serde(skip_serializing_if = "skipped_option")]
    pub title: Option<String>,
    /// Their honorific (`Ms.`, `Dr.`), when the interview gives one.
    #[serde(skip_serializing_if = "skipped_option")]
    pub honorific: Option<String>,
    /// How a formal letter addresses them: `Ms. Goldberg` with an honorific, else the
    /// full name.
    #[serde(skip_serializing_if = "skipped_text")]
    pub formal_name: String,
}

impl PersonFacts {
    fn named(name: &str, title: Option<&str>) -> PersonFacts {
        let name = clean(name);
        PersonFacts {
            first_name: name.split_whitespace().next().unwrap_or(&name).to_string(),
            title: title.map(clean).filter(|t| !t.is_empty()),
            honorific: None,
            formal_name: name.clone(),
            name,
        }
    }

    /// An interviewer, greeted by their preferred name when they gave one, else by their
    /// full name when another interviewer shares their first name.
    fn interviewer(person: &Interviewer, first_name_shared: bool) -> PersonFacts {
        let mut facts = PersonFacts::named(&person.name, person.title.as_deref());
        let preferred = person.preferred_name.as_deref().map(clean).filter(|p| !p.is_empty());
        if let Some(preferred) = &preferred {
            facts.first_name = preferred.clone();
        } else if first_name_shared {
            facts.first_name = facts.name.clone();
        }
        // An honorific keeps its period ("Dr."), unlike a phrase inside a sentence.
        facts.honorific = person
            .honorific
            .as_deref()
            .map(|h| h.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|h| !h.is_empty());
        if let Some(honorific) = &facts.honorific {
            facts.formal_name = format!("{honorific} {}", family_name(&facts.name));
        }
        facts
    }
}

/// The candidate as templates see them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CandidateFacts {
    /// Full name.
    #[serde(skip_serializing_if = "skipped_text")]
    pub name: String,
    /// First name.
    #[serde(skip_serializing_if = "skipped_text")]
    pub first_name: String,
    /// The signature block (the name when none is given).
    #[serde(skip_serializing_if = "skipped_text")]
    pub signature: String,
    /// Email address, when given.
    #[serde(skip_serializing_if = "skipped_option")]
    pub email: Option<String>,
    /// Phone number, when given.
    #[serde(skip_serializing_if = "skipped_option")]
    pub phone: Option<String>,
    /// Postal address lines.
    pub address: Vec<String>,
}

/// Everything a template can say about one step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Facts {
    /// What the message is for (`thank_you`, `check_in`, ...).
    pub purpose: Purpose,
    /// For check-ins, which one (1, 2).
    #[serde(skip_serializing_if = "skipped_option")]
    pub sequence: Option<u32>,
    /// The candidate.
    pub candidate: CandidateFacts,
    /// Who receives the message.
    pub recipient: PersonFacts,
    /// The interviewer the message is about: the recipient, or, when the recruiter
    /// passes it on, the interviewer it is meant for. Empty for a debrief.
    pub about: PersonFacts,
    /// Whether the recruiter passes the message on.
    pub via_recruiter: bool,
    /// Whether the recipient is the recruiter.
    pub to_recruiter: bool,
    /// Names copied on the message.
    pub cc: Vec<String>,
    /// The employer's name.
    #[serde(skip_serializing_if = "skipped_text")]
    pub company: String,
    /// The job title.
    #[serde(skip_serializing_if = "skipped_text")]
    pub role: String,
    /// The kind of role (`professional`, `shift`, ...).
    #[serde(skip_serializing_if = "skipped_text")]
    pub role_kind: String,
    /// Something discussed with `about`, when any was listed.
    #[serde(skip_serializing_if = "skipped_option")]
    pub topic: Option<String>,
    /// Everything discussed with `about`.
    pub topics: Vec<String>,
    /// One or two strengths to restate.
    pub strengths: Vec<String>,
    /// A point to clarify briefly.
    #[serde(skip_serializing_if = "skipped_option")]
    pub clarify: Option<String>,
    /// Why the candidate wants the job.
    #[serde(skip_serializing_if = "skipped_option")]
    pub motivation: Option<String>,
    /// The weekday of the interview, in the meeting's zone (`Tuesday`).
    #[serde(skip_serializing_if = "skipped_text")]
    pub interview_day: String,
    /// The date of the interview (`November 24`).
    #[serde(skip_serializing_if = "skipped_text")]
    pub interview_date: String,
    /// When the interview was, seen from the moment the message is sent: `today`,
    /// `yesterday`, `on Monday` (within the week) or `on November 24`.
    #[serde(skip_serializing_if = "skipped_text")]
    pub interview_when: String,
    /// How the interview was held, as a noun (`video call`, `phone call`, `visit`).
    #[serde(skip_serializing_if = "skipped_text")]
    pub meeting_format: String,
    /// When the decision is expected (`Friday, December 4`), if said.
    #[serde(skip_serializing_if = "skipped_option")]
    pub decision: Option<String>,
    /// What the employer said about next steps, in the candidate's words.
    #[serde(skip_serializing_if = "skipped_option")]
    pub next_steps: Option<String>,
    /// The staffing firm that placed the candidate, else the style's firm, if any.
    #[serde(skip_serializing_if = "skipped_option")]
    pub firm: Option<String>,
    /// The recruiter, if any.
    #[serde(skip_serializing_if = "skipped_option")]
    pub recruiter: Option<PersonFacts>,
    /// The closing before the signature.
    #[serde(skip_serializing_if = "skipped_text")]
    pub sign_off: String,
    /// The style's tone (`warm`, `formal`, `brief`), when it sets one.
    #[serde(skip_serializing_if = "skipped_option")]
    pub tone: Option<String>,
    /// The other interviewers, by name; for a debrief only (empty in other messages).
    pub other_interviewers: Vec<String>,
    /// Everything discussed, as `A and B (with Name)` per interviewer; for a debrief only.
    pub discussed: Vec<String>,
    /// Every point that deserves a clarification.
    pub open_points: Vec<String>,
    /// The postal address for a letter: the interviewer's, else the employer's, always
    /// with the company's name (added on top when no line names it).
    pub recipient_address: Vec<String>,
    /// The date the message is sent, in the step's zone (`December 7, 2026`).
    #[serde(skip_serializing_if = "skipped_text")]
    pub send_date: String,
    /// The spelling to follow: `en-US` or `en-GB`.
    #[serde(skip_serializing_if = "skipped_text")]
    pub spelling: String,
    /// Which wording to use where a template has several: the position of `about`
    /// among the interviewers (0 for the first, and for a message about no one).
    /// Templates take it modulo the number of wordings they have.
    pub variant: usize,
    /// Whether `about` leads the hiring decision: the interviewer marked `lead`, else
    /// the first one. Only they are told the decision date in a close.
    pub decides: bool,
    /// `strengths` as sentences of the candidate's own (`In my last role I cut ...`),
    /// worded after `variant`; empty when there are none.
    #[serde(skip_serializing_if = "skipped_text")]
    pub strength_sentences: String,
    /// The first of `strengths` as something to say more about (`how I cut …`,
    /// `SQL performance tuning`); empty when there are none.
    #[serde(skip_serializing_if = "skipped_text")]
    pub strength_reference: String,
    /// `motivation` as a sentence naming the company; empty when there is none.
    #[serde(skip_serializing_if = "skipped_text")]
    pub motivation_sentence: String,
    /// What was discussed with each interviewer, one sentence per person
    /// (`With Tanya Okafor, we talked about A and B.`); for a debrief only.
    #[serde(skip_serializing_if = "skipped_text")]
    pub discussed_sentences: String,
}

impl Facts {
    /// Works out the facts of `request`.
    pub fn from_request(request: &RenderRequest) -> Facts {
        let interview = &request.interview;
        let step = &request.step;
        let about_name = match (&step.recipient.on_behalf_of, step.recipient.kind) {
            (Some(name), _) => Some(name.as_str()),
            (None, RecipientKind::Interviewer) => Some(step.recipient.name.as_str()),
            (None, RecipientKind::Recruiter) => None,
        };
        // The request lists the panel, or (with a seat) only the person it is about.
        let listed =
            about_name.and_then(|name| interview.interviewers.iter().position(|p| p.name == name));
        let interviewer: Option<&Interviewer> = listed.map(|i| &interview.interviewers[i]);
        let seat = request.seat.as_ref();
        let position = seat.map(|s| s.position).or(listed);
        let variant = position.unwrap_or(0);
        let first_name_shared = match (seat, listed) {
            (Some(seat), _) => seat.first_name_shared,
            (None, Some(i)) => interview.first_name_shared(i),
            (None, None) => false,
        };
        let about =
            interviewer.map(|p| PersonFacts::interviewer(p, first_name_shared)).unwrap_or_default();
        // An interviewer who receives the message is the one it is about.
        let recipient = match (step.recipient.kind, interviewer) {
            (RecipientKind::Interviewer, Some(_)) => about.clone(),
            _ => PersonFacts::named(&step.recipient.name, None),
        };
        let decides = match (seat, listed) {
            (Some(seat), _) => seat.decides,
            (None, Some(i)) => interview.decides(i),
            (None, None) => false,
        };
        let topics: Vec<String> = interviewer
            .map(|p| clean_all(&p.topics).iter().map(|t| phrasing::topic(t)).collect())
            .unwrap_or_default();
        // What the whole panel said is for the debrief, the one message about everyone;
        // leaving it out of the others keeps a message's cost the same however large
        // the panel (a thousand interviewers would otherwise cost a million topics).
        let whole_panel = step.purpose == Purpose::Debrief;
        let panel_topics = if whole_panel { discussed(interview) } else { Vec::new() };
        let strengths = strengths_for(interview, interviewer, position);
        let strength_sentences = strengths
            .iter()
            .enumerate()
            .map(|(j, s)| phrasing::strength_sentence(s, variant + j))
            .collect::<Vec<_>>()
            .join(" ");
        let company = clean(&interview.employer.company);
        let motivation =
            interview.reinforce.motivation.as_deref().map(clean).filter(|s| !s.is_empty());
        let motivation_sentence = motivation
            .as_deref()
            .map(|m| phrasing::motivation_sentence(m, &company, variant))
            .unwrap_or_default();
        let candidate_name = clean(interview.candidate.name.as_deref().unwrap_or_default());
        let candidate = CandidateFacts {
            first_name: candidate_name.split_whitespace().next().unwrap_or_default().to_string(),
            signature: interview
                .candidate
                .signature
                .clone()
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| candidate_name.clone()),
            name: candidate_name,
            email: interview.candidate.email.clone(),
            phone: interview.candidate.phone.clone(),
            address: interview.candidate.address.clone().unwrap_or_default(),
        };
        let (interview_day, interview_date) = interview_day_and_date(request);
        let send_day = step.send_at.to_zoned_datetime(step.time_zone.clone()).date();
        let interview_day_there =
            interview.meeting.start.0.to_zoned_datetime(step.time_zone.clone()).date();
        let interview_when = match (send_day - interview_day_there).get_days() {
            0 => "today".to_string(),
            1 => "yesterday".to_string(),
            2..=6 => format!("on {interview_day}"),
            _ => format!("on {interview_date}"),
        };
        Facts {
            purpose: step.purpose,
            sequence: step.sequence,
            candidate,
            via_recruiter: step.recipient.on_behalf_of.is_some(),
            to_recruiter: step.recipient.kind == RecipientKind::Recruiter,
            cc: step.recipient.cc.clone(),
            company,
            role: clean(&interview.role.title),
            role_kind: format!("{:?}", interview.role.kind).to_lowercase(),
            topic: topics.first().cloned(),
            topics,
            clarify: clarify_for(interview, interviewer, seat, listed),
            motivation,
            interview_day,
            interview_date,
            interview_when,
            meeting_format: match interview.meeting.format {
                MeetingFormat::OnSite => "visit",
                MeetingFormat::Video => "video call",
                MeetingFormat::Phone => "phone call",
            }
            .to_string(),
            decision: interview.next_steps.decision_date.map(|day| {
                format!("{}, {} {}", weekday_name(day.0.weekday()), month_name(day.0), day.0.day())
            }),
            next_steps: interview.next_steps.notes.as_deref().map(clean).filter(|s| !s.is_empty()),
            // The staffing firm that placed the candidate, else the style's firm.
            firm: interview
                .staffing
                .as_ref()
                .map(|s| clean(&s.firm))
                .or_else(|| request.style.firm.as_deref().map(clean)),
            recruiter: interview
                .staffing
                .as_ref()
                .map(|s| PersonFacts::named(&s.recruiter.name, None)),
            sign_off: request
                .style
                .sign_off
                .clone()
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| DEFAULT_SIGN_OFF.to_string()),
            tone: request.style.tone.clone(),
            other_interviewers: if whole_panel {
                interview
                    .interviewers
                    .iter()
                    .map(|p| p.name.clone())
                    .filter(|name| Some(name.as_str()) != about_name)
                    .collect()
            } else {
                Vec::new()
            },
            discussed: panel_topics
                .iter()
                .map(|(name, topics)| format!("{} (with {name})", phrasing::list(topics)))
                .collect(),
            discussed_sentences: panel_topics
                .iter()
                .map(|(name, topics)| {
                    format!("With {name}, we talked about {}.", phrasing::list(topics))
                })
                .collect::<Vec<_>>()
                .join(" "),
            open_points: phrasing::point_items(&clean_all(&interview.reinforce.clarify)),
            recipient_address: address_block(interview, interviewer),
            send_date: long_date(send_day),
            spelling: request.style.spelling.clone().unwrap_or_else(|| "en-US".to_string()),
            variant,
            decides,
            strength_reference: strengths
                .first()
                .map(|s| phrasing::strength_reference(s))
                .unwrap_or_default(),
            strengths,
            strength_sentences,
            motivation_sentence,
            recipient,
            about,
        }
    }
}

/// The strengths to restate to `interviewer` (at `position` on the panel): the ones the
/// file gives that person, else the interview's, rotated so that each member of a panel
/// hears a different one first; at most [`STRENGTHS_TO_RESTATE`].
fn strengths_for(
    interview: &Interview,
    interviewer: Option<&Interviewer>,
    position: Option<usize>,
) -> Vec<String> {
    if let Some(own) = interviewer.map(|p| clean_all(&p.strengths)).filter(|own| !own.is_empty()) {
        return own.into_iter().take(STRENGTHS_TO_RESTATE).collect();
    }
    let all = clean_all(&interview.reinforce.strengths);
    let start = position.unwrap_or(0);
    (0..all.len().min(STRENGTHS_TO_RESTATE)).map(|j| all[(start + j) % all.len()].clone()).collect()
}

/// The point to clarify with `interviewer`: the first the file gives that person, else
/// the first of the interview's points shared out to them (core's
/// [`Interview::shared_clarify`], worked out by the host when the request has a seat).
/// A message about no one (to the recruiter) gets the first point.
fn clarify_for(
    interview: &Interview,
    interviewer: Option<&Interviewer>,
    seat: Option<&followup_core::draft::Seat>,
    listed: Option<usize>,
) -> Option<String> {
    let Some(person) = interviewer else {
        return clean_all(&interview.reinforce.clarify).first().map(|p| phrasing::point(p));
    };
    if let Some(own) = clean_all(&person.clarify).first() {
        return Some(phrasing::point(own));
    }
    let shared = match (seat, listed) {
        (Some(seat), _) => seat.shared_clarify.clone(),
        (None, Some(i)) => interview.shared_clarify(i),
        (None, None) => Vec::new(),
    };
    clean_all(&shared).first().map(|p| phrasing::point(p))
}

/// The postal address of a letter: the interviewer's, else the employer's, with the
/// company's name on top unless a line already names it (a letter that reaches the
/// building must still reach the firm).
fn address_block(interview: &Interview, interviewer: Option<&Interviewer>) -> Vec<String> {
    let mut lines: Vec<String> = interviewer
        .and_then(|p| p.address.clone())
        .filter(|a| !a.is_empty())
        .or_else(|| interview.employer.address.clone())
        .unwrap_or_default()
        .iter()
        .map(|line| clean(line))
        .filter(|line| !line.is_empty())
        .collect();
    let company = clean(&interview.employer.company);
    let named = lines.iter().any(|line| line.to_lowercase().contains(&company.to_lowercase()));
    if !named && !company.is_empty() {
        lines.insert(0, company);
    }
    lines
}

/// Each interviewer with topics, by name, with those topics ready to follow "about".
fn discussed(interview: &Interview) -> Vec<(String, Vec<String>)> {
    interview
        .interviewers
        .iter()
        .map(|p| {
            (clean(&p.name), clean_all(&p.topics).iter().map(|t| phrasing::topic(t)).collect())
        })
        .filter(|(_, topics): &(String, Vec<String>)| !topics.is_empty())
        .collect()
}

/// The family name in `name`: its last word, or its first for a name written in Chinese,
/// Japanese or Korean script, where the family name comes first (佐藤 健).
fn family_name(name: &str) -> &str {
    let family_first = name.chars().any(|c| {
        matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF)
    });
    let mut words = name.split_whitespace();
    let family = if family_first { words.next() } else { words.next_back() };
    family.unwrap_or(name)
}

/// The interview's weekday and date in the meeting's zone.
fn interview_day_and_date(request: &RenderRequest) -> (String, String) {
    let meeting = &request.interview.meeting;
    let start = meeting.start.0;
    let zoned = match meeting.time_zone.resolve() {
        Some(zone) => start.to_zoned_datetime(zone),
        None => start.to_zoned_datetime(jiff::tz::TimeZone::UTC),
    };
    let day = zoned.date();
    (weekday_name(day.weekday()).to_string(), format!("{} {}", month_name(day), day.day()))
}

// Dates are written by hand rather than with `strftime`, which reads its format anew
// at every call: a draft writes four of them. The words are core's `human_time`
// (strftime's `%A` and `%B`).

/// `December 7, 2026`, as `%B %-d, %Y` writes it.
fn long_date(day: jiff::civil::Date) -> String {
    if (1000..=9999).contains(&day.year()) {
        format!("{} {}, {}", month_name(day), day.day(), day.year())
    } else {
        // `%Y` pads and signs years outside four digits its own way.
        day.strftime("%B %-d, %Y").to_string()
    }
}

/// A user's phrase as it should appear in a sentence: trimmed, without a final period
/// (the template supplies punctuation), with control characters (line breaks, escape
/// codes) made spaces and runs of spaces folded.
fn clean(text: &str) -> String {
    if is_clean_ascii(text) {
        return text.to_string();
    }
    // One pass and one allocation (this runs for every phrase of every draft): the
    // words between spaces and control characters, joined by one space...
    let mut folded = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_control() || c.is_whitespace()) {
        if word.is_empty() {
            continue;
        }
        if !folded.is_empty() {
            folded.push(' ');
        }
        folded.push_str(word);
    }
    // ... then the final periods and the space they leave; the text starts with a
    // word, so what is kept is a prefix of it.
    let kept = folded.trim_end_matches('.').trim_end().len();
    folded.truncate(kept);
    folded
}

/// Whether `text` is ASCII that [`clean`] leaves as it is: printable, words
/// separated by single spaces, no space or period at either end.
fn is_clean_ascii(text: &str) -> bool {
    let bytes = text.as_bytes();
    let printable = |b: u8| (b' '..=b'~').contains(&b);
    bytes.first().is_none_or(|&b| b != b' ')
        && bytes.last().is_none_or(|&b| b != b' ' && b != b'.')
        && bytes.iter().all(|&b| printable(b))
        && !bytes.windows(2).any(|pair| pair == b"  ")
}

fn clean_all(items: &[String]) -> Vec<String> {
    items.iter().map(|s| clean(s)).filter(|s| !s.is_empty()).collect()
}

/// The facts as a template context, built field by field rather than through serde:
/// a render builds one per draft, and the serde round-trip (a map of owned keys, then
/// a copy into the context) was the larger part of its cost. It gives exactly what
/// [`tera::Context::from_serialize`] gives for the serialized facts (a unit test holds
/// the two side by side): without the empty facts, or with them when `keep_empty`.
pub(crate) fn context_of(facts: &Facts, keep_empty: bool) -> tera::Context {
    let fields = Fields { keep_empty };
    let mut context = tera::Context::new();
    let mut put = |key: &'static str, value: Option<tera::Value>| {
        if let Some(value) = value {
            context.insert_value(key, value);
        }
    };
    put("purpose", Some(tera::Value::from(facts.purpose.as_str())));
    put("sequence", fields.option(facts.sequence.as_ref(), |n| tera::Value::from(*n)));
    put("candidate", Some(fields.candidate(&facts.candidate)));
    put("recipient", Some(fields.person(&facts.recipient)));
    put("about", Some(fields.person(&facts.about)));
    put("via_recruiter", Some(tera::Value::from(facts.via_recruiter)));
    put("to_recruiter", Some(tera::Value::from(facts.to_recruiter)));
    put("cc", Some(texts(&facts.cc)));
    put("company", fields.text(&facts.company));
    put("role", fields.text(&facts.role));
    put("role_kind", fields.text(&facts.role_kind));
    put("topic", fields.optional_text(&facts.topic));
    put("topics", Some(texts(&facts.topics)));
    put("strengths", Some(texts(&facts.strengths)));
    put("clarify", fields.optional_text(&facts.clarify));
    put("motivation", fields.optional_text(&facts.motivation));
    put("interview_day", fields.text(&facts.interview_day));
    put("interview_date", fields.text(&facts.interview_date));
    put("interview_when", fields.text(&facts.interview_when));
    put("meeting_format", fields.text(&facts.meeting_format));
    put("decision", fields.optional_text(&facts.decision));
    put("next_steps", fields.optional_text(&facts.next_steps));
    put("firm", fields.optional_text(&facts.firm));
    put("recruiter", fields.option(facts.recruiter.as_ref(), |p| fields.person(p)));
    put("sign_off", fields.text(&facts.sign_off));
    put("tone", fields.optional_text(&facts.tone));
    put("other_interviewers", Some(texts(&facts.other_interviewers)));
    put("discussed", Some(texts(&facts.discussed)));
    put("open_points", Some(texts(&facts.open_points)));
    put("recipient_address", Some(texts(&facts.recipient_address)));
    put("send_date", fields.text(&facts.send_date));
    put("spelling", fields.text(&facts.spelling));
    put("variant", Some(tera::Value::from(facts.variant)));
    put("decides", Some(tera::Value::from(facts.decides)));
    put("strength_sentences", fields.text(&facts.strength_sentences));
    put("strength_reference", fields.text(&facts.strength_reference));
    put("motivation_sentence", fields.text(&facts.motivation_sentence));
    put("discussed_sentences", fields.text(&facts.discussed_sentences));
    context
}

/// The rules of the serialized facts (`skipped_text`, `skipped_option`), for one
/// context: whether empty facts are kept.
#[derive(Clone, Copy)]
struct Fields {
    keep_empty: bool,
}

impl Fields {
    /// A text, or nothing when it is blank and blanks are left out.
    fn text(self, text: &str) -> Option<tera::Value> {
        (self.keep_empty || !text.trim().is_empty()).then(|| tera::Value::from(text))
    }

    /// An optional text: a blank one is as good as none.
    fn optional_text(self, text: &Option<String>) -> Option<tera::Value> {
        match text {
            Some(text) if !text.is_blank() => Some(tera::Value::from(text.as_str())),
            Some(text) => self.keep_empty.then(|| tera::Value::from(text.as_str())),
            None => self.keep_empty.then(tera::Value::none),
        }
    }

    /// An optional value that is never blank.
    fn option<T>(
        self,
        value: Option<&T>,
        make: impl FnOnce(&T) -> tera::Value,
    ) -> Option<tera::Value> {
        match value {
            Some(value) => Some(make(value)),
            None => self.keep_empty.then(tera::Value::none),
        }
    }

    fn person(self, person: &PersonFacts) -> tera::Value {
        self.map(&[
            ("name", self.text_field(&person.name)),
            ("first_name", self.text_field(&person.first_name)),
            ("title", self.optional_text_field(&person.title)),
            ("honorific", self.optional_text_field(&person.honorific)),
            ("formal_name", self.text_field(&person.formal_name)),
        ])
    }

    fn candidate(self, candidate: &CandidateFacts) -> tera::Value {
        self.map(&[
            ("name", self.text_field(&candidate.name)),
            ("first_name", self.text_field(&candidate.first_name)),
            ("signature", self.text_field(&candidate.signature)),
            ("email", self.optional_text_field(&candidate.email)),
            ("phone", self.optional_text_field(&candidate.phone)),
            ("address", Some(Field::Texts(&candidate.address))),
        ])
    }

    /// [`Fields::text`] as a field of a map.
    fn text_field(self, text: &str) -> Option<Field<'_>> {
        (self.keep_empty || !text.trim().is_empty()).then_some(Field::Text(text))
    }

    /// [`Fields::optional_text`] as a field of a map.
    fn optional_text_field(self, text: &Option<String>) -> Option<Field<'_>> {
        match text {
            Some(text) if self.keep_empty || !text.is_blank() => Some(Field::Text(text)),
            Some(_) => None,
            None => self.keep_empty.then_some(Field::None),
        }
    }

    /// The fields that are there as one map value, through tera's serializer, which
    /// builds the map in place (`From<HashMap>` would build it twice).
    fn map(self, fields: &[(&'static str, Option<Field<'_>>)]) -> tera::Value {
        // Texts and lists of texts always serialize; `none` only answers the impossible.
        tera::Value::try_from_serializable(&Present(fields)).unwrap_or_else(|_| tera::Value::none())
    }
}

/// A field of a person or of the candidate, as the facts serialize it.
#[derive(Clone, Copy)]
enum Field<'a> {
    Text(&'a str),
    Texts(&'a [String]),
    None,
}

impl Serialize for Field<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Field::Text(text) => serializer.serialize_str(text),
            Field::Texts(items) => items.serialize(serializer),
            Field::None => serializer.serialize_none(),
        }
    }
}

/// Fields as a struct for tera's serializer, without the absent ones.
struct Present<'a, 'f>(&'a [(&'static str, Option<Field<'f>>)]);

impl Serialize for Present<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let present = self.0.iter().filter_map(|(key, field)| Some((*key, (*field)?)));
        let mut map = serializer.serialize_struct("facts", present.clone().count())?;
        for (key, field) in present {
            map.serialize_field(key, &field)?;
        }
        map.end()
    }
}

/// A list of texts as a template value.
fn texts(items: &[String]) -> tera::Value {
    tera::Value::from(items.iter().map(|item| tera::Value::from(item.as_str())).collect::<Vec<_>>())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every name a template can see, as the module's documentation lists them.
    const NAMES: &[&str] = &[
        "purpose",
        "sequence",
        "candidate",
        "recipient",
        "about",
        "via_recruiter",
        "to_recruiter",
        "cc",
        "company",
        "role",
        "role_kind",
        "topic",
        "topics",
        "strengths",
        "clarify",
        "motivation",
        "interview_day",
        "interview_date",
        "interview_when",
        "meeting_format",
        "decision",
        "next_steps",
        "firm",
        "recruiter",
        "sign_off",
        "tone",
        "other_interviewers",
        "discussed",
        "open_points",
        "recipient_address",
        "send_date",
        "spelling",
        "variant",
        "decides",
        "strength_sentences",
        "strength_reference",
        "motivation_sentence",
        "discussed_sentences",
    ];

    fn example_facts() -> Facts {
        let request: RenderRequest =
            serde_json::from_value(followup_core::examples::render_request_example())
                .expect("the schema's example is a render request");
        Facts::from_request(&request)
    }

    /// The context built by hand is the one serde builds from the facts, with and
    /// without the empty facts, for full facts and for facts with every kind of gap.
    #[track_caller]
    fn same_as_serialized(facts: &Facts) {
        for keep_empty in [false, true] {
            let by_hand = context_of(facts, keep_empty);
            let serialized = if keep_empty {
                with_empty_facts(|| tera::Context::from_serialize(facts))
            } else {
                tera::Context::from_serialize(facts)
            }
            .expect("facts serialize");
            assert_eq!(by_hand, serialized, "keep_empty: {keep_empty}");
            for name in NAMES {
                let kind = |c: &tera::Context| c.get(name).map(tera::Value::kind);
                assert_eq!(kind(&by_hand), kind(&serialized), "{name}, keep_empty: {keep_empty}");
            }
        }
    }

    /// The one-pass `clean` and the hand-written dates give what the obvious versions
    /// give.
    #[test]
    fn cleaning_and_dates_are_as_before() {
        fn obvious(text: &str) -> String {
            let flat: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
            let folded = flat.split_whitespace().collect::<Vec<_>>().join(" ");
            folded.trim_end_matches('.').trim().to_string()
        }
        for text in [
            "",
            " ",
            "...",
            "a.",
            " a . . ",
            "line\nbreak\r\n",
            "tab\tand\u{1b}[31m escape",
            "  nbsp\u{a0}kept\u{2028}sep. ",
            "Dr. Ana Ruiz",
            "ends with dots...",
            "\u{85}x\u{0}y",
        ] {
            assert_eq!(clean(text), obvious(text), "{text:?}");
        }
        let mut day = jiff::civil::date(2026, 1, 1);
        for _ in 0..400 {
            assert_eq!(weekday_name(day.weekday()), day.strftime("%A").to_string());
            assert_eq!(
                format!("{} {}", month_name(day), day.day()),
                day.strftime("%B %-d").to_string()
            );
            assert_eq!(long_date(day), day.strftime("%B %-d, %Y").to_string());
            day = day.tomorrow().expect("within range");
        }
        for year in [1, 999, 1000, 9999] {
            let day = jiff::civil::date(year, 3, 9);
            assert_eq!(long_date(day), day.strftime("%B %-d, %Y").to_string());
        }
    }

    #[test]
    fn the_context_is_the_serialized_facts() {
        let full = example_facts();
        same_as_serialized(&full);

        let mut gaps = full.clone();
        gaps.sequence = Some(2);
        gaps.company = "  ".to_string();
        gaps.role = String::new();
        gaps.topic = None;
        gaps.clarify = Some(" ".to_string());
        gaps.motivation = Some(String::new());
        gaps.tone = Some("warm".to_string());
        gaps.firm = Some("Front Range Staffing".to_string());
        gaps.recruiter = Some(PersonFacts::named("Lee Park", Some("Recruiter")));
        gaps.about = PersonFacts::default();
        gaps.recipient.title = Some(String::new());
        gaps.recipient.honorific = Some("Dr.".to_string());
        gaps.candidate.email = None;
        gaps.candidate.phone = Some(" ".to_string());
        gaps.candidate.signature = String::new();
        gaps.cc = vec!["Sam".to_string(), String::new()];
        gaps.strength_sentences = String::new();
        gaps.variant = 7;
        gaps.decides = true;
        same_as_serialized(&gaps);

        let mut none = gaps;
        none.recruiter = None;
        none.sequence = None;
        none.decision = None;
        none.next_steps = Some("  ".to_string());
        same_as_serialized(&none);
    }
}
