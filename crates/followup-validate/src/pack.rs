//! A style pack's templates, checked before anyone sends what they produce.
//!
//! [`check_templates`] works in three passes:
//!
//! 1. each template is parsed on its own, so every syntax error is found (with its
//!    line), and its name is checked against the purposes its channel carries;
//! 2. every step of every bundled example interview ([`followup_core::bundled`]) is planned with
//!    the style applied and drafted by its channel's plugin with the pack's templates
//!    and settings, as `followup draft --style` would: a template that fails to render
//!    and a draft check that fails (an SMS that cannot fit, a LinkedIn note over the cap)
//!    become problems naming the example and the step;
//! 3. every template is also rendered directly, with the same variables, against the
//!    examples' steps of its purpose, so that a template no example's plan reaches (a
//!    check-in by text, say) is still tried.
//!
//! A template parsed on its own cannot `{% include %}` a channel's built-in template;
//! such an include is not reported by the first pass and is checked when the plugin
//! drafts (pass 2), where the built-in templates are present.
//!
//! The same problem found for several steps is reported once, with the first example
//! and step and how many more there were.

use std::collections::BTreeMap;

use followup_core::draft::{CheckLevel, RenderFailure, RenderRequest, RenderedDraft};
use followup_core::manifest::ChannelManifest;
use followup_core::plan::{Plan, Purpose, Step};
use followup_core::planner::Planner;
use followup_core::style::Style;
use followup_core::validate::ValidInterview;
use followup_plugin::drafting::Templates;

use crate::hint::closest;
use crate::problem::Problem;
use crate::semantic::unknown_channel;

/// Template sources by channel, then by name (`thank_you`, `thank_you.subject`).
pub type PackTemplates = BTreeMap<String, BTreeMap<String, String>>;

/// A problem found in a pack's templates, or by drafting with the pack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateProblem {
    /// The channel, when the problem concerns one.
    pub channel: Option<String>,
    /// The pack's template it is in (`thank_you`), when it is in one; otherwise it is
    /// about the style's settings, at its field ([`followup_core::problem::Problem::field`]).
    pub template: Option<String>,
    /// The line in the template, when known.
    pub line: Option<usize>,
    /// The problem; its field is `channel/template` for a template.
    pub problem: Problem,
}

/// Drafts one step: the installed channel plugin's answer, or why it could not (with
/// the template that failed, when the plugin says which).
pub type Drafter<'a> = &'a dyn Fn(&RenderRequest) -> Result<RenderedDraft, RenderFailure>;

/// Checks a pack's templates: syntax and names always; with `style` (the pack's
/// settings, when they could be read), rendering against the bundled examples.
/// `installed` are the installed channels' manifests and `draft` drafts with them.
pub fn check_templates(
    style: Option<&Style>,
    templates: &PackTemplates,
    installed: &[ChannelManifest],
    draft: Drafter<'_>,
) -> Vec<TemplateProblem> {
    let mut found = Found::default();
    let mut broken_channels = Vec::new();
    for (channel, by_name) in templates {
        let manifest = installed.iter().find(|m| &m.id == channel);
        if manifest.is_none() {
            let field = format!("templates/{channel}");
            if let Some(problem) = unknown_channel(&field, channel, "templates", installed) {
                found.push(Some(channel), None, None, problem, None);
            }
            continue;
        }
        let included: Vec<String> =
            by_name.values().flat_map(|source| Templates::includes(source)).collect();
        for (name, source) in by_name {
            // A part that another template includes is used, whatever its name.
            let is_included = included.iter().any(|i| i == name);
            if let Some(problem) = name_problem(channel, name, manifest).filter(|_| !is_included) {
                found.push(Some(channel), Some(name), None, problem, None);
            }
            if let Err(err) = Templates::from_sources(&[(name.as_str(), source.as_str())]) {
                if err.is_unknown_include() {
                    continue;
                }
                broken_channels.push(channel.clone());
                let problem = Problem::error(field(channel, name), "template", tidy(&err.message))
                    .with_hint("fix the template's syntax; see https://keats.github.io/tera/docs/");
                found.push(Some(channel), Some(name), err.line, problem, None);
            }
        }
    }
    if let Some(style) = style {
        let planned = plan_examples(style, installed);
        let usable = |channel: &str| {
            installed.iter().any(|m| m.id == channel)
                && !broken_channels.iter().any(|c| c == channel)
        };
        draft_examples(&mut found, style, templates, &planned, &usable, draft);
        render_directly(&mut found, style, templates, &planned, &usable);
    }
    found.finish()
}

/// An example with its plan under the style.
struct Planned {
    name: &'static str,
    interview: ValidInterview,
    plan: Plan,
}

/// Plans each bundled example as `followup plan --style` would.
fn plan_examples(style: &Style, installed: &[ChannelManifest]) -> Vec<Planned> {
    let planner = Planner::new(style, installed);
    followup_core::bundled::valid_interviews()
        .into_iter()
        .map(|(name, interview)| {
            let plan = planner.plan(&interview);
            Planned { name, interview, plan }
        })
        .collect()
}

fn request(
    style: &Style,
    templates: &PackTemplates,
    interview: &ValidInterview,
    step: &Step,
) -> RenderRequest {
    let templates = templates.get(&step.channel).cloned().unwrap_or_default();
    RenderRequest::new(step, &interview.interview, style.draft_style(&step.channel, templates))
}

/// Pass 2: every step of every example, drafted by its plugin.
fn draft_examples(
    found: &mut Found,
    style: &Style,
    templates: &PackTemplates,
    planned: &[Planned],
    usable: &dyn Fn(&str) -> bool,
    draft: Drafter<'_>,
) {
    for example in planned {
        for step in example.plan.steps.iter().filter(|s| usable(&s.channel)) {
            let context = Context { example: example.name, step: &step.id };
            let channel = step.channel.as_str();
            let pack = templates.get(channel);
            match draft(&request(style, templates, &example.interview, step)) {
                Err(failure) => {
                    // A plugin built before structured failures sends its message alone.
                    let (template, line, message) = match &failure.template {
                        Some(failed) => (Some(failed.name.as_str()), failed.line, &failed.message),
                        None => (None, None, &failure.message),
                    };
                    let in_pack = template.filter(|t| pack.is_some_and(|p| p.contains_key(*t)));
                    let (field, about) = match in_pack {
                        Some(name) => (field(channel, name), Some(channel)),
                        // The signature is one for every channel.
                        None if template == Some("signature") => ("signature".to_string(), None),
                        None => (settings_field(style, channel), Some(channel)),
                    };
                    let problem = template_problem(field, message);
                    found.push(about, in_pack, line, problem, Some(context));
                }
                Ok(rendered) => {
                    for check in rendered.checks.iter().filter(|c| c.level == CheckLevel::Fail) {
                        let used = rendered.meta.get("template").and_then(|t| t.as_str());
                        let template = pack.and_then(|p| {
                            used.filter(|u| p.contains_key(*u)).or_else(|| {
                                p.keys()
                                    .map(String::as_str)
                                    .find(|n| purpose_of(n) == step.purpose.as_str())
                            })
                        });
                        let rule = format!("check:{}", check.name);
                        let message = tidy(&check.message);
                        let problem = match template {
                            Some(name) => Problem::error(field(channel, name), rule, message),
                            None => Problem::error(settings_field(style, channel), rule, message),
                        };
                        found.push(Some(channel), template, None, problem, Some(context));
                    }
                }
            }
        }
    }
}

/// Pass 3: every pack template rendered with the facts of the examples' steps of its
/// purpose (on its own channel when an example has one, else on any channel).
fn render_directly(
    found: &mut Found,
    style: &Style,
    templates: &PackTemplates,
    planned: &[Planned],
    usable: &dyn Fn(&str) -> bool,
) {
    let Ok(empty) = Templates::from_sources(&[]) else { return };
    for (channel, by_name) in templates.iter().filter(|(c, _)| usable(c)) {
        'templates: for name in by_name.keys() {
            let purpose = purpose_of(name);
            let steps_of = |same_channel: bool| -> Vec<(&Planned, &Step)> {
                planned
                    .iter()
                    .flat_map(|p| p.plan.steps.iter().map(move |s| (p, s)))
                    .filter(|(_, s)| s.purpose.as_str() == purpose)
                    .filter(|(_, s)| !same_channel || &s.channel == channel)
                    .collect()
            };
            let mut steps = steps_of(true);
            if steps.is_empty() {
                steps = steps_of(false);
            }
            for (example, step) in steps {
                let mut step = step.clone();
                step.channel.clone_from(channel);
                let mut request = request(style, templates, &example.interview, &step);
                // The signature is checked in pass 2; a broken one must not hide the rest.
                request.style.signature = None;
                // An include of a built-in template fails here; pass 2 covers it.
                let Ok(prepared) = empty.prepare(&request) else { continue 'templates };
                let context = Context { example: example.name, step: &step.id };
                match prepared.templates.render(name, &prepared.facts) {
                    Err(err) => {
                        let problem = template_problem(field(channel, name), &err.message);
                        found.push(Some(channel), Some(name), err.line, problem, Some(context));
                    }
                    Ok(_) => {
                        let empty = followup_plugin::drafting::take_empty_placeholders();
                        if let Some(first) = empty.first() {
                            // Worded and filed as the drafts' own check, so that a gap
                            // pass 2 found too is reported once.
                            let check =
                                followup_plugin::drafting::checks::placeholders(empty.clone());
                            let problem = Problem::error(
                                field(channel, name),
                                "check:placeholders",
                                tidy(&check.message),
                            );
                            found.push(
                                Some(channel),
                                Some(name),
                                first.line,
                                problem,
                                Some(context),
                            );
                        }
                    }
                }
            }
        }
    }
}

/// A template that does not render: tera's message, with its list of variables turned
/// into a hint (the closest one to the undefined name, or where they are documented).
fn template_problem(field: String, message: &str) -> Problem {
    let message = tidy(message);
    // "Variable `x` is not defined. Available variables: a, b" (or "fields", for `a.x`).
    let Some((first, available)) = message.split_once(". Available ") else {
        return Problem::error(field, "template", message);
    };
    let variables = available.split_once(": ").map_or("", |(_, list)| list);
    let undefined = first.split('`').nth(1).unwrap_or_default();
    let variables = variables.split(", ").filter(|v| !v.ends_with('…'));
    let hint = match closest(undefined, variables) {
        Some(near) => {
            format!("did you mean `{near}`? the variables are listed in docs/drafting.md")
        }
        None => "use the variables listed in docs/drafting.md".to_string(),
    };
    Problem::error(field, "template", first).with_hint(hint)
}

/// The purpose part of a template name: `thank_you` of `thank_you.subject.short`, and
/// of a part a purpose's template includes, such as email's `thank_you_note`.
fn purpose_of(name: &str) -> &str {
    let first = name.split('.').next().unwrap_or(name);
    PURPOSES
        .iter()
        .map(|p| p.as_str())
        .filter(|p| first == *p || first.strip_prefix(p).is_some_and(|rest| rest.starts_with('_')))
        .max_by_key(|p| p.len())
        .unwrap_or(first)
}

const PURPOSES: [Purpose; 5] = [
    Purpose::ThankYou,
    Purpose::Debrief,
    Purpose::ConnectionRequest,
    Purpose::CheckIn,
    Purpose::ClosingTheLoop,
];

/// A warning when a template's name is no purpose, or one its channel does not carry.
fn name_problem(channel: &str, name: &str, manifest: Option<&ChannelManifest>) -> Option<Problem> {
    let purpose = purpose_of(name);
    let field = field(channel, name);
    let Some(known) = PURPOSES.iter().find(|p| p.as_str() == purpose) else {
        let carried: Vec<&str> = manifest
            .map(|m| m.purposes.iter().map(|p| p.as_str()).collect())
            .unwrap_or_else(|| PURPOSES.iter().map(|p| p.as_str()).collect());
        let hint = match closest(purpose, carried.iter().copied()) {
            Some(near) => format!("did you mean `{near}`? name templates <purpose>.tera"),
            None => format!(
                "name templates <purpose>.tera; {channel} carries {}",
                crate::hint::quoted_list(carried.iter().copied())
            ),
        };
        return Some(
            Problem::warning(
                field,
                "template",
                format!("`{purpose}` is not a purpose, so this template is never used"),
            )
            .with_hint(hint),
        );
    };
    let manifest = manifest?;
    if manifest.purposes.contains(known) {
        return None;
    }
    let carried: Vec<&str> = manifest.purposes.iter().map(|p| p.as_str()).collect();
    Some(
        Problem::warning(
            field,
            "template",
            format!(
                "the {channel} channel does not carry a {}, so this template is never used",
                known.label()
            ),
        )
        .with_hint(format!(
            "{channel} carries {}",
            crate::hint::quoted_list(carried.iter().copied())
        )),
    )
}

fn field(channel: &str, name: &str) -> String {
    format!("{channel}/{name}")
}

/// Where in the settings a problem without a template of its own belongs.
fn settings_field(style: &Style, channel: &str) -> String {
    if style.channels.contains_key(channel) { format!("channels.{channel}") } else { String::new() }
}

/// A message as problems write them: one line, lower case first, no trailing period.
fn tidy(message: &str) -> String {
    let message = message.strip_prefix("error: ").unwrap_or(message);
    let first = message.lines().next().unwrap_or(message).trim().trim_end_matches('.');
    let mut chars = first.chars();
    match chars.next() {
        Some(c) if chars.clone().next().is_some_and(char::is_lowercase) => {
            c.to_lowercase().chain(chars).collect()
        }
        _ => first.to_string(),
    }
}

/// Where a problem was found.
#[derive(Clone, Copy)]
struct Context<'a> {
    example: &'a str,
    step: &'a str,
}

/// Problems found so far, each once, with the steps it was found for.
#[derive(Default)]
struct Found {
    problems: Vec<(TemplateProblem, Vec<String>)>,
}

impl Found {
    fn push(
        &mut self,
        channel: Option<&str>,
        template: Option<&str>,
        line: Option<usize>,
        problem: Problem,
        context: Option<Context<'_>>,
    ) {
        let where_found =
            context.map(|c| format!("drafting step `{}` of the example {}", c.step, c.example));
        let same = |(known, _): &(TemplateProblem, Vec<String>)| {
            known.channel.as_deref() == channel
                && known.template.as_deref() == template
                && known.problem.rule == problem.rule
                && known.problem.field == problem.field
                // Checks differ in their figures from step to step; other problems do not.
                && (problem.rule.starts_with("check:")
                    || (known.line == line && known.problem.message == problem.message))
        };
        if let Some((_, places)) = self.problems.iter_mut().find(|entry| same(entry)) {
            if let Some(place) = where_found
                && !places.contains(&place)
            {
                places.push(place);
            }
            return;
        }
        let problem = TemplateProblem {
            channel: channel.map(str::to_string),
            template: template.map(str::to_string),
            line,
            problem,
        };
        self.problems.push((problem, where_found.into_iter().collect()));
    }

    fn finish(self) -> Vec<TemplateProblem> {
        self.problems
            .into_iter()
            .map(|(mut found, places)| {
                if let Some(first) = places.first() {
                    let message = &found.problem.message;
                    found.problem.message = match places.len() - 1 {
                        0 => format!("{message} (when {first})"),
                        1 => format!("{message} (when {first}, and 1 more step)"),
                        n => format!("{message} (when {first}, and {n} more steps)"),
                    };
                }
                found
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_template_is_reported_at_its_line_with_the_engines_words() {
        let templates: PackTemplates = BTreeMap::from([(
            "email".to_string(),
            BTreeMap::from([("thank_you".to_string(), "Hi {{ nope }}".to_string())]),
        )]);
        let manifest: ChannelManifest =
            serde_json::from_value(followup_core::examples::manifest_example()).expect("manifest");
        let failing = |_: &RenderRequest| -> Result<RenderedDraft, RenderFailure> {
            Err(RenderFailure {
                message: "the `email` plugin could not draft step `x`: template `thank_you`, line 2: Variable `nope` is not defined.".to_string(),
                template: Some(followup_core::draft::TemplateFailure {
                    name: "thank_you".to_string(),
                    line: Some(2),
                    message: "Variable `nope` is not defined.".to_string(),
                }),
            })
        };
        let style = Style::default();
        let found = check_templates(Some(&style), &templates, &[manifest], &failing);
        let drafted = found.iter().find(|f| f.line == Some(2)).expect("the failure is reported");
        assert_eq!(drafted.template.as_deref(), Some("thank_you"));
        assert!(
            drafted.problem.message.starts_with("variable `nope` is not defined"),
            "{}",
            drafted.problem.message
        );
    }

    #[test]
    fn names_are_checked_against_the_purposes() {
        let manifest: ChannelManifest =
            serde_json::from_value(followup_core::examples::manifest_example()).expect("manifest");
        assert!(name_problem("email", "thank_you.subject", Some(&manifest)).is_none());
        assert!(name_problem("email", "thank_you_note", Some(&manifest)).is_none());
        let typo = name_problem("email", "thank_yuo", Some(&manifest)).expect("a typo");
        assert_eq!(
            typo.hint.as_deref(),
            Some("did you mean `thank_you`? name templates <purpose>.tera")
        );
        let never = name_problem("email", "connection_request", Some(&manifest)).expect("unused");
        assert!(never.message.contains("does not carry a connection request"), "{}", never.message);
    }

    #[test]
    fn syntax_errors_name_the_template_and_line() {
        let templates: PackTemplates = BTreeMap::from([(
            "email".to_string(),
            BTreeMap::from([
                ("thank_you".to_string(), "Hello\n{{ name ".to_string()),
                ("check_in".to_string(), "{% include \"thank_you_note\" %}".to_string()),
            ]),
        )]);
        let manifest: ChannelManifest =
            serde_json::from_value(followup_core::examples::manifest_example()).expect("manifest");
        let never = |_: &RenderRequest| Err("not called".into());
        let found = check_templates(None, &templates, &[manifest], &never);
        assert_eq!(found.len(), 1, "an include is not a syntax error: {found:?}");
        assert_eq!(found[0].template.as_deref(), Some("thank_you"));
        assert_eq!(found[0].line, Some(2));
    }
}
