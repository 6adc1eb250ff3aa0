//! What the fuzz targets share: the bundled plugins, loaded once per process.
//!
//! The plugins are the workspace's own libraries, built by the main workspace
//! (`cargo build -p followup-email -p followup-letter -p followup-linkedin -p followup-sms`)
//! and loaded through the host as the CLI loads them; `FOLLOWUP_FUZZ_PLUGINS` names
//! another folder. They are not linked in: each plugin crate declares the same C
//! symbols, so only one of them could be.

use std::path::PathBuf;
use std::sync::OnceLock;

use followup_core::manifest::ChannelManifest;
use followup_host::{Origin, Registry, SearchPath, load_plugins};

/// The folder the plugins are loaded from.
fn plugins_dir() -> PathBuf {
    match std::env::var_os("FOLLOWUP_FUZZ_PLUGINS") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../target/debug")),
    }
}

/// The bundled plugins, loaded once.
///
/// # Panics
///
/// Panics, before the first input, when not all four bundled plugins load: a target
/// without them would fuzz less than it claims.
pub fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let dir = plugins_dir();
        let mut search = SearchPath::new();
        search.push(dir.clone(), Origin::CommandLine);
        let registry = load_plugins(&search);
        let ids: Vec<String> = registry.manifests().into_iter().map(|m| m.id).collect();
        for id in ["email", "letter", "linkedin", "sms"] {
            assert!(
                ids.iter().any(|loaded| loaded == id),
                "the {id} plugin did not load from {}; build the plugins first (docs/fuzzing.md)",
                dir.display()
            );
        }
        registry
    })
}

/// The bundled plugins' manifests, read once.
pub fn manifests() -> &'static [ChannelManifest] {
    static MANIFESTS: OnceLock<Vec<ChannelManifest>> = OnceLock::new();
    MANIFESTS.get_or_init(|| registry().manifests())
}
