//! The C ABI between the host and a plugin: the only types that cross the boundary.
//!
//! The handshake is two exported functions. The host first calls
//! [`ABI_VERSION_SYMBOL`] and refuses a library whose major version differs from its
//! own, or whose minor version is newer; only then does it call [`ENTRY_SYMBOL_V1`],
//! which returns a static [`PluginTable`]. The table starts with the ABI version and its
//! own size, so later minor versions can only append fields and the host can tell which
//! fields a library has.
//!
//! Every call returns a status and fills a [`Buffer`] with JSON (on success) or a UTF-8
//! message (on error or caught panic). The buffer is allocated by the plugin and must
//! be handed back to the same plugin's `free_buffer`: each library has its own
//! allocator.
//!
//! For plugins written in other languages, `include/followup_plugin.h` in this crate
//! describes the same ABI in C (names, layout, sizes, ownership); a test compiles it
//! and compares every size, offset and constant with this module. Whatever is added
//! here must be added there too.

/// Packs a major and a minor version: major in the high 16 bits, minor in the low.
pub const fn abi_version(major: u16, minor: u16) -> u32 {
    ((major as u32) << 16) | minor as u32
}

/// The major part of a packed ABI version.
pub const fn abi_major(version: u32) -> u16 {
    (version >> 16) as u16
}

/// The minor part of a packed ABI version.
pub const fn abi_minor(version: u32) -> u16 {
    (version & 0xffff) as u16
}

/// The ABI version this crate speaks: 1.2.
///
/// - 1.0: `manifest` and `free_buffer`.
/// - 1.1: appends `render`, which drafts one step.
/// - 1.2: appends `export`, which turns a drafted step into files.
pub const ABI_VERSION: u32 = abi_version(1, 2);

/// The exported `extern "C" fn() -> u32` that returns the library's ABI version.
pub const ABI_VERSION_SYMBOL: &str = "followup_plugin_abi_version";

/// The exported `extern "C" fn() -> *const PluginTable` for ABI major version 1.
pub const ENTRY_SYMBOL_V1: &str = "followup_plugin_entry_v1";

/// The call succeeded; the buffer holds JSON.
pub const STATUS_OK: u32 = 0;
/// The call failed; the buffer holds a UTF-8 message. For `render`, a plugin built with
/// this crate writes a [`RenderFailure`](followup_core::draft::RenderFailure) as JSON
/// (the message, and the template that failed); the host reads any other text as the
/// message alone, as plugins built before it send.
pub const STATUS_ERROR: u32 = 1;
/// The plugin panicked and caught it; the buffer holds the panic message.
pub const STATUS_PANIC: u32 = 2;

/// Bytes owned by the library that allocated them.
///
/// It is a `Vec<u8>` taken apart; only that library's `free_buffer` may put it back
/// together and free it.
#[repr(C)]
#[derive(Debug)]
pub struct Buffer {
    /// Start of the bytes; null for an empty buffer.
    pub ptr: *mut u8,
    /// Number of bytes.
    pub len: usize,
    /// Capacity of the allocation.
    pub cap: usize,
}

impl Buffer {
    /// An empty buffer that owns nothing.
    pub const EMPTY: Buffer = Buffer { ptr: std::ptr::null_mut(), len: 0, cap: 0 };
}

/// The entry points of a plugin, ABI major version 1.
///
/// New fields are only ever appended. `abi_version` says which of them a library has,
/// and `table_size` must be at least that minor version's size
/// ([`TABLE_SIZE_V1_0`], [`TABLE_SIZE_V1_1`], [`TABLE_SIZE_V1_2`]); the host refuses a
/// shorter table.
#[repr(C)]
pub struct PluginTable {
    /// The ABI version, as from the version function.
    pub abi_version: u32,
    /// `size_of::<PluginTable>()` in the library that built the table.
    pub table_size: u32,
    /// Writes the channel manifest as JSON into `out`; returns a status.
    pub manifest: unsafe extern "C" fn(out: *mut Buffer) -> u32,
    /// Frees a buffer this library returned.
    pub free_buffer: unsafe extern "C" fn(buffer: Buffer),
    /// Since 1.1. Drafts one step: reads a JSON render request of `input_len` bytes at
    /// `input` and writes the JSON draft into `out`; returns a status.
    pub render: unsafe extern "C" fn(input: *const u8, input_len: usize, out: *mut Buffer) -> u32,
    /// Since 1.2. Exports one drafted step as files: reads a JSON export request of
    /// `input_len` bytes at `input` and writes the JSON list of files (contents in
    /// base64) into `out`; returns a status.
    pub export: unsafe extern "C" fn(input: *const u8, input_len: usize, out: *mut Buffer) -> u32,
}

/// The size of a 1.0 table: every field before `render`. No table may be shorter.
pub const TABLE_SIZE_V1_0: usize = std::mem::offset_of!(PluginTable, render);

/// The size of a 1.1 table: every field before `export`. A table that says 1.1 is at
/// least this long.
pub const TABLE_SIZE_V1_1: usize = std::mem::offset_of!(PluginTable, export);

/// The size of a 1.2 table: a table that says 1.2 is at least this long.
pub const TABLE_SIZE_V1_2: usize = size_of::<PluginTable>();
