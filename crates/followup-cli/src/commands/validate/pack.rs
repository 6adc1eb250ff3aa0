//! A style pack folder, checked as a whole: its settings file (schema and rules), then
//! every template (syntax, name, and rendering against the bundled examples through the
//! installed plugins).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use followup_core::draft::{RenderFailure, RenderRequest, RenderedDraft};
use followup_host::Registry;
use followup_validate::pack::{PackTemplates, check_templates};
use followup_validate::{Checker, Kind, Problem};

use crate::document::{InputError, Position};
use crate::style_pack::{StyleError, read_templates, settings_file};

use super::output::FileReport;

/// Checks the pack in `dir`.
pub fn check(dir: &Path, checker: &Checker, registry: &Registry) -> FileReport {
    let mut report = FileReport::new(dir);
    report.kind = Some(Kind::Style);
    let settings_file = match settings_file(dir) {
        Ok(file) => file,
        Err(StyleError::BothSettings { .. }) => {
            let problem = Problem::error("", "pack", "the pack has both style.toml and style.json")
                .with_hint("keep one of them");
            report.push(dir, None, problem);
            return report;
        }
        Err(_) => {
            let problem =
                Problem::error("", "pack", "not a style pack: it has no style.toml or style.json")
                    .with_hint("create style.toml in it (see docs/writing-a-style.md)");
            report.push(dir, None, problem);
            return report;
        }
    };

    let mut style = None;
    if let Some((source, value)) = super::document::read(&settings_file, &mut report) {
        let checked = checker.style(value);
        // Drafting with settings that break a rule would only report their consequences.
        if checked.is_valid() {
            style = checked.value;
        }
        for problem in checked.problems {
            let position = source.locate(&problem.field);
            report.push(&settings_file, position, problem);
        }
    }

    let templates = match read_templates(&dir.join("templates")) {
        Ok(templates) => templates,
        Err(InputError::Read { path, cause }) => {
            report.unreadable(&path, &cause);
            report.sort();
            return report;
        }
        Err(other) => {
            report.push(dir, None, Problem::error("", "pack", other.to_string()));
            report.sort();
            return report;
        }
    };
    let mut sources: PackTemplates = BTreeMap::new();
    let mut paths: BTreeMap<(String, String), PathBuf> = BTreeMap::new();
    for (channel, by_name) in templates {
        for (name, template) in by_name {
            paths.insert((channel.clone(), name.clone()), template.path);
            sources.entry(channel.clone()).or_default().insert(name, template.source);
        }
    }
    let draft = |request: &RenderRequest| -> Result<RenderedDraft, RenderFailure> {
        let channel = &request.step.channel;
        let plugin = registry
            .get(channel)
            .ok_or_else(|| format!("no plugin provides the channel `{channel}`"))?;
        plugin.render(request).map_err(|err| err.to_failure())
    };
    for found in check_templates(style.as_ref(), &sources, checker.channels(), &draft) {
        let template_file = found
            .channel
            .as_ref()
            .zip(found.template.as_ref())
            .and_then(|(channel, name)| paths.get(&(channel.clone(), name.clone())));
        match template_file {
            Some(path) => {
                let position = Some(Position { line: found.line.unwrap_or(1), column: 1 });
                report.push(path, position, found.problem);
            }
            None if found.problem.field.starts_with("templates/") => {
                let folder = dir.join(&found.problem.field);
                report.push(&folder, None, found.problem);
            }
            None => {
                let position = crate::document::SourceFile::read(&settings_file)
                    .ok()
                    .and_then(|source| source.locate(&found.problem.field));
                report.push(&settings_file, position, found.problem);
            }
        }
    }
    report.sort();
    report
}
