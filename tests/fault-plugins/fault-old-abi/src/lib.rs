//! A valid plugin built against ABI 1.0: its table ends before `render`. A 1.1 host
//! must load it (a minor version only appends) and must not call past its table, so
//! it cannot draft.

#[macro_use]
#[path = "../../abi.rs"]
mod abi;

export_plugin! {
    version: abi::abi_version(1, 0),
    table_size: abi::TABLE_SIZE_V1_0,
    manifest: good_manifest
}

unsafe extern "C" fn good_manifest(out: *mut abi::Buffer) -> u32 {
    // SAFETY: the host passes a writable buffer.
    unsafe { abi::answer(out, || (abi::STATUS_OK, abi::GOOD_MANIFEST.as_bytes().to_vec())) }
}
