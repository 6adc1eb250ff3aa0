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

/// Words in a text, as a reader counts them.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

/// Whether `needle` appears in `haystack`, ignoring case.
fn mentions(haystack: &str, needle: &str) -> bool {
    !needle.trim().is_empty() && haystack.to_lowercase().contains(&needle.trim().to_lowercase())
}

/// The message names the person, something discussed with them, the company and the
/// role. A missing name fails; the rest warn.
pub fn personalisation(facts: &Facts, text: &str) -> Check {
    const NAME: &str = "personalisation";
    let person = if facts.about.name.is_empty() { &facts.recipient } else { &facts.about };
    if !(mentions(text, &person.first_name) || mentions(text, &person.name)) {
        return Check::fail(NAME, format!("the message does not name {}", person.name));
    }
    let mut missing = Vec::new();
    if facts.purpose != Purpose::Debrief
        && let Some(topic) = &facts.topic
        && !facts.topics.iter().any(|t| mentions(text, t))
    {
        missing.push(format!("something discussed with {} (such as {topic})", person.first_name));
    }
    if !mentions(text, &facts.company) {
        missing.push(format!("the company ({})", facts.company));
    }
    if !mentions(text, &facts.role) {
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
    const NAME: &str = "filler";
    let lower = text.to_lowercase();
    let found: Vec<&str> = FILLER_PHRASES.iter().copied().filter(|p| lower.contains(p)).collect();
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
    const NAME: &str = "not_the_resume";
    let restated = all_strengths.iter().filter(|s| mentions(text, s)).count();
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
    const NAME: &str = "concision";
    let words = word_count(text);
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
    const NAME: &str = "refers_back";
    let refers = mentions(text, &facts.interview_date)
        || mentions(text, &facts.interview_day)
        || facts.topics.iter().any(|t| mentions(text, t))
        || facts.decision.as_deref().is_some_and(|d| mentions(text, d));
    if refers {
        Check::pass(NAME, "refers back to the interview and its timeline")
    } else {
        Check::warn(NAME, "say which interview this is about and what was said about timing")
    }
}

/// The checks every message gets: personalisation, filler, not the resume, and for
/// check-ins a reference back to the interview.
pub fn standard(facts: &Facts, all_strengths: &[String], text: &str) -> Vec<Check> {
    let mut checks =
        vec![personalisation(facts, text), filler(text), resume_repetition(all_strengths, text)];
    if matches!(facts.purpose, Purpose::CheckIn | Purpose::ClosingTheLoop) {
        checks.push(refers_back(facts, text));
    }
    checks
}
