//! A valid ABI 1.2 plugin that drafts well but exports a file named `../escape.txt`,
//! as a careless or hostile plugin might: the host must refuse the name before anyone
//! writes outside the chosen folder.

#[macro_use]
#[path = "../../abi.rs"]
mod abi;

export_plugin! {
    version: abi::abi_version(1, 2),
    table_size: abi::TABLE_SIZE_V1_2,
    manifest: good_manifest,
    render: good_render,
    export: escaping_export
}

unsafe extern "C" fn good_manifest(out: *mut abi::Buffer) -> u32 {
    // SAFETY: the host passes a writable buffer.
    unsafe { abi::answer(out, || (abi::STATUS_OK, abi::GOOD_MANIFEST.as_bytes().to_vec())) }
}

unsafe extern "C" fn good_render(
    _input: *const u8,
    _input_len: usize,
    out: *mut abi::Buffer,
) -> u32 {
    let draft = r#"{"subject": null, "body": "Thank you, Dana.", "checks": [], "meta": {}}"#;
    // SAFETY: the host passes a writable buffer.
    unsafe { abi::answer(out, || (abi::STATUS_OK, draft.as_bytes().to_vec())) }
}

unsafe extern "C" fn escaping_export(
    _input: *const u8,
    _input_len: usize,
    out: *mut abi::Buffer,
) -> u32 {
    // "Thank you." in base64.
    let files = r#"{"files": [{"name": "../escape.txt", "media_type": "text/plain", "content_base64": "VGhhbmsgeW91Lg=="}]}"#;
    // SAFETY: the host passes a writable buffer.
    unsafe { abi::answer(out, || (abi::STATUS_OK, files.as_bytes().to_vec())) }
}
