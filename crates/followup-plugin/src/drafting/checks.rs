//! Checks every good follow-up passes, shared by all channels (a firm's own included).
//!
//! What a good message does comes from the staffing firm's advice: concise, specific
//! and personal; a reminder of fit, not the resume; no filler. Each check returns a
//! [`Check`] with `pass`, `warn` or `fail` and a sentence the candidate understands.

use followup_core::draft::Check;
use followup_core::plan::Purpose;

use super::Facts;

/// Phrases that make a follow-up sound like a form letter.
pub const FILLER_PHRASES: &[&str] = &[
    "just checking in",
    "just wanted to check in",
    "just following up",
    "just wanted to follow up",
    "touching base",
    "touch base",
    "circling back",
    "i hope this email finds you well",
    "i hope this message finds you well",
    "i hope this finds you well",
    "per my last email",
    "as per my last",
    "to whom it may concern",
];

/// How many strengths a message may restate before it reads like a resume.
pub const MOST_STRENGTHS: usize = 2;

/// Words in a text, as a reader counts them: runs of characters between white space
/// that hold a letter or a digit (a dash alone is no word). One pass, no allocation:
/// every draft counts its words.
pub fn word_count(text: &str) -> usize {
    if text.is_ascii() {
        return ascii_word_count(text.as_bytes());
    }
    let mut words = 0;
    let mut in_word_with_alphanumeric = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if in_word_with_alphanumeric {
                words += 1;
            }
            in_word_with_alphanumeric = false;
        } else if !in_word_with_alphanumeric && c.is_alphanumeric() {
            in_word_with_alphanumeric = true;
        }
    }
    words + usize::from(in_word_with_alphanumeric)
}

/// [`word_count`] of an ASCII text, byte by byte: white space is what
/// `char::is_whitespace` says of ASCII (tab, line feed, vertical tab, form feed,
/// carriage return, space).
fn ascii_word_count(text: &[u8]) -> usize {
    let mut words = 0;
    let mut in_word_with_alphanumeric = false;
    for &b in text {
        if matches!(b, b'\t'..=b'\r' | b' ') {
            words += usize::from(in_word_with_alphanumeric);
            in_word_with_alphanumeric = false;
        } else {
            in_word_with_alphanumeric |= b.is_ascii_alphanumeric();
        }
    }
    words + usize::from(in_word_with_alphanumeric)
}

/// A message in lower case, made once for all the checks that look for phrases in it
/// (each used to lower-case the whole message again for every phrase).
struct Lowered(String);

impl Lowered {
    fn new(text: &str) -> Lowered {
        Lowered(text.to_lowercase())
    }

    /// Whether `needle` appears in the message, ignoring case.
    fn mentions(&self, needle: &str) -> bool {
        let needle = needle.trim();
        !needle.is_empty() && self.0.contains(&needle.to_lowercase())
    }
}

/// The message names the person, something discussed with them, the company and the
/// role. A missing name fails; the rest warn.
pub fn personalisation(facts: &Facts, text: &str) -> Check {
    personalisation_in(facts, &Lowered::new(text))
}

fn personalisation_in(facts: &Facts, text: &Lowered) -> Check {
    const NAME: &str = "personalisation";
    let person = if facts.about.name.is_empty() { &facts.recipient } else { &facts.about };
    if !(text.mentions(&person.first_name) || text.mentions(&person.name)) {
        return Check::fail(NAME, format!("the message does not name {}", person.name));
    }
    let mut missing = Vec::new();
    if facts.purpose != Purpose::Debrief
        && let Some(topic) = &facts.topic
        && !facts.topics.iter().any(|t| text.mentions(t))
    {
        missing.push(format!("something discussed with {} (such as {topic})", person.first_name));
    }
    if !text.mentions(&facts.company) {
        missing.push(format!("the company ({})", facts.company));
    }
    if !text.mentions(&facts.role) {
        missing.push(format!("the role ({})", facts.role));
    }
    if missing.is_empty() {
        Check::pass(
            NAME,
            format!("names {}, the company, the role and what you discussed", person.first_name),
        )
    } else {
        Check::warn(NAME, format!("the message does not mention {}", missing.join(", ")))
    }
}

/// The message avoids filler that makes it sound like a form letter.
pub fn filler(text: &str) -> Check {
    filler_in(&Lowered::new(text))
}

fn filler_in(text: &Lowered) -> Check {
    const NAME: &str = "filler";
    let found: Vec<&str> = FILLER_PHRASES.iter().copied().filter(|p| text.0.contains(p)).collect();
    if found.is_empty() {
        Check::pass(NAME, "no filler phrases")
    } else {
        Check::warn(
            NAME,
            format!(
                "cut the filler (\"{}\"): say something specific instead",
                found.join("\", \"")
            ),
        )
    }
}

/// The message restates a strength or two, not the resume.
pub fn resume_repetition(all_strengths: &[String], text: &str) -> Check {
    resume_repetition_in(all_strengths, &Lowered::new(text))
}

fn resume_repetition_in(all_strengths: &[String], text: &Lowered) -> Check {
    const NAME: &str = "not_the_resume";
    let restated = all_strengths.iter().filter(|s| text.mentions(s)).count();
    if restated > MOST_STRENGTHS {
        Check::warn(
            NAME,
            format!(
                "restates {restated} strengths; keep the one or two that matter most to this person"
            ),
        )
    } else {
        Check::pass(NAME, format!("restates {restated} strength(s), not the resume"))
    }
}

/// The body stays within `limit` words; over it is `warn` or `fail` as the channel
/// decides (an email can run long, a card cannot).
pub fn body_words(text: &str, limit: Option<u32>, hard: bool) -> Check {
    word_limit(word_count(text), limit, hard)
}

/// [`body_words`] for a body of `words` words (its [`word_count`]), for a channel that
/// counted them already.
pub fn word_limit(words: usize, limit: Option<u32>, hard: bool) -> Check {
    const NAME: &str = "concision";
    match limit {
        Some(limit) if words > limit as usize => {
            let message = format!("{words} words, over the {limit}-word limit; cut it down");
            if hard { Check::fail(NAME, message) } else { Check::warn(NAME, message) }
        }
        Some(limit) => Check::pass(NAME, format!("{words} words (limit {limit})")),
        None => Check::pass(NAME, format!("{words} words")),
    }
}

/// The subject fits on a phone's screen.
pub fn subject_length(subject: &str, limit: Option<u32>) -> Check {
    const NAME: &str = "subject_length";
    let chars = subject.chars().count();
    match limit {
        Some(limit) if chars > limit as usize => Check::warn(
            NAME,
            format!("the subject is {chars} characters; phones show about {limit}"),
        ),
        Some(limit) => {
            Check::pass(NAME, format!("the subject is {chars} characters (limit {limit})"))
        }
        None => Check::pass(NAME, format!("the subject is {chars} characters")),
    }
}

/// A check-in never says "just checking in" and refers back to the interview.
pub fn refers_back(facts: &Facts, text: &str) -> Check {
    refers_back_in(facts, &Lowered::new(text))
}

fn refers_back_in(facts: &Facts, text: &Lowered) -> Check {
    const NAME: &str = "refers_back";
    let refers = text.mentions(&facts.interview_date)
        || text.mentions(&facts.interview_day)
        || facts.topics.iter().any(|t| text.mentions(t))
        || facts.decision.as_deref().is_some_and(|d| text.mentions(d));
    if refers {
        Check::pass(NAME, "refers back to the interview and its timeline")
    } else {
        Check::warn(NAME, "say which interview this is about and what was said about timing")
    }
}

/// Fails when a placeholder of the draft's templates rendered empty (see
/// [`super::take_empty_placeholders`]), naming it: the message has a gap where a fact
/// should be.
pub fn placeholders(empty: Vec<super::EmptyPlaceholder>) -> Check {
    const NAME: &str = "placeholders";
    let Some(first) = empty.first() else {
        return Check::pass(NAME, "every placeholder has a value");
    };
    let line = first.line.map(|l| format!(", line {l}")).unwrap_or_default();
    let more = match empty.len() {
        1 => String::new(),
        n => format!(" (and {} more)", n - 1),
    };
    Check::fail(
        NAME,
        format!(
            "`{}` in template `{}`{line} renders empty for this interview{more}; put it inside {{% if … %}} or give the fact in the interview",
            first.placeholder, first.template
        ),
    )
}

/// The checks every message gets: personalisation, filler, not the resume, and for
/// check-ins a reference back to the interview.
pub fn standard(facts: &Facts, all_strengths: &[String], text: &str) -> Vec<Check> {
    let lowered = Lowered::new(text);
    let mut checks = Vec::with_capacity(8);
    checks.extend([
        placeholders(super::take_empty_placeholders()),
        personalisation_in(facts, &lowered),
        filler_in(&lowered),
        resume_repetition_in(all_strengths, &lowered),
    ]);
    if matches!(facts.purpose, Purpose::CheckIn | Purpose::ClosingTheLoop) {
        checks.push(refers_back_in(facts, &lowered));
    }
    checks
}

#[cfg(test)]
mod tests {
    //! Each check is shown catching a purpose-built weak draft, and passing a good one.

    use followup_core::draft::{CheckLevel, RENDER_REQUEST_VERSION, RenderRequest};

    use super::*;

    fn facts(purpose: &str) -> Facts {
        let step = serde_json::json!({
            "id": "x", "purpose": purpose, "channel": "email",
            "recipient": {"name": "Dana Whitfield", "kind": "interviewer"},
            "not_before": "2026-11-24T16:00:00-06:00", "send_at": "2026-11-24T16:00:00-06:00",
            "not_after": "2026-11-25T15:00:00-06:00", "time_zone": "America/Chicago", "rationale": []
        });
        let interview = serde_json::json!({
            "candidate": {"name": "Ana Ruiz"},
            "employer": {"company": "Northwind"},
            "role": {"title": "Data Analyst", "kind": "professional"},
            "meeting": {"start": "2026-11-24T14:00:00-06:00", "duration_minutes": 60, "time_zone": "America/Chicago"},
            "interviewers": [{"name": "Dana Whitfield", "topics": ["the churn dashboard"]}],
            "reinforce": {"strengths": ["SQL tuning", "clear charts", "stakeholder interviews"]},
            "next_steps": {"decision_date": "2026-12-04"}
        });
        let request = RenderRequest {
            request_version: RENDER_REQUEST_VERSION,
            step: serde_json::from_value(step).expect("test step is valid"),
            interview: serde_json::from_value(interview).expect("test interview is valid"),
            style: Default::default(),
            seat: None,
        };
        Facts::from_request(&request)
    }

    const GOOD: &str = "Dear Dana, thank you for the Data Analyst interview at Northwind. \
                        I enjoyed talking about the churn dashboard.";

    #[track_caller]
    fn check(got: Check, level: CheckLevel, says: &str) {
        assert_eq!(got.level, level, "{}", got.message);
        assert!(got.message.contains(says), "`{}` should say `{says}`", got.message);
    }

    #[test]
    fn personalisation_catches_a_generic_note() {
        let facts = facts("thank_you");
        check(personalisation(&facts, GOOD), CheckLevel::Pass, "names Dana");
        check(
            personalisation(&facts, "Thank you for the interview."),
            CheckLevel::Fail,
            "does not name Dana Whitfield",
        );
        check(
            personalisation(
                &facts,
                "Dear Dana, thanks for the Data Analyst interview at Northwind.",
            ),
            CheckLevel::Warn,
            "the churn dashboard",
        );
        check(
            personalisation(&facts, "Dear Dana, thanks for the chat about the churn dashboard."),
            CheckLevel::Warn,
            "the company (Northwind), the role (Data Analyst)",
        );
    }

    #[test]
    fn filler_is_caught_in_any_case() {
        check(filler(GOOD), CheckLevel::Pass, "no filler");
        check(
            filler("Hi Dana, Just Checking In on the role."),
            CheckLevel::Warn,
            "just checking in",
        );
        check(
            filler("I hope this email finds you well. Touching base."),
            CheckLevel::Warn,
            "touching base",
        );
    }

    #[test]
    fn restating_the_resume_is_caught() {
        let strengths = [
            "SQL tuning".to_string(),
            "clear charts".to_string(),
            "stakeholder interviews".to_string(),
        ];
        check(
            resume_repetition(&strengths, "I bring SQL tuning and clear charts."),
            CheckLevel::Pass,
            "2 strength",
        );
        check(
            resume_repetition(&strengths, "SQL tuning, clear charts and stakeholder interviews."),
            CheckLevel::Warn,
            "restates 3 strengths",
        );
    }

    #[test]
    fn long_bodies_and_subjects_are_caught() {
        let long = "word ".repeat(151);
        check(
            body_words(&long, Some(150), false),
            CheckLevel::Warn,
            "151 words, over the 150-word limit",
        );
        check(body_words(&long, Some(120), true), CheckLevel::Fail, "over the 120-word limit");
        check(body_words(GOOD, Some(150), false), CheckLevel::Pass, "words (limit 150)");
        check(subject_length(&"x".repeat(51), Some(50)), CheckLevel::Warn, "51 characters");
        check(subject_length("Thank you", Some(50)), CheckLevel::Pass, "9 characters");
    }

    #[test]
    fn a_check_in_must_refer_back() {
        let facts = facts("check_in");
        check(
            refers_back(&facts, "Any news on the role?"),
            CheckLevel::Warn,
            "say which interview",
        );
        check(
            refers_back(&facts, "You expected to decide by Friday, December 4."),
            CheckLevel::Pass,
            "refers back",
        );
        let all = standard(&facts, &[], "Any news?");
        assert!(all.iter().any(|c| c.name == "refers_back"), "check-ins get the refers_back check");
        let thanks = standard(&self::facts("thank_you"), &[], GOOD);
        assert!(!thanks.iter().any(|c| c.name == "refers_back"), "thank-yous do not");
    }

    #[test]
    fn words_are_counted_as_a_reader_counts_them() {
        assert_eq!(word_count("Hi Dana, thanks — really. 3 points"), 6, "the dash is not a word");
        assert_eq!(word_count(""), 0);
        // The one-pass count agrees with splitting at white space and keeping the
        // pieces with a letter or digit, on every kind of space and script.
        for text in [
            " lead\u{a0}and trail\t\n",
            "— – ... 1 a",
            "佐藤 健 said «oui» ¿sí?",
            "x\u{2028}y\u{85}z  \r\n",
            "!!! ??",
            "ascii only:\x0b vertical\x0ctab - 3 words\r\n",
        ] {
            let split = text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric));
            assert_eq!(word_count(text), split.count(), "{text:?}");
        }
    }
}
