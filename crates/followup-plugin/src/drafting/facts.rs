//! The facts a message template can use, worked out once from the render request.
//!
//! Templates see these names (documented here, because a firm's own templates use them
//! too): `candidate`, `recipient`, `about`, `via_recruiter`, `cc`, `company`, `role`,
//! `role_kind`, `topic`, `topics`, `strengths`, `clarify`, `motivation`,
//! `interview_day`, `interview_date`, `interview_when`, `meeting_format`, `decision`,
//! `next_steps`, `firm`, `recruiter`, `sequence`, `sign_off`, `purpose`,
//! `other_interviewers`, `discussed`, `open_points`, `recipient_address`, `send_date`,
//! `tone`.

use followup_core::draft::RenderRequest;
use followup_core::interview::{Interviewer, MeetingFormat};
use followup_core::plan::{Purpose, RecipientKind};
use serde::Serialize;

/// The default closing before the signature.
const DEFAULT_SIGN_OFF: &str = "Best regards";

/// How many strengths a message restates at most: a reminder, not the resume.
const STRENGTHS_TO_RESTATE: usize = 2;

/// A person as templates see them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PersonFacts {
    /// Full name.
    pub name: String,
    /// First name, for greetings.
    pub first_name: String,
    /// Job title, when known.
    pub title: Option<String>,
}

impl PersonFacts {
    fn named(name: &str, title: Option<&str>) -> PersonFacts {
        let name = clean(name);
        PersonFacts {
            first_name: name.split_whitespace().next().unwrap_or(&name).to_string(),
            title: title.map(clean).filter(|t| !t.is_empty()),
            name,
        }
    }
}

/// The candidate as templates see them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CandidateFacts {
    /// Full name.
    pub name: String,
    /// First name.
    pub first_name: String,
    /// The signature block (the name when none is given).
    pub signature: String,
    /// Email address, when given.
    pub email: Option<String>,
    /// Phone number, when given.
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
    pub company: String,
    /// The job title.
    pub role: String,
    /// The kind of role (`professional`, `shift`, ...).
    pub role_kind: String,
    /// Something discussed with `about`, when any was listed.
    pub topic: Option<String>,
    /// Everything discussed with `about`.
    pub topics: Vec<String>,
    /// One or two strengths to restate.
    pub strengths: Vec<String>,
    /// A point to clarify briefly.
    pub clarify: Option<String>,
    /// Why the candidate wants the job.
    pub motivation: Option<String>,
    /// The weekday of the interview, in the meeting's zone (`Tuesday`).
    pub interview_day: String,
    /// The date of the interview (`November 24`).
    pub interview_date: String,
    /// When the interview was, seen from the moment the message is sent: `today`,
    /// `yesterday`, `on Monday` (within the week) or `on November 24`.
    pub interview_when: String,
    /// How the interview was held, as a noun (`video call`, `phone call`, `visit`).
    pub meeting_format: String,
    /// When the decision is expected (`Friday, December 4`), if said.
    pub decision: Option<String>,
    /// What the employer said about next steps, in the candidate's words.
    pub next_steps: Option<String>,
    /// The staffing firm that placed the candidate, else the style's firm, if any.
    pub firm: Option<String>,
    /// The recruiter, if any.
    pub recruiter: Option<PersonFacts>,
    /// The closing before the signature.
    pub sign_off: String,
    /// The style's tone (`warm`, `formal`, `brief`), when it sets one.
    pub tone: Option<String>,
    /// The other interviewers, by name (for a debrief).
    pub other_interviewers: Vec<String>,
    /// Everything discussed, each as `topic (with Name)`, for a debrief.
    pub discussed: Vec<String>,
    /// Every point that deserves a clarification.
    pub open_points: Vec<String>,
    /// The postal address for a letter: the interviewer's, else the employer's.
    pub recipient_address: Vec<String>,
    /// The date the message is sent, in the step's zone (`December 7, 2026`).
    pub send_date: String,
}

impl Facts {
    /// Works out the facts of `request`.
    pub fn from_request(request: &RenderRequest) -> Facts {
        let interview = &request.interview;
        let step = &request.step;
        let recipient = PersonFacts::named(&step.recipient.name, None);
        let about_name = match (&step.recipient.on_behalf_of, step.recipient.kind) {
            (Some(name), _) => Some(name.as_str()),
            (None, RecipientKind::Interviewer) => Some(step.recipient.name.as_str()),
            (None, RecipientKind::Recruiter) => None,
        };
        let interviewer: Option<&Interviewer> =
            about_name.and_then(|name| interview.interviewers.iter().find(|p| p.name == name));
        let about = interviewer
            .map(|p| PersonFacts::named(&p.name, p.title.as_deref()))
            .unwrap_or_default();
        let recipient = match (step.recipient.kind, interviewer) {
            (RecipientKind::Interviewer, Some(p)) => {
                PersonFacts::named(&p.name, p.title.as_deref())
            }
            _ => recipient,
        };
        let topics: Vec<String> = interviewer.map(|p| clean_all(&p.topics)).unwrap_or_default();
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
            company: clean(&interview.employer.company),
            role: clean(&interview.role.title),
            role_kind: format!("{:?}", interview.role.kind).to_lowercase(),
            topic: topics.first().cloned(),
            topics,
            strengths: clean_all(&interview.reinforce.strengths)
                .into_iter()
                .take(STRENGTHS_TO_RESTATE)
                .collect(),
            clarify: clean_all(&interview.reinforce.clarify).into_iter().next(),
            motivation: interview
                .reinforce
                .motivation
                .as_deref()
                .map(clean)
                .filter(|s| !s.is_empty()),
            interview_day,
            interview_date,
            interview_when,
            meeting_format: match interview.meeting.format {
                MeetingFormat::OnSite => "visit",
                MeetingFormat::Video => "video call",
                MeetingFormat::Phone => "phone call",
            }
            .to_string(),
            decision: interview
                .next_steps
                .decision_date
                .map(|day| day.0.strftime("%A, %B %-d").to_string()),
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
            other_interviewers: interview
                .interviewers
                .iter()
                .map(|p| p.name.clone())
                .filter(|name| Some(name.as_str()) != about_name)
                .collect(),
            discussed: interview
                .interviewers
                .iter()
                .flat_map(|p| {
                    clean_all(&p.topics).into_iter().map(move |t| format!("{t} (with {})", p.name))
                })
                .collect(),
            open_points: clean_all(&interview.reinforce.clarify),
            recipient_address: interviewer
                .and_then(|p| p.address.clone())
                .filter(|a| !a.is_empty())
                .or_else(|| interview.employer.address.clone())
                .unwrap_or_default(),
            send_date: step
                .send_at
                .to_zoned_datetime(step.time_zone.clone())
                .strftime("%B %-d, %Y")
                .to_string(),
            recipient,
            about,
        }
    }
}

/// The interview's weekday and date in the meeting's zone.
fn interview_day_and_date(request: &RenderRequest) -> (String, String) {
    let meeting = &request.interview.meeting;
    let start = meeting.start.0;
    let zoned = match meeting.time_zone.resolve() {
        Some(zone) => start.to_zoned_datetime(zone),
        None => start.to_zoned_datetime(jiff::tz::TimeZone::UTC),
    };
    (zoned.strftime("%A").to_string(), zoned.strftime("%B %-d").to_string())
}

/// A user's phrase as it should appear in a sentence: trimmed, without a final period
/// (the template supplies punctuation), with control characters (line breaks, escape
/// codes) made spaces and runs of spaces folded.
fn clean(text: &str) -> String {
    let flat: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let folded = flat.split_whitespace().collect::<Vec<_>>().join(" ");
    folded.trim_end_matches('.').trim().to_string()
}

fn clean_all(items: &[String]) -> Vec<String> {
    items.iter().map(|s| clean(s)).filter(|s| !s.is_empty()).collect()
}
