//! Opt-outs as consent records: a person who answered STOP is never texted again, in
//! this interview or any later one with them.
//!
//! A record is recognised in another interview when the person there has the same name
//! (ignoring case and spacing) or shares an address (email or phone) with it. Matching
//! generously is the safe failure: at worst a channel is left out for someone who never
//! opted out, never the other way round.

use crate::interview::Interview;

use super::event::{Event, EventKind};
use super::progress::same_name;

/// Words that, answered to a text, withdraw consent (FCC rules in force since April
/// 2025). Compared with the whole reply, ignoring case, spacing and punctuation.
pub const OPT_OUT_WORDS: &[&str] =
    &["stop", "quit", "end", "cancel", "unsubscribe", "revoke", "opt out", "optout", "stop all"];

/// Whether a reply to a text is an opt-out word.
pub fn is_opt_out_reply(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let reply = words.join(" ");
    OPT_OUT_WORDS.contains(&reply.as_str())
}

/// One person's opt-out of one channel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptOut {
    /// The person's name as recorded.
    pub person: String,
    /// The channel id.
    pub channel: String,
    /// Their addresses at the time, lower-cased.
    pub contacts: Vec<String>,
}

impl OptOut {
    /// The opt-out an event records, if it is one.
    pub fn from_event(event: &Event) -> Option<OptOut> {
        match &event.kind {
            EventKind::OptedOut { person, channel, contacts, .. } => Some(OptOut {
                person: person.clone(),
                channel: channel.clone(),
                contacts: contacts.clone(),
            }),
            _ => None,
        }
    }

    fn concerns(&self, name: &str, contacts: &[String]) -> bool {
        same_name(&self.person, name) || contacts.iter().any(|c| self.contacts.contains(c))
    }
}

/// A person's addresses, lower-cased, as opt-outs record and match them.
pub fn contacts(email: Option<&str>, phone: Option<&str>) -> Vec<String> {
    [email, phone].into_iter().flatten().map(|c| c.trim().to_lowercase()).collect()
}

/// Adds every matching opt-out to the interview's people (their `opted_out` channels),
/// so the rules leave those channels out and fall back to the next one. Returns one line
/// per opt-out applied, for the plan's history.
pub fn apply(interview: &mut Interview, opt_outs: &[OptOut]) -> Vec<String> {
    let mut applied = Vec::new();
    let mut mark = |name: &str, contacts: Vec<String>, opted_out: &mut Vec<String>| {
        for record in opt_outs.iter().filter(|r| r.concerns(name, &contacts)) {
            if !opted_out.contains(&record.channel) {
                opted_out.push(record.channel.clone());
                applied.push(format!(
                    "{name} opted out of {}: it is not used for them",
                    record.channel
                ));
            }
        }
    };
    for person in &mut interview.interviewers {
        let found = contacts(person.email.as_deref(), person.phone.as_deref());
        mark(&person.name, found, &mut person.opted_out);
    }
    if let Some(staffing) = &mut interview.staffing {
        let recruiter = &mut staffing.recruiter;
        let found = contacts(recruiter.email.as_deref(), recruiter.phone.as_deref());
        mark(&recruiter.name, found, &mut recruiter.opted_out);
    }
    applied
}

#[cfg(test)]
mod tests {
    use super::is_opt_out_reply;

    #[test]
    fn opt_out_words_are_recognised_as_people_type_them() {
        for reply in ["STOP", "stop", " Stop. ", "OPT OUT", "opt-out", "Unsubscribe!", "REVOKE"] {
            assert!(is_opt_out_reply(reply), "{reply:?}");
        }
        for reply in ["Thanks, stop by Friday", "please don't stop", "ok", ""] {
            assert!(!is_opt_out_reply(reply), "{reply:?}");
        }
    }
}
