//! Channel selection: which channels may carry a message to a person, best first, and
//! why the others may not.
//!
//! Only manifests are consulted. A channel is *eligible* for a message when it carries
//! that purpose to that kind of recipient. It is *usable* when the recipient has not
//! opted out, consent was given where the channel needs it, and the recipient gave the
//! contact detail it needs. It *fits* when the role's kind, the company's culture or
//! its industry is one it lists. Fitting, usable channels are ranked by priority; the
//! fallback channels (email) follow, so there is always a way when one exists.

use crate::interview::{EstablishedBy, Interview};
use crate::manifest::{ChannelManifest, ContactKind, SelectionMode};
use crate::plan::{Purpose, RecipientKind};

use super::people::Person;

/// Why a channel was not used, before it is attached to a plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Refusal {
    pub channel: String,
    pub recipient: Option<String>,
    pub reason: String,
    /// The channel could have been used but another suited the message better; not
    /// worth reporting when the channel carries other steps.
    pub second_choice: bool,
}

/// A usable channel, with the reasons it was chosen should it be.
#[derive(Clone, Debug)]
pub(crate) struct Candidate<'m> {
    pub manifest: &'m ChannelManifest,
    pub reasons: Vec<String>,
}

/// How one channel fits the interview: the same for every message of a plan, so it is
/// worked out once per plan ([`fits`]) rather than once per message.
#[derive(Clone, Debug)]
pub(crate) struct ChannelFit {
    /// Why it fits, when it does.
    reason: Option<String>,
    /// Why it is not suggested, when it does not fit and is no fallback.
    refusal: Option<String>,
}

/// How each of `channels` fits `interview`, in the same order.
pub(crate) fn fits(channels: &[ChannelManifest], interview: &Interview) -> Vec<ChannelFit> {
    channels
        .iter()
        .map(|manifest| {
            let reason = fit_reason(manifest, interview);
            let refusal = (reason.is_none() && !manifest.selection.fallback).then(|| {
                format!("{} is not suggested: {}", manifest.name, misfit(manifest, interview))
            });
            ChannelFit { reason, refusal }
        })
        .collect()
}

/// The ranked usable channels for `purpose` to `person`, and the refusals. `fits` is
/// [`fits`] of the same channels.
pub(crate) fn rank<'m>(
    channels: &'m [ChannelManifest],
    fits: &[ChannelFit],
    mode: SelectionMode,
    purpose: Purpose,
    person: &Person<'_>,
    interview: &Interview,
) -> (Vec<Candidate<'m>>, Vec<Refusal>) {
    let mut fitting = Vec::new();
    let mut fallbacks = Vec::new();
    let mut refusals = Vec::new();
    for (manifest, fit) in channels.iter().zip(fits) {
        if manifest.selection.mode != mode || !manifest.purposes.contains(&purpose) {
            continue;
        }
        if !manifest.recipients.contains(&person.kind) {
            if fit.reason.is_some() {
                refusals.push(Refusal {
                    channel: manifest.id.clone(),
                    recipient: None,
                    reason: format!(
                        "{} would suit this role, but it cannot carry a message to {}",
                        manifest.name,
                        match person.kind {
                            RecipientKind::Interviewer => "an interviewer",
                            RecipientKind::Recruiter =>
                                "a recruiter, who passes every message on here",
                        }
                    ),
                    second_choice: false,
                });
            }
            continue;
        }
        if let Some(refusal) = &fit.refusal {
            refusals.push(Refusal {
                channel: manifest.id.clone(),
                recipient: None,
                reason: refusal.clone(),
                second_choice: false,
            });
            continue;
        }
        if let Err(reason) = usable(manifest, person, interview) {
            refusals.push(Refusal {
                channel: manifest.id.clone(),
                recipient: Some(person.name.to_string()),
                reason,
                second_choice: false,
            });
            continue;
        }
        let mut reasons = Vec::new();
        if let Some(consent) = consent_reason(manifest, person, interview) {
            reasons.push(consent);
        }
        match &fit.reason {
            Some(fit) => {
                reasons.insert(0, fit.clone());
                fitting.push(Candidate { manifest, reasons });
            }
            None => {
                reasons.insert(
                    0,
                    format!(
                        "{} is the fallback when no other channel fits, and {} can be reached by it",
                        manifest.name,
                        person.name
                    ),
                );
                fallbacks.push(Candidate { manifest, reasons });
            }
        }
    }
    fitting.sort_by(|a, b| {
        b.manifest
            .selection
            .priority
            .cmp(&a.manifest.selection.priority)
            .then(a.manifest.id.cmp(&b.manifest.id))
    });
    fallbacks.sort_by(|a, b| a.manifest.id.cmp(&b.manifest.id));
    fitting.extend(fallbacks);
    (fitting, refusals)
}

/// Why a channel fits this interview, if it does.
fn fit_reason(manifest: &ChannelManifest, interview: &Interview) -> Option<String> {
    let fits = &manifest.fits;
    let kind = interview.role.kind;
    if fits.role_kinds.contains(&kind) {
        return Some(format!("{} suits {} roles", manifest.name, role_word(kind)));
    }
    let culture = interview.employer.culture;
    if fits.cultures.contains(&culture) {
        return Some(format!(
            "{} suits {} companies like {}",
            manifest.name,
            culture_word(culture),
            interview.employer.company
        ));
    }
    let industry = interview.employer.industry.as_deref()?.trim().to_lowercase();
    fits.industries
        .iter()
        .any(|listed| listed.eq_ignore_ascii_case(&industry))
        .then(|| format!("{} helps in {}", manifest.name, industry))
}

/// Why a channel does not fit this interview, as the end of a sentence.
fn misfit(manifest: &ChannelManifest, interview: &Interview) -> String {
    let fits = &manifest.fits;
    let mut suits = Vec::new();
    if !fits.role_kinds.is_empty() {
        let kinds: Vec<&str> = fits.role_kinds.iter().map(|k| role_word(*k)).collect();
        suits.push(format!("{} roles", join_or(&kinds)));
    }
    if !fits.cultures.is_empty() {
        let cultures: Vec<&str> = fits.cultures.iter().map(|c| culture_word(*c)).collect();
        suits.push(format!("{} companies", join_or(&cultures)));
    }
    if !fits.industries.is_empty() {
        suits.push("some industries".to_string());
    }
    let industry = match interview.employer.industry.as_deref() {
        Some(industry) => format!(" in {industry}"),
        None => String::new(),
    };
    format!(
        "it suits {}, and this is {} {} role at {} {} company{}",
        suits.join(", or "),
        article(role_word(interview.role.kind)),
        role_word(interview.role.kind),
        article(culture_word(interview.employer.culture)),
        culture_word(interview.employer.culture),
        industry
    )
}

/// Whether the channel may reach `person`; the reason when it may not.
fn usable(
    manifest: &ChannelManifest,
    person: &Person<'_>,
    interview: &Interview,
) -> Result<(), String> {
    if person.opted_out_of(&manifest.id) {
        return Err(format!(
            "{} asked not to be contacted by {} again",
            person.name,
            crate::phrasing::name_in_sentence(&manifest.name)
        ));
    }
    if manifest.requires.established && consent_reason(manifest, person, interview).is_none() {
        let company = &interview.employer.company;
        return Err(match person.kind {
            RecipientKind::Interviewer => format!(
                "{} is not suggested: nobody at {company} said {} was fine",
                manifest.name,
                crate::phrasing::name_in_sentence(&manifest.name)
            ),
            RecipientKind::Recruiter => format!(
                "{} is not suggested: {} has not said {} was fine",
                manifest.name,
                person.name,
                crate::phrasing::name_in_sentence(&manifest.name)
            ),
        });
    }
    if let Some(contact) = manifest.requires.contact
        && !person.has(contact)
    {
        return Err(format!(
            "{} needs {} for {}, and none was given",
            manifest.name,
            contact_word(contact),
            person.name
        ));
    }
    Ok(())
}

/// Who made the channel acceptable for this person, as a sentence.
fn consent_reason(
    manifest: &ChannelManifest,
    person: &Person<'_>,
    interview: &Interview,
) -> Option<String> {
    if !manifest.requires.established {
        return None;
    }
    let established = interview.established_channels.iter().find(|e| {
        e.channel == manifest.id
            && match person.kind {
                // A recruiter's own channels are theirs to establish.
                RecipientKind::Recruiter => e.by == EstablishedBy::Recruiter,
                RecipientKind::Interviewer => true,
            }
    })?;
    let who = match (&established.who, established.by) {
        (Some(who), _) => who.clone(),
        (None, EstablishedBy::Employer) => format!("someone at {}", interview.employer.company),
        (None, EstablishedBy::Recruiter) => interview
            .staffing
            .as_ref()
            .map_or_else(|| "the recruiter".to_string(), |s| s.recruiter.name.clone()),
    };
    Some(format!("{who} said {} was fine", crate::phrasing::name_in_sentence(&manifest.name)))
}

fn contact_word(contact: ContactKind) -> &'static str {
    match contact {
        ContactKind::Email => "an email address",
        ContactKind::Phone => "a phone number",
        ContactKind::Linkedin => "a LinkedIn profile",
        ContactKind::PostalAddress => "a postal address",
    }
}

/// The role kind as a candidate says it.
pub(crate) fn role_word(kind: crate::interview::RoleKind) -> &'static str {
    use crate::interview::RoleKind::*;
    match kind {
        Professional => "professional",
        Executive => "executive",
        Hourly => "hourly",
        Shift => "shift",
        Temporary => "temporary",
        Contract => "contract",
        Field => "field",
        Internship => "internship",
    }
}

fn culture_word(culture: crate::interview::Culture) -> &'static str {
    use crate::interview::Culture::*;
    match culture {
        Standard => "standard",
        Traditional => "traditional",
        Boutique => "boutique",
        Startup => "startup",
    }
}

/// `a` or `an`, for the word that follows.
fn article(word: &str) -> &'static str {
    // "An hourly role": the h is silent.
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) || word.starts_with("hour") { "an" } else { "a" }
}

/// `a`, `a or b`, `a, b or c`.
fn join_or(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}
