//! The host's reading of a plugin's answers, reachable without a library: the entry
//! points of the `plugin_answer` fuzz target (`fuzz/`, see docs/fuzzing.md).
//!
//! Each function is exactly what the host does with the bytes a plugin answers, after
//! the call and before anything else: no library is opened, so a fuzzer can feed them
//! any bytes. They are not part of the host's API (hidden from its docs); the CLI and
//! tests use [`crate::load_plugins`] and the methods of [`crate::LoadedPlugin`].

use followup_core::draft::{RenderFailure, RenderedDraft};
use followup_core::export::ExportedFiles;
use followup_core::manifest::ChannelManifest;

use crate::answer::{self, EXPORT_ANSWER_SCHEMA, RENDER_ANSWER_SCHEMA};
use crate::export::{ExportFile, FileProblem, decode_files};

/// A `manifest` answer, read and checked as the handshake does.
///
/// # Errors
///
/// The refusal's one-line detail.
pub fn manifest_answer(bytes: &[u8]) -> Result<ChannelManifest, String> {
    crate::handshake::parse(bytes).map_err(|reason| reason.to_string())
}

/// A successful `render` answer, read as [`crate::LoadedPlugin::render`] does.
///
/// # Errors
///
/// The one-line detail of an answer that is not a draft.
pub fn render_answer(bytes: &[u8]) -> Result<RenderedDraft, String> {
    answer::parse(bytes, RENDER_ANSWER_SCHEMA)
}

/// A `render` error answer (a failure as JSON, or a message as text), read as
/// [`crate::LoadedPlugin::render`] does, with its message made one bounded line.
pub fn render_failure(bytes: &[u8]) -> RenderFailure {
    crate::render::failure(bytes)
}

/// A successful `export` answer, read and its files judged as
/// [`crate::LoadedPlugin::export`] does.
///
/// # Errors
///
/// The one-line detail of an answer that is not a list of files, or the file that
/// breaks a rule.
pub fn export_answer(bytes: &[u8]) -> Result<Vec<ExportFile>, String> {
    let files: ExportedFiles = answer::parse(bytes, EXPORT_ANSWER_SCHEMA)?;
    decode_files(files).map_err(|problem| match problem {
        FileProblem::BadName { name, reason } => format!("{name}: {reason}"),
        FileProblem::NotBase64 { name, detail } => format!("{name}: {detail}"),
    })
}

/// An error or panic message, as the host shows it: one bounded line.
pub fn message(bytes: &[u8]) -> String {
    answer::message(bytes)
}
