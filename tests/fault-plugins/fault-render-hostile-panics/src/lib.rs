//! A valid ABI 1.1 plugin that drafts ordinary interviews but panics on a long one: it
//! copies the request into a fixed-size buffer. The panic is caught inside the library
//! (STATUS_PANIC); `followup plugins check` must report it.

#[macro_use]
#[path = "../../abi.rs"]
mod abi;

export_plugin! {
    version: abi::abi_version(1, 1),
    table_size: abi::TABLE_SIZE,
    manifest: good_manifest,
    render: fixed_buffer_render
}

unsafe extern "C" fn good_manifest(out: *mut abi::Buffer) -> u32 {
    // SAFETY: the host passes a writable buffer.
    unsafe { abi::answer(out, || (abi::STATUS_OK, abi::GOOD_MANIFEST.as_bytes().to_vec())) }
}

/// Big enough for any ordinary request, not for one with 5000-character fields.
const BUFFER: usize = 16 * 1024;

unsafe extern "C" fn fixed_buffer_render(
    input: *const u8,
    input_len: usize,
    out: *mut abi::Buffer,
) -> u32 {
    // SAFETY: the host passes `input_len` readable bytes at `input`.
    let request = unsafe { std::slice::from_raw_parts(input, input_len) };
    let body = || {
        let mut buffer = [0u8; BUFFER];
        // The bug: panics when the request is longer than the buffer.
        buffer[..request.len()].copy_from_slice(request);
        let draft = r#"{"body":"Thank you for the interview.","checks":[{"name":"personal","level":"pass","message":"names the interviewer"}]}"#;
        (abi::STATUS_OK, draft.as_bytes().to_vec())
    };
    // SAFETY: the host passes a writable buffer.
    unsafe { abi::answer(out, body) }
}
