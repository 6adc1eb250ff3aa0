//! The `export.<purpose>` checks: every draft of the bundled examples, exported, must
//! give files the host would write (issue 16).
//!
//! Each draft the `render.<purpose>` row made is sent back as an export request, as
//! `followup export` sends it. The answer must have the shape of
//! `export-answer.schema.json`, at least one file, names the host accepts (the host's
//! own [`followup_host::decode_files`] judges them, so that `../x` fails here and not
//! only later in `followup export`), a media type such as `text/plain` and content
//! that is not empty.

use std::collections::BTreeSet;

use followup_core::draft::{Draft, RenderedDraft};
use followup_core::export::{ExportRequest, Paper};
use followup_core::plan::Purpose;
use followup_host::ExportFile;

use crate::report::{Row, Status};
use crate::requests::Sample;

/// A channel's answer to one export request.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Exported {
    /// Files, their names judged and their contents decoded.
    Files(Vec<ExportFile>),
    /// The library predates exporting (ABI 1.0 or 1.1).
    Unsupported(String),
    /// A clean error: the plugin said why it could not export.
    Error(String),
    /// The plugin panicked (and caught it, or this process did).
    Panicked(String),
    /// The answer is not a list of files, or names a file the host refuses.
    Refused(String),
}

/// The export request `followup export` would send for a draft of `sample`.
pub(crate) fn request(sample: &Sample, rendered: &RenderedDraft) -> ExportRequest {
    let render = &sample.request;
    ExportRequest::new(
        Draft::new(&render.step, rendered.clone()),
        render.step.clone(),
        render.interview.clone(),
        render.style.clone(),
        Paper::Letter,
    )
}

/// Whether `media_type` reads as `type/subtype`, optionally with parameters: the
/// restricted names of RFC 6838 (letters, digits and `!#$&-^_.+`).
pub(crate) fn is_media_type(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or_default().trim();
    let name = |part: &str| {
        !part.is_empty()
            && part.len() <= 127
            && part.starts_with(|c: char| c.is_ascii_alphanumeric())
            && part.chars().all(|c| c.is_ascii_alphanumeric() || "!#$&-^_.+".contains(c))
    };
    match essence.split_once('/') {
        Some((kind, subtype)) => name(kind) && name(subtype),
        None => false,
    }
}

/// What is wrong with the files of one answer, as phrases.
fn problems(files: &[ExportFile]) -> Vec<String> {
    if files.is_empty() {
        return vec!["exported no file; answer at least one (`followup_plugin::plain_text_export` is the default)".to_string()];
    }
    let mut problems = Vec::new();
    for file in files {
        if !is_media_type(&file.media_type) {
            problems.push(format!(
                "{:?} has the media type {:?}, which is not `type/subtype` (such as `text/plain; charset=utf-8`)",
                file.name, file.media_type
            ));
        }
        if file.content.is_empty() {
            problems.push(format!("{:?} is empty", file.name));
        }
    }
    problems
}

/// The `export.<purpose>` row: `exported` holds, for each draft of that purpose, its
/// sample's label and the answer.
pub(crate) fn row(purpose: Purpose, exported: &[(String, Exported)]) -> Row {
    let name = format!("export.{}", purpose.as_str());
    if let Some((_, Exported::Unsupported(why))) = exported.first() {
        return Row::new(&name, Status::Skip, format!("not run: {why}"));
    }
    if exported.is_empty() {
        return Row::new(
            &name,
            Status::Skip,
            format!("not run: no draft to export; see render.{}", purpose.as_str()),
        );
    }
    let mut failures = Vec::new();
    let mut failed_exports = 0;
    let mut file_count = 0;
    let mut media_types = BTreeSet::new();
    for (label, answer) in exported {
        let before = failures.len();
        match answer {
            Exported::Files(files) => {
                file_count += files.len();
                media_types.extend(files.iter().map(|f| f.media_type.clone()));
                failures.extend(problems(files).into_iter().map(|p| format!("{label}: {p}")));
            }
            Exported::Error(message) => {
                failures.push(format!("{label}: could not export it: {message}"));
            }
            Exported::Panicked(message) => failures.push(format!("{label}: panicked: {message}")),
            Exported::Refused(why) | Exported::Unsupported(why) => {
                failures.push(format!("{label}: {why}"));
            }
        }
        if failures.len() > before {
            failed_exports += 1;
        }
    }
    if failures.is_empty() {
        Row::new(
            &name,
            Status::Pass,
            format!(
                "{} exported as {} ({}), every name one the host accepts",
                plural(exported.len(), "draft"),
                plural(file_count, "file"),
                media_types.into_iter().collect::<Vec<_>>().join(", ")
            ),
        )
    } else {
        Row::with_cases(
            &name,
            Status::Fail,
            format!(
                "{} of {} exports would not be written; answer plain file names, a media type and content (see export-answer.schema.json)",
                failed_exports,
                exported.len()
            ),
            failures,
        )
    }
}

/// `1 draft`, `2 drafts`.
fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_are_type_slash_subtype() {
        for good in [
            "text/plain",
            "text/plain; charset=utf-8",
            "message/rfc822",
            "application/vnd.ms-excel",
            "image/svg+xml",
        ] {
            assert!(is_media_type(good), "{good}");
        }
        for bad in [
            "",
            "text",
            "text/",
            "/plain",
            "text plain",
            "plain text/x",
            "téxt/plain",
            "text/plain/x",
        ] {
            assert!(!is_media_type(bad), "{bad}");
        }
    }

    #[test]
    fn an_answer_without_files_or_content_fails() {
        let file = |name: &str, media_type: &str, content: &[u8]| ExportFile {
            name: name.to_string(),
            media_type: media_type.to_string(),
            content: content.to_vec(),
        };
        assert_eq!(problems(&[]).len(), 1);
        assert!(problems(&[file("a.txt", "text/plain", b"hi")]).is_empty());
        let bad = problems(&[file("a.txt", "plain", b"")]);
        assert_eq!(bad.len(), 2, "{bad:?}");
    }
}
