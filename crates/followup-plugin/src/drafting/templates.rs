//! Message templates, rendered with Tera.
//!
//! Templates are text, not HTML: nothing is escaped. The facts are passed as values,
//! never as template source, so a topic that contains `{{ x }}` or `{% raw %}`
//! appears exactly as written.
//!
//! Every render runs under a [`RenderBudget`] (see the `budget` module): a template
//! that runs too long, writes too much or builds huge values is stopped and fails
//! with an error naming it. A template that went over its budget once fails at once
//! on later renders, so a style checked against many steps does not pay it again.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, OnceLock};

use tera::{Context, ErrorKind, Tera};

use followup_core::draft::{RenderBudget, RenderFailure, RenderRequest, TemplateFailure};

use super::Facts;
use super::budget;
use super::direct::DirectSet;

/// A set of named templates (`thank_you`, `check_in`, ...). Cloning is cheap: the
/// compiled templates are shared.
#[derive(Clone, Debug)]
pub struct Templates {
    /// The compiled set, or its sources until the first render needs it.
    set: Arc<LazySet>,
    /// The sources, kept so that a style's overrides can be layered on top.
    sources: Arc<Vec<(String, String)>>,
    /// The sets compiled from these with a style's templates on top (and a style's
    /// signature alone), by their sources: a style's templates are compiled once per
    /// plugin, not once per message.
    compiled: Arc<Mutex<Compiled>>,
    /// The budget each render runs under: the default, or the style's.
    budget: RenderBudget,
    /// The templates of this set that went over their budget, with the error they gave.
    over_budget: Arc<Mutex<HashMap<(String, RenderBudget), TemplateError>>>,
}

/// A compiled template set.
#[derive(Debug)]
struct Set {
    tera: Tera,
    /// The text tera compiled for each template (a style's with its meter calls), to
    /// quote the placeholder an error's span points at.
    compiled_texts: HashMap<String, String>,
    /// Whether any template of the set is a style's, and so metered: a set of a
    /// channel's own templates only is its code, and its renders read no clock.
    metered: bool,
    /// The same templates parsed for rendering straight from the facts, for a set of a
    /// channel's own templates that keeps to the subset `direct` reads.
    direct: Option<DirectSet>,
}

/// A set compiled on first use: a plugin that is loaded to plan, and renders nothing,
/// does not pay for compiling its templates (about a tenth of a `followup plan`).
#[derive(Debug)]
struct LazySet {
    /// The sources with whether each is metered, until compiled.
    sources: Vec<(String, String, bool)>,
    set: OnceLock<Result<Set, TemplateError>>,
}

impl LazySet {
    /// The compiled set: compiled by the first caller (once, whatever the threads), its
    /// outcome shared by every later one.
    fn get(&self) -> Result<&Set, TemplateError> {
        let compiled = self.set.get_or_init(|| {
            let sources: Vec<Source<'_>> = self
                .sources
                .iter()
                .map(|(name, text, metered)| Source { name, text, metered: *metered })
                .collect();
            compile(&sources)
        });
        compiled.as_ref().map_err(Clone::clone)
    }
}

/// Compiled template sets by their `(name, source, metered)` triples.
type Compiled = HashMap<CompiledKey, Templates>;
type CompiledKey = Vec<(String, String, bool)>;

/// A template's source, and whether it is untrusted (a style's) and so metered.
struct Source<'a> {
    name: &'a str,
    text: &'a str,
    metered: bool,
}

/// How many compiled sets a [`Templates`] keeps; a run uses one style, so this only
/// bounds what a long-lived host that tries many styles can make it hold.
const COMPILED_KEPT: usize = 16;

/// The templates and facts for one render request: the channel's built-in templates
/// with the style's overrides on top, and the facts with the style applied.
#[derive(Debug)]
pub struct Prepared<'t> {
    /// The templates to render.
    pub templates: std::borrow::Cow<'t, Templates>,
    /// The facts to render them with.
    pub facts: Facts,
}

/// A template that could not be parsed or rendered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateError {
    /// The template's name.
    pub template: String,
    /// The line in the template, when known.
    pub line: Option<usize>,
    /// What went wrong.
    pub message: String,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "template `{}`", self.template)?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for TemplateError {}

impl TemplateError {
    /// Whether the template includes a template that is not in its set (a style's
    /// template parsed on its own that includes a channel's built-in one).
    pub fn is_unknown_include(&self) -> bool {
        // Tera reports it only in words, as a syntax error; this is the one place
        // that reads them.
        self.message.contains("Unknown template")
    }
}

/// A template's failure crosses the plugin boundary as data, with its text as the
/// message, so the host shows what it always showed and tools can point at the line.
impl From<TemplateError> for RenderFailure {
    fn from(err: TemplateError) -> RenderFailure {
        RenderFailure {
            message: err.to_string(),
            template: Some(TemplateFailure {
                name: err.template,
                line: err.line,
                message: err.message,
            }),
        }
    }
}

fn template_error(name: &str, err: &tera::Error) -> TemplateError {
    match err.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => TemplateError {
            template: if report.filename().is_empty() {
                name.to_string()
            } else {
                report.filename().to_string()
            },
            line: Some(report.span().start_line),
            message: report.message().to_string(),
        },
        _ => TemplateError { template: name.to_string(), line: None, message: err.to_string() },
    }
}

/// Compiles `sources` into one set.
fn compile(sources: &[Source<'_>]) -> Result<Set, TemplateError> {
    let mut tera = Tera::new();
    // Plain text: no HTML escaping, whatever the template's name.
    tera.autoescape_on(Vec::<&str>::new());
    budget::register(&mut tera);
    // `{{ topics | list }}` reads "A, B and C": lists in a message read as English.
    tera.register_filter("list", |items: &[tera::Value], _: tera::Kwargs, _: &tera::State| {
        let items: Vec<String> = items.iter().map(ToString::to_string).collect();
        followup_core::phrasing::list(&items)
    });
    // Every tag of an untrusted template meets the budget's meter; the inserted
    // calls keep every line where it was, so errors still point at the author's line.
    let prepared: Vec<(&str, std::borrow::Cow<'_, str>)> = sources
        .iter()
        .map(|s| {
            let text = if s.metered {
                std::borrow::Cow::Owned(budget::instrument(s.text))
            } else {
                std::borrow::Cow::Borrowed(s.text)
            };
            (s.name, text)
        })
        .collect();
    // All at once, so that templates may include each other in any order.
    tera.add_raw_templates(prepared.iter().map(|(n, s)| (*n, s.as_ref()))).map_err(|err| {
        let first = sources.first().map_or("", |s| s.name);
        template_error(first, &err)
    })?;
    Ok(Set {
        tera,
        compiled_texts: prepared.iter().map(|(n, t)| ((*n).to_string(), t.to_string())).collect(),
        metered: sources.iter().any(|s| s.metered),
        direct: if sources.iter().any(|s| s.metered) {
            None
        } else {
            DirectSet::parse(sources.iter().map(|s| (s.name, s.text)))
        },
    })
}

impl Templates {
    /// Parses a channel's own templates, given as `(name, source)` pairs. They are the
    /// plugin's code and trusted as such: their output is bounded, but their tags are
    /// not metered (a style's templates are, see [`Templates::prepare`]).
    ///
    /// # Errors
    ///
    /// Returns the first template that does not parse, with its line.
    pub fn from_sources(sources: &[(&str, &str)]) -> Result<Templates, TemplateError> {
        let trusted: Vec<Source<'_>> =
            sources.iter().map(|(name, text)| Source { name, text, metered: false }).collect();
        Templates::build(&trusted)
    }

    /// A channel's own templates, as [`Templates::from_sources`] takes them, compiled
    /// on the first render that needs them (once, whichever thread asks first) rather
    /// than now: a plugin loaded only to plan never compiles them. A template that does
    /// not parse fails every render with its error; [`Templates::compile`] checks them
    /// at once (a channel's tests call it).
    pub fn lazy(sources: &[(&str, &str)]) -> Templates {
        let owned: Vec<(String, String, bool)> = sources
            .iter()
            .map(|(name, text)| ((*name).to_string(), (*text).to_string(), false))
            .collect();
        Templates::with_set(LazySet { sources: owned, set: OnceLock::new() })
    }

    /// Compiles the templates now if they are not yet.
    ///
    /// # Errors
    ///
    /// Returns the first template that does not parse, with its line.
    pub fn compile(&self) -> Result<(), TemplateError> {
        self.set.get().map(|_| ())
    }

    fn build(sources: &[Source<'_>]) -> Result<Templates, TemplateError> {
        let set = compile(sources)?;
        let owned: Vec<(String, String, bool)> =
            sources.iter().map(|s| (s.name.to_string(), s.text.to_string(), s.metered)).collect();
        Ok(Templates::with_set(LazySet { sources: owned, set: OnceLock::from(Ok(set)) }))
    }

    fn with_set(set: LazySet) -> Templates {
        let sources =
            set.sources.iter().map(|(name, text, _)| (name.clone(), text.clone())).collect();
        Templates {
            set: Arc::new(set),
            sources: Arc::new(sources),
            compiled: Arc::default(),
            budget: RenderBudget::default(),
            over_budget: Arc::default(),
        }
    }

    /// The templates of `sources`, compiled once and then taken from this set's cache.
    fn compiled(&self, sources: &[Source<'_>]) -> Result<Templates, TemplateError> {
        let key: CompiledKey =
            sources.iter().map(|s| (s.name.to_string(), s.text.to_string(), s.metered)).collect();
        // A poisoned cache (a panic while it was held) is only a cache: compile anew.
        if let Ok(cache) = self.compiled.lock()
            && let Some(found) = cache.get(&key)
        {
            return Ok(found.clone());
        }
        let templates = Templates::build(sources)?;
        if let Ok(mut cache) = self.compiled.lock() {
            if cache.len() >= COMPILED_KEPT {
                cache.clear();
            }
            cache.insert(key, templates.clone());
        }
        Ok(templates)
    }

    /// These templates with the style's templates of the same names replacing them,
    /// and its signature and tone applied to the facts.
    ///
    /// # Errors
    ///
    /// Returns the style template that does not parse or render, with its line.
    pub fn prepare(&self, request: &RenderRequest) -> Result<Prepared<'_>, TemplateError> {
        let style = &request.style;
        // A new draft starts with no empty placeholders found.
        drop(take_empty_placeholders());
        let mut facts = Facts::from_request(request);
        let templates = if style.templates.is_empty() && style.render_budget == self.budget {
            std::borrow::Cow::Borrowed(self)
        } else if style.templates.is_empty() {
            std::borrow::Cow::Owned(self.with_budget(style.render_budget))
        } else {
            let mut merged: Vec<Source<'_>> = self
                .sources
                .iter()
                .filter(|(name, _)| !style.templates.contains_key(name))
                .map(|(name, text)| Source { name, text, metered: false })
                .collect();
            merged.extend(style.templates.iter().map(|(name, text)| Source {
                name,
                text,
                metered: true,
            }));
            std::borrow::Cow::Owned(self.compiled(&merged)?.with_budget(style.render_budget))
        };
        if let Some(signature) = &style.signature {
            let signature = Source { name: "signature", text: signature, metered: true };
            let signature_only = self.compiled(&[signature])?.with_budget(style.render_budget);
            facts.candidate.signature = signature_only.render("signature", &facts)?;
        }
        Ok(Prepared { templates, facts })
    }

    /// The names of the templates `source` includes with `{% include "name" %}`.
    pub fn includes(source: &str) -> Vec<String> {
        budget::tags(source)
            .into_iter()
            .filter_map(|tag| {
                let inner = tag.strip_prefix("{%")?.strip_suffix("%}")?;
                let inner = inner.trim_matches('-').trim();
                let name = inner.strip_prefix("include")?.trim_start();
                let quote = name.chars().next().filter(|c| matches!(c, '"' | '\'' | '`'))?;
                let name = &name[1..];
                Some(name[..name.find(quote)?].to_string())
            })
            .collect()
    }

    /// Whether a template of that name exists (false when the templates do not parse).
    pub fn has(&self, name: &str) -> bool {
        self.set.get().is_ok_and(|set| set.tera.contains_template(name))
    }

    /// Renders a template with the facts and tidies the result. A placeholder that
    /// renders empty (an empty fact printed without an `{% if %}` around it) is not an
    /// error here: the text is rendered with it empty, and the placeholder is kept for
    /// [`take_empty_placeholders`] (which [`super::checks::standard`] turns into a
    /// failed `placeholders` check).
    ///
    /// The facts are made a template context for this call; a draft that renders
    /// several templates makes it once with [`Prepared::renderer`].
    ///
    /// # Errors
    ///
    /// Returns the template's name, line and message when rendering fails (an unknown
    /// variable, a filter on the wrong type, the render budget).
    pub fn render(&self, name: &str, facts: &Facts) -> Result<String, TemplateError> {
        self.render_in(name, &FactContexts::new(facts))
    }

    /// [`Templates::render`] with contexts already made.
    fn render_in(&self, name: &str, contexts: &FactContexts<'_>) -> Result<String, TemplateError> {
        let (text, empty) = self.render_tidy(name, contexts)?;
        remember_empty_placeholders(empty);
        Ok(text)
    }

    /// Whether these templates render straight from the facts rather than through
    /// Tera: a channel's own templates that keep to the subset the `direct` module
    /// reads. A channel's tests assert it, so that a template that leaves the subset
    /// is noticed (it would still render, through Tera, only slower).
    pub fn render_directly(&self) -> bool {
        self.set.get().is_ok_and(|set| set.direct.is_some())
    }

    /// Renders `name` both ways, directly (when the set can) and through Tera alone,
    /// for tests that hold the two equal.
    pub(crate) fn render_both(
        &self,
        name: &str,
        facts: &Facts,
    ) -> Result<(RenderOutcome, Option<RenderOutcome>), TemplateError> {
        let set = self.set.get()?;
        let contexts = FactContexts::new(facts);
        let tera = self.render_tera(set, name, &contexts);
        let direct = set.direct.as_ref().and_then(|direct| {
            let rendered = direct.render(name, facts, self.budget.output_bytes())?;
            Some(Ok((tidy(&rendered.text), rendered.empty.into_iter().collect())))
        });
        Ok((tera, direct))
    }

    /// These templates, rendering under `budget`.
    pub fn with_budget(&self, budget: RenderBudget) -> Templates {
        Templates { budget, ..self.clone() }
    }

    /// Renders with the empty facts left out, so that printing one fails; on such a
    /// failure renders again with every fact, and returns that text with the
    /// placeholder that was empty.
    fn render_tidy(
        &self,
        name: &str,
        contexts: &FactContexts<'_>,
    ) -> Result<(String, Vec<EmptyPlaceholder>), TemplateError> {
        let set = self.set.get()?;
        if let Some(direct) = &set.direct
            && let Some(rendered) = direct.render(name, contexts.facts, self.budget.output_bytes())
        {
            return Ok((tidy(&rendered.text), rendered.empty.into_iter().collect()));
        }
        self.render_tera(set, name, contexts)
    }

    /// [`Templates::render_tidy`] through Tera alone.
    fn render_tera(
        &self,
        set: &Set,
        name: &str,
        contexts: &FactContexts<'_>,
    ) -> Result<(String, Vec<EmptyPlaceholder>), TemplateError> {
        let first = match self.render_with(set, name, contexts.stripped()) {
            Ok(text) => return Ok((text, Vec::new())),
            Err(Failure::OverBudget(err)) => return Err(err),
            Err(Failure::Tera(err)) => err,
        };
        match self.render_with(set, name, contexts.full()) {
            Ok(text) => Ok((text, vec![empty_placeholder(set, name, &first)])),
            Err(Failure::OverBudget(err)) => Err(err),
            Err(Failure::Tera(err)) => Err(template_error(name, &err)),
        }
    }

    fn render_with(&self, set: &Set, name: &str, context: &Context) -> Result<String, Failure> {
        // The key is built only when some template has gone over: most sets never do.
        if let Ok(over) = self.over_budget.lock()
            && !over.is_empty()
            && let Some(err) = over.get(&(name.to_string(), self.budget))
        {
            return Err(Failure::OverBudget(err.clone()));
        }
        let mut out = Vec::with_capacity(1024);
        let (rendered, exceeded) = budget::metered(&self.budget, set.metered, || {
            set.tera.render_to(name, context, budget::BudgetWriter { out: &mut out })
        });
        if let Some(exceeded) = exceeded {
            let line = rendered.err().and_then(|err| template_error(name, &err).line);
            let err =
                TemplateError { template: name.to_string(), line, message: exceeded.message() };
            if let Ok(mut over) = self.over_budget.lock() {
                over.insert((name.to_string(), self.budget), err.clone());
            }
            return Err(Failure::OverBudget(err));
        }
        rendered.map_err(Failure::Tera)?;
        // Tera writes only text it was given as `str`, so the bytes are UTF-8.
        let text = String::from_utf8_lossy(&out);
        Ok(tidy(&text))
    }
}

/// A render's text and the placeholders that rendered empty, or its error.
pub(crate) type RenderOutcome = Result<(String, Vec<EmptyPlaceholder>), TemplateError>;

/// What an error of a render without the empty facts points at.
fn empty_placeholder(set: &Set, name: &str, err: &tera::Error) -> EmptyPlaceholder {
    let located = template_error(name, err);
    let quoted = match err.kind() {
        ErrorKind::RenderingError(report) => set
            .compiled_texts
            .get(&located.template)
            .and_then(|text| {
                // Tera points at the missing field alone (`first_name`); the quote
                // names the whole path (`recipient.first_name`), as the author wrote it.
                let range = report.span().range.clone();
                let path_start = text.get(..range.start)?.trim_end_matches(is_path_char).len();
                text.get(path_start..range.end)
            })
            .map(|expression| format!("{{{{ {} }}}}", expression.trim())),
        _ => None,
    };
    EmptyPlaceholder {
        template: located.template,
        line: located.line,
        placeholder: quoted
            .filter(|q| !q.is_empty())
            .unwrap_or_else(|| "a placeholder".to_string()),
    }
}

/// Whether `c` can be part of a dotted path (`recipient.first_name`).
fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '.'
}

/// Why one render failed: its budget (final), or tera (which may be an empty fact).
enum Failure {
    OverBudget(TemplateError),
    Tera(tera::Error),
}

/// A placeholder that rendered empty: the candidate's file lacks the fact, and the
/// template prints it without an `{% if %}` around it, so the message has a gap
/// ("Done with  at Front Range").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmptyPlaceholder {
    /// The template it is in.
    pub template: String,
    /// Its line, when known.
    pub line: Option<usize>,
    /// The placeholder (`{{ topic }}`), or "a placeholder" when it cannot be quoted.
    pub placeholder: String,
}

thread_local! {
    static EMPTY_PLACEHOLDERS: std::cell::RefCell<Vec<EmptyPlaceholder>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

fn remember_empty_placeholders(found: Vec<EmptyPlaceholder>) {
    if !found.is_empty() {
        EMPTY_PLACEHOLDERS.with(|all| all.borrow_mut().extend(found));
    }
}

/// The placeholders that rendered empty on this thread since the last call (or since
/// the draft's [`Templates::prepare`]). A channel renders and checks a draft on one
/// thread, so these are the current draft's.
pub fn take_empty_placeholders() -> Vec<EmptyPlaceholder> {
    EMPTY_PLACEHOLDERS.with(|all| std::mem::take(&mut *all.borrow_mut()))
}

/// The facts as template contexts: without the empty ones (what a render uses first)
/// and, made only when a render needs it, with all of them.
struct FactContexts<'f> {
    facts: &'f Facts,
    stripped: std::cell::OnceCell<Context>,
    full: std::cell::OnceCell<Context>,
}

impl<'f> FactContexts<'f> {
    /// Makes neither context yet: a draft whose templates render directly needs none.
    fn new(facts: &'f Facts) -> FactContexts<'f> {
        FactContexts {
            facts,
            stripped: std::cell::OnceCell::new(),
            full: std::cell::OnceCell::new(),
        }
    }

    fn stripped(&self) -> &Context {
        self.stripped.get_or_init(|| super::facts::context_of(self.facts, false))
    }

    fn full(&self) -> &Context {
        self.full.get_or_init(|| super::facts::context_of(self.facts, true))
    }
}

impl Prepared<'_> {
    /// What renders this draft's templates: its facts made a template context once,
    /// shared by every template the draft renders (a body, its subjects, the shorter
    /// versions tried in turn), where [`Templates::render`] makes one per call.
    pub fn renderer(&self) -> Renderer<'_> {
        Renderer { templates: &self.templates, contexts: FactContexts::new(&self.facts) }
    }
}

/// The templates and facts of one draft, ready to render any of its templates (see
/// [`Prepared::renderer`]). It borrows the facts, so they cannot change under it.
pub struct Renderer<'p> {
    templates: &'p Templates,
    contexts: FactContexts<'p>,
}

impl Renderer<'_> {
    /// The facts the templates are rendered with.
    pub fn facts(&self) -> &Facts {
        self.contexts.facts
    }

    /// [`Templates::render`] for this draft.
    ///
    /// # Errors
    ///
    /// As [`Templates::render`].
    pub fn render(&self, name: &str) -> Result<String, TemplateError> {
        self.templates.render_in(name, &self.contexts)
    }

    /// [`Templates::render_fitting`] for this draft.
    ///
    /// # Errors
    ///
    /// As [`Templates::render_fitting`].
    pub fn render_fitting(
        &self,
        names: &[&str],
        fits: impl Fn(&str) -> bool,
    ) -> Result<Fitted, TemplateError> {
        self.templates.fitting_in(names, &self.contexts, fits)
    }
}

/// The outcome of [`Templates::render_fitting`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fitted {
    /// The rendered text.
    pub text: String,
    /// The template it came from.
    pub template: String,
    /// Whether it fits; when none does, this is the shortest and `fits` is false.
    pub fits: bool,
}

impl Templates {
    /// Renders the templates `names` (those that exist) in order of preference and
    /// returns the first whose text `fits`; when none fits, the shortest. Never cuts a
    /// text: a message that does not fit is reported, not truncated.
    ///
    /// # Errors
    ///
    /// Returns the first template that fails to render, or an error when none of the
    /// names exists.
    pub fn render_fitting(
        &self,
        names: &[&str],
        facts: &Facts,
        fits: impl Fn(&str) -> bool,
    ) -> Result<Fitted, TemplateError> {
        // The facts become a template context once, not once per candidate: with many
        // interviewers the context is the larger part of the cost.
        self.fitting_in(names, &FactContexts::new(facts), fits)
    }

    fn fitting_in(
        &self,
        names: &[&str],
        contexts: &FactContexts<'_>,
        fits: impl Fn(&str) -> bool,
    ) -> Result<Fitted, TemplateError> {
        // Templates that do not parse fail here with their error, not as missing ones.
        self.set.get()?;
        let mut shortest: Option<(Fitted, Vec<EmptyPlaceholder>)> = None;
        for name in names.iter().filter(|name| self.has(name)) {
            let (text, empty) = self.render_tidy(name, contexts)?;
            if fits(&text) {
                // Only the text that is used can have a gap that matters.
                remember_empty_placeholders(empty);
                return Ok(Fitted { text, template: (*name).to_string(), fits: true });
            }
            if shortest.as_ref().is_none_or(|(s, _)| text.chars().count() < s.text.chars().count())
            {
                shortest =
                    Some((Fitted { text, template: (*name).to_string(), fits: false }, empty));
            }
        }
        if let Some((fitted, empty)) = shortest {
            remember_empty_placeholders(empty);
            return Ok(fitted);
        }
        Err(TemplateError {
            template: names.join(", "),
            line: None,
            message: "no such template".to_string(),
        })
    }
}

/// Tidies rendered text: trailing spaces removed, at most one blank line in a row, no
/// blank lines at the ends. Conditional blocks in templates leave such gaps.
pub fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_collapses_gaps_and_trims() {
        assert_eq!(tidy("\n\nHello  \n\n\n\nWorld\n\n"), "Hello\n\nWorld");
        assert_eq!(tidy("a\nb"), "a\nb");
    }

    /// A style's templates are compiled on the first message and reused after.
    #[test]
    fn a_styles_templates_are_compiled_once() {
        let base =
            Templates::from_sources(&[("thank_you", "Built-in {{ company }}")]).expect("parses");
        let style = |text| [Source { name: "thank_you", text, metered: true }];
        let first = base.compiled(&style("Style {{ company }}")).expect("parses");
        let again = base.compiled(&style("Style {{ company }}")).expect("parses");
        assert!(Arc::ptr_eq(&first.set, &again.set), "the second is the first, shared");
        let other = base.compiled(&style("Other {{ company }}")).expect("parses");
        assert!(!Arc::ptr_eq(&first.set, &other.set), "other sources compile anew");
        assert!(base.compiled(&style("{{ oops ")).is_err(), "errors are not cached");
    }

    /// Lazy templates compile at the first render, once, whichever threads render
    /// first; a template that does not parse fails the renders with its error.
    #[test]
    fn lazy_templates_compile_once_at_the_first_render() {
        let lazy = Templates::lazy(&[("t", "Hello {{ company }}"), ("u", "{% include \"t\" %}!")]);
        assert!(lazy.set.set.get().is_none(), "nothing compiled before a render");
        let facts = example_facts();
        let texts: Vec<String> = std::thread::scope(|scope| {
            let renders: Vec<_> = (0..4)
                .map(|_| scope.spawn(|| lazy.render("u", &facts).expect("renders")))
                .collect();
            renders.into_iter().map(|r| r.join().expect("no panic")).collect()
        });
        assert!(
            texts.iter().all(|t| t == &texts[0]) && texts[0].starts_with("Hello "),
            "{texts:?}"
        );
        assert!(lazy.set.set.get().is_some_and(Result::is_ok));

        let broken = Templates::lazy(&[("t", "Hello\n{{ company ")]);
        let err = broken.render("t", &facts).expect_err("does not parse");
        assert_eq!((err.template.as_str(), err.line), ("t", Some(2)));
        assert_eq!(broken.compile(), Err(err));
        assert!(!broken.has("t"));
    }

    /// One template as a style's: metered.
    fn untrusted(text: &str) -> Templates {
        Templates::build(&[Source { name: "t", text, metered: true }]).expect("parses")
    }

    fn example_facts() -> Facts {
        let request: RenderRequest =
            serde_json::from_value(followup_core::examples::render_request_example())
                .expect("the schema's example is a render request");
        Facts::from_request(&request)
    }

    /// Renders one template with no facts that matter.
    fn render_one(source: &str, budget: RenderBudget) -> Result<String, TemplateError> {
        let templates = untrusted(source).with_budget(budget);
        let facts = example_facts();
        templates.render("t", &facts)
    }

    #[test]
    fn templates_within_budget_render_as_before() {
        let text = render_one(
            "{% set xs = [\"a\", \"b\"] -%}\n{% for x in xs %}{{ x }}{% if not loop.last %}, {% endif %}{% endfor %}\n  {%- raw %}{% kept %}{% endraw %}",
            RenderBudget::default(),
        )
        .expect("renders");
        assert_eq!(text, "a, b{% kept %}");
    }

    #[test]
    fn a_string_doubled_forty_times_is_stopped() {
        let doubling =
            format!("{{% set s = \"x\" %}}{}{{{{ s }}}}", "{% set s = s ~ s %}".repeat(40));
        let started = std::time::Instant::now();
        let err = render_one(&doubling, RenderBudget::default()).expect_err("over budget");
        assert!(err.message.contains("render budget") || err.message.contains("MiB"), "{err}");
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "stopped quickly");
    }

    #[test]
    fn nested_loops_are_stopped_at_the_time_budget() {
        let loops = "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}";
        let budget = RenderBudget { milliseconds: Some(50), ..RenderBudget::default() };
        let err = render_one(loops, budget).expect_err("over budget");
        assert_eq!(err.template, "t");
        assert!(err.message.contains("50 ms"), "{err}");
    }

    #[test]
    fn a_join_over_the_output_budget_is_refused_before_it_is_built() {
        let join = "{% set s = range(end=1000) | join(sep=\"xxxxxxxxxx\") %}{{ range(end=100000) | join(sep=s) }}";
        let err = render_one(join, RenderBudget::default()).expect_err("over budget");
        assert!(err.message.contains("256 KiB"), "{err}");
    }

    #[test]
    fn output_past_the_budget_is_stopped_and_the_failure_is_remembered() {
        let flood = "{% for i in range(end=100000) %}{{ i }} and some more words{% endfor %}";
        let budget = RenderBudget { output_kib: Some(16), ..RenderBudget::default() };
        let templates = untrusted(flood).with_budget(budget);
        let facts = example_facts();
        let err = templates.render("t", &facts).expect_err("over budget");
        assert!(err.message.contains("16 KiB"), "{err}");
        assert_eq!(templates.render("t", &facts), Err(err), "the second render fails at once");
    }

    #[test]
    fn a_style_cannot_raise_the_budget_past_the_cap() {
        let budget = RenderBudget { milliseconds: Some(u32::MAX), output_kib: Some(u32::MAX) };
        assert_eq!(budget.time(), std::time::Duration::from_secs(5));
        assert_eq!(budget.output_bytes(), 4096 * 1024);
    }

    #[test]
    fn an_empty_fact_printed_is_found_and_a_guarded_one_is_not() {
        let mut facts = example_facts();
        facts.next_steps = None;
        facts.tone = Some(String::new());
        let templates = Templates::from_sources(&[
            ("gap", "Done with {{ company }}.\nThey said: {{ next_steps }}."),
            ("guarded", "Done.{% if next_steps %} They said: {{ next_steps }}.{% endif %}{% if tone %} {{ tone }}{% endif %}"),
        ])
        .expect("parses");
        drop(take_empty_placeholders());
        let text = templates.render("gap", &facts).expect("renders with the gap");
        assert!(text.ends_with("They said: ."), "{text}");
        let found = take_empty_placeholders();
        assert_eq!(
            found,
            [EmptyPlaceholder {
                template: "gap".to_string(),
                line: Some(2),
                placeholder: "{{ next_steps }}".to_string()
            }]
        );
        assert_eq!(templates.render("guarded", &facts).expect("renders"), "Done.");
        assert!(take_empty_placeholders().is_empty(), "a guarded fact is no gap");
    }

    #[test]
    fn includes_are_found_in_tags_only() {
        let source =
            "{% include \"greeting\" %}{{ \"{% include 'no' %}\" }}{%- include 'sign_off' -%}";
        assert_eq!(Templates::includes(source), ["greeting", "sign_off"]);
    }

    #[test]
    fn syntax_error_names_template_and_line() {
        let err = Templates::from_sources(&[("email/thank_you", "Hello\n{{ name ")])
            .expect_err("unclosed tag is a syntax error");
        assert_eq!(err.template, "email/thank_you");
        assert_eq!(err.line, Some(2));
    }
}
