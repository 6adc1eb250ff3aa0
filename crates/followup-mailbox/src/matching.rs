//! Matching a message to what the tracker knows: pure functions over plain values, so
//! that every rule is testable without a file or a store.
//!
//! The rules, strongest first:
//!
//! - **Sent, strong**: the message carries the Message-ID a step was exported with (it
//!   is the draft itself, in the sent folder).
//! - **Sent, medium**: the candidate sent it (from their address, or, when the
//!   interview names none, not from the employer), to the step's recipient, with the
//!   subject of the step's draft, after the draft was exported. Mail programs may give
//!   a draft a new Message-ID when it is sent; this rule catches those.
//! - **Reply, strong**: its `In-Reply-To`, else its `References`, names the Message-ID a
//!   step was exported with.
//! - **Reply, medium**: it comes from the address of a tracked person (an interviewer,
//!   the recruiter), after the first follow-up went out.
//! - **Reply, weak**: it comes from the employer's mail domain (the domain of its
//!   interviewers' addresses, never a public one such as gmail.com), after the first
//!   follow-up went out.
//!
//! A mailing (`List-Unsubscribe`, `List-Id`, `Precedence: bulk`) never counts, whoever
//! sent it. An automatic reply counts as out-of-office, another automatic message as
//! nothing. A message from the candidate's own address is never a reply.

use std::collections::{BTreeSet, HashMap};

use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;

use crate::automatic::Automatic;
use crate::message::Message;

/// Public mail providers: sharing one is no sign of working for the same employer.
const PUBLIC_DOMAINS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "yahoo.com",
    "ymail.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "gmx.com",
    "gmx.de",
    "gmx.net",
    "mail.com",
    "yandex.com",
    "fastmail.com",
    "hey.com",
    "zoho.com",
];

/// A person of a tracked interview.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// Their name as the interview file writes it.
    pub name: String,
    /// Their mail address, when known.
    pub address: Option<String>,
    /// Whether they work for the employer (an interviewer), so that their domain is the
    /// employer's; `false` for a staffing firm's recruiter.
    pub at_employer: bool,
}

/// A step of a tracked interview, as far as matching is concerned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrackedStep {
    /// The step's id.
    pub id: String,
    /// The recipient's name.
    pub recipient: String,
    /// The addresses its draft went to (its `To` and `Cc`, or the recipient's).
    pub to: Vec<String>,
    /// The Message-ID it was exported with.
    pub message_id: Option<String>,
    /// The subject of its exported draft.
    pub subject: Option<String>,
    /// When it was exported.
    pub exported_at: Option<Timestamp>,
    /// Whether it is already recorded as sent.
    pub sent: bool,
}

/// A tracked interview, as far as matching is concerned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tracked {
    /// The interview's id.
    pub interview: String,
    /// The candidate's own addresses.
    pub candidate: Vec<String>,
    /// Its interviewers and recruiter.
    pub people: Vec<Person>,
    /// Its steps.
    pub steps: Vec<TrackedStep>,
    /// Since when a message from its people counts as an answer: when the first
    /// follow-up went out (or was exported, or the interview began).
    pub since: Timestamp,
    /// The Message-IDs already recorded for it (a scan records nothing twice).
    pub recorded: BTreeSet<String>,
}

/// How sure a suggestion is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// By a domain only: `followup inbox --apply` does not record it.
    Weak,
    /// By an address, or a recipient and subject.
    Medium,
    /// By a Message-ID.
    Strong,
}

impl Confidence {
    /// The word shown (`strong`).
    pub fn word(self) -> &'static str {
        match self {
            Confidence::Weak => "weak",
            Confidence::Medium => "medium",
            Confidence::Strong => "strong",
        }
    }
}

/// Which rule matched.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Rule {
    /// The message is the exported draft of `step` (same Message-ID).
    MessageId {
        /// The step.
        step: String,
    },
    /// Sent by the candidate to the step's recipient with its draft's subject.
    RecipientAndSubject {
        /// The step.
        step: String,
    },
    /// `In-Reply-To` names the Message-ID `step` was exported with.
    InReplyTo {
        /// The step.
        step: String,
    },
    /// `References` names the Message-ID `step` was exported with.
    References {
        /// The step.
        step: String,
    },
    /// From a tracked person's address.
    Address {
        /// The person.
        person: String,
    },
    /// From the employer's mail domain.
    Domain {
        /// The domain.
        domain: String,
    },
}

impl Rule {
    /// How sure the rule is.
    pub fn confidence(&self) -> Confidence {
        match self {
            Rule::MessageId { .. } | Rule::InReplyTo { .. } | Rule::References { .. } => {
                Confidence::Strong
            }
            Rule::RecipientAndSubject { .. } | Rule::Address { .. } => Confidence::Medium,
            Rule::Domain { .. } => Confidence::Weak,
        }
    }

    /// The rule in plain words.
    pub fn explain(&self) -> String {
        match self {
            Rule::MessageId { step } => {
                format!("it carries the Message-ID {step} was exported with")
            }
            Rule::RecipientAndSubject { step } => format!(
                "sent by you to {step}'s recipient with its draft's subject, after the export"
            ),
            Rule::InReplyTo { step } => {
                format!("its In-Reply-To names the Message-ID {step} was exported with")
            }
            Rule::References { step } => {
                format!("its References name the Message-ID {step} was exported with")
            }
            Rule::Address { person } => {
                format!("from {person}'s address, after the first follow-up went out")
            }
            Rule::Domain { domain } => format!(
                "from the employer's mail domain {domain}, after the first follow-up went out"
            ),
        }
    }
}

/// What a message suggests happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum What {
    /// Someone answered: check-ins stop.
    Replied {
        /// The tracked person who answered, when the sender is one.
        #[serde(skip_serializing_if = "Option::is_none")]
        person: Option<String>,
    },
    /// An automatic reply: check-ins to that person pause.
    OutOfOffice {
        /// The tracked person away (the sender, or the recipient of the step answered).
        #[serde(skip_serializing_if = "Option::is_none")]
        person: Option<String>,
        /// The day they are back, when the reply says.
        #[serde(skip_serializing_if = "Option::is_none")]
        until: Option<Date>,
    },
    /// A step's message went out.
    Sent {
        /// The step.
        step: String,
    },
}

/// One suggestion: what a message means for one tracked interview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// The interview's id.
    pub interview: String,
    /// What happened.
    #[serde(flatten)]
    pub what: What,
    /// Which rule matched.
    #[serde(flatten)]
    pub rule: Rule,
    /// How sure it is.
    pub confidence: Confidence,
}

/// Why a message related to a tracked interview counts for nothing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "ignored", rename_all = "snake_case")]
pub enum Ignored {
    /// A mailing: the header that says so.
    Newsletter {
        /// `List-Unsubscribe`, `List-Id` or `Precedence: bulk`.
        header: String,
    },
    /// An automatic message that is not a reply (a notification, a receipt).
    Automatic,
    /// Already recorded by an earlier scan.
    AlreadyRecorded,
}

/// What a message means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// It concerns tracked interviews.
    Suggest(Vec<Suggestion>),
    /// It concerns a tracked interview but counts for nothing, for this reason.
    Ignored {
        /// The interview it concerns.
        interview: String,
        /// Why it does not count.
        why: Ignored,
    },
    /// It concerns no tracked interview.
    Unrelated,
}

/// The tracked interviews, indexed for matching many messages.
#[derive(Debug)]
pub struct Matcher {
    tracked: Vec<Tracked>,
    by_message_id: HashMap<String, (usize, usize)>,
    by_subject: HashMap<String, Vec<(usize, usize)>>,
    by_address: HashMap<String, Vec<(usize, usize)>>,
    by_domain: HashMap<String, Vec<usize>>,
}

fn fold_subject(subject: &str) -> String {
    subject.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>().join(" ")
}

fn domain_of(address: &str) -> Option<&str> {
    address.rsplit_once('@').map(|(_, d)| d).filter(|d| !d.is_empty())
}

impl Matcher {
    /// Indexes `tracked` by Message-ID, subject, address and employer domain.
    pub fn new(mut tracked: Vec<Tracked>) -> Matcher {
        let mut matcher = Matcher {
            tracked: Vec::new(),
            by_message_id: HashMap::new(),
            by_subject: HashMap::new(),
            by_address: HashMap::new(),
            by_domain: HashMap::new(),
        };
        for (i, interview) in tracked.iter_mut().enumerate() {
            for address in &mut interview.candidate {
                *address = address.trim().to_lowercase();
            }
            for (p, person) in interview.people.iter_mut().enumerate() {
                let Some(address) = person.address.as_mut() else { continue };
                *address = address.trim().to_lowercase();
                matcher.by_address.entry(address.clone()).or_default().push((i, p));
                if person.at_employer
                    && let Some(domain) = domain_of(address)
                    && !PUBLIC_DOMAINS.contains(&domain)
                {
                    let list = matcher.by_domain.entry(domain.to_string()).or_default();
                    if !list.contains(&i) {
                        list.push(i);
                    }
                }
            }
            for (s, step) in interview.steps.iter_mut().enumerate() {
                for address in &mut step.to {
                    *address = address.trim().to_lowercase();
                }
                if let Some(id) = &step.message_id {
                    matcher.by_message_id.insert(id.clone(), (i, s));
                }
                if let Some(subject) = &step.subject {
                    matcher.by_subject.entry(fold_subject(subject)).or_default().push((i, s));
                }
            }
        }
        matcher.tracked = tracked;
        matcher
    }

    /// The interviews matched against.
    pub fn tracked(&self) -> &[Tracked] {
        &self.tracked
    }

    /// What `message` means for the tracked interviews, strongest rule first for each.
    pub fn judge(&self, message: &Message) -> Verdict {
        // The draft itself, in the sent folder.
        if let Some(&(i, s)) = self.by_message_id.get(&message.message_id) {
            let interview = &self.tracked[i];
            let step = &interview.steps[s];
            if step.sent || interview.recorded.contains(&message.message_id) {
                return Verdict::Ignored {
                    interview: interview.interview.clone(),
                    why: Ignored::AlreadyRecorded,
                };
            }
            return Verdict::Suggest(vec![Suggestion {
                interview: interview.interview.clone(),
                what: What::Sent { step: step.id.clone() },
                rule: Rule::MessageId { step: step.id.clone() },
                confidence: Confidence::Strong,
            }]);
        }
        let sent = self.sent_copy(message);
        if !sent.is_empty() {
            return self.finish(message, sent);
        }
        let mut found: Vec<(usize, Rule, Option<String>)> = Vec::new();
        let mut push = |i: usize, rule: Rule, person: Option<String>| {
            if !found.iter().any(|(j, _, _)| *j == i) {
                found.push((i, rule, person));
            }
        };
        for (ids, strong) in [(&message.in_reply_to, true), (&message.references, false)] {
            for id in ids.iter().rev() {
                if let Some(&(i, s)) = self.by_message_id.get(id) {
                    let step = &self.tracked[i].steps[s];
                    let rule = if strong {
                        Rule::InReplyTo { step: step.id.clone() }
                    } else {
                        Rule::References { step: step.id.clone() }
                    };
                    let person = self
                        .person_of(i, &message.from.address)
                        .or_else(|| Some(step.recipient.clone()));
                    push(i, rule, person);
                }
            }
        }
        for &(i, p) in self.by_address.get(&message.from.address).into_iter().flatten() {
            if message.date >= self.tracked[i].since {
                let person = self.tracked[i].people[p].name.clone();
                push(i, Rule::Address { person: person.clone() }, Some(person));
            }
        }
        let domain = message.from.domain();
        for &i in self.by_domain.get(domain).into_iter().flatten() {
            if message.date >= self.tracked[i].since {
                push(i, Rule::Domain { domain: domain.to_string() }, None);
            }
        }
        // Your own message (a reply-all in the thread) is no answer.
        found.retain(|(i, _, _)| !self.tracked[*i].candidate.contains(&message.from.address));
        if found.is_empty() {
            return Verdict::Unrelated;
        }
        let suggestions = found
            .into_iter()
            .map(|(i, rule, person)| {
                let what = match message.automatic {
                    Automatic::Reply { until } => What::OutOfOffice {
                        person: person.or_else(|| message.from.name.clone()),
                        until,
                    },
                    _ => What::Replied { person },
                };
                Suggestion {
                    interview: self.tracked[i].interview.clone(),
                    what,
                    confidence: rule.confidence(),
                    rule,
                }
            })
            .collect();
        self.finish(message, suggestions)
    }

    /// Drops what is already recorded, and mailings and automatic notices.
    fn finish(&self, message: &Message, mut suggestions: Vec<Suggestion>) -> Verdict {
        let first = suggestions.first().map(|s| s.interview.clone()).unwrap_or_default();
        if let Some(header) = &message.bulk {
            return Verdict::Ignored {
                interview: first,
                why: Ignored::Newsletter { header: header.clone() },
            };
        }
        let is_sent = |s: &Suggestion| matches!(s.what, What::Sent { .. });
        if message.automatic == Automatic::Generated && !suggestions.iter().any(is_sent) {
            return Verdict::Ignored { interview: first, why: Ignored::Automatic };
        }
        suggestions.retain(|s| {
            self.tracked
                .iter()
                .find(|t| t.interview == s.interview)
                .is_none_or(|t| !t.recorded.contains(&message.message_id))
        });
        if suggestions.is_empty() {
            return Verdict::Ignored { interview: first, why: Ignored::AlreadyRecorded };
        }
        suggestions
            .sort_by(|a, b| b.confidence.cmp(&a.confidence).then(a.interview.cmp(&b.interview)));
        Verdict::Suggest(suggestions)
    }

    /// A copy of an exported draft the candidate sent under a new Message-ID.
    fn sent_copy(&self, message: &Message) -> Vec<Suggestion> {
        let Some(candidates) = self.by_subject.get(&fold_subject(&message.subject)) else {
            return Vec::new();
        };
        let from = &message.from.address;
        let mut out = Vec::new();
        for &(i, s) in candidates {
            let interview = &self.tracked[i];
            let step = &interview.steps[s];
            let by_candidate = if interview.candidate.is_empty() {
                self.person_of(i, from).is_none()
                    && domain_of(from)
                        .is_none_or(|d| !self.by_domain.get(d).is_some_and(|l| l.contains(&i)))
            } else {
                interview.candidate.contains(from)
            };
            let to_recipient = message.recipients.iter().any(|r| step.to.contains(&r.address));
            let after_export = step.exported_at.is_some_and(|at| message.date >= at);
            if by_candidate && to_recipient && after_export && !step.sent {
                out.push(Suggestion {
                    interview: interview.interview.clone(),
                    what: What::Sent { step: step.id.clone() },
                    rule: Rule::RecipientAndSubject { step: step.id.clone() },
                    confidence: Confidence::Medium,
                });
            }
        }
        out
    }

    fn person_of(&self, i: usize, address: &str) -> Option<String> {
        self.tracked[i]
            .people
            .iter()
            .find(|p| p.address.as_deref() == Some(address))
            .map(|p| p.name.clone())
    }
}

#[cfg(test)]
mod tests;
