//! Asking a loaded plugin to draft a step: JSON out, JSON back, across the C ABI, in this process or in the plugin's runner.
//!
//! The answer is read as the type `render-answer.schema.json` is generated from, and
//! every failure names the channel, the step and the library file.

use std::path::PathBuf;

use followup_core::draft::{RenderFailure, RenderRequest, RenderedDraft, TemplateFailure};
use followup_plugin::abi::{STATUS_ERROR, STATUS_OK, STATUS_PANIC, abi_major, abi_minor};

use crate::answer::{self, RENDER_ANSWER_SCHEMA};
use crate::isolate::{Call, CallFailure};
use crate::registry::LoadedPlugin;

/// Why a plugin could not draft a step.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    /// The library predates drafting (ABI 1.0).
    #[error(
        "the `{channel}` plugin ({}) speaks ABI {version}, which cannot draft; rebuild it against followup-plugin (or followup_plugin.h) with ABI 1.1 or later",
        .library.display()
    )]
    NotSupported {
        /// The channel id.
        channel: String,
        /// The library file.
        library: PathBuf,
        /// The library's ABI version, `major.minor`.
        version: String,
    },
    /// The plugin reported an error.
    #[error(
        "the `{channel}` plugin ({}) could not draft step `{step}`: {message}",
        .library.display()
    )]
    Failed {
        /// The channel id.
        channel: String,
        /// The library file.
        library: PathBuf,
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
        "the `{channel}` plugin ({}) panicked while drafting step `{step}`: {message}; report this to the plugin's author",
        .library.display()
    )]
    Panicked {
        /// The channel id.
        channel: String,
        /// The library file.
        library: PathBuf,
        /// The step id.
        step: String,
        /// The panic message.
        message: String,
    },
    /// The plugin's runner process (see [`PluginIsolation::Child`]) crashed, did not
    /// answer within the time limit or answered over the size limit, and was stopped;
    /// the plugin's later calls fail the same way.
    ///
    /// [`PluginIsolation::Child`]: crate::PluginIsolation::Child
    #[error(
        "the `{channel}` plugin ({}) failed in its runner process while drafting step `{step}`: it {detail}; report this to the plugin's author, or remove the file",
        .library.display()
    )]
    Stopped {
        /// The channel id.
        channel: String,
        /// The library file.
        library: PathBuf,
        /// The step id.
        step: String,
        /// What happened, as the end of a sentence starting with "it", such as
        /// `did not answer within 10 s`.
        detail: String,
    },
    /// The plugin answered with something that is not a draft.
    #[error(
        "the `{channel}` plugin ({}) answered step `{step}` with something that is not a draft: {detail}; report this to the plugin's author",
        .library.display()
    )]
    Invalid {
        /// The channel id.
        channel: String,
        /// The library file.
        library: PathBuf,
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

    /// The error as the failure a drafting callback reports (such as the style-pack
    /// check's): this error's message, with the template that failed when known.
    pub fn to_failure(&self) -> RenderFailure {
        RenderFailure { message: self.to_string(), template: self.template_failure().cloned() }
    }
}

/// A plugin's error answer: a [`RenderFailure`] as JSON, or, from a plugin built
/// before structured failures, its message as text; the message made one bounded line.
pub(crate) fn failure(bytes: &[u8]) -> RenderFailure {
    let RenderFailure { message, template } = serde_json::from_slice::<RenderFailure>(bytes)
        .unwrap_or_else(|_| RenderFailure::from(String::from_utf8_lossy(bytes).into_owned()));
    RenderFailure { message: answer::message(message.as_bytes()), template }
}

thread_local! {
    /// The buffer this thread writes render requests into, kept from one request to
    /// the next: a batch sends one per step, each a few KiB.
    static REQUEST_BUFFER: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The largest request buffer a thread keeps for the next request.
const REQUEST_BUFFER_KEPT: usize = 256 * 1024;

impl LoadedPlugin {
    /// Whether the library can draft (ABI 1.1 or later).
    pub fn can_draft(&self) -> bool {
        self.backend.capabilities().render
    }

    /// Drafts one step.
    ///
    /// # Errors
    ///
    /// Returns why the plugin could not: it predates drafting, reported an error,
    /// panicked (caught on its side), or answered with something that is not a draft.
    pub fn render(&self, request: &RenderRequest) -> Result<RenderedDraft, RenderError> {
        let channel = self.manifest.id.clone();
        let library = self.path.clone();
        let step = request.step.id.clone();
        if !self.can_draft() {
            return Err(RenderError::NotSupported {
                channel,
                library,
                version: format!("{}.{}", abi_major(self.abi_version), abi_minor(self.abi_version)),
            });
        }
        let invalid = |detail: String| RenderError::Invalid {
            channel: channel.clone(),
            library: library.clone(),
            step: step.clone(),
            detail,
        };
        let mut input = REQUEST_BUFFER.take();
        input.clear();
        serde_json::to_writer(&mut input, request)
            .map_err(|err| invalid(format!("the request could not be written: {err}")))?;
        let called = self.backend.call(Call::Render, &input);
        // A rare huge request (a debrief of a large panel) does not pin its memory.
        if input.capacity() <= REQUEST_BUFFER_KEPT {
            REQUEST_BUFFER.set(input);
        }
        let (status, bytes) = called.map_err(|failure| match failure {
            CallFailure::BadBuffer(detail) => invalid(detail),
            CallFailure::Stopped(detail) => RenderError::Stopped {
                channel: channel.clone(),
                library: library.clone(),
                step: step.clone(),
                detail,
            },
        })?;
        match status {
            STATUS_OK => answer::parse(&bytes, RENDER_ANSWER_SCHEMA).map_err(invalid),
            STATUS_ERROR => {
                let RenderFailure { message, template } = failure(&bytes);
                let template = template.map(Box::new);
                Err(RenderError::Failed { channel, library, step, message, template })
            }
            STATUS_PANIC => Err(RenderError::Panicked {
                channel,
                library,
                step,
                message: answer::message(&bytes),
            }),
            other => Err(invalid(format!("unknown status {other}: {}", answer::message(&bytes)))),
        }
    }
}
