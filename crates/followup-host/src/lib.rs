//! Finds, loads and verifies followup channel plugins.
//!
//! A channel plugin is a shared library named `followup_<channel>` (`libfollowup_sms.so`,
//! `libfollowup_sms.dylib`, `followup_sms.dll`) that speaks the C ABI of
//! [`followup_plugin::abi`]. This crate walks a [`SearchPath`] of directories in order,
//! opens each candidate, performs the handshake (ABI version first, then the entry
//! table), asks the plugin for its [`ChannelManifest`] and checks it. The result is a
//! [`Registry`]: the plugins that loaded and, for every file that did not, a
//! [`Refusal`] whose one-line message says what is wrong and what to do.
//!
//! ```
//! use followup_host::{Origin, SearchPath, load_plugins};
//!
//! // The workspace's own plugins, built for tests (the CLI puts its install folders
//! // and `--plugins` here).
//! let plugins = followup_test_support::workspace_plugins_dir();
//! let mut search = SearchPath::new();
//! search.push(plugins, Origin::CommandLine);
//! let registry = load_plugins(&search);
//! for refusal in &registry.refused {
//!     eprintln!("warning: {refusal}");
//! }
//! let email = registry.get("email").expect("the email plugin loads");
//! assert!(email.can_draft());
//! assert!(registry.manifests().iter().any(|m| m.id == "sms"));
//! ```
//!
//! What this crate is not:
//!
//! - It is the only crate that opens libraries, and it does not read environment
//!   variables, the clock or configuration: the caller (the CLI) decides where to look
//!   and passes the directories in, see [`SearchPath::standard`].
//! - It does not print; refusals are values the caller reports.
//! - It is not a sandbox. Opening a library runs its initialisers before any check.
//!   In process ([`PluginIsolation::InProcess`]) a plugin that crashes takes the process
//!   with it; with [`PluginIsolation::Child`] each library runs in its own runner
//!   process under a time limit and an answer size cap, and a crash, hang or huge
//!   answer becomes a refusal or an error naming the file. Either way, only load
//!   plugins from directories the user controls.
//! - It never unloads a library; see [`LoadedPlugin`] for why.
//!
//! [`ChannelManifest`]: followup_core::manifest::ChannelManifest

#![deny(missing_docs)]

mod answer;
mod discover;
mod export;
#[doc(hidden)]
pub mod fuzzing;
mod handshake;
mod isolate;
mod manifest_cache;
mod ownership;
mod refusal;
mod registry;
mod render;
mod search;

pub use export::{ExportError, ExportFile, FileProblem, decode_files};
pub use isolate::{Limits, PluginIsolation, RunnerCommand, serve, serve_stdio};
pub use refusal::{Refusal, RefusalReason};
pub use registry::{LoadedPlugin, Registry, load_plugins};
pub use render::RenderError;
pub use search::{Origin, SearchDir, SearchPath};
