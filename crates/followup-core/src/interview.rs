//! The interview model: everything the rules need to know about one interview.
//!
//! These types are what an interview file deserialises into (TOML or JSON, the CLI
//! decides) and what the published `interview` schema describes. Unknown fields are
//! refused so that a typo is never silently ignored. Field-level checks that need the
//! whole document (an end after the start, known zones, E.164 numbers, ...) live in
//! [`crate::validate`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::time::{Day, Moment, ZoneName};

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
    /// Fills every field this value leaves empty from `profile`; fields given here win.
    pub fn or_profile(self, profile: &CandidateDetails) -> CandidateDetails {
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
    pub start: Moment,
    /// End, with a UTC offset or a zone annotation. Give this or `duration_minutes`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Moment>,
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
