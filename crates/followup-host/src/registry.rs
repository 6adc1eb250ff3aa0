//! The loaded plugins, one per channel id, and the files that were refused.
//!
//! [`load_plugins`] goes through the candidates in search order; a file is loaded when
//! its handshake succeeds, its manifest's id matches its file name, and no earlier file
//! provides that channel. Anything else becomes a [`Refusal`] and loading goes on.

use std::path::PathBuf;

use followup_core::manifest::ChannelManifest;

use crate::discover::discover;
use crate::handshake::{Backend, describe, start};
use crate::manifest_cache::{Identity, ManifestCache, Remembered};
use crate::refusal::{Refusal, RefusalReason};
use crate::search::{Origin, SearchPath};

/// A plugin that loaded and described itself.
///
/// Its library is never unloaded, not even when the registry is dropped. Objects and
/// thread-local destructors created by the library may outlive any handle the host
/// could keep, unloading crashes at thread exit when those run, and some platforms
/// (musl, macOS) do not unload at all. Plugins are few, so keeping them is cheap.
#[derive(Clone, Debug)]
pub struct LoadedPlugin {
    /// The library's canonical path.
    pub path: PathBuf,
    /// The manifest, parsed and checked.
    pub manifest: ChannelManifest,
    /// The packed ABI version the library reported (see [`followup_plugin::abi`]).
    pub abi_version: u32,
    /// Where the directory that holds it came from.
    pub origin: Origin,
    /// Where its calls go.
    pub(crate) backend: Backend,
}

/// Two loaded plugins are equal when they are the same file with the same manifest; the
/// entry points follow from the file, since a library is never unloaded.
impl PartialEq for LoadedPlugin {
    fn eq(&self, other: &LoadedPlugin) -> bool {
        self.path == other.path
            && self.manifest == other.manifest
            && self.abi_version == other.abi_version
            && self.origin == other.origin
    }
}

impl LoadedPlugin {
    /// The channel id, such as `sms`.
    pub fn id(&self) -> &str {
        &self.manifest.id
    }
}

/// The outcome of loading a search path.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Registry {
    /// The plugins that loaded, in search order; their ids are unique.
    pub loaded: Vec<LoadedPlugin>,
    /// What was not loaded: first the paths that could not be read, then the refused
    /// files in search order.
    pub refused: Vec<Refusal>,
}

impl Registry {
    /// The manifests of the loaded plugins, in search order.
    pub fn manifests(&self) -> Vec<ChannelManifest> {
        self.loaded.iter().map(|plugin| plugin.manifest.clone()).collect()
    }

    /// The loaded plugin for `channel_id`, if any.
    pub fn get(&self, channel_id: &str) -> Option<&LoadedPlugin> {
        self.loaded.iter().find(|plugin| plugin.id() == channel_id)
    }
}

/// How a candidate library is being described: from the manifest cache, or by opening
/// it (its identity taken first, for the cache).
enum Opening {
    Remembered(Box<Remembered>),
    Started(Option<Identity>, crate::handshake::Pending),
}

/// Loads every plugin in `search`.
///
/// Directories that do not exist are skipped; files named like a plugin
/// (`libfollowup_<channel>.so` on Linux) are opened in search order, and within a
/// directory by name. A file reachable twice is loaded once. When two files declare the
/// same channel, the first one found is loaded and the other refused.
///
/// Loading never fails as a whole: every file that is not loaded becomes a
/// [`Refusal`] in [`Registry::refused`], and the others still load.
///
/// Opening a library runs its code: only search directories the user controls.
///
/// # Example
///
/// ```
/// use followup_host::{Origin, SearchPath, load_plugins};
///
/// let mut search = SearchPath::new();
/// search.push("/this/directory/does/not/exist".into(), Origin::CommandLine);
/// let registry = load_plugins(&search);
/// assert!(registry.loaded.is_empty() && registry.refused.is_empty());
/// ```
pub fn load_plugins(search: &SearchPath) -> Registry {
    let discovery = discover(search);
    let mut registry = Registry { loaded: Vec::new(), refused: discovery.unreadable };
    let mut cache = search.manifest_cache().map(ManifestCache::read);
    // Every runner is started before any is waited for, so that they open their
    // libraries at the same time (in process, this does nothing). A library the cache
    // describes is not opened at all until it is called.
    let pending: Vec<_> = discovery
        .candidates
        .iter()
        .map(|candidate| {
            let identity = cache.as_ref().and_then(|_| Identity::of(&candidate.path));
            match cache.as_ref().and_then(|cache| cache.get(&candidate.path, identity)) {
                Some(remembered) => Opening::Remembered(Box::new(remembered)),
                None => Opening::Started(identity, start(&candidate.path, search.isolation())),
            }
        })
        .collect();
    for (candidate, pending) in discovery.candidates.into_iter().zip(pending) {
        let described = match pending {
            Opening::Remembered(remembered) => {
                Ok(remembered.deferred(&candidate.path, search.isolation()))
            }
            Opening::Started(identity, pending) => {
                let described = describe(&candidate.path, pending);
                if let Some(cache) = cache.as_mut() {
                    cache.learn(&candidate.path, identity, described.as_ref().ok());
                }
                described
            }
        };
        let outcome = described.and_then(|described| {
            let id = &described.manifest.id;
            if *id != candidate.channel {
                return Err(RefusalReason::IdMismatch {
                    id: id.clone(),
                    file_channel: candidate.channel.clone(),
                });
            }
            if let Some(first) = registry.get(id) {
                return Err(RefusalReason::DuplicateChannel {
                    id: id.clone(),
                    first: first.path.clone(),
                });
            }
            Ok(described)
        });
        match outcome {
            Ok(described) => registry.loaded.push(LoadedPlugin {
                path: candidate.path,
                manifest: described.manifest,
                abi_version: described.abi_version,
                origin: candidate.origin,
                backend: described.backend,
            }),
            Err(reason) => registry.refused.push(Refusal { path: candidate.path, reason }),
        }
    }
    if let Some(cache) = &cache {
        cache.save();
    }
    registry
}
