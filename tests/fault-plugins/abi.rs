//! A hand-written copy of the C ABI in `crates/followup-plugin/src/abi.rs`, shared by
//! the fault plugins through `#[path]`. It is copied rather than depended on so that a
//! fault can break any part of it, as a foreign or outdated build would. Its
//! [`PluginTable`] is the table of ABI 1.1, which a 1.2 host still loads (minor
//! versions only append); [`PluginTableV1_0`] is the table as it was before `render`
//! was appended, and [`PluginTableV1_2`] the table with `export` appended.

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

/// The entry table of ABI 1.1, the version the host speaks.
#[repr(C)]
pub struct PluginTable {
    pub abi_version: u32,
    pub table_size: u32,
    pub manifest: unsafe extern "C" fn(out: *mut Buffer) -> u32,
    pub free_buffer: unsafe extern "C" fn(buffer: Buffer),
    /// Since 1.1.
    pub render: unsafe extern "C" fn(input: *const u8, input_len: usize, out: *mut Buffer) -> u32,
}

/// The entry table of ABI 1.0, as a library built before `render` was appended
/// declares it.
#[repr(C)]
pub struct PluginTableV1_0 {
    pub abi_version: u32,
    pub table_size: u32,
    pub manifest: unsafe extern "C" fn(out: *mut Buffer) -> u32,
    pub free_buffer: unsafe extern "C" fn(buffer: Buffer),
}

/// The entry table of ABI 1.2: the 1.1 table with `export` appended.
#[repr(C)]
pub struct PluginTableV1_2 {
    pub abi_version: u32,
    pub table_size: u32,
    pub manifest: unsafe extern "C" fn(out: *mut Buffer) -> u32,
    pub free_buffer: unsafe extern "C" fn(buffer: Buffer),
    pub render: unsafe extern "C" fn(input: *const u8, input_len: usize, out: *mut Buffer) -> u32,
    /// Since 1.2.
    pub export: unsafe extern "C" fn(input: *const u8, input_len: usize, out: *mut Buffer) -> u32,
}

/// The size of a complete 1.2 table.
pub const TABLE_SIZE_V1_2: u32 = std::mem::size_of::<PluginTableV1_2>() as u32;

// The 1.1 table must be exactly the 1.2 table without its last field, as in the real
// ABI (`TABLE_SIZE_V1_1 = offset_of!(PluginTable, export)`).
const _: () = assert!(TABLE_SIZE as usize == std::mem::offset_of!(PluginTableV1_2, export));

/// The size of a complete 1.1 table.
pub const TABLE_SIZE: u32 = std::mem::size_of::<PluginTable>() as u32;

/// The size of a complete 1.0 table: every field before `render`.
pub const TABLE_SIZE_V1_0: u32 = std::mem::size_of::<PluginTableV1_0>() as u32;

// The 1.0 table must be exactly the 1.1 table without its last field, as in the real
// ABI (`TABLE_SIZE_V1_0 = offset_of!(PluginTable, render)`).
const _: () = assert!(TABLE_SIZE_V1_0 as usize == std::mem::offset_of!(PluginTable, render));

/// A manifest that is valid in every respect, for faults that lie elsewhere. Its id fits a library installed as
/// the plugin for `pigeon`.
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
/// the entry function returning a table with `$table_size`, `$manifest` and, when
/// given, `$render` and `$export`. Without `render` the table has the 1.0 layout, as a
/// library built before drafting existed; with it, the 1.1 layout; with `export` too,
/// the 1.2 layout. The module that includes this file needs `#[macro_use]`.
#[allow(unused_macros, reason = "the fault without an entry table exports by hand")]
macro_rules! export_plugin {
    (version: $version:expr, table_size: $table_size:expr, manifest: $manifest:expr) => {
        #[unsafe(no_mangle)]
        pub extern "C" fn followup_plugin_abi_version() -> u32 {
            $version
        }

        #[unsafe(no_mangle)]
        pub extern "C" fn followup_plugin_entry_v1() -> *const abi::PluginTableV1_0 {
            static TABLE: abi::PluginTableV1_0 = abi::PluginTableV1_0 {
                abi_version: $version,
                table_size: $table_size,
                manifest: $manifest,
                free_buffer: abi::free_buffer,
            };
            &TABLE
        }
    };
    (
        version: $version:expr,
        table_size: $table_size:expr,
        manifest: $manifest:expr,
        render: $render:expr $(,)?
    ) => {
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
                render: $render,
            };
            &TABLE
        }
    };
    (
        version: $version:expr,
        table_size: $table_size:expr,
        manifest: $manifest:expr,
        render: $render:expr,
        export: $export:expr $(,)?
    ) => {
        #[unsafe(no_mangle)]
        pub extern "C" fn followup_plugin_abi_version() -> u32 {
            $version
        }

        #[unsafe(no_mangle)]
        pub extern "C" fn followup_plugin_entry_v1() -> *const abi::PluginTableV1_2 {
            static TABLE: abi::PluginTableV1_2 = abi::PluginTableV1_2 {
                abi_version: $version,
                table_size: $table_size,
                manifest: $manifest,
                free_buffer: abi::free_buffer,
                render: $render,
                export: $export,
            };
            &TABLE
        }
    };
}
