//! Reports ABI 1.99: a library built against a newer followup-plugin whose table this
//! host may not know. Everything else is valid.

#[macro_use]
#[path = "../../abi.rs"]
mod abi;

export_plugin! {
    version: abi::abi_version(1, 99),
    table_size: abi::TABLE_SIZE_V1_0,
    manifest: good_manifest
}

unsafe extern "C" fn good_manifest(out: *mut abi::Buffer) -> u32 {
    // SAFETY: the host passes a writable buffer.
    unsafe { abi::answer(out, || (abi::STATUS_OK, abi::GOOD_MANIFEST.as_bytes().to_vec())) }
}
