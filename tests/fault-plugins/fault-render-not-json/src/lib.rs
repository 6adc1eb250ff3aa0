//! A valid ABI 1.1 plugin that reports success from drafting but answers with bytes
//! that are not a draft.

#[macro_use]
#[path = "../../abi.rs"]
mod abi;

export_plugin! {
    version: abi::abi_version(1, 1),
    table_size: abi::TABLE_SIZE,
    manifest: good_manifest,
    render: garbled_render
}

unsafe extern "C" fn good_manifest(out: *mut abi::Buffer) -> u32 {
    // SAFETY: the host passes a writable buffer.
    unsafe { abi::answer(out, || (abi::STATUS_OK, abi::GOOD_MANIFEST.as_bytes().to_vec())) }
}

unsafe extern "C" fn garbled_render(
    _input: *const u8,
    _input_len: usize,
    out: *mut abi::Buffer,
) -> u32 {
    // SAFETY: the host passes a writable buffer.
    unsafe { abi::answer(out, || (abi::STATUS_OK, b"Dear Dana, thank you".to_vec())) }
}
