//! Message templates, rendered with Tera.
//!
//! Templates are text, not HTML: nothing is escaped. The facts are passed as values,
//! never as template source, so a topic that contains `{{ x }}` or `{% raw %}`
//! appears exactly as written.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};

use tera::{Context, ErrorKind, Tera};

use followup_core::draft::{RenderFailure, RenderRequest, TemplateFailure};

use super::Facts;

/// A set of named templates (`thank_you`, `check_in`, ...). Cloning is cheap: the
/// compiled templates are shared.
#[derive(Clone, Debug)]
pub struct Templates {
    tera: Arc<Tera>,
    /// The sources, kept so that a style's overrides can be layered on top.
    sources: Arc<Vec<(String, String)>>,
    /// The sets compiled from these with a style's templates on top (and a style's
    /// signature alone), by their sources: a style's templates are compiled once per
    /// plugin, not once per message.
    compiled: Arc<Mutex<Compiled>>,
}

/// Compiled template sets by their `(name, source)` pairs.
type Compiled = HashMap<Vec<(String, String)>, Templates>;

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

impl Templates {
    /// Parses templates given as `(name, source)` pairs.
    ///
    /// # Errors
    ///
    /// Returns the first template that does not parse, with its line.
    pub fn from_sources(sources: &[(&str, &str)]) -> Result<Templates, TemplateError> {
        let mut tera = Tera::new();
        // Plain text: no HTML escaping, whatever the template's name.
        tera.autoescape_on(Vec::<&str>::new());
        // All at once, so that templates may include each other in any order.
        tera.add_raw_templates(sources.iter().copied()).map_err(|err| {
            let first = sources.first().map_or("", |(name, _)| *name);
            template_error(first, &err)
        })?;
        Ok(Templates {
            tera: Arc::new(tera),
            sources: Arc::new(
                sources.iter().map(|(n, s)| ((*n).to_string(), (*s).to_string())).collect(),
            ),
            compiled: Arc::default(),
        })
    }

    /// The templates of `sources`, compiled once and then taken from this set's cache.
    fn compiled(&self, sources: &[(&str, &str)]) -> Result<Templates, TemplateError> {
        let key: Vec<(String, String)> =
            sources.iter().map(|(n, s)| ((*n).to_string(), (*s).to_string())).collect();
        // A poisoned cache (a panic while it was held) is only a cache: compile anew.
        if let Ok(cache) = self.compiled.lock()
            && let Some(found) = cache.get(&key)
        {
            return Ok(found.clone());
        }
        let templates = Templates::from_sources(sources)?;
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
        let mut facts = Facts::from_request(request);
        let templates = if style.templates.is_empty() {
            std::borrow::Cow::Borrowed(self)
        } else {
            let mut merged: Vec<(&str, &str)> = self
                .sources
                .iter()
                .filter(|(name, _)| !style.templates.contains_key(name))
                .map(|(n, s)| (n.as_str(), s.as_str()))
                .collect();
            merged.extend(style.templates.iter().map(|(n, s)| (n.as_str(), s.as_str())));
            std::borrow::Cow::Owned(self.compiled(&merged)?)
        };
        if let Some(signature) = &style.signature {
            let signature_only = self.compiled(&[("signature", signature)])?;
            facts.candidate.signature = signature_only.render("signature", &facts)?;
        }
        Ok(Prepared { templates, facts })
    }

    /// Whether a template of that name exists.
    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders a template with the facts and tidies the result.
    ///
    /// # Errors
    ///
    /// Returns the template's name, line and message when rendering fails (an unknown
    /// variable, a filter on the wrong type).
    pub fn render(&self, name: &str, facts: &Facts) -> Result<String, TemplateError> {
        self.render_in(name, &context_of(name, facts)?)
    }

    fn render_in(&self, name: &str, context: &Context) -> Result<String, TemplateError> {
        let text = self.tera.render(name, context).map_err(|err| template_error(name, &err))?;
        Ok(tidy(&text))
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
        let mut shortest: Option<Fitted> = None;
        // The facts become a template context once, not once per candidate: with many
        // interviewers the context is the larger part of the cost.
        let mut context: Option<Context> = None;
        for name in names.iter().filter(|name| self.has(name)) {
            if context.is_none() {
                context = Some(context_of(name, facts)?);
            }
            let Some(context) = context.as_ref() else { continue };
            let text = self.render_in(name, context)?;
            if fits(&text) {
                return Ok(Fitted { text, template: (*name).to_string(), fits: true });
            }
            if shortest.as_ref().is_none_or(|s| text.chars().count() < s.text.chars().count()) {
                shortest = Some(Fitted { text, template: (*name).to_string(), fits: false });
            }
        }
        shortest.ok_or_else(|| TemplateError {
            template: names.join(", "),
            line: None,
            message: "no such template".to_string(),
        })
    }
}

/// The facts as a template context.
fn context_of(name: &str, facts: &Facts) -> Result<Context, TemplateError> {
    Context::from_serialize(facts).map_err(|err| template_error(name, &err))
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
        let first = base.compiled(&[("thank_you", "Style {{ company }}")]).expect("parses");
        let again = base.compiled(&[("thank_you", "Style {{ company }}")]).expect("parses");
        assert!(Arc::ptr_eq(&first.tera, &again.tera), "the second is the first, shared");
        let other = base.compiled(&[("thank_you", "Other {{ company }}")]).expect("parses");
        assert!(!Arc::ptr_eq(&first.tera, &other.tera), "other sources compile anew");
        assert!(base.compiled(&[("thank_you", "{{ oops ")]).is_err(), "errors are not cached");
    }

    #[test]
    fn syntax_error_names_template_and_line() {
        let err = Templates::from_sources(&[("email/thank_you", "Hello\n{{ name ")])
            .expect_err("unclosed tag is a syntax error");
        assert_eq!(err.template, "email/thank_you");
        assert_eq!(err.line, Some(2));
    }
}
