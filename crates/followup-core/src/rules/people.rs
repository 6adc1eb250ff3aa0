//! The people a plan can address, seen the way channel selection needs them.

use jiff::tz::TimeZone;

use crate::country::Country;
use crate::manifest::ContactKind;
use crate::plan::RecipientKind;
use crate::validate::ValidInterview;

/// Someone a message can be addressed to.
#[derive(Clone, Debug)]
pub(crate) struct Person<'a> {
    pub name: &'a str,
    pub kind: RecipientKind,
    pub zone: TimeZone,
    pub jurisdiction: Option<&'a str>,
    /// Whose public holidays they keep; `None` leaves the calendar's own.
    pub country: Option<Country>,
    pub email: bool,
    pub phone: bool,
    pub linkedin: bool,
    pub postal_address: bool,
    pub opted_out: &'a [String],
}

impl Person<'_> {
    /// Whether the person gave the contact detail a channel needs.
    pub fn has(&self, contact: ContactKind) -> bool {
        match contact {
            ContactKind::Email => self.email,
            ContactKind::Phone => self.phone,
            ContactKind::Linkedin => self.linkedin,
            ContactKind::PostalAddress => self.postal_address,
        }
    }

    /// The person's first name, for friendly sentences.
    pub fn first_name(&self) -> &str {
        self.name.split_whitespace().next().unwrap_or(self.name)
    }

    pub fn opted_out_of(&self, channel: &str) -> bool {
        self.opted_out.iter().any(|id| id == channel)
    }
}

/// The interviewers, in file order.
pub(crate) fn interviewers(iv: &ValidInterview) -> Vec<Person<'_>> {
    let employer_address = iv.interview.employer.address.as_ref().is_some_and(|a| !a.is_empty());
    iv.interview
        .interviewers
        .iter()
        .zip(&iv.interviewer_zones)
        .map(|(person, zone)| Person {
            name: &person.name,
            kind: RecipientKind::Interviewer,
            zone: zone.clone(),
            jurisdiction: person.jurisdiction.as_deref(),
            country: country(person.country.as_deref(), zone),
            email: person.email.is_some(),
            phone: person.phone.is_some(),
            linkedin: person.linkedin.is_some(),
            postal_address: employer_address
                || person.address.as_ref().is_some_and(|a| !a.is_empty()),
            opted_out: &person.opted_out,
        })
        .collect()
}

/// The recruiter, when a staffing firm is involved.
pub(crate) fn recruiter(iv: &ValidInterview) -> Option<Person<'_>> {
    let staffing = iv.interview.staffing.as_ref()?;
    let recruiter = &staffing.recruiter;
    let zone = iv.recruiter_zone.clone().unwrap_or_else(|| iv.candidate_zone.clone());
    Some(Person {
        name: &recruiter.name,
        kind: RecipientKind::Recruiter,
        country: country(recruiter.country.as_deref(), &zone),
        zone,
        jurisdiction: recruiter.jurisdiction.as_deref(),
        email: recruiter.email.is_some(),
        phone: recruiter.phone.is_some(),
        linkedin: false,
        postal_address: false,
        opted_out: &recruiter.opted_out,
    })
}

/// A person's country: the one they were given (validation made sure it is a code),
/// else the one their zone names.
fn country(given: Option<&str>, zone: &TimeZone) -> Option<Country> {
    match given {
        Some(code) => Country::parse(code),
        None => zone.iana_name().and_then(Country::of_zone),
    }
}
