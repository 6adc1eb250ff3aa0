//! Step ids: how a step is named in its plan, and how the names are kept unique.
//!
//! An id reads as what the step does: the purpose, the check-in's number, the person the
//! message is meant for and the channel, such as `check-in-2-dana-whitfield-email`. The
//! same message to the same person twice in one plan (directly, and through the
//! recruiter) gets `-2`, `-3`, ... in the order the steps are named.

use std::collections::BTreeSet;

use super::Purpose;
use crate::slug::slug;

/// The id of a step before it is made unique in its plan: `thank-you-dana-whitfield-email`.
///
/// `about` is the person the message is meant for ([`super::Recipient::about`]), so a
/// thank-you the recruiter passes on is named after the interviewer.
///
/// ```
/// use followup_core::plan::{Purpose, step_id};
///
/// assert_eq!(step_id(Purpose::CheckIn, Some(2), "José Müller", "sms"), "check-in-2-jose-muller-sms");
/// assert_eq!(step_id(Purpose::ThankYou, None, "Dana Whitfield", "email"), "thank-you-dana-whitfield-email");
/// ```
pub fn step_id(purpose: Purpose, sequence: Option<u32>, about: &str, channel: &str) -> String {
    let mut id = purpose.as_str().replace('_', "-");
    if let Some(sequence) = sequence {
        id.push('-');
        id.push_str(&sequence.to_string());
    }
    id.push('-');
    id.push_str(&slug(about));
    id.push('-');
    id.push_str(channel);
    id
}

/// The ids given so far in one plan.
///
/// ```
/// use followup_core::plan::StepIds;
///
/// let mut ids = StepIds::default();
/// assert_eq!(ids.unique("thank-you-dana-email".to_string()), "thank-you-dana-email");
/// assert_eq!(ids.unique("thank-you-dana-email".to_string()), "thank-you-dana-email-2");
/// ```
#[derive(Clone, Debug, Default)]
pub struct StepIds {
    taken: BTreeSet<String>,
}

impl StepIds {
    /// `id`, or `id-2`, `id-3`, ... when it is taken; the answer is taken from then on.
    pub fn unique(&mut self, id: String) -> String {
        let mut unique = id.clone();
        let mut n = 2;
        while !self.taken.insert(unique.clone()) {
            unique = format!("{id}-{n}");
            n += 1;
        }
        unique
    }
}
