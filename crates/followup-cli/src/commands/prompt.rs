//! Questions on the terminal, for `followup new` and `followup init`.
//!
//! dialoguer draws them on standard error and reads the keyboard, so that standard
//! output stays free; they are only asked when standard input and standard error are
//! both terminals and `--no-input` was not given (the settings decide). Every answer
//! may be left empty where the field is optional; an empty answer is `None`.

use anyhow::Context;
use dialoguer::theme::SimpleTheme;
use dialoguer::{Input, Select};

/// Asks questions on standard error.
pub struct Prompter {
    theme: SimpleTheme,
    term: dialoguer::console::Term,
}

impl Prompter {
    /// A prompter on standard error.
    pub fn new() -> Prompter {
        Prompter { theme: SimpleTheme, term: dialoguer::console::Term::stderr() }
    }

    /// A line of text; `None` when left empty. `check` refuses an answer with a reason,
    /// and the question is asked again.
    pub fn text(
        &self,
        prompt: &str,
        default: Option<&str>,
        check: impl Fn(&str) -> Result<(), String>,
    ) -> anyhow::Result<Option<String>> {
        let mut input = Input::<String>::with_theme(&self.theme)
            .with_prompt(prompt)
            .allow_empty(true)
            .validate_with(|answer: &String| {
                let answer = answer.trim();
                if answer.is_empty() { Ok(()) } else { check(answer) }
            });
        if let Some(default) = default {
            input = input.default(default.to_string());
        }
        let answer =
            input.interact_text_on(&self.term).context("the question could not be asked")?;
        let answer = answer.trim().to_string();
        Ok((!answer.is_empty()).then_some(answer))
    }

    /// A required line of text: asked again while empty.
    pub fn required(
        &self,
        prompt: &str,
        default: Option<&str>,
        check: impl Fn(&str) -> Result<(), String>,
    ) -> anyhow::Result<String> {
        loop {
            if let Some(answer) = self.text(prompt, default, &check)? {
                return Ok(answer);
            }
        }
    }

    /// One of `items`, `default` highlighted first.
    pub fn choose(&self, prompt: &str, items: &[&str], default: usize) -> anyhow::Result<usize> {
        Select::with_theme(&self.theme)
            .with_prompt(prompt)
            .items(items)
            .default(default)
            .interact_on(&self.term)
            .context("the question could not be asked")
    }

    /// Several lines, one per answer, until an empty one.
    pub fn list(&self, prompt: &str) -> anyhow::Result<Vec<String>> {
        let mut answers = Vec::new();
        loop {
            let numbered = format!("{prompt} ({}; empty to finish)", answers.len() + 1);
            match self.text(&numbered, None, |_| Ok(()))? {
                Some(answer) => answers.push(answer),
                None => return Ok(answers),
            }
        }
    }
}

/// Refuses a zone name the bundled database does not know, suggesting the closest.
pub fn check_zone(answer: &str) -> Result<(), String> {
    let zone = followup_core::time::ZoneName(answer.to_string());
    match (zone.resolve(), zone.closest_known()) {
        (Some(_), _) => Ok(()),
        (None, Some(close)) => Err(format!("unknown time zone; did you mean {close}?")),
        (None, None) => Err("unknown time zone; write an IANA name such as America/Chicago".into()),
    }
}

/// Refuses anything but `YYYY-MM-DD`.
pub fn check_date(answer: &str) -> Result<(), String> {
    answer
        .parse::<jiff::civil::Date>()
        .map(|_| ())
        .map_err(|_| "write the date as YYYY-MM-DD, such as 2026-12-04".to_string())
}
