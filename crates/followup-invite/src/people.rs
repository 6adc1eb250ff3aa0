//! Who the interviewers are, and which employer they work for, from the organiser and
//! the attendees.
//!
//! The candidate is left out (by the addresses the profile knows), and so are rooms,
//! resources, people who declined and the robots calendars invite (`noreply@`, Google's
//! group and resource calendars). The employer is the organiser's domain, or the most
//! common domain among the attendees, unless it is a mail provider's.

use followup_core::interview::Interviewer;
use icalendar::parser::{Component, Property};

/// A person the event names, before the candidate is taken out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Name from `CN=`, or made from the address.
    pub name: String,
    /// Address from `mailto:`, lower case.
    pub email: Option<String>,
    /// Whether this is the `ORGANIZER`.
    pub organiser: bool,
}

/// The organiser (first) and the attendees, without rooms, robots, decliners,
/// duplicates and the candidate's own addresses.
pub fn interviewers(event: &Component<'_>, candidate_emails: &[String]) -> Vec<Person> {
    let is_candidate = |email: &Option<String>| {
        email.as_ref().is_some_and(|e| candidate_emails.iter().any(|c| c.eq_ignore_ascii_case(e)))
    };
    let mut people: Vec<Person> = Vec::new();
    let organiser = event.properties.iter().filter(|p| p.name == "ORGANIZER");
    let attendees = event.properties.iter().filter(|p| p.name == "ATTENDEE");
    for property in organiser.chain(attendees) {
        if !is_person(property) {
            continue;
        }
        let email = address(property.val.as_str());
        if email.as_deref().is_some_and(is_robot) || is_candidate(&email) {
            continue;
        }
        if email.is_some() && people.iter().any(|p| p.email == email) {
            continue;
        }
        let name = param(property, "CN")
            .map(|cn| natural_order(cn.trim().trim_matches('\'').trim()))
            .filter(|cn| !cn.is_empty() && !cn.contains('@'))
            .or_else(|| email.as_deref().map(name_from_address));
        let Some(name) = name else { continue };
        people.push(Person { name, email, organiser: property.name == "ORGANIZER" });
    }
    people
}

/// The number of `ATTENDEE` lines, whoever they are.
pub fn attendee_count(event: &Component<'_>) -> usize {
    event.properties.iter().filter(|p| p.name == "ATTENDEE").count()
}

impl Person {
    /// The interviewer this person becomes: name and address, the rest left to ask.
    pub fn interviewer(&self) -> Interviewer {
        Interviewer { name: self.name.clone(), email: self.email.clone(), ..Interviewer::default() }
    }
}

/// The value of parameter `key` (case-insensitive), when it has one.
pub fn param<'a>(property: &'a Property<'_>, key: &str) -> Option<&'a str> {
    property
        .params
        .iter()
        .find(|p| p.key.as_str().eq_ignore_ascii_case(key))
        .and_then(|p| p.val.as_ref())
        .map(|v| v.as_str())
}

/// Whether the property names a person who takes part: not a room or resource, not a
/// non-participant, not someone who declined.
fn is_person(property: &Property<'_>) -> bool {
    let cutype = param(property, "CUTYPE").unwrap_or("INDIVIDUAL");
    let role = param(property, "ROLE").unwrap_or("REQ-PARTICIPANT");
    let partstat = param(property, "PARTSTAT").unwrap_or("NEEDS-ACTION");
    !["ROOM", "RESOURCE", "GROUP"].iter().any(|t| cutype.eq_ignore_ascii_case(t))
        && !role.eq_ignore_ascii_case("NON-PARTICIPANT")
        && !partstat.eq_ignore_ascii_case("DECLINED")
}

/// The address of a `mailto:` value, lower case.
fn address(value: &str) -> Option<String> {
    let value = value.trim();
    let rest = value.get(..7).filter(|p| p.eq_ignore_ascii_case("mailto:")).map(|_| &value[7..]);
    let email = rest.unwrap_or(value).trim();
    (email.contains('@') && !email.contains(char::is_whitespace)).then(|| email.to_lowercase())
}

/// Addresses that calendars invite but no person reads.
fn is_robot(email: &str) -> bool {
    let (local, domain) = email.split_once('@').unwrap_or((email, ""));
    ["noreply", "no-reply", "donotreply", "do-not-reply", "calendar-notification"].contains(&local)
        || domain.ends_with("calendar.google.com")
        || domain.ends_with("resource.calendar.google.com")
}

/// `Okafor, Chidi` (as directories list people) → `Chidi Okafor`.
fn natural_order(name: &str) -> String {
    match name.split_once(',') {
        Some((last, first)) if !first.contains(',') && !first.trim().is_empty() => {
            format!("{} {}", first.trim(), last.trim())
        }
        _ => name.to_string(),
    }
}

/// `jane.doe-smith@x` → `Jane Doe-Smith`.
fn name_from_address(email: &str) -> String {
    let local = email.split('@').next().unwrap_or(email);
    local
        .split(['.', '_'])
        .filter(|w| !w.is_empty())
        .map(|word| capitalise_parts(word, '-'))
        .collect::<Vec<_>>()
        .join(" ")
}

fn capitalise_parts(word: &str, separator: char) -> String {
    word.split(separator)
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(&separator.to_string())
}

/// Mail providers whose domain says nothing about the employer.
const MAIL_PROVIDERS: &[&str] = &[
    "aol.com",
    "fastmail.com",
    "gmail.com",
    "gmx.com",
    "gmx.de",
    "googlemail.com",
    "hotmail.com",
    "icloud.com",
    "live.com",
    "mac.com",
    "mail.com",
    "me.com",
    "msn.com",
    "outlook.com",
    "pm.me",
    "proton.me",
    "protonmail.com",
    "yahoo.com",
    "yandex.com",
    "zoho.com",
];

/// The employer's name from the people's domains: the organiser's first, then the most
/// common one among the others. Returns the name and the domain it came from.
pub fn company(people: &[Person]) -> Option<(String, String)> {
    let domain_of = |p: &Person| {
        p.email
            .as_deref()
            .and_then(|e| e.split_once('@'))
            .map(|(_, d)| d.to_string())
            .filter(|d| !MAIL_PROVIDERS.contains(&d.as_str()))
    };
    let organiser = people.iter().filter(|p| p.organiser).find_map(domain_of);
    let domain = organiser.or_else(|| {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for domain in people.iter().filter_map(domain_of) {
            match counts.iter_mut().find(|(d, _)| *d == domain) {
                Some((_, n)) => *n += 1,
                None => counts.push((domain, 1)),
            }
        }
        // The first of the most common, so that ties go to the earlier attendee.
        let best = counts.iter().map(|(_, n)| *n).max()?;
        counts.into_iter().find(|(_, n)| *n == best).map(|(d, _)| d)
    })?;
    company_from_domain(&domain).map(|name| (name, domain))
}

/// `careers.northwind-analytics.co.uk` → `Northwind Analytics`.
fn company_from_domain(domain: &str) -> Option<String> {
    let labels: Vec<&str> = domain.split('.').filter(|l| !l.is_empty()).collect();
    let mut end = labels.len().checked_sub(1)?;
    if end >= 2 && ["co", "com", "org", "net", "ac", "gov"].contains(&labels[end - 1]) {
        end -= 1;
    }
    let label = labels.get(end.checked_sub(1)?)?;
    if label.len() <= 3 {
        return Some(label.to_uppercase());
    }
    Some(label.split('-').map(|w| capitalise_parts(w, '.')).collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn company_names_from_domains() {
        let name = |d: &str| company_from_domain(d);
        assert_eq!(name("northwind-analytics.example").as_deref(), Some("Northwind Analytics"));
        assert_eq!(name("mail.brightline.co.uk").as_deref(), Some("Brightline"));
        assert_eq!(name("ibm.com").as_deref(), Some("IBM"));
        assert_eq!(name("localhost"), None);
    }

    #[test]
    fn names_from_addresses() {
        assert_eq!(name_from_address("jane.doe-smith@x.example"), "Jane Doe-Smith");
        assert_eq!(name_from_address("tomas_alvarez@x.example"), "Tomas Alvarez");
        assert_eq!(natural_order("Okafor, Chidi"), "Chidi Okafor");
        assert_eq!(natural_order("Dana Whitfield"), "Dana Whitfield");
    }
}
