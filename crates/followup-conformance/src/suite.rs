//! The checks of a channel's manifest and behaviour, the same for a loaded library and
//! a channel called in process.

use std::collections::BTreeSet;

use followup_core::manifest::ChannelManifest;
use followup_core::plan::Purpose;

use crate::exports::{self, Exported};
use crate::hostile::{self, EVALUATED_MARKER, PLANTED};
use crate::limits;
use crate::report::{Row, Status};
use crate::requests::{self, Sample};
use crate::subject::{Answer, Subject};

/// Problems of a manifest's JSON against the published manifest schema, as lines.
fn manifest_schema_problems(json: &serde_json::Value) -> Vec<String> {
    let published = followup_core::schema::all(&[]);
    let checker = match followup_validate::Checker::new(&published, Vec::new()) {
        Ok(checker) => checker,
        Err(err) => return vec![format!("the published schemas do not compile: {err}")],
    };
    checker
        .check(followup_validate::Kind::Manifest, json.clone())
        .into_iter()
        .filter(|p| p.level == followup_validate::Level::Error)
        .map(|p| format!("{}: {} [{}]", p.field, p.message, p.rule))
        .collect()
}

/// The manifest checked against the published schema and the host's rules, plus what
/// the host accepts but a careful author would fix.
pub(crate) fn manifest_row(manifest: &ChannelManifest) -> Row {
    const NAME: &str = "manifest";
    // The manifest as the host reads it, written back as JSON and validated against
    // the published `manifest.schema.json` with a JSON Schema validator; then read
    // back with the types, which must give the same manifest.
    let json = match serde_json::to_value(manifest) {
        Ok(json) => json,
        Err(err) => {
            return Row::new(
                NAME,
                Status::Fail,
                format!("the manifest cannot be written as JSON: {err}"),
            );
        }
    };
    let schema_problems = manifest_schema_problems(&json);
    if !schema_problems.is_empty() {
        return Row::with_cases(
            NAME,
            Status::Fail,
            "the manifest does not match manifest.schema.json; fix it in `Channel::manifest` and rebuild",
            schema_problems,
        );
    }
    match serde_json::from_value::<ChannelManifest>(json) {
        Ok(back) if back == *manifest => {}
        Ok(_) => {
            return Row::new(
                NAME,
                Status::Fail,
                "the manifest changes when written as JSON and read back",
            );
        }
        Err(err) => {
            return Row::new(
                NAME,
                Status::Fail,
                format!("the manifest's JSON does not have the schema's shape: {err}"),
            );
        }
    }
    if let Err(problems) = manifest.check() {
        return Row::with_cases(
            NAME,
            Status::Fail,
            "the manifest breaks the host's rules; fix it in `Channel::manifest` and rebuild",
            problems.iter().map(|p| format!("{}: {}", p.field, p.message)).collect(),
        );
    }
    let advice = advice(manifest);
    let summary = format!(
        "`{}` v{}: valid against manifest.schema.json and the host's rules; purposes {}; recipients {}",
        manifest.id,
        manifest.version,
        list(manifest.purposes.iter().map(|p| p.as_str().to_string())),
        list(manifest.recipients.iter().map(|r| r.as_str().to_string())),
    );
    if advice.is_empty() {
        Row::new(NAME, Status::Pass, summary)
    } else {
        Row::with_cases(NAME, Status::Warn, format!("{summary}; but see below"), advice)
    }
}

fn list(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

/// What the host accepts but an author would want to fix.
fn advice(manifest: &ChannelManifest) -> Vec<String> {
    let mut advice = Vec::new();
    if manifest.description.trim().is_empty() {
        advice.push("`description` is empty: say in one sentence what the channel is".to_string());
    }
    if !is_semver(&manifest.version) {
        advice.push(format!(
            "`version` `{}` is not a semantic version such as `0.1.0`",
            manifest.version
        ));
    }
    let purposes: BTreeSet<Purpose> = manifest.purposes.iter().copied().collect();
    if purposes.len() != manifest.purposes.len() {
        advice.push("`purposes` lists a purpose twice".to_string());
    }
    let recipients: BTreeSet<&str> = manifest.recipients.iter().map(|r| r.as_str()).collect();
    if recipients.len() != manifest.recipients.len() {
        advice.push("`recipients` lists a kind twice".to_string());
    }
    if manifest.fits.is_empty() && !manifest.selection.fallback {
        advice.push(
            "`fits` lists no role kind, culture or industry and the channel is no fallback: the rules engine never chooses it".to_string(),
        );
    }
    for code in manifest.hours.by_jurisdiction.keys() {
        if !is_subdivision_code(code) {
            advice.push(format!(
                "`hours.by_jurisdiction.{code}` is never matched: write an upper-case ISO 3166-2 code such as `US-FL`"
            ));
        }
    }
    advice
}

/// `MAJOR.MINOR.PATCH`, with an optional pre-release or build suffix.
fn is_semver(version: &str) -> bool {
    let core = version.split(['-', '+']).next().unwrap_or_default();
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

/// `US-FL`: two upper-case letters, a dash, one to three upper-case letters or digits.
fn is_subdivision_code(code: &str) -> bool {
    let Some((country, region)) = code.split_once('-') else { return false };
    country.len() == 2
        && country.chars().all(|c| c.is_ascii_uppercase())
        && (1..=3).contains(&region.len())
        && region.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// One request, answered twice.
struct Rendered {
    sample: Sample,
    first: Answer,
    second: Answer,
}

impl Rendered {
    fn of(subject: &dyn Subject, sample: Sample) -> Rendered {
        let first = subject.render(&sample.request);
        let second = subject.render(&sample.request);
        Rendered { sample, first, second }
    }

    fn label(&self) -> String {
        self.sample.label()
    }
}

/// The behavioural checks: every purpose drafted for every bundled example, checks
/// carried, limits kept, the same answer twice, no panic, hostile input survived.
pub(crate) fn behaviour(subject: &dyn Subject) -> Vec<Row> {
    let manifest = subject.manifest();
    let examples: Vec<Rendered> = followup_core::bundled::examples()
        .iter()
        .flat_map(|example| requests::for_interview(example.name, &example.interview, manifest))
        .map(|sample| Rendered::of(subject, sample))
        .collect();
    let hostile: Vec<(hostile::Case, Vec<Rendered>)> = hostile::cases()
        .into_iter()
        .map(|case| {
            let rendered = requests::for_interview(case.row, &case.interview, manifest)
                .into_iter()
                .map(|sample| Rendered::of(subject, sample))
                .collect();
            (case, rendered)
        })
        .collect();
    let everything: Vec<&Rendered> =
        examples.iter().chain(hostile.iter().flat_map(|(_, r)| r)).collect();

    let mut rows = Vec::new();
    let mut seen = BTreeSet::new();
    let purposes: Vec<Purpose> =
        manifest.purposes.iter().copied().filter(|p| seen.insert(*p)).collect();
    for purpose in &purposes {
        rows.push(purpose_row(*purpose, manifest, &examples));
    }
    for purpose in &purposes {
        rows.push(export_row(subject, *purpose, &examples));
    }
    rows.push(checks_row(&everything));
    rows.push(limits_row(manifest, &examples, &everything));
    rows.push(deterministic_row(&everything));
    rows.push(no_panic_row(&everything));
    for (case, rendered) in &hostile {
        rows.push(hostile_row(case, rendered));
    }
    rows
}

/// Why an answer is not a draft, as the end of a sentence.
fn not_a_draft(answer: &Answer) -> Option<String> {
    match answer {
        Answer::Draft(_) => None,
        Answer::Error(message) => Some(format!("could not draft it: {message}")),
        Answer::Panicked(message) => Some(format!("panicked: {message}")),
        Answer::Stopped(detail) => Some(format!("failed in its runner process: it {detail}")),
        Answer::Malformed(detail) => {
            Some(format!("answered with something that is not a draft: {detail}"))
        }
    }
}

fn purpose_row(purpose: Purpose, manifest: &ChannelManifest, examples: &[Rendered]) -> Row {
    let name = format!("render.{}", purpose.as_str());
    let ours: Vec<&Rendered> =
        examples.iter().filter(|r| r.sample.request.step.purpose == purpose).collect();
    if ours.is_empty() {
        return Row::new(
            &name,
            Status::Warn,
            format!(
                "no bundled example has a recipient for a {} among the recipients the manifest declares ({}); nothing was drafted",
                purpose.label(),
                list(manifest.recipients.iter().map(|r| r.as_str().to_string()))
            ),
        );
    }
    let failures: Vec<String> = ours
        .iter()
        .filter_map(|r| not_a_draft(&r.first).map(|why| format!("{}: {why}", r.label())))
        .collect();
    let sources: BTreeSet<&str> = ours.iter().map(|r| r.sample.source.as_str()).collect();
    if failures.is_empty() {
        Row::new(
            &name,
            Status::Pass,
            format!(
                "{} for the {} with a recipient for it",
                plural(ours.len(), "draft"),
                plural(sources.len(), "bundled example")
            ),
        )
    } else {
        Row::with_cases(
            &name,
            Status::Fail,
            format!(
                "{} of {} steps were not drafted; a purpose in the manifest must draft every bundled example",
                failures.len(),
                ours.len()
            ),
            failures,
        )
    }
}

/// Exports every draft of `purpose` among the bundled examples and judges the files.
fn export_row(subject: &dyn Subject, purpose: Purpose, examples: &[Rendered]) -> Row {
    let mut exported: Vec<(String, Exported)> = Vec::new();
    for rendered in examples.iter().filter(|r| r.sample.request.step.purpose == purpose) {
        let Answer::Draft(draft) = &rendered.first else { continue };
        let answer = subject.export(&exports::request(&rendered.sample, draft));
        let unsupported = matches!(answer, Exported::Unsupported(_));
        exported.push((rendered.label(), answer));
        if unsupported {
            // The same for every request: one is enough to say so.
            break;
        }
    }
    exports::row(purpose, &exported)
}

fn drafts<'r>(
    rendered: &[&'r Rendered],
) -> impl Iterator<Item = (&'r Rendered, &'r followup_core::draft::RenderedDraft)> {
    rendered.iter().filter_map(|r| match &r.first {
        Answer::Draft(draft) => Some((*r, draft)),
        _ => None,
    })
}

fn checks_row(everything: &[&Rendered]) -> Row {
    const NAME: &str = "checks";
    let mut count = 0;
    let mut cases = Vec::new();
    for (rendered, draft) in drafts(everything) {
        count += 1;
        if draft.checks.is_empty() {
            cases.push(format!("{}: the draft carries no check", rendered.label()));
        } else if draft
            .checks
            .iter()
            .any(|c| c.name.trim().is_empty() || c.message.trim().is_empty())
        {
            cases.push(format!("{}: a check has no name or no message", rendered.label()));
        }
    }
    if count == 0 {
        Row::new(NAME, Status::Skip, "no draft to look at; see the rows above")
    } else if cases.is_empty() {
        Row::new(
            NAME,
            Status::Pass,
            format!("all {} carry named, explained checks", plural(count, "draft")),
        )
    } else {
        Row::with_cases(
            NAME,
            Status::Fail,
            format!(
                "{} of {count} drafts carry no usable check; run the shared ones (`followup_plugin::drafting::checks::standard`) and your own",
                cases.len()
            ),
            cases,
        )
    }
}

fn limits_row(manifest: &ChannelManifest, examples: &[Rendered], everything: &[&Rendered]) -> Row {
    const NAME: &str = "limits";
    let mut problems = Vec::new();
    let mut unreported = Vec::new();
    let mut count = 0;
    for (rendered, draft) in drafts(everything) {
        count += 1;
        let review = limits::review(manifest, draft);
        problems.extend(review.problems.iter().map(|p| format!("{}: {p}", rendered.label())));
        unreported.extend(review.unreported.iter().map(|p| format!("{}: {p}", rendered.label())));
    }
    let declared = declared_limits(manifest);
    if count == 0 {
        return Row::new(NAME, Status::Skip, "no draft to look at; see the rows above");
    }
    if !problems.is_empty() {
        return Row::with_cases(
            NAME,
            Status::Fail,
            format!(
                "{} of {}: keep to {declared}, or fail a check when a draft cannot",
                plural(problems.len(), "problem"),
                plural(count, "draft")
            ),
            problems,
        );
    }
    if !unreported.is_empty() {
        return Row::with_cases(
            NAME,
            Status::Warn,
            format!(
                "{} over a soft limit with no check that warns; check it (`checks::body_words`, `checks::subject_length`)",
                plural(unreported.len(), "draft")
            ),
            unreported,
        );
    }
    let example_refs: Vec<&Rendered> = examples.iter().collect();
    let reported: Vec<String> = drafts(&example_refs)
        .flat_map(|(rendered, draft)| {
            limits::review(manifest, draft)
                .reported
                .into_iter()
                .map(move |what| format!("{}: {what}", rendered.label()))
        })
        .collect();
    if reported.is_empty() {
        Row::new(NAME, Status::Pass, format!("all {} keep to {declared}", plural(count, "draft")))
    } else {
        Row::with_cases(
            NAME,
            Status::Warn,
            format!(
                "{} of the bundled examples exceed {declared}; their own checks say so",
                plural(reported.len(), "draft")
            ),
            reported,
        )
    }
}

/// `1 draft`, `2 drafts`.
fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// The manifest's limits, as a phrase.
fn declared_limits(manifest: &ChannelManifest) -> String {
    let limits = &manifest.limits;
    let mut parts = Vec::new();
    match limits.subject_chars {
        Some(n) => parts.push(format!("a subject of at most {n} characters")),
        None => parts.push("no subject".to_string()),
    }
    if let Some(n) = limits.body_chars {
        parts.push(format!("`body_chars` {n}"));
    }
    if let Some(n) = limits.body_words {
        parts.push(format!("`body_words` {n}"));
    }
    if !limits.note_chars_by_tier.is_empty() {
        parts.push("the note caps".to_string());
    }
    if let Some(sms) = limits.sms {
        parts.push(format!("{} SMS segment(s)", sms.max_segments));
    }
    format!("a non-empty body, {}", parts.join(", "))
}

/// What differs between two answers to the same request.
fn difference(first: &Answer, second: &Answer) -> Option<String> {
    match (first, second) {
        (Answer::Draft(a), Answer::Draft(b)) => {
            if a.subject != b.subject {
                Some("the subject differs".to_string())
            } else if a.body != b.body {
                let at = a.body.chars().zip(b.body.chars()).take_while(|(x, y)| x == y).count();
                Some(format!("the body differs from character {at}"))
            } else if a.checks != b.checks {
                Some("the checks differ".to_string())
            } else if a.meta != b.meta {
                Some("the meta facts differ".to_string())
            } else {
                None
            }
        }
        // Panics and crashes are the `no_panic` row's business.
        (Answer::Panicked(_) | Answer::Stopped(_), _)
        | (_, Answer::Panicked(_) | Answer::Stopped(_)) => None,
        (a, b) if a == b => None,
        _ => Some("one answer is a draft or error, the other is not the same".to_string()),
    }
}

fn deterministic_row(everything: &[&Rendered]) -> Row {
    const NAME: &str = "deterministic";
    let cases: Vec<String> = everything
        .iter()
        .filter_map(|r| {
            difference(&r.first, &r.second).map(|what| format!("{}: {what}", r.label()))
        })
        .collect();
    if cases.is_empty() {
        Row::new(
            NAME,
            Status::Pass,
            format!("the same answer twice for each of the {} requests", everything.len()),
        )
    } else {
        Row::with_cases(
            NAME,
            Status::Fail,
            format!(
                "{} of {} requests got two different answers; draft from the request alone (no clock, no randomness, no state)",
                cases.len(),
                everything.len()
            ),
            cases,
        )
    }
}

fn no_panic_row(everything: &[&Rendered]) -> Row {
    const NAME: &str = "no_panic";
    let cases: Vec<String> = everything
        .iter()
        .filter_map(|r| match (&r.first, &r.second) {
            (Answer::Panicked(message), _) | (_, Answer::Panicked(message)) => {
                Some(format!("{}: {message}", r.label()))
            }
            (Answer::Stopped(detail), _) | (_, Answer::Stopped(detail)) => {
                Some(format!("{}: failed in its runner process: it {detail}", r.label()))
            }
            _ => None,
        })
        .collect();
    let stopped = everything.iter().any(|r| {
        matches!((&r.first, &r.second), (Answer::Stopped(_), _) | (_, Answer::Stopped(_)))
    });
    let what = if stopped { "panic, crash or hang" } else { "panic" };
    if cases.is_empty() {
        Row::new(NAME, Status::Pass, format!("no panic in {} calls", everything.len() * 2))
    } else {
        Row::with_cases(
            NAME,
            Status::Fail,
            format!(
                "{} of {} requests made the plugin {what}; return an error instead",
                cases.len(),
                everything.len()
            ),
            cases,
        )
    }
}

fn hostile_row(case: &hostile::Case, rendered: &[Rendered]) -> Row {
    let mut failures = Vec::new();
    let mut warnings = Vec::new();
    let (mut drafts, mut errors) = (0, 0);
    let mut planted_seen = false;
    for r in rendered {
        let draft = match &r.first {
            Answer::Draft(draft) => draft,
            Answer::Error(_) => {
                errors += 1;
                continue;
            }
            other => {
                if let Some(why) = not_a_draft(other) {
                    failures.push(format!("{}: {why}", r.label()));
                }
                continue;
            }
        };
        drafts += 1;
        let text = format!("{}\n{}", draft.subject.as_deref().unwrap_or_default(), draft.body);
        if case.row == "hostile.template" {
            if text.contains(EVALUATED_MARKER) {
                failures.push(format!(
                    "{}: template syntax in the interview was evaluated; pass user text to templates as values, never as template source",
                    r.label()
                ));
            }
            for (anchor, literal) in PLANTED {
                if text.contains(anchor) {
                    planted_seen = true;
                    if !text.contains(literal) {
                        failures
                            .push(format!("{}: `{literal}` does not appear as written", r.label()));
                    }
                }
            }
        }
        if case.row == "hostile.control" {
            let found: BTreeSet<String> = text
                .chars()
                .filter(|c| c.is_control() && *c != '\n' && *c != '\t')
                .map(|c| format!("U+{:04X}", u32::from(c)))
                .collect();
            if !found.is_empty() {
                warnings.push(format!(
                    "{}: the message carries {} from the interview",
                    r.label(),
                    list(found.into_iter())
                ));
            }
        }
    }
    let summary =
        format!("{}: {}, {}", case.what, plural(drafts, "draft"), plural(errors, "clean error"));
    if !failures.is_empty() {
        Row::with_cases(case.row, Status::Fail, summary, failures)
    } else if !warnings.is_empty() {
        Row::with_cases(
            case.row,
            Status::Warn,
            format!("{summary}; replace control characters (but line breaks) with spaces"),
            warnings,
        )
    } else if case.row == "hostile.template" && drafts > 0 && !planted_seen {
        Row::new(
            case.row,
            Status::Warn,
            format!(
                "{summary}; no planted field appears in the drafts, so literal output could not be verified"
            ),
        )
    } else if rendered.is_empty() {
        Row::new(case.row, Status::Skip, format!("{}: no step to draft", case.what))
    } else {
        let tail = if case.row == "hostile.template" && drafts > 0 {
            ", user text kept as written"
        } else {
            ""
        };
        Row::new(case.row, Status::Pass, format!("{summary}{tail}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_and_codes_are_recognised() {
        assert!(is_semver("0.1.0") && is_semver("1.2.3-beta.1") && is_semver("1.0.0+build"));
        assert!(!is_semver("1.0") && !is_semver("v1.0.0") && !is_semver(""));
        assert!(is_subdivision_code("US-FL") && is_subdivision_code("GB-ENG"));
        assert!(
            !is_subdivision_code("us-fl")
                && !is_subdivision_code("US")
                && !is_subdivision_code("US-FLOR")
        );
    }
}
