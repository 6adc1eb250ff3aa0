//! Asking a loaded plugin to draft a step: JSON out, JSON back, across the C ABI.

use followup_core::draft::{RenderFailure, RenderRequest, RenderedDraft, TemplateFailure};
use followup_plugin::abi::{Buffer, STATUS_ERROR, STATUS_OK, STATUS_PANIC, abi_major, abi_minor};

use crate::handshake::take_bytes;
use crate::refusal::one_line;
use crate::registry::LoadedPlugin;

/// Why a plugin could not draft a step.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    /// The library predates drafting (ABI 1.0).
    #[error(
        "the `{channel}` plugin speaks ABI {version}, which cannot draft; rebuild it against followup-plugin with ABI 1.1 or later"
    )]
    NotSupported {
        /// The channel id.
        channel: String,
        /// The library's ABI version, `major.minor`.
        version: String,
    },
    /// The plugin reported an error.
    #[error("the `{channel}` plugin could not draft step `{step}`: {message}")]
    Failed {
        /// The channel id.
        channel: String,
        /// The step id.
        step: String,
        /// The plugin's message.
        message: String,
        /// The template that failed, when the plugin says (plugins built before
        /// structured failures send only their message).
        template: Option<Box<TemplateFailure>>,
    },
    /// The plugin panicked and caught it.
    #[error(
        "the `{channel}` plugin panicked while drafting step `{step}`: {message}; report this to the plugin's author"
    )]
    Panicked {
        /// The channel id.
        channel: String,
        /// The step id.
        step: String,
        /// The panic message.
        message: String,
    },
    /// The plugin answered with something that is not a draft.
    #[error(
        "the `{channel}` plugin answered step `{step}` with something that is not a draft: {detail}"
    )]
    Invalid {
        /// The channel id.
        channel: String,
        /// The step id.
        step: String,
        /// What is wrong with the answer.
        detail: String,
    },
}

impl RenderError {
    /// The template that failed, when the plugin said which.
    pub fn template_failure(&self) -> Option<&TemplateFailure> {
        match self {
            RenderError::Failed { template, .. } => template.as_deref(),
            _ => None,
        }
    }
}

/// A plugin's error answer: a [`RenderFailure`] as JSON, or, from a plugin built
/// before structured failures, its message as text.
fn failure(bytes: &[u8]) -> RenderFailure {
    serde_json::from_slice::<RenderFailure>(bytes)
        .unwrap_or_else(|_| RenderFailure::from(String::from_utf8_lossy(bytes).into_owned()))
}

impl LoadedPlugin {
    /// Whether the library can draft (ABI 1.1 or later).
    pub fn can_draft(&self) -> bool {
        self.entry.render.is_some()
    }

    /// Drafts one step.
    ///
    /// # Errors
    ///
    /// Returns why the plugin could not: it predates drafting, reported an error,
    /// panicked (caught on its side), or answered with something that is not a draft.
    pub fn render(&self, request: &RenderRequest) -> Result<RenderedDraft, RenderError> {
        let channel = self.manifest.id.clone();
        let step = request.step.id.clone();
        let Some(render) = self.entry.render else {
            return Err(RenderError::NotSupported {
                channel,
                version: format!("{}.{}", abi_major(self.abi_version), abi_minor(self.abi_version)),
            });
        };
        let input = serde_json::to_vec(request).map_err(|err| RenderError::Invalid {
            channel: channel.clone(),
            step: step.clone(),
            detail: format!("the request could not be written: {err}"),
        })?;
        let mut buffer = Buffer::EMPTY;
        // SAFETY: `render` has the ABI's signature; `input` is alive for the call and
        // `buffer` is a valid, writable slot. The library is never unloaded.
        let status = unsafe { render(input.as_ptr(), input.len(), &mut buffer) };
        let bytes = take_bytes(self.entry, buffer).map_err(|detail| RenderError::Invalid {
            channel: channel.clone(),
            step: step.clone(),
            detail,
        })?;
        let text = || one_line(&String::from_utf8_lossy(&bytes));
        match status {
            STATUS_OK => serde_json::from_slice(&bytes).map_err(|err| RenderError::Invalid {
                channel,
                step,
                detail: one_line(&err.to_string()),
            }),
            STATUS_ERROR => {
                let RenderFailure { message, template } = failure(&bytes);
                let template = template.map(Box::new);
                Err(RenderError::Failed { channel, step, message: one_line(&message), template })
            }
            STATUS_PANIC => Err(RenderError::Panicked { channel, step, message: text() }),
            other => Err(RenderError::Invalid {
                channel,
                step,
                detail: format!("unknown status {other}: {}", text()),
            }),
        }
    }
}
