//! Bytes as one template of a style pack, checked as `followup validate PACK` checks a
//! pack (`followup_validate::pack::check_templates`): its name judged, its text parsed,
//! then every bundled example planned with the style and drafted by the loaded plugins
//! with the template in place, and the template rendered directly against the examples'
//! steps. Rendering runs under the render budget, so no input hangs the target.
//!
//! The input's first line is the template's place in a pack, `channel/name` (as in
//! `templates/email/thank_you.tera`); the rest is its text. A first line naming an
//! unknown channel or name is kept: the check's hints for those are fuzzed too.

#![no_main]

use std::collections::BTreeMap;

use followup_core::draft::{RenderFailure, RenderRequest, RenderedDraft};
use followup_core::style::Style;
use followup_validate::pack::{PackTemplates, check_templates};
use libfuzzer_sys::fuzz_target;

/// Drafts as the CLI's pack check does: the loaded plugin, its error as a failure.
/// A step on another channel than the template's is drafted without any of the pack's
/// templates, so its draft is the same for every input: it is answered with an empty
/// draft instead, which keeps the target fast enough for a million runs.
fn draft(template_channel: &str, request: &RenderRequest) -> Result<RenderedDraft, RenderFailure> {
    let channel = &request.step.channel;
    if channel != template_channel {
        return Ok(RenderedDraft {
            subject: None,
            body: String::new(),
            checks: Vec::new(),
            meta: Default::default(),
        });
    }
    let plugin = followup_fuzz::registry()
        .get(channel)
        .ok_or_else(|| format!("no plugin provides the channel `{channel}`"))?;
    plugin.render(request).map_err(|err| err.to_failure())
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Some((place, source)) = text.split_once('\n') else { return };
    let Some((channel, name)) = place.split_once('/') else { return };
    let templates: PackTemplates = BTreeMap::from([(
        channel.to_string(),
        BTreeMap::from([(name.to_string(), source.to_string())]),
    )]);
    let style = Style::default();
    let drafter = |request: &RenderRequest| draft(channel, request);
    let _ = check_templates(Some(&style), &templates, followup_fuzz::manifests(), &drafter);
});
