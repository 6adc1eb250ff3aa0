//! What each plugin said about itself, remembered between runs, so that a run that only
//! needs the manifests (`followup plan`) does not open a single library.
//!
//! Opening the four bundled plugins is half of a `followup plan` process: mapping and
//! relocating four libraries, running their initialisers and asking each for its
//! manifest. The manifest of a file does not change while the file does not, so the
//! caller may name a cache file ([`crate::SearchPath::set_manifest_cache`]) and
//! [`crate::load_plugins`] then describes an unchanged library from it; the library is
//! opened on its first render or export, by the same handshake as always.
//!
//! A file is unchanged when its size, modification and change times, inode and
//! device are what they were when it was described (what git's index trusts). Only
//! libraries that loaded are remembered; a refused file is opened, and refused, on
//! every run. The cache is only a cache: a missing, unreadable, oversized or
//! malformed file, or one written by another version of this crate, is ignored and
//! written anew, and a cache that cannot be written is not an error. It is written
//! to a temporary file and renamed into place, so two runs at once leave one whole
//! file; the later one wins.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use followup_core::manifest::ChannelManifest;
use serde::{Deserialize, Serialize};

use crate::handshake::{Backend, Deferred, Described};
use crate::isolate::{Capabilities, PluginIsolation};

/// The largest cache file read; a real one holds a few kilobytes per plugin.
const MAX_CACHE_BYTES: u64 = 4 * 1024 * 1024;

/// How many libraries are remembered; the ones described longest ago are forgotten
/// first.
const MAX_ENTRIES: usize = 64;

/// What the file's contents depend on: this crate's version (its handshake and the
/// manifest checks) and the ABI it speaks.
fn format_tag() -> String {
    format!("followup-host {} abi {}", env!("CARGO_PKG_VERSION"), followup_plugin::abi::ABI_VERSION)
}

/// The remembered manifests, read from one file.
#[derive(Debug)]
pub(crate) struct ManifestCache {
    path: PathBuf,
    file: CacheFile,
    changed: bool,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct CacheFile {
    format: String,
    entries: Vec<Entry>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct Entry {
    path: PathBuf,
    identity: FileIdentity,
    described: Remembered,
}

/// What says a file is the one that was described.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct FileIdentity {
    len: u64,
    modified: (i64, i64),
    changed: (i64, i64),
    inode: u64,
    device: u64,
}

impl FileIdentity {
    fn of(path: &Path) -> Option<FileIdentity> {
        let metadata = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Some(FileIdentity {
                len: metadata.len(),
                modified: (metadata.mtime(), metadata.mtime_nsec()),
                changed: (metadata.ctime(), metadata.ctime_nsec()),
                inode: metadata.ino(),
                device: metadata.dev(),
            })
        }
        #[cfg(not(unix))]
        {
            let since = |time: std::io::Result<std::time::SystemTime>| {
                let since = time.ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
                Some((i64::try_from(since.as_secs()).ok()?, i64::from(since.subsec_nanos())))
            };
            Some(FileIdentity {
                len: metadata.len(),
                modified: since(metadata.modified())?,
                changed: since(metadata.created()).unwrap_or_default(),
                inode: 0,
                device: 0,
            })
        }
    }
}

/// What the cache remembers of a library: what its handshake and manifest said.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Remembered {
    abi_version: u32,
    capabilities: Capabilities,
    manifest: ChannelManifest,
}

impl Remembered {
    fn of(described: &Described) -> Remembered {
        Remembered {
            abi_version: described.abi_version,
            capabilities: described.backend.capabilities(),
            manifest: described.manifest.clone(),
        }
    }

    /// The library at `path` described from the cache, to be opened (as `isolation`
    /// says) on its first call.
    pub(crate) fn deferred(self, path: &Path, isolation: &PluginIsolation) -> Described {
        let deferred = Deferred::new(path, isolation, self.abi_version, self.capabilities);
        Described {
            abi_version: self.abi_version,
            manifest: self.manifest,
            backend: Backend::Deferred(std::sync::Arc::new(deferred)),
        }
    }
}

impl ManifestCache {
    /// The cache in `path`; empty when the file is missing or not a cache of this
    /// version.
    pub(crate) fn read(path: &Path) -> ManifestCache {
        let file = read_file(path)
            .filter(|file| file.format == format_tag())
            .unwrap_or_else(|| CacheFile { format: format_tag(), entries: Vec::new() });
        ManifestCache { path: path.to_path_buf(), file, changed: false }
    }

    /// The remembered description of the library at `path`, whose file now has
    /// `identity`: when it is the file that was described and its manifest still
    /// passes the checks.
    pub(crate) fn get(&self, path: &Path, identity: Option<Identity>) -> Option<Remembered> {
        let Identity(identity) = identity?;
        let entry = self.file.entries.iter().find(|entry| entry.path == path)?;
        if identity != entry.identity || entry.described.manifest.check().is_err() {
            return None;
        }
        Some(entry.described.clone())
    }

    /// Learns how describing the library at `path` went: remembers what it said, or
    /// forgets it when it was refused. `identity` is the file's before it was opened,
    /// so a file replaced meanwhile is described again next time.
    pub(crate) fn learn(
        &mut self,
        path: &Path,
        identity: Option<Identity>,
        described: Option<&Described>,
    ) {
        match described {
            Some(described) => self.remember(path, identity, Remembered::of(described)),
            None => self.forget(path),
        }
    }

    fn remember(&mut self, path: &Path, identity: Option<Identity>, described: Remembered) {
        let Some(Identity(identity)) = identity else { return };
        self.forget(path);
        self.file.entries.push(Entry { path: path.to_path_buf(), identity, described });
        if self.file.entries.len() > MAX_ENTRIES {
            let excess = self.file.entries.len() - MAX_ENTRIES;
            self.file.entries.drain(..excess);
        }
        self.changed = true;
    }

    /// Forgets the library at `path` (it was refused, or is about to be remembered
    /// anew).
    fn forget(&mut self, path: &Path) {
        let before = self.file.entries.len();
        self.file.entries.retain(|entry| entry.path != path);
        self.changed |= self.file.entries.len() != before;
    }

    /// Writes the cache when something changed; a cache that cannot be written is
    /// left as it was.
    pub(crate) fn save(&self) {
        if self.changed {
            let _ = write_file(&self.path, &self.file);
        }
    }
}

/// A file's identity, taken before it is opened (see [`ManifestCache::remember`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Identity(FileIdentity);

impl Identity {
    pub(crate) fn of(path: &Path) -> Option<Identity> {
        FileIdentity::of(path).map(Identity)
    }
}

fn read_file(path: &Path) -> Option<CacheFile> {
    let mut bytes = Vec::new();
    File::open(path).ok()?.take(MAX_CACHE_BYTES + 1).read_to_end(&mut bytes).ok()?;
    if bytes.len() as u64 > MAX_CACHE_BYTES {
        return None;
    }
    serde_json::from_slice(&bytes).ok()
}

fn write_file(path: &Path, file: &CacheFile) -> std::io::Result<()> {
    let dir = path.parent().filter(|dir| !dir.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut out = File::create(&temporary)?;
        out.write_all(&serde_json::to_vec(file).map_err(std::io::Error::other)?)?;
        out.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest() -> ChannelManifest {
        serde_json::from_value(followup_core::examples::manifest_example())
            .expect("the schema's example is a manifest")
    }

    fn remembered() -> Remembered {
        let capabilities = Capabilities { render: true, export: false };
        Remembered { abi_version: 1, capabilities, manifest: manifest() }
    }

    #[test]
    fn an_unchanged_file_is_described_from_the_cache_and_a_changed_one_is_not() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let library = dir.path().join("libfollowup_sms.so");
        std::fs::write(&library, b"first build").expect("writable");
        let cache_path = dir.path().join("cache/manifests.json");

        let mut cache = ManifestCache::read(&cache_path);
        assert!(cache.get(&library, Identity::of(&library)).is_none(), "nothing remembered yet");
        cache.remember(&library, Identity::of(&library), remembered());
        cache.save();

        let again = ManifestCache::read(&cache_path);
        let found = again.get(&library, Identity::of(&library)).expect("remembered across runs");
        assert_eq!(found.manifest, manifest());
        assert!(found.capabilities.render && !found.capabilities.export);

        std::fs::write(&library, b"a new build, longer").expect("writable");
        assert!(
            again.get(&library, Identity::of(&library)).is_none(),
            "a rebuilt library is opened again"
        );
    }

    #[test]
    fn a_damaged_or_foreign_cache_is_ignored() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let library = dir.path().join("libfollowup_sms.so");
        std::fs::write(&library, b"build").expect("writable");
        let cache_path = dir.path().join("manifests.json");
        let mut cache = ManifestCache::read(&cache_path);
        cache.remember(&library, Identity::of(&library), remembered());
        cache.save();

        let text = std::fs::read_to_string(&cache_path).expect("written");
        let foreign = text.replace(&format_tag(), "followup-host 0.0.0 abi 0");
        std::fs::write(&cache_path, foreign).expect("writable");
        assert!(
            ManifestCache::read(&cache_path).get(&library, Identity::of(&library)).is_none(),
            "another version"
        );

        std::fs::write(&cache_path, &text[..text.len() / 2]).expect("writable");
        assert!(
            ManifestCache::read(&cache_path).get(&library, Identity::of(&library)).is_none(),
            "cut short"
        );
    }

    #[test]
    fn a_cache_keeps_a_bounded_number_of_libraries() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let mut cache = ManifestCache::read(&dir.path().join("manifests.json"));
        for i in 0..MAX_ENTRIES + 10 {
            let library = dir.path().join(format!("libfollowup_c{i}.so"));
            std::fs::write(&library, b"build").expect("writable");
            cache.remember(&library, Identity::of(&library), remembered());
        }
        assert_eq!(cache.file.entries.len(), MAX_ENTRIES);
        let newest = dir.path().join(format!("libfollowup_c{}.so", MAX_ENTRIES + 9));
        assert!(cache.get(&newest, Identity::of(&newest)).is_some(), "the newest are kept");
    }
}
