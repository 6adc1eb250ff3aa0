//! Why a file was not loaded as a plugin, and what the user can do about it.
//!
//! A refusal is not an error of the whole load: the other plugins still load, and the
//! caller decides how loudly to report it. Its message is one line: the file, what is
//! wrong, and after `help:` what to do.

use std::fmt;
use std::path::PathBuf;

use followup_plugin::abi::{ABI_VERSION, abi_major, abi_minor};

/// A file that was found but not loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The file (canonical when it could be resolved) or the directory that could not be
    /// read.
    pub path: PathBuf,
    /// What is wrong with it.
    pub reason: RefusalReason,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}; help: {}", self.path.display(), self.reason, self.reason.advice())
    }
}

impl std::error::Error for Refusal {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.reason)
    }
}

/// Why a file was not loaded as a plugin.
///
/// Texts that come from the system or from the plugin itself are reduced to one line
/// and a bounded length before they are stored here.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RefusalReason {
    /// A search directory exists but could not be listed, or a file in it could not be
    /// resolved (a dangling link, missing permissions).
    #[error("cannot be read: {detail}")]
    Unreadable {
        /// The system's message.
        detail: String,
    },
    /// The system refused to open the file as a shared library.
    #[error("is not a loadable library: {detail}")]
    NotALibrary {
        /// The system's message.
        detail: String,
    },
    /// The library lacks one of the functions of the handshake.
    #[error("does not export `{symbol}`")]
    MissingSymbol {
        /// The missing symbol.
        symbol: &'static str,
    },
    /// The library speaks an ABI version this host does not.
    #[error(
        "speaks plugin ABI {}, but this followup speaks {}",
        show_abi(*.found),
        show_abi(*.expected)
    )]
    AbiMismatch {
        /// The packed version the library reported.
        found: u32,
        /// The packed version of this host.
        expected: u32,
    },
    /// The entry table is missing, too short, or contradicts the version function.
    #[error("has a broken entry table: {detail}")]
    BadTable {
        /// What is wrong with the table.
        detail: String,
    },
    /// The plugin answered its manifest call with a buffer the host cannot read (a null
    /// pointer with a length).
    #[error("answered its manifest call with a buffer the host cannot read: {detail}")]
    BadBuffer {
        /// What is wrong with the buffer.
        detail: String,
    },
    /// The plugin panicked while producing its manifest (and caught the panic).
    #[error("panicked while describing itself: {message}")]
    ManifestPanicked {
        /// The panic message.
        message: String,
    },
    /// The plugin reported an error instead of its manifest.
    #[error("could not describe itself: {message}")]
    ManifestFailed {
        /// The plugin's message.
        message: String,
    },
    /// The manifest is not valid JSON, does not have the manifest's shape, or breaks one
    /// of its rules.
    #[error("returned an invalid manifest: {detail}")]
    ManifestInvalid {
        /// What is wrong, with the field path.
        detail: String,
    },
    /// The manifest's channel id differs from the one in the file name.
    #[error("declares channel `{id}`, but its file name is for channel `{file_channel}`")]
    IdMismatch {
        /// The id the manifest declares.
        id: String,
        /// The channel named by the file name.
        file_channel: String,
    },
    /// Another user could replace the file or plant one beside it: the file or its
    /// folder is writable by others, or owned by another user who is not root.
    #[error("is not safe to load: {detail}")]
    Unsafe {
        /// What is wrong, such as `its folder /x is writable by others (mode 0777)`.
        detail: String,
        /// The path to fix.
        fix: PathBuf,
    },
    /// The plugin's runner process (see [`PluginIsolation::Child`]) crashed, did not
    /// answer within the time limit or answered over the size limit while the library
    /// was opened or described itself, and was stopped.
    ///
    /// [`PluginIsolation::Child`]: crate::PluginIsolation::Child
    #[error("failed in its runner process while loading: it {detail}")]
    Stopped {
        /// What happened, as the end of a sentence starting with "it", such as
        /// `crashed (signal SIGSEGV, a segmentation fault)`.
        detail: String,
    },
    /// An earlier file already provides this channel.
    #[error("declares channel `{id}`, which {} already provides", .first.display())]
    DuplicateChannel {
        /// The channel id.
        id: String,
        /// The file that provides it and was loaded.
        first: PathBuf,
    },
}

impl RefusalReason {
    /// What the user can do about it, as a lowercase phrase.
    pub fn advice(&self) -> String {
        let rebuild = format!(
            "rebuild the plugin with `followup_plugin::declare_channel!`, or {HEADER_ADVICE}"
        );
        match self {
            RefusalReason::Unreadable { .. } => {
                "check that the path exists and is readable".to_string()
            }
            RefusalReason::NotALibrary { .. } => {
                "remove the file, or replace it with a plugin built for this system".to_string()
            }
            RefusalReason::MissingSymbol { .. } | RefusalReason::BadTable { .. } => rebuild,
            RefusalReason::BadBuffer { .. } => format!(
                "answer with bytes the plugin allocated, or `ptr` NULL and `len` 0; {HEADER_ADVICE}"
            ),
            RefusalReason::AbiMismatch { found, expected } => {
                if abi_major(*found) == abi_major(*expected) {
                    format!(
                        "upgrade followup, or rebuild the plugin against followup-plugin (or followup_plugin.h) with ABI {}",
                        show_abi(*expected)
                    )
                } else {
                    format!(
                        "rebuild the plugin against followup-plugin (or followup_plugin.h) with ABI {}.x",
                        abi_major(*expected)
                    )
                }
            }
            RefusalReason::ManifestPanicked { .. }
            | RefusalReason::ManifestFailed { .. }
            | RefusalReason::Stopped { .. } => {
                "report this to the plugin's author, or remove the file".to_string()
            }
            RefusalReason::ManifestInvalid { .. } => {
                "fix the plugin's manifest and rebuild it, or remove the file".to_string()
            }
            RefusalReason::IdMismatch { id, .. } => {
                format!("rename the file to {}", library_file_name(id))
            }
            RefusalReason::DuplicateChannel { .. } => "remove one of the two files".to_string(),
            RefusalReason::Unsafe { fix, .. } => format!(
                "make {} writable only by you (`chmod go-w`, owned by you or root), as ssh asks of its keys",
                fix.display()
            ),
        }
    }

    /// An ABI mismatch against this host's version.
    pub(crate) fn abi_mismatch(found: u32) -> RefusalReason {
        RefusalReason::AbiMismatch { found, expected: ABI_VERSION }
    }
}

/// Where an author in another language than Rust finds the rules, as the end of a
/// piece of advice.
pub(crate) const HEADER_ADVICE: &str = "for other languages see `followup_plugin.h` (crates/followup-plugin/include) and the ABI reference in docs/writing-a-plugin.md";

/// A packed ABI version as `major.minor`.
fn show_abi(version: u32) -> String {
    format!("{}.{}", abi_major(version), abi_minor(version))
}

/// The file name a plugin for `channel` has on this system.
pub(crate) fn library_file_name(channel: &str) -> String {
    use std::env::consts::{DLL_PREFIX, DLL_SUFFIX};
    format!("{DLL_PREFIX}followup_{channel}{DLL_SUFFIX}")
}

/// The longest text from outside the host that a refusal repeats, in characters.
const MAX_FOREIGN_TEXT: usize = 300;

/// Reduces a message from the system or a plugin to one bounded line: a refusal is
/// printed as one line, and a plugin must not be able to flood the terminal.
pub(crate) fn one_line(text: &str) -> String {
    let mut line = followup_core::one_line::one_line(text);
    if let Some((cut, _)) = line.char_indices().nth(MAX_FOREIGN_TEXT) {
        line.truncate(cut);
        line.push('…');
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_joins_lines_and_bounds_length() {
        assert_eq!(one_line("  first\nsecond\t third \n"), "first second third");
        let long = "x".repeat(MAX_FOREIGN_TEXT + 10);
        assert_eq!(one_line(&long).chars().count(), MAX_FOREIGN_TEXT + 1);
    }

    #[test]
    fn abi_versions_show_as_major_dot_minor() {
        let reason = RefusalReason::AbiMismatch {
            found: followup_plugin::abi::abi_version(2, 3),
            expected: followup_plugin::abi::abi_version(1, 0),
        };
        assert_eq!(reason.to_string(), "speaks plugin ABI 2.3, but this followup speaks 1.0");
        assert_eq!(
            reason.advice(),
            "rebuild the plugin against followup-plugin (or followup_plugin.h) with ABI 1.x"
        );
    }
}
