//! What the suite checks: a library loaded by the host, or a [`Channel`] value called
//! in this process (for a plugin's own tests). Both answer a render request the same
//! way, so the behavioural checks do not care which it is.

use std::panic::{AssertUnwindSafe, catch_unwind};

use followup_core::draft::{RenderRequest, RenderedDraft};
use followup_core::manifest::ChannelManifest;
use followup_host::{LoadedPlugin, RenderError};
use followup_plugin::Channel;

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
}

/// Something the suite can ask for drafts.
pub(crate) trait Subject {
    /// The channel's manifest.
    fn manifest(&self) -> &ChannelManifest;
    /// Drafts one step.
    fn render(&self, request: &RenderRequest) -> Answer;
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
            Err(other) => Answer::Malformed(other.to_string()),
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
            Err(payload) => Answer::Panicked(
                payload
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "panic with a non-text payload".to_string()),
            ),
        }
    }
}
