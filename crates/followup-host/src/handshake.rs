//! Opening one library and asking it for its manifest: the only code that calls into a
//! plugin.
//!
//! The steps follow [`followup_plugin::abi`]: open the library, call the version
//! function and refuse a version this host does not speak, fetch the entry table and
//! check its size, call `manifest`, copy the bytes out and hand the buffer back to the
//! plugin's own `free_buffer`, then parse and check the manifest. Whether the manifest's
//! id fits the file name and the other plugins is [`crate::registry`]'s business.
//!
//! Every library opened here stays open for the life of the process, refused or not:
//! its initialisers have already run and may have registered thread-local destructors
//! or exit handlers that point into it, and unloading it would leave those dangling.

use std::path::Path;

use followup_core::manifest::ChannelManifest;
use followup_plugin::abi::{
    ABI_VERSION, ABI_VERSION_SYMBOL, Buffer, ENTRY_SYMBOL_V1, PluginTable, STATUS_ERROR, STATUS_OK,
    STATUS_PANIC, TABLE_SIZE_V1_0, TABLE_SIZE_V1_1, TABLE_SIZE_V1_2, abi_major, abi_minor,
};
use libloading::Library;

use crate::answer::{self, MANIFEST_SCHEMA};
use crate::isolate::{
    Call, CallFailure, Capabilities, Limits, PluginIsolation, Runner, Starting, call_in_process,
};
use crate::refusal::{RefusalReason, one_line};

/// A library that passed the handshake and described itself.
#[derive(Debug)]
pub(crate) struct Described {
    /// The ABI version the library reported.
    pub abi_version: u32,
    /// Its manifest, parsed and checked.
    pub manifest: ChannelManifest,
    /// Where the calls go.
    pub backend: Backend,
}

/// Where a plugin's calls go: into this process, or to its runner.
#[derive(Clone, Debug)]
pub(crate) enum Backend {
    /// The library is loaded here.
    InProcess(Entry),
    /// The library is loaded in a runner process.
    Isolated(std::sync::Arc<Runner>),
    /// Described from the manifest cache: opened on its first call.
    Deferred(std::sync::Arc<Deferred>),
}

/// A library described from the manifest cache, and what opening it gave once it was
/// needed.
#[derive(Debug)]
pub(crate) struct Deferred {
    path: std::path::PathBuf,
    isolation: PluginIsolation,
    /// The ABI version and the calls the cache remembers.
    abi_version: u32,
    capabilities: Capabilities,
    opened: std::sync::OnceLock<Result<Backend, String>>,
}

impl Deferred {
    pub(crate) fn new(
        path: &Path,
        isolation: &PluginIsolation,
        abi_version: u32,
        capabilities: Capabilities,
    ) -> Deferred {
        Deferred {
            path: path.to_path_buf(),
            isolation: isolation.clone(),
            abi_version,
            capabilities,
            opened: std::sync::OnceLock::new(),
        }
    }

    /// The library, opened by the usual handshake on the first call (once, whichever
    /// thread asks first). A library that no longer opens, or now reports another ABI
    /// version, fails every call.
    fn opened(&self) -> Result<&Backend, CallFailure> {
        let opened = self.opened.get_or_init(|| {
            let (abi_version, backend) =
                open_backend(&self.path, start(&self.path, &self.isolation))
                    .map_err(|reason| format!("its library could not be opened: {reason}"))?;
            if abi_version != self.abi_version {
                return Err(format!(
                    "its library changed while it ran (ABI version {abi_version}, not {})",
                    self.abi_version
                ));
            }
            Ok(backend)
        });
        opened.as_ref().map_err(|detail| CallFailure::Stopped(detail.clone()))
    }
}

impl Backend {
    /// Makes one call and returns the plugin's status and answer.
    pub(crate) fn call(&self, call: Call, input: &[u8]) -> Result<(u32, Vec<u8>), CallFailure> {
        match self {
            // In process the answer is already in memory; the cap still spares the
            // copy and the parse of a huge one.
            Backend::InProcess(entry) => {
                call_in_process(*entry, call as u8, input, Limits::DEFAULT_MAX_ANSWER, |s, b| {
                    (s, b.to_vec())
                })
            }
            Backend::Isolated(runner) => runner.call(call, input),
            Backend::Deferred(deferred) => deferred.opened()?.call(call, input),
        }
    }

    /// Which calls beyond the manifest the library's table holds.
    pub(crate) fn capabilities(&self) -> Capabilities {
        match self {
            Backend::InProcess(entry) => {
                Capabilities { render: entry.render.is_some(), export: entry.export.is_some() }
            }
            Backend::Isolated(runner) => runner.capabilities(),
            Backend::Deferred(deferred) => deferred.capabilities,
        }
    }
}

/// The entry points of one library, copied out of its table. Fields a table is too
/// short to hold (an older minor version) are `None`.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    pub(crate) manifest: unsafe extern "C" fn(out: *mut Buffer) -> u32,
    pub(crate) free_buffer: unsafe extern "C" fn(buffer: Buffer),
    pub(crate) render: Option<JsonCall>,
    pub(crate) export: Option<JsonCall>,
}

/// An entry point that takes JSON bytes and writes its answer into a buffer
/// (`render`, `export`).
pub(crate) type JsonCall =
    unsafe extern "C" fn(input: *const u8, input_len: usize, out: *mut Buffer) -> u32;

/// A library on its way to being described: nothing done yet (in process), or its
/// runner started.
pub(crate) enum Pending {
    /// The library will be opened in this process.
    InProcess,
    /// Its runner was started, or could not be.
    Runner(Result<Starting, RefusalReason>),
}

/// Starts what `isolation` needs for the library at `path`: its runner, for a child
/// process.
pub(crate) fn start(path: &Path, isolation: &PluginIsolation) -> Pending {
    match isolation {
        PluginIsolation::InProcess => Pending::InProcess,
        PluginIsolation::Child(command) => Pending::Runner(Runner::spawn(command, path)),
    }
}

/// Opens the library at `path` (canonical and absolute), or waits for its runner to
/// have opened it, and returns its checked manifest.
pub(crate) fn describe(path: &Path, pending: Pending) -> Result<Described, RefusalReason> {
    let (abi_version, backend) = open_backend(path, pending)?;
    let manifest = parse(&call_manifest(&backend)?)?;
    Ok(Described { abi_version, manifest, backend })
}

/// Opens the library at `path`, or waits for its runner to have opened it, and returns
/// its ABI version and where its calls go.
fn open_backend(path: &Path, pending: Pending) -> Result<(u32, Backend), RefusalReason> {
    Ok(match pending {
        Pending::InProcess => {
            let (abi_version, entry) = open_entry(path)?;
            (abi_version, Backend::InProcess(entry))
        }
        Pending::Runner(starting) => {
            let (runner, abi_version) = starting?.ready()?;
            (abi_version, Backend::Isolated(std::sync::Arc::new(runner)))
        }
    })
}

/// Opens the library, checks its version and copies out its entry points.
pub(crate) fn open_entry(path: &Path) -> Result<(u32, Entry), RefusalReason> {
    let library = open(path)?;
    let abi_version = version(library)?;
    let entry = entry_table(library, abi_version)?;
    Ok((abi_version, entry))
}

/// Opens the library and leaks the handle so that it is never unloaded.
fn open(path: &Path) -> Result<&'static Library, RefusalReason> {
    // SAFETY: opening a library runs its initialisers, which no check can precede;
    // that is the documented risk of native plugins, limited by loading only from the
    // directories the user listed. The path is canonical and absolute, so the system's
    // own library search does not substitute another file.
    let library = unsafe { Library::new(path) }.map_err(|err| {
        let detail = std::error::Error::source(&err).map_or(err.to_string(), ToString::to_string);
        // The system usually repeats the path, which the refusal already shows.
        let prefix = format!("{}: ", path.display());
        let detail = detail.strip_prefix(&prefix).unwrap_or(&detail);
        RefusalReason::NotALibrary { detail: one_line(detail) }
    })?;
    Ok(Box::leak(Box::new(library)))
}

/// Calls the version function and refuses a version this host does not speak.
fn version(library: &'static Library) -> Result<u32, RefusalReason> {
    // SAFETY: `followup_plugin::abi` declares this symbol as `extern "C" fn() -> u32`.
    // A library exporting the name with another type is beyond what a check can see.
    let version_fn = unsafe { library.get::<unsafe extern "C" fn() -> u32>(ABI_VERSION_SYMBOL) }
        .map_err(|_| RefusalReason::MissingSymbol { symbol: ABI_VERSION_SYMBOL })?;
    // SAFETY: the function takes nothing and returns a plain integer; the library stays
    // loaded because it is leaked.
    let found = unsafe { version_fn() };
    if abi_major(found) != abi_major(ABI_VERSION) || abi_minor(found) > abi_minor(ABI_VERSION) {
        return Err(RefusalReason::abi_mismatch(found));
    }
    Ok(found)
}

/// The size of the table of minor version `minor` of ABI 1, and its last entry point
/// as a message names it.
fn table_size_for(minor: u16) -> (usize, &'static str) {
    match minor {
        0 => (TABLE_SIZE_V1_0, "`free_buffer`"),
        1 => (TABLE_SIZE_V1_1, "`render`"),
        _ => (TABLE_SIZE_V1_2, "`export` (`export_files` in followup_plugin.h)"),
    }
}

/// Fetches the entry table, checks that it agrees with the version function and holds
/// every entry point of that version, and copies out the entry points it has.
///
/// The version decides which entry points the host uses, and the size is checked
/// against it: a table that says 1.2 but is too short for `export` is refused here,
/// rather than loaded and then told it cannot export. A table longer than its version
/// needs is accepted (a plugin built against a newer header that says an older
/// version), and its later fields are not used.
fn entry_table(library: &'static Library, abi_version: u32) -> Result<Entry, RefusalReason> {
    // SAFETY: `followup_plugin::abi` declares this symbol as
    // `extern "C" fn() -> *const PluginTable`, and the version check above established
    // that the library speaks that ABI.
    let entry_fn =
        unsafe { library.get::<unsafe extern "C" fn() -> *const PluginTable>(ENTRY_SYMBOL_V1) }
            .map_err(|_| RefusalReason::MissingSymbol { symbol: ENTRY_SYMBOL_V1 })?;
    // SAFETY: the function takes nothing and returns a pointer that is checked below.
    let table = unsafe { entry_fn() };
    if table.is_null() {
        return Err(RefusalReason::BadTable { detail: "the entry table is null".to_string() });
    }
    // SAFETY: the pointer is non-null, and the ABI promises a table that starts with
    // two `u32`s (version and size). Only those are read until the size is checked.
    let (table_version, table_size) = unsafe {
        let header = table.cast::<[u32; 2]>();
        let header = header.read();
        (header[0], header[1])
    };
    if table_version != abi_version {
        return Err(RefusalReason::BadTable {
            detail: format!(
                "its `abi_version` says {}.{} but the version function says {}.{}",
                abi_major(table_version),
                abi_minor(table_version),
                abi_major(abi_version),
                abi_minor(abi_version)
            ),
        });
    }
    let minor = abi_minor(abi_version);
    let (needed, last) = table_size_for(minor);
    if (table_size as usize) < needed {
        return Err(RefusalReason::BadTable {
            detail: format!(
                "its `table_size` is {table_size} bytes, but an ABI 1.{minor} table is {needed} (every entry point up to {last})"
            ),
        });
    }
    // SAFETY: the table is at least `TABLE_SIZE_V1_0` bytes long, so the 1.0 fields
    // are inside it; the library, never unloaded, promises the ABI's layout. No
    // reference to the whole table is made, because an older table is shorter.
    let (manifest, free_buffer) = unsafe {
        ((&raw const (*table).manifest).read(), (&raw const (*table).free_buffer).read())
    };
    let render = if minor >= 1 {
        // SAFETY: a 1.1 table is at least `TABLE_SIZE_V1_1` long (checked above).
        Some(unsafe { (&raw const (*table).render).read() })
    } else {
        None
    };
    let export = if minor >= 2 {
        // SAFETY: a 1.2 table is at least `TABLE_SIZE_V1_2` long (checked above).
        Some(unsafe { (&raw const (*table).export).read() })
    } else {
        None
    };
    Ok(Entry { manifest, free_buffer, render, export })
}

/// Calls `manifest` and returns its bytes, or the refusal its status calls for.
fn call_manifest(backend: &Backend) -> Result<Vec<u8>, RefusalReason> {
    let (status, bytes) = backend.call(Call::Manifest, &[]).map_err(|failure| match failure {
        CallFailure::BadBuffer(detail) => RefusalReason::BadBuffer { detail },
        CallFailure::Stopped(detail) => RefusalReason::Stopped { detail },
    })?;
    match status {
        STATUS_OK => Ok(bytes),
        STATUS_ERROR => Err(RefusalReason::ManifestFailed { message: answer::message(&bytes) }),
        STATUS_PANIC => Err(RefusalReason::ManifestPanicked { message: answer::message(&bytes) }),
        other => Err(RefusalReason::ManifestFailed {
            message: format!("unknown status {other}: {}", answer::message(&bytes)),
        }),
    }
}

/// Parses the manifest JSON and checks the rules the types cannot express.
pub(crate) fn parse(bytes: &[u8]) -> Result<ChannelManifest, RefusalReason> {
    let manifest: ChannelManifest = answer::parse(bytes, MANIFEST_SCHEMA)
        .map_err(|detail| RefusalReason::ManifestInvalid { detail })?;
    manifest.check().map_err(|problems| {
        let detail = problems
            .iter()
            .map(|problem| format!("{}: {}", problem.field, problem.message))
            .collect::<Vec<_>>()
            .join("; ");
        RefusalReason::ManifestInvalid { detail: one_line(&detail) }
    })?;
    Ok(manifest)
}
