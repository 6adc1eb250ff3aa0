//! Semantic validation: what the types cannot say about an interview.
//!
//! Parsing already refused unknown fields, wrong types and times without an offset.
//! This pass checks the document as a whole and reports *every* problem at once, each
//! with the path of the field it concerns (`interviewers[1].phone`) and, where there is
//! one, a hint on what to write instead. Its output, [`ValidInterview`], carries the
//! resolved time zones and instants, so the rules engine never re-checks them.

mod jurisdiction;
mod text;

use std::collections::BTreeSet;

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use crate::country::Country;
use crate::holidays;
use crate::interview::{Interview, Interviewer};
use crate::manifest::is_channel_id;
use crate::meeting_time::{Finding, Written};
use crate::problem::Problem;
use crate::time::ZoneName;

/// The longest interview the rules accept; longer usually means a typo in a date.
const LONGEST_INTERVIEW_HOURS: i64 = 12;

/// Every problem found in one interview.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{} problem(s) in the interview", problems.len())]
pub struct InvalidInterview {
    /// The problems, in document order.
    pub problems: Vec<Problem>,
}

/// An interview that passed validation, with its times resolved.
#[derive(Clone, Debug)]
pub struct ValidInterview {
    /// The interview as given (with the candidate's profile merged in).
    pub interview: Interview,
    /// The candidate's name.
    pub candidate_name: String,
    /// When the interview started.
    pub start: Timestamp,
    /// When the interview ended.
    pub end: Timestamp,
    /// The zone the interview took place in.
    pub meeting_zone: TimeZone,
    /// The candidate's zone (theirs, or the meeting's).
    pub candidate_zone: TimeZone,
    /// Each interviewer's zone, in the order of `interview.interviewers`.
    pub interviewer_zones: Vec<TimeZone>,
    /// The recruiter's zone, when there is a staffing firm.
    pub recruiter_zone: Option<TimeZone>,
    /// What deserves a word but does not stop planning (a local time the clocks skip
    /// or repeat, and the moment taken for it).
    pub warnings: Vec<Problem>,
}

/// Collects problems while walking the document.
#[derive(Default)]
struct Problems(Vec<Problem>);

impl Problems {
    fn add(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Problem::new(path, message));
    }

    fn add_with_hint(
        &mut self,
        path: impl Into<String>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.0.push(Problem::new(path, message).with_hint(hint));
    }

    /// Resolves a zone, or records why it cannot be.
    fn zone(&mut self, path: &str, zone: &ZoneName) -> Option<TimeZone> {
        if let Some(tz) = zone.resolve() {
            return Some(tz);
        }
        let message = format!("`{zone}` is not a known IANA time zone");
        match zone.closest_known() {
            Some(near) => self.add_with_hint(path, message, format!("did you mean `{near}`?")),
            None => self.add_with_hint(path, message, "write a name like `America/Chicago`"),
        }
        None
    }

    fn phone(&mut self, path: &str, phone: Option<&String>) {
        if let Some(phone) = phone
            && !is_e164(phone)
        {
            self.add_with_hint(
                path,
                format!("`{phone}` is not a phone number in E.164 form"),
                "write + then the country code and number, digits only, like `+15125550143`",
            );
        }
    }

    fn email(&mut self, path: &str, email: Option<&String>) {
        if let Some(email) = email
            && !looks_like_email(email)
        {
            self.add_with_hint(
                path,
                format!("`{}` is not an email address", email.escape_debug()),
                if email.is_ascii() {
                    "write it like `name@example.com`"
                } else {
                    "write the address in ASCII (the domain in its `xn--` form); addresses with other letters are not supported"
                },
            );
        }
    }

    fn channels(&mut self, path: &str, ids: &[String]) {
        for (index, id) in ids.iter().enumerate() {
            if !is_channel_id(id) {
                self.add_with_hint(
                    format!("{path}[{index}]"),
                    format!("`{id}` is not a channel id"),
                    "channel ids are lower case, like `sms` or `email`",
                );
            }
        }
    }

    fn not_blank(&mut self, path: &str, text: &str) {
        if text.trim().is_empty() {
            self.add(path, "is empty");
        }
        self.one_line(path, text);
    }

    /// Refuses control characters in text that reaches a header or a terminal line.
    fn one_line(&mut self, path: &str, text: &str) {
        if let Some(c) = text::first_control(text) {
            self.add_with_hint(
                path,
                format!("contains {}", text::describe(c)),
                "write it on one line without control characters; retype it if it was pasted",
            );
        }
    }

    fn jurisdiction(&mut self, path: &str, code: Option<&String>) {
        let Some(code) = code else { return };
        if jurisdiction::is_known(code) {
            return;
        }
        let message = format!("`{code}` is not a known jurisdiction (an ISO 3166-2 code)");
        match jurisdiction::closest(code) {
            Some(near) => self.add_with_hint(path, message, format!("did you mean `{near}`?")),
            None => self.add_with_hint(path, message, "write a code like `US-FL`"),
        }
    }
}

/// Checks a person's `country`: an assigned ISO 3166-1 alpha-2 code is required, in
/// agreement with their `jurisdiction` (`US-FL` is in `US`), and one whose holidays
/// followup does not compute is worth a warning, since none of that country's holidays
/// will be skipped.
fn check_country(
    problems: &mut Problems,
    warnings: &mut Vec<Problem>,
    path: String,
    code: Option<&String>,
    jurisdiction: Option<&String>,
) {
    let Some(code) = code else { return };
    let within = jurisdiction.and_then(|j| j.split_once('-')).map(|(country, _)| country);
    match Country::parse(code) {
        Some(country) if within.is_some_and(|within| within != country.as_str()) => {
            let jurisdiction = jurisdiction.map_or("", String::as_str);
            problems.add_with_hint(
                path,
                format!("`{country}` is not the country of the jurisdiction `{jurisdiction}`"),
                format!(
                    "give the country `{}`, or correct the jurisdiction",
                    within.unwrap_or_default()
                ),
            );
        }
        Some(country) if holidays::computed_for(country) => {}
        Some(country) => warnings.push(
            Problem::new(
                path,
                format!(
                    "followup computes no public holidays for `{country}`, so only weekends and the style's extra holidays are skipped"
                ),
            )
            .with_hint(format!(
                "add their holidays to the style's `[timing] extra_holidays`; holidays are computed for {}",
                holidays::COMPUTED.join(", ")
            )),
        ),
        None => problems.0.push(crate::country::not_a_code(path, code)),
    }
}

/// Whether `phone` is in E.164 form: `+`, then 8 to 15 digits, the first not zero.
pub fn is_e164(phone: &str) -> bool {
    let Some(digits) = phone.strip_prefix('+') else { return false };
    (8..=15).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit())
        && !digits.starts_with('0')
}

fn looks_like_email(email: &str) -> bool {
    // Non-ASCII addresses need SMTPUTF8 end to end (RFC 6532), which the exported
    // drafts cannot promise; they are refused rather than written as raw 8-bit.
    let Some((local, domain)) = email.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && email.is_ascii()
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Checks an interview as a whole.
///
/// # Errors
///
/// Returns every problem found, in document order.
pub fn validate(interview: Interview) -> Result<ValidInterview, InvalidInterview> {
    let mut problems = Problems::default();

    let candidate = &interview.candidate;
    let candidate_name = candidate.name.clone().unwrap_or_default();
    if candidate_name.trim().is_empty() {
        problems.add_with_hint(
            "candidate.name",
            "the candidate's name is missing",
            "add `name` under [candidate], or set it once in your profile",
        );
    }
    problems.one_line("candidate.name", &candidate_name);
    problems.email("candidate.email", candidate.email.as_ref());
    problems.phone("candidate.phone", candidate.phone.as_ref());
    let candidate_zone =
        candidate.time_zone.as_ref().and_then(|zone| problems.zone("candidate.time_zone", zone));

    problems.not_blank("employer.company", &interview.employer.company);
    problems.not_blank("role.title", &interview.role.title);

    let meeting = &interview.meeting;
    let meeting_zone = problems.zone("meeting.time_zone", &meeting.time_zone);
    let mut warnings = Vec::new();
    let times = [("meeting.start", Some(&meeting.start)), ("meeting.end", meeting.end.as_ref())];
    for (field, moment) in times.into_iter().filter_map(|(f, m)| Some((f, m?))) {
        let findings = match &meeting_zone {
            Some(zone) => moment.check(meeting.time_zone.as_str(), zone),
            // Without the meeting's zone only a missing offset can be told.
            None if matches!(moment.1, Written::Local(_)) => moment.check("UTC", &TimeZone::UTC),
            None => Vec::new(),
        };
        for finding in findings {
            match finding {
                Finding::Error(message, hint) => problems.add_with_hint(field, message, hint),
                Finding::Warning(message) => warnings.push(Problem::new(field, message)),
            }
        }
    }
    let start = meeting.start.0;
    let end = match (meeting.end.as_ref(), meeting.duration_minutes) {
        (Some(_), Some(_)) => {
            problems.add_with_hint(
                "meeting.duration_minutes",
                "both `end` and `duration_minutes` are given",
                "keep one of them",
            );
            None
        }
        (None, None) => {
            problems.add_with_hint(
                "meeting",
                "the interview has no end",
                "add `end` (a time) or `duration_minutes`",
            );
            None
        }
        (Some(end), None) => {
            if end.0 <= start {
                let local = |at: jiff::Timestamp| match &meeting_zone {
                    Some(zone) => crate::plan::rfc3339_in(at, zone),
                    None => at.to_string(),
                };
                problems.add_with_hint(
                    "meeting.end",
                    format!(
                        "the interview ends ({}) before or when it starts ({})",
                        local(end.0),
                        local(start)
                    ),
                    "check the date and the UTC offset of `end`",
                );
                None
            } else {
                Some(end.0)
            }
        }
        (None, Some(minutes)) => {
            if minutes == 0 {
                problems.add("meeting.duration_minutes", "must be at least 1");
                None
            } else {
                let end = start.checked_add(SignedDuration::from_mins(i64::from(minutes))).ok();
                if end.is_none() {
                    problems.add(
                        "meeting.duration_minutes",
                        "ends after the last date this program handles",
                    );
                }
                end
            }
        }
    };
    if let Some(end) = end
        && end.duration_since(start) > SignedDuration::from_hours(LONGEST_INTERVIEW_HOURS)
    {
        problems.add_with_hint(
            if meeting.end.is_some() { "meeting.end" } else { "meeting.duration_minutes" },
            format!("the interview lasts more than {LONGEST_INTERVIEW_HOURS} hours"),
            "check the dates; follow up each day of a multi-day interview separately",
        );
    }

    if interview.interviewers.is_empty() {
        problems.add_with_hint(
            "interviewers",
            "no interviewer is listed",
            "add at least one [[interviewers]] entry with a name",
        );
    }
    let mut interviewer_zones = Vec::with_capacity(interview.interviewers.len());
    let mut seen_names = BTreeSet::new();
    for (index, person) in interview.interviewers.iter().enumerate() {
        let zone = check_interviewer(&mut problems, index, person, meeting_zone.as_ref());
        let path = format!("interviewers[{index}].country");
        check_country(
            &mut problems,
            &mut warnings,
            path,
            person.country.as_ref(),
            person.jurisdiction.as_ref(),
        );
        interviewer_zones.push(zone);
        if !seen_names.insert(person.name.trim().to_lowercase()) {
            problems.add_with_hint(
                format!("interviewers[{index}].name"),
                format!("`{}` is listed twice", person.name),
                "list each person once; put everything discussed with them in one entry",
            );
        }
    }
    let leads = interview.interviewers.iter().filter(|person| person.lead).count();
    if leads > 1 {
        problems.add(
            "interviewers",
            format!("{leads} interviewers are marked `lead`; mark at most one"),
        );
    }

    if let (Some(decision), Some(zone)) = (interview.next_steps.decision_date, &meeting_zone) {
        let interview_day = start.to_zoned_datetime(zone.clone()).date();
        if decision.0 < interview_day {
            problems.add(
                "next_steps.decision_date",
                format!("{} is before the interview ({interview_day})", decision.0),
            );
        }
    }

    let mut recruiter_zone = None;
    if let Some(staffing) = &interview.staffing {
        problems.not_blank("staffing.firm", &staffing.firm);
        problems.not_blank("staffing.recruiter.name", &staffing.recruiter.name);
        problems.email("staffing.recruiter.email", staffing.recruiter.email.as_ref());
        problems.phone("staffing.recruiter.phone", staffing.recruiter.phone.as_ref());
        problems.channels("staffing.recruiter.opted_out", &staffing.recruiter.opted_out);
        problems.jurisdiction(
            "staffing.recruiter.jurisdiction",
            staffing.recruiter.jurisdiction.as_ref(),
        );
        let path = "staffing.recruiter.country".to_string();
        check_country(
            &mut problems,
            &mut warnings,
            path,
            staffing.recruiter.country.as_ref(),
            staffing.recruiter.jurisdiction.as_ref(),
        );
        recruiter_zone = match &staffing.recruiter.time_zone {
            Some(zone) => problems.zone("staffing.recruiter.time_zone", zone),
            None => candidate_zone.clone().or_else(|| meeting_zone.clone()),
        };
    }

    for (index, established) in interview.established_channels.iter().enumerate() {
        if !is_channel_id(&established.channel) {
            problems.add_with_hint(
                format!("established_channels[{index}].channel"),
                format!("`{}` is not a channel id", established.channel),
                "channel ids are lower case, like `sms`",
            );
        }
        if established.by == crate::interview::EstablishedBy::Recruiter
            && interview.staffing.is_none()
        {
            problems.add_with_hint(
                format!("established_channels[{index}].by"),
                "a recruiter established this channel, but there is no [staffing] section",
                "add [staffing] with the recruiter, or write `by = \"employer\"`",
            );
        }
    }

    warnings.extend(phrasing_warnings(&interview));

    match (problems.0.is_empty(), meeting_zone, end) {
        (true, Some(meeting_zone), Some(end)) => {
            let interviewer_zones = interviewer_zones
                .into_iter()
                .map(|zone| zone.unwrap_or_else(|| meeting_zone.clone()))
                .collect();
            Ok(ValidInterview {
                warnings,
                candidate_name,
                start,
                end,
                candidate_zone: candidate_zone.unwrap_or_else(|| meeting_zone.clone()),
                recruiter_zone,
                interviewer_zones,
                meeting_zone,
                interview,
            })
        }
        _ => Err(InvalidInterview { problems: problems.0 }),
    }
}

/// A warning for each phrase the candidate typed that cannot be made to read well in a
/// message (several items joined by `;`, a paragraph, a leading conjunction), naming the
/// field and how to phrase it instead.
fn phrasing_warnings(interview: &Interview) -> Vec<Problem> {
    let reinforce = &interview.reinforce;
    let mut warnings = Vec::new();
    // Each entry's field path is written from its index only when it gets advice: every
    // interview of a batch is checked, and nearly all read well.
    let mut check = |items: &[String], topic: bool, field: &dyn Fn(usize) -> String| {
        for (i, text) in items.iter().enumerate() {
            let advice = if topic {
                crate::phrasing::topic_advice(text)
            } else {
                crate::phrasing::advice(text)
            };
            if let Some(advice) = advice {
                warnings.push(
                    Problem::new(field(i), "will not read well in a message as it is written")
                        .with_hint(format!(
                            "{advice} (see docs/drafting.md, \"Writing the inputs\")"
                        )),
                );
            }
        }
    };
    check(&reinforce.strengths, false, &|i| format!("reinforce.strengths[{i}]"));
    check(&reinforce.clarify, false, &|i| format!("reinforce.clarify[{i}]"));
    if let Some(motivation) = &reinforce.motivation {
        check(std::slice::from_ref(motivation), false, &|_| "reinforce.motivation".to_string());
    }
    for (index, person) in interview.interviewers.iter().enumerate() {
        check(&person.topics, true, &|i| format!("interviewers[{index}].topics[{i}]"));
        check(&person.strengths, false, &|i| format!("interviewers[{index}].strengths[{i}]"));
        check(&person.clarify, false, &|i| format!("interviewers[{index}].clarify[{i}]"));
    }
    warnings
}

fn check_interviewer(
    problems: &mut Problems,
    index: usize,
    person: &Interviewer,
    meeting_zone: Option<&TimeZone>,
) -> Option<TimeZone> {
    let path = |field: &str| format!("interviewers[{index}].{field}");
    problems.not_blank(&path("name"), &person.name);
    problems.email(&path("email"), person.email.as_ref());
    problems.phone(&path("phone"), person.phone.as_ref());
    problems.channels(&path("opted_out"), &person.opted_out);
    problems.jurisdiction(&path("jurisdiction"), person.jurisdiction.as_ref());
    if let Some(title) = &person.title {
        problems.one_line(&path("title"), title);
    }
    if let Some(profile) = &person.linkedin {
        problems.one_line(&path("linkedin"), profile);
    }
    if let Some(profile) = &person.linkedin
        && !(profile.starts_with("https://") || profile.starts_with("http://"))
    {
        problems.add_with_hint(
            path("linkedin"),
            format!("`{profile}` is not a web address"),
            "paste the profile's full address, like `https://www.linkedin.com/in/name`",
        );
    }
    match &person.time_zone {
        Some(zone) => problems.zone(&path("time_zone"), zone),
        None => meeting_zone.cloned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_country(code: &str) -> Result<ValidInterview, InvalidInterview> {
        let mut interview: Interview =
            serde_json::from_value(crate::examples::interview_example()).expect("the example");
        interview.interviewers[0].country = Some(code.to_string());
        validate(interview)
    }

    /// A country code is checked with a suggestion; a real country whose holidays are
    /// not computed is valid, with a warning that says so.
    #[test]
    fn countries_are_checked_and_uncomputed_ones_warned_about() {
        assert!(with_country("GB").expect("valid").warnings.is_empty());
        let invalid = with_country("uk").expect_err("lower case is not a code");
        assert_eq!(invalid.problems[0].field, "interviewers[0].country");
        assert_eq!(invalid.problems[0].hint.as_deref(), Some("did you mean `GB`?"));
        let mut florida: Interview =
            serde_json::from_value(crate::examples::interview_example()).expect("the example");
        florida.interviewers[0].jurisdiction = Some("US-FL".to_string());
        florida.interviewers[0].country = Some("GB".to_string());
        let invalid = validate(florida).expect_err("Florida is not in Great Britain");
        assert_eq!(
            invalid.problems[0].message,
            "`GB` is not the country of the jurisdiction `US-FL`"
        );
        let japan = with_country("JP").expect("a real country");
        assert_eq!(japan.warnings.len(), 1);
        assert!(japan.warnings[0].message.contains("no public holidays for `JP`"));
    }

    /// A topic typed as a question cannot follow "our conversation about"; validate
    /// names the field and says how to write it.
    #[test]
    fn a_topic_written_as_a_question_is_warned_about() {
        let mut interview: Interview =
            serde_json::from_value(crate::examples::interview_example()).expect("the example");
        interview.interviewers[0].topics = vec!["how should the team review SQL?".to_string()];
        let valid = validate(interview).expect("still valid");
        let warning = valid
            .warnings
            .iter()
            .find(|w| w.field == "interviewers[0].topics[0]")
            .expect("the question is warned about");
        assert!(warning.hint.as_deref().is_some_and(|h| h.contains("not as a question")));
    }
}
