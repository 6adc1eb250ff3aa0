//! Helpers for a plugin's own unit tests: call the exported C entry points in process,
//! exactly as the host does, without building or loading the library.

use crate::ChannelManifest;
use crate::abi::{ABI_VERSION, Buffer, PluginTable, STATUS_OK};

/// Calls the exported version and entry functions, asks the table for the manifest and
/// frees the buffer with the table's own `free_buffer`, as the host does.
///
/// Pass the two functions [`declare_channel!`](crate::declare_channel) exported:
/// `manifest_through_table(followup_plugin_abi_version, followup_plugin_entry_v1)`.
///
/// # Panics
///
/// Panics (this is for tests) when the version is not this crate's, the table is null
/// or disagrees with the version, or the manifest call fails or is not JSON.
pub fn manifest_through_table(
    version: extern "C" fn() -> u32,
    entry: extern "C" fn() -> *const PluginTable,
) -> ChannelManifest {
    assert_eq!(version(), ABI_VERSION, "the exported version is this crate's ABI version");
    let table = entry();
    assert!(!table.is_null(), "the entry function returns a table");
    // SAFETY: the entry function returns a pointer to a static table of this crate's
    // layout (the plugin was compiled against this very crate).
    let table = unsafe { &*table };
    assert_eq!(table.abi_version, ABI_VERSION, "the table's version agrees");
    let mut out = Buffer::EMPTY;
    // SAFETY: `out` is a valid, writable slot.
    let status = unsafe { (table.manifest)(&mut out) };
    // SAFETY: `out` holds `len` initialised bytes written by the call above.
    let bytes = unsafe { std::slice::from_raw_parts(out.ptr, out.len) }.to_vec();
    // SAFETY: freed once, by the library that allocated it.
    unsafe { (table.free_buffer)(out) };
    assert_eq!(status, STATUS_OK, "manifest failed: {}", String::from_utf8_lossy(&bytes));
    serde_json::from_slice(&bytes).expect("the manifest crosses the boundary as JSON")
}
