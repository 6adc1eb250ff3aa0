//! Reports an error (STATUS_ERROR) instead of its manifest.

#[macro_use]
#[path = "../../abi.rs"]
mod abi;

export_plugin! {
    version: abi::abi_version(1, 0),
    table_size: abi::TABLE_SIZE_V1_0,
    manifest: failing_manifest
}

unsafe extern "C" fn failing_manifest(out: *mut abi::Buffer) -> u32 {
    // SAFETY: the host passes a writable buffer.
    unsafe { abi::answer(out, || (abi::STATUS_ERROR, b"database unavailable".to_vec())) }
}
