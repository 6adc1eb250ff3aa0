//! What the suite checks: a library loaded by the host, or a [`Channel`] value called
//! in this process (for a plugin's own tests). Both answer a render request the same
//! way, so the behavioural checks do not care which it is.

use std::panic::{AssertUnwindSafe, catch_unwind};

use followup_core::draft::{RenderRequest, RenderedDraft};
use followup_core::export::{ExportRequest, ExportedFiles};
use followup_core::manifest::ChannelManifest;
use followup_host::{ExportError, FileProblem, LoadedPlugin, RenderError, decode_files};
use followup_plugin::Channel;

use crate::exports::Exported;

/// A channel's answer to one render request.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Answer {
    /// A draft.
    Draft(RenderedDraft),
    /// A clean error: the plugin said why it could not draft.
    Error(String),
    /// The plugin panicked (and caught it, or this process did).
    Panicked(String),
    /// The answer is not a draft (not JSON, not the draft's shape).
    Malformed(String),
    /// The library's runner process crashed, hung or answered too much, and was
    /// stopped (only when the library runs in a child process).
    Stopped(String),
}

/// Something the suite can ask for drafts.
pub(crate) trait Subject {
    /// The channel's manifest.
    fn manifest(&self) -> &ChannelManifest;
    /// Drafts one step.
    fn render(&self, request: &RenderRequest) -> Answer;
    /// Exports one drafted step as files.
    fn export(&self, request: &ExportRequest) -> Exported;
}

/// The host's refusal of a file, as the end of a sentence.
fn refused_file(problem: FileProblem) -> Exported {
    Exported::Refused(match problem {
        FileProblem::BadName { name, reason } => {
            format!("the host refuses the file name {name}: {reason}")
        }
        FileProblem::NotBase64 { name, detail } => {
            format!("`content_base64` of {name} is not base64: {detail}")
        }
        other => format!("{other:?}"),
    })
}

/// A panic's message.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic with a non-text payload".to_string())
}

/// A library the host loaded, called across the C ABI.
pub(crate) struct Library<'p>(pub &'p LoadedPlugin);

impl Subject for Library<'_> {
    fn manifest(&self) -> &ChannelManifest {
        &self.0.manifest
    }

    fn render(&self, request: &RenderRequest) -> Answer {
        match self.0.render(request) {
            Ok(draft) => Answer::Draft(draft),
            Err(RenderError::Failed { message, .. }) => Answer::Error(message),
            Err(RenderError::Panicked { message, .. }) => Answer::Panicked(message),
            Err(RenderError::Invalid { detail, .. }) => Answer::Malformed(detail),
            Err(RenderError::Stopped { detail, .. }) => Answer::Stopped(detail),
            Err(other) => Answer::Malformed(other.to_string()),
        }
    }

    fn export(&self, request: &ExportRequest) -> Exported {
        match self.0.export(request) {
            Ok(files) => Exported::Files(files),
            Err(ExportError::NotSupported { version, .. }) => Exported::Unsupported(format!(
                "the library speaks ABI {version}, which cannot export (that came with ABI 1.2)"
            )),
            Err(ExportError::Failed { message, .. }) => Exported::Error(message),
            Err(ExportError::Panicked { message, .. }) => Exported::Panicked(message),
            Err(ExportError::BadFileName { name, reason, .. }) => {
                Exported::Refused(format!("the host refuses the file name {name}: {reason}"))
            }
            Err(ExportError::Stopped { detail, .. }) => {
                Exported::Refused(format!("failed in its runner process: it {detail}"))
            }
            Err(ExportError::Invalid { detail, .. }) => Exported::Refused(format!(
                "answered with something that is not a list of files: {detail}"
            )),
            Err(other) => Exported::Refused(other.to_string()),
        }
    }
}

/// A channel called in this process. Requests and drafts go through JSON as they would
/// across the boundary, and panics are caught here as `declare_channel!` catches them.
pub(crate) struct InProcess<'c> {
    pub channel: &'c dyn Channel,
    pub manifest: ChannelManifest,
}

impl Subject for InProcess<'_> {
    fn manifest(&self) -> &ChannelManifest {
        &self.manifest
    }

    fn render(&self, request: &RenderRequest) -> Answer {
        // What the plugin would read: the request after a trip through JSON.
        let request = serde_json::to_vec(request)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<RenderRequest>(&bytes).ok())
            .unwrap_or_else(|| request.clone());
        match catch_unwind(AssertUnwindSafe(|| self.channel.render(&request))) {
            Ok(Ok(draft)) => match serde_json::to_vec(&draft)
                .map_err(|err| err.to_string())
                .and_then(|bytes| {
                    serde_json::from_slice::<RenderedDraft>(&bytes).map_err(|err| err.to_string())
                }) {
                Ok(draft) => Answer::Draft(draft),
                Err(err) => Answer::Malformed(format!("the draft does not survive JSON: {err}")),
            },
            Ok(Err(failure)) => Answer::Error(failure.message),
            Err(payload) => Answer::Panicked(panic_message(payload.as_ref())),
        }
    }

    fn export(&self, request: &ExportRequest) -> Exported {
        // What the plugin would read, and what the host would read back: JSON both ways.
        let request = serde_json::to_vec(request)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<ExportRequest>(&bytes).ok())
            .unwrap_or_else(|| request.clone());
        match catch_unwind(AssertUnwindSafe(|| self.channel.export(&request))) {
            Ok(Ok(files)) => {
                let back =
                    serde_json::to_vec(&files).map_err(|err| err.to_string()).and_then(|bytes| {
                        serde_json::from_slice::<ExportedFiles>(&bytes).map_err(|e| e.to_string())
                    });
                match back {
                    Ok(files) => decode_files(files).map_or_else(refused_file, Exported::Files),
                    Err(err) => Exported::Refused(format!("the files do not survive JSON: {err}")),
                }
            }
            Ok(Err(message)) => Exported::Error(message),
            Err(payload) => Exported::Panicked(panic_message(payload.as_ref())),
        }
    }
}
