//! A valid ABI 1.1 plugin whose drafts carry no checks, as if it never ran the shared
//! ones. `followup plugins check` must catch it: every draft says how it was checked.

#[macro_use]
#[path = "../../abi.rs"]
mod abi;

export_plugin! {
    version: abi::abi_version(1, 1),
    table_size: abi::TABLE_SIZE,
    manifest: good_manifest,
    render: unchecked_render
}

unsafe extern "C" fn good_manifest(out: *mut abi::Buffer) -> u32 {
    // SAFETY: the host passes a writable buffer.
    unsafe { abi::answer(out, || (abi::STATUS_OK, abi::GOOD_MANIFEST.as_bytes().to_vec())) }
}

unsafe extern "C" fn unchecked_render(
    _input: *const u8,
    _input_len: usize,
    out: *mut abi::Buffer,
) -> u32 {
    let draft = r#"{"body":"Thank you for the interview.","checks":[]}"#;
    // SAFETY: the host passes a writable buffer.
    unsafe { abi::answer(out, || (abi::STATUS_OK, draft.as_bytes().to_vec())) }
}
