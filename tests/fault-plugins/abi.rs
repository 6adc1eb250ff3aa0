//! A hand-written copy of the C ABI in `crates/followup-plugin/src/abi.rs`, shared by
//! the fault plugins through `#[path]`. It is copied rather than depended on so that a
//! fault can break any part of it, as a foreign or outdated build would.

#![allow(dead_code, reason = "each fault uses a different part of the ABI")]

use std::panic::{AssertUnwindSafe, catch_unwind};

pub const fn abi_version(major: u16, minor: u16) -> u32 {
    ((major as u32) << 16) | minor as u32
}

pub const STATUS_OK: u32 = 0;
pub const STATUS_ERROR: u32 = 1;
pub const STATUS_PANIC: u32 = 2;

#[repr(C)]
pub struct Buffer {
    pub ptr: *mut u8,
    pub len: usize,
    pub cap: usize,
}

#[repr(C)]
pub struct PluginTable {
    pub abi_version: u32,
    pub table_size: u32,
    pub manifest: unsafe extern "C" fn(out: *mut Buffer) -> u32,
    pub free_buffer: unsafe extern "C" fn(buffer: Buffer),
}

/// The size of a complete version 1 table.
pub const TABLE_SIZE: u32 = std::mem::size_of::<PluginTable>() as u32;

/// A manifest that is valid in every respect, for faults that lie elsewhere.
pub const GOOD_MANIFEST: &str = r#"{
    "manifest_version": 1,
    "id": "pigeon",
    "name": "Carrier pigeon",
    "version": "0.1.0",
    "description": "A bird that carries a note.",
    "selection": { "mode": "primary" },
    "recipients": ["interviewer"],
    "purposes": ["thank_you"]
}"#;

/// Runs `body` under `catch_unwind` and writes its status and bytes into `out`, so
/// that no panic unwinds into the host.
///
/// # Safety
///
/// `out` must point to a writable `Buffer`.
pub unsafe fn answer(out: *mut Buffer, body: impl FnOnce() -> (u32, Vec<u8>)) -> u32 {
    let (status, bytes) = match catch_unwind(AssertUnwindSafe(body)) {
        Ok(answer) => answer,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic with a non-text payload".to_string());
            (STATUS_PANIC, message.into_bytes())
        }
    };
    let mut bytes = std::mem::ManuallyDrop::new(bytes);
    let buffer = Buffer { ptr: bytes.as_mut_ptr(), len: bytes.len(), cap: bytes.capacity() };
    // SAFETY: the caller promises `out` is writable.
    unsafe { out.write(buffer) };
    status
}

/// Frees a buffer made by `answer` in this library.
///
/// # Safety
///
/// `buffer` must come from `answer` in this library and be freed once.
pub unsafe extern "C" fn free_buffer(buffer: Buffer) {
    // SAFETY: the parts come from a `Vec<u8>` that `answer` took apart.
    drop(unsafe { Vec::from_raw_parts(buffer.ptr, buffer.len, buffer.cap) });
}

/// Exports the two handshake functions: a version function returning `$version`, and
/// the entry function returning a table with `$table_size` and `$manifest`. The module
/// that includes this file needs `#[macro_use]`.
#[allow(unused_macros, reason = "the fault without an entry table exports by hand")]
macro_rules! export_plugin {
    (version: $version:expr, table_size: $table_size:expr, manifest: $manifest:expr) => {
        #[unsafe(no_mangle)]
        pub extern "C" fn followup_plugin_abi_version() -> u32 {
            $version
        }

        #[unsafe(no_mangle)]
        pub extern "C" fn followup_plugin_entry_v1() -> *const abi::PluginTable {
            static TABLE: abi::PluginTable = abi::PluginTable {
                abi_version: $version,
                table_size: $table_size,
                manifest: $manifest,
                free_buffer: abi::free_buffer,
            };
            &TABLE
        }
    };
}
