//! A valid ABI 1.1 plugin whose manifest promises messages of at most 160 characters,
//! and whose drafts are longer while its checks say all is well. `followup plugins
//! check` must catch the broken promise.

#[macro_use]
#[path = "../../abi.rs"]
mod abi;

export_plugin! {
    version: abi::abi_version(1, 1),
    table_size: abi::TABLE_SIZE,
    manifest: limited_manifest,
    render: long_render
}

/// The pigeon of `abi::GOOD_MANIFEST`, with a message limit.
const LIMITED_MANIFEST: &str = r#"{
    "manifest_version": 1,
    "id": "pigeon",
    "name": "Carrier pigeon",
    "version": "0.1.0",
    "description": "A bird that carries a short note.",
    "selection": { "mode": "primary" },
    "recipients": ["interviewer"],
    "purposes": ["thank_you"],
    "limits": { "body_chars": 160 }
}"#;

unsafe extern "C" fn limited_manifest(out: *mut abi::Buffer) -> u32 {
    // SAFETY: the host passes a writable buffer.
    unsafe { abi::answer(out, || (abi::STATUS_OK, LIMITED_MANIFEST.as_bytes().to_vec())) }
}

unsafe extern "C" fn long_render(
    _input: *const u8,
    _input_len: usize,
    out: *mut abi::Buffer,
) -> u32 {
    let body = "Thank you for the interview. ".repeat(8);
    let draft = format!(
        r#"{{"body":"{}","checks":[{{"name":"length","level":"pass","message":"fits on the leg of a pigeon"}}]}}"#,
        body.trim_end()
    );
    // SAFETY: the host passes a writable buffer.
    unsafe { abi::answer(out, || (abi::STATUS_OK, draft.into_bytes())) }
}
