//! Returns an entry table that claims to hold only its header (8 bytes), as a library
//! built from a truncated or foreign table definition would.

#[macro_use]
#[path = "../../abi.rs"]
mod abi;

export_plugin! {
    version: abi::abi_version(1, 0),
    table_size: 8,
    manifest: good_manifest
}

unsafe extern "C" fn good_manifest(out: *mut abi::Buffer) -> u32 {
    // SAFETY: the host passes a writable buffer.
    unsafe { abi::answer(out, || (abi::STATUS_OK, abi::GOOD_MANIFEST.as_bytes().to_vec())) }
}
