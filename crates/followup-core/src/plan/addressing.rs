//! Addressing: who receives a message meant for an interviewer, and who leads the
//! decision.
//!
//! A staffing firm decides how its candidates reach the employer
//! ([`OutreachPolicy`]): directly, with the recruiter copied, or only through the
//! recruiter, who passes messages on. The rules engine addresses every message with
//! these functions, and so does anyone who builds steps the way the engine would (the
//! conformance suite).

use super::{Recipient, RecipientKind};
use crate::interview::{Interview, Interviewer, OutreachPolicy};

/// The recipient of a message meant for the interviewer `meant_for`, under `outreach`,
/// when the staffing firm's recruiter is `recruiter`: the recruiter on the
/// interviewer's behalf (`via_recruiter`), the interviewer with the recruiter copied
/// (`cc_recruiter`), else the interviewer alone. Without a recruiter, the interviewer
/// alone.
///
/// ```
/// use followup_core::interview::OutreachPolicy;
/// use followup_core::plan::{RecipientKind, address};
///
/// let passed_on = address("Dana Whitfield", OutreachPolicy::ViaRecruiter, Some("Priya Natarajan"));
/// assert_eq!(passed_on.kind, RecipientKind::Recruiter);
/// assert_eq!(passed_on.about(), "Dana Whitfield");
/// let copied = address("Dana Whitfield", OutreachPolicy::CcRecruiter, Some("Priya Natarajan"));
/// assert_eq!(copied.cc, ["Priya Natarajan"]);
/// ```
pub fn address(meant_for: &str, outreach: OutreachPolicy, recruiter: Option<&str>) -> Recipient {
    match (outreach, recruiter) {
        (OutreachPolicy::ViaRecruiter, Some(recruiter)) => Recipient {
            name: recruiter.to_string(),
            kind: RecipientKind::Recruiter,
            on_behalf_of: Some(meant_for.to_string()),
            cc: Vec::new(),
        },
        (OutreachPolicy::CcRecruiter, Some(recruiter)) => Recipient {
            cc: vec![recruiter.to_string()],
            ..Recipient::direct(meant_for, RecipientKind::Interviewer)
        },
        _ => Recipient::direct(meant_for, RecipientKind::Interviewer),
    }
}

/// The outreach policy in force: the staffing firm's, or `direct` without one.
pub fn outreach(interview: &Interview) -> OutreachPolicy {
    interview.staffing.as_ref().map_or(OutreachPolicy::Direct, |s| s.outreach)
}

/// The interviewer who leads the decision, with their index in the file: the one marked
/// `lead`, else the first; `None` without interviewers.
pub fn lead_interviewer(interview: &Interview) -> Option<(usize, &Interviewer)> {
    let index = interview.interviewers.iter().position(|person| person.lead).unwrap_or(0);
    interview.interviewers.get(index).map(|person| (index, person))
}

impl Recipient {
    /// A message to `name` alone, for themself.
    pub fn direct(name: &str, kind: RecipientKind) -> Recipient {
        Recipient { name: name.to_string(), kind, on_behalf_of: None, cc: Vec::new() }
    }

    /// The person the message is meant for: the interviewer a recruiter passes it on
    /// to, else the recipient.
    pub fn about(&self) -> &str {
        self.on_behalf_of.as_deref().unwrap_or(&self.name)
    }
}
