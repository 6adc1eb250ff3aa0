//! The interview model: everything the rules need to know about one interview.
//!
//! These types are what an interview file deserialises into (TOML or JSON, the CLI
//! decides) and what the published `interview` schema describes. Unknown fields are
//! refused so that a typo is never silently ignored. Field-level checks that need the
//! whole document (an end after the start, known zones, E.164 numbers, ...) live in
//! [`crate::validate`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::meeting_time::MeetingMoment;
use crate::time::{Day, ZoneName};

/// One interview to follow up: who met whom, for what role, what was discussed and what
/// happens next.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Interview",
    description = "One job interview to follow up: who met whom, for what role, what was discussed, what happens next.",
    example = crate::examples::interview_example()
)]
pub struct Interview {
    /// The JSON Schema this document claims to follow; lets editors check it as you type.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The candidate. May be partly or wholly supplied by the candidate's profile.
    #[serde(default)]
    pub candidate: CandidateDetails,
    /// The employer that interviewed the candidate.
    pub employer: Employer,
    /// The position interviewed for.
    pub role: Role,
    /// When and how the interview took place.
    pub meeting: Meeting,
    /// The people who interviewed the candidate, each with what was discussed with them.
    #[serde(default)]
    pub interviewers: Vec<Interviewer>,
    /// What the follow-up should reinforce.
    #[serde(default)]
    pub reinforce: Reinforce,
    /// What was said about next steps.
    #[serde(default)]
    pub next_steps: NextSteps,
    /// The staffing firm that placed the candidate, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staffing: Option<Staffing>,
    /// Channels the employer or recruiter said were acceptable (text above all).
    #[serde(default)]
    pub established_channels: Vec<EstablishedChannel>,
    /// What has happened since the interview.
    #[serde(default)]
    pub status: FollowUpStatus,
}

/// The candidate's own details. Every field is optional here because the candidate's
/// profile can supply it; after merging, a name is required.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Candidate details",
    description = "The candidate's own details; as a profile file, merged into every interview (the interview's fields win).",
    example = crate::examples::profile_example()
)]
pub struct CandidateDetails {
    /// The JSON Schema this document claims to follow (for a profile file).
    #[serde(rename = "$schema", default, skip_serializing)]
    pub schema: Option<String>,
    /// Full name, as it should appear in a signature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Mobile number in E.164 form, such as +15125550143.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Address of the candidate's LinkedIn profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linkedin: Option<String>,
    /// Postal address, one line per entry (used as the sender of a letter).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Vec<String>>,
    /// The candidate's home time zone (where letters are mailed from).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<ZoneName>,
    /// Sign-off block placed under messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

impl CandidateDetails {
    /// Whether `profile` is this candidate's: the interview names no candidate (no
    /// name and no email), the profile names nobody (defaults such as a time zone),
    /// or the same name or the same email (ignoring case and
    /// surrounding spaces). A profile merged field by field into another person's
    /// interview would sign their emails with its owner's signature.
    pub fn is_profile_of(&self, profile: &CandidateDetails) -> bool {
        let same = |a: &Option<String>, b: &Option<String>| match (a, b) {
            (Some(a), Some(b)) => a.trim().to_lowercase() == b.trim().to_lowercase(),
            _ => false,
        };
        let nobody = |details: &CandidateDetails| details.name.is_none() && details.email.is_none();
        nobody(self)
            || nobody(profile)
            || same(&self.name, &profile.name)
            || same(&self.email, &profile.email)
    }

    /// Fills every field this value leaves empty from `profile`, when it is this
    /// candidate's ([`CandidateDetails::is_profile_of`]); fields given here win. Another
    /// person's profile is not used at all.
    pub fn or_profile(self, profile: &CandidateDetails) -> CandidateDetails {
        if !self.is_profile_of(profile) {
            return self;
        }
        let profile = profile.clone();
        CandidateDetails {
            schema: None,
            name: self.name.or(profile.name),
            email: self.email.or(profile.email),
            phone: self.phone.or(profile.phone),
            linkedin: self.linkedin.or(profile.linkedin),
            address: self.address.or(profile.address),
            time_zone: self.time_zone.or(profile.time_zone),
            signature: self.signature.or(profile.signature),
        }
    }
}

/// The employer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Employer {
    /// The company's name as people say it.
    pub company: String,
    /// The industry or field, in lower case (`logistics`, `technology`, `law`, ...).
    /// Channels say which fields favour them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub industry: Option<String>,
    /// The company's culture.
    #[serde(default)]
    pub culture: Culture,
    /// Postal address, one line per entry (the default address for letters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Vec<String>>,
}

/// A company's culture, which decides how formal the follow-up should be.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Culture {
    /// An ordinary professional workplace.
    #[default]
    Standard,
    /// A traditional industry where personal touches are valued (law, finance, ...).
    Traditional,
    /// A small, selective firm.
    Boutique,
    /// A young, fast-moving company.
    Startup,
}

/// The position interviewed for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// The job title.
    pub title: String,
    /// What kind of position it is; decides the fitting channels.
    pub kind: RoleKind,
}

/// The kind of position, from the staffing firm's advice.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RoleKind {
    /// A salaried professional position.
    Professional,
    /// An executive search.
    Executive,
    /// An hourly position.
    Hourly,
    /// A shift-based position.
    Shift,
    /// A temporary assignment.
    Temporary,
    /// A fixed-term contract.
    Contract,
    /// Field work (on the road or on site).
    Field,
    /// An internship.
    Internship,
}

/// When and how the interview took place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// Start, with a UTC offset or a zone annotation.
    pub start: MeetingMoment,
    /// End, with a UTC offset or a zone annotation. Give this or `duration_minutes`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<MeetingMoment>,
    /// Length in minutes. Give this or `end`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_minutes: Option<u32>,
    /// The IANA time zone where the interview took place; interviewers are assumed to be
    /// in it unless they say otherwise.
    pub time_zone: ZoneName,
    /// How the interview was held.
    #[serde(default)]
    pub format: MeetingFormat,
}

/// How an interview was held.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MeetingFormat {
    /// In person at the employer.
    #[default]
    OnSite,
    /// A video call.
    Video,
    /// A phone call.
    Phone,
}

impl Interview {
    /// Whether the interviewer at `position` leads the hiring decision: the one marked
    /// `lead`, else the first.
    pub fn decides(&self, position: usize) -> bool {
        let any_lead = self.interviewers.iter().any(|p| p.lead);
        self.interviewers.get(position).is_some_and(|p| p.lead || (!any_lead && position == 0))
    }

    /// Whether another interviewer's name starts with the same word as the name of the
    /// one at `position` (two Sams on a panel): messages then name them in full, or the
    /// two would be told apart by no one, and could get the same text.
    pub fn first_name_shared(&self, position: usize) -> bool {
        let first = |p: &Interviewer| {
            p.name.split_whitespace().next().map(str::to_lowercase).unwrap_or_default()
        };
        let Some(mine) = self.interviewers.get(position).map(first) else { return false };
        !mine.is_empty()
            && self.interviewers.iter().enumerate().any(|(i, p)| i != position && first(p) == mine)
    }

    /// The interview's points to clarify that the interviewer at `position` hears when
    /// the file gives them none of their own: the points no interviewer was given,
    /// shared out one per person in order, so that a panel is not told the same
    /// clarification three times.
    pub fn shared_clarify(&self, position: usize) -> Vec<String> {
        let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
        let assigned = |point: &str| {
            self.interviewers.iter().any(|p| p.clarify.iter().any(|own| same(own, point)))
        };
        let people = self.interviewers.len().max(1);
        self.reinforce
            .clarify
            .iter()
            .filter(|point| !point.trim().is_empty() && !assigned(point))
            .enumerate()
            .filter(|(k, _)| k % people == position)
            .map(|(_, point)| point.clone())
            .collect()
    }
}

/// One interviewer and what was discussed with them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Interviewer {
    /// Full name.
    pub name: String,
    /// Job title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Email address they gave.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone number they gave, in E.164 form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Address of their LinkedIn profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linkedin: Option<String>,
    /// Postal address for a letter, one line per entry; defaults to the employer's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Vec<String>>,
    /// Their time zone, when it differs from the meeting's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<ZoneName>,
    /// Where they are, as an ISO 3166-2 code such as `US-FL`; channels may have stricter
    /// hours there (Florida allows texts only until 20:00).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<String>,
    /// The country whose public holidays they keep, as an ISO 3166-1 alpha-2 code such
    /// as `GB`; their messages and check-ins skip those days. Without it, the country of
    /// their time zone where the zone names one (`Europe/London` is `GB`,
    /// `Asia/Kolkata` `IN`, `Australia/Sydney` `AU`), else the United States. Holidays
    /// are computed for US, GB (England and Wales), CA, DE, FR, IN and AU.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// What was talked about with this person; each message names one of these.
    #[serde(default)]
    pub topics: Vec<String>,
    /// The person who leads the hiring decision; check-ins go to them. Defaults to the
    /// first interviewer.
    #[serde(default)]
    pub lead: bool,
    /// Channels this person asked not to be contacted on (for example after answering
    /// STOP to a text).
    #[serde(default)]
    pub opted_out: Vec<String>,
    /// The name to greet them by ("Hi Ted"), when it is not the first word of `name`: a
    /// nickname (`Ted` for Theodore), or the polite form where the first word is a
    /// family name (`佐藤さん` or `Sato-san` for 佐藤 健). Default: the first word of `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_name: Option<String>,
    /// How a formal letter addresses them: `Ms.`, `Mr.`, `Mx.`, `Dr.`, `Prof.`. With one,
    /// a letter opens "Dear Dr. Sato": the honorific and the family name (the last word
    /// of `name`, or the first for a name in Chinese, Japanese or Korean script, as in
    /// 佐藤 健); without, "Dear" and the full name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub honorific: Option<String>,
    /// Strengths (from `reinforce.strengths`, or others) to stress with this person.
    /// Default: the interview's strengths, spread across the panel so that each person
    /// hears a different one first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strengths: Vec<String>,
    /// Points to clarify with this person. Default: the interview's points to clarify,
    /// shared out across the panel, one person each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clarify: Vec<String>,
}

/// What the follow-up should reinforce.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reinforce {
    /// Strengths worth restating: a few, not the resume.
    #[serde(default)]
    pub strengths: Vec<String>,
    /// Points that were not fully explored and deserve a short clarification.
    #[serde(default)]
    pub clarify: Vec<String>,
    /// Why the candidate wants this job.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub motivation: Option<String>,
}

/// What was said about next steps.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NextSteps {
    /// The date by which the employer said it would decide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_date: Option<Day>,
    /// "We'll be in touch within N days": business days after the interview.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respond_within_business_days: Option<u32>,
    /// Anything else that was said, in the candidate's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// The staffing firm between the candidate and the employer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Staffing {
    /// The firm's name.
    pub firm: String,
    /// The recruiter who placed the candidate.
    pub recruiter: Recruiter,
    /// Whether the candidate may contact the employer directly.
    pub outreach: OutreachPolicy,
}

/// The recruiter at the staffing firm.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recruiter {
    /// Full name.
    pub name: String,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone number in E.164 form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// The recruiter's time zone, when it differs from the meeting's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<ZoneName>,
    /// Where the recruiter is, as an ISO 3166-2 code such as `US-FL`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<String>,
    /// The country whose public holidays the recruiter keeps, as an ISO 3166-1 alpha-2
    /// code such as `CA`. Without it, the country of their time zone where the zone
    /// names one, else the United States.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Channels the recruiter asked not to be contacted on.
    #[serde(default)]
    pub opted_out: Vec<String>,
}

/// Whether the candidate may contact the employer directly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OutreachPolicy {
    /// The candidate contacts the interviewers directly.
    Direct,
    /// The candidate contacts the interviewers directly and copies the recruiter.
    CcRecruiter,
    /// The candidate never contacts the employer; the recruiter passes messages on.
    ViaRecruiter,
}

/// A channel someone said was acceptable for reaching them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EstablishedChannel {
    /// The channel id, such as `sms`.
    pub channel: String,
    /// Who established it.
    pub by: EstablishedBy,
    /// The person who said so, for the reasons shown to the candidate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub who: Option<String>,
}

/// Who established a channel as acceptable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EstablishedBy {
    /// Someone at the employer.
    Employer,
    /// The staffing firm's recruiter.
    Recruiter,
}

/// What has happened since the interview.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUpStatus {
    /// The employer has replied; no more check-ins are planned.
    #[serde(default)]
    pub employer_replied: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: Option<&str>, email: Option<&str>) -> CandidateDetails {
        CandidateDetails {
            name: name.map(str::to_string),
            email: email.map(str::to_string),
            ..CandidateDetails::default()
        }
    }

    /// Issue 14: a profile's signature ended up on another candidate's emails.
    #[test]
    fn a_profile_applies_only_to_its_own_person() {
        let mut profile = person(Some("Priya Natarajan"), Some("priya@example.com"));
        profile.signature = Some("Priya".into());
        let other = person(Some("Marcus Bell"), None).or_profile(&profile);
        assert_eq!(other.signature, None, "another candidate gets nothing from it");
        let same = person(Some(" priya natarajan "), None).or_profile(&profile);
        assert_eq!(same.signature.as_deref(), Some("Priya"));
        let by_email = person(Some("P. Natarajan"), Some("PRIYA@example.com"));
        assert!(by_email.is_profile_of(&profile));
        let anonymous = person(None, None).or_profile(&profile);
        assert_eq!(anonymous.name.as_deref(), Some("Priya Natarajan"));
    }
}
