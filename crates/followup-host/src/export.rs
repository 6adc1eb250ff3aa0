//! Asking a loaded plugin to export a drafted step as files: JSON out, JSON back,
//! across the C ABI, then every file name and content checked before anyone writes.
//!
//! The host does not write the files (the caller decides the folder and whether to
//! replace), but it is where a plugin's answer is judged: a name that is not a plain
//! file name, a name given twice or content that is not base64 makes the whole answer
//! an [`ExportError`] naming the plugin.

use std::path::PathBuf;

use base64::Engine as _;
use followup_core::export::{ExportRequest, ExportedFiles, check_file_name};
use followup_plugin::abi::{STATUS_ERROR, STATUS_OK, STATUS_PANIC, abi_major, abi_minor};

use crate::answer::{self, EXPORT_ANSWER_SCHEMA};
use crate::isolate::{Call, CallFailure};
use crate::refusal::one_line;
use crate::registry::LoadedPlugin;

/// One file a plugin exported, its name checked and its content decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportFile {
    /// A plain file name (see [`check_file_name`]), unique in the plugin's answer.
    pub name: String,
    /// The media type the plugin gave, such as `application/pdf`.
    pub media_type: String,
    /// The bytes to write.
    pub content: Vec<u8>,
}

/// Why a plugin could not export a step.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// The library predates exporting (ABI 1.0 or 1.1).
    #[error(
        "the `{channel}` plugin ({}) speaks ABI {version}, which cannot export; rebuild it against followup-plugin (or followup_plugin.h) with ABI 1.2 or later",
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
        "the `{channel}` plugin ({}) could not export step `{step}`: {message}",
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
    },
    /// The plugin panicked and caught it.
    #[error(
        "the `{channel}` plugin ({}) panicked while exporting step `{step}`: {message}; report this to the plugin's author",
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
        "the `{channel}` plugin ({}) failed in its runner process while exporting step `{step}`: it {detail}; report this to the plugin's author, or remove the file",
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
    /// The plugin answered with something that is not a list of files.
    #[error(
        "the `{channel}` plugin ({}) answered step `{step}` with something that is not a list of files: {detail}; report this to the plugin's author",
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
    /// The plugin named a file with something other than a plain, unique file name.
    #[error(
        "the `{channel}` plugin ({}) wants to write a file named {name} for step `{step}`, which is refused: {reason}; report this to the plugin's author",
        .library.display()
    )]
    BadFileName {
        /// The channel id.
        channel: String,
        /// The library file.
        library: PathBuf,
        /// The step id.
        step: String,
        /// The name as the plugin gave it, quoted and escaped.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
}

impl LoadedPlugin {
    /// Whether the library can export (ABI 1.2 or later).
    pub fn can_export(&self) -> bool {
        self.backend.capabilities().export
    }

    /// Exports one drafted step as files, checked: every name is a plain file name
    /// (see [`check_file_name`]) given once, and every content is decoded.
    ///
    /// # Errors
    ///
    /// Returns why the plugin could not: it predates exporting, reported an error,
    /// panicked (caught on its side), answered with something that is not a list of
    /// files, or named a file unsafely.
    pub fn export(&self, request: &ExportRequest) -> Result<Vec<ExportFile>, ExportError> {
        let channel = self.manifest.id.clone();
        let library = self.path.clone();
        let step = request.step.id.clone();
        if !self.can_export() {
            return Err(ExportError::NotSupported {
                channel,
                library,
                version: format!("{}.{}", abi_major(self.abi_version), abi_minor(self.abi_version)),
            });
        }
        let invalid = |detail: String| ExportError::Invalid {
            channel: channel.clone(),
            library: library.clone(),
            step: step.clone(),
            detail,
        };
        let input = serde_json::to_vec(request)
            .map_err(|err| invalid(format!("the request could not be written: {err}")))?;
        let (status, bytes) =
            self.backend.call(Call::Export, &input).map_err(|failure| match failure {
                CallFailure::BadBuffer(detail) => invalid(detail),
                CallFailure::Stopped(detail) => ExportError::Stopped {
                    channel: channel.clone(),
                    library: library.clone(),
                    step: step.clone(),
                    detail,
                },
            })?;
        let answer: ExportedFiles = match status {
            STATUS_OK => answer::parse(&bytes, EXPORT_ANSWER_SCHEMA).map_err(invalid)?,
            STATUS_ERROR => {
                let message = answer::message(&bytes);
                return Err(ExportError::Failed { channel, library, step, message });
            }
            STATUS_PANIC => {
                let message = answer::message(&bytes);
                return Err(ExportError::Panicked { channel, library, step, message });
            }
            other => {
                return Err(invalid(format!(
                    "unknown status {other}: {}",
                    answer::message(&bytes)
                )));
            }
        };
        decode_files(answer).map_err(|problem| match problem {
            FileProblem::BadName { name, reason } => ExportError::BadFileName {
                channel: channel.clone(),
                library: library.clone(),
                step: step.clone(),
                name,
                reason,
            },
            FileProblem::NotBase64 { name, detail } => {
                invalid(format!("`content_base64` of {name} is not base64: {detail}"))
            }
        })
    }
}

/// What is wrong with one file of an export answer, as [`decode_files`] finds it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FileProblem {
    /// The name is not a plain file name, or the answer gives it twice.
    BadName {
        /// The name as the plugin gave it, quoted and escaped.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The content is not base64.
    NotBase64 {
        /// The file's name, quoted and escaped.
        name: String,
        /// The decoder's message.
        detail: String,
    },
}

/// Judges a plugin's export answer as the host does before anything is written: every
/// name a plain file name (see [`check_file_name`]) given once, whatever its case, and
/// every content decoded from base64. The conformance suite calls it on a channel run
/// in process, so that both are judged by one recipe.
///
/// # Errors
///
/// The first file that breaks a rule, and how.
pub fn decode_files(answer: ExportedFiles) -> Result<Vec<ExportFile>, FileProblem> {
    let mut files: Vec<ExportFile> = Vec::with_capacity(answer.files.len());
    for file in answer.files {
        let quoted = one_line(&format!("{:?}", file.name));
        let bad_name = |reason: String| FileProblem::BadName { name: quoted.clone(), reason };
        check_file_name(&file.name).map_err(bad_name)?;
        if files.iter().any(|earlier| earlier.name.eq_ignore_ascii_case(&file.name)) {
            return Err(bad_name("the answer names that file twice".to_string()));
        }
        let content =
            base64::engine::general_purpose::STANDARD.decode(&file.content_base64).map_err(
                |err| FileProblem::NotBase64 { name: quoted.clone(), detail: err.to_string() },
            )?;
        files.push(ExportFile { name: file.name, media_type: file.media_type, content });
    }
    Ok(files)
}
