//! Reports success, but its manifest is not JSON.

#[macro_use]
#[path = "../../abi.rs"]
mod abi;

export_plugin! {
    version: abi::abi_version(1, 0),
    table_size: abi::TABLE_SIZE_V1_0,
    manifest: garbled_manifest
}

unsafe extern "C" fn garbled_manifest(out: *mut abi::Buffer) -> u32 {
    // SAFETY: the host passes a writable buffer.
    unsafe { abi::answer(out, || (abi::STATUS_OK, b"id = pigeon".to_vec())) }
}
