//! Returns a manifest that is well-formed JSON of the right shape but breaks its rules:
//! the id `Bad Id`, and no recipients or purposes.

#[macro_use]
#[path = "../../abi.rs"]
mod abi;

export_plugin! {
    version: abi::abi_version(1, 0),
    table_size: abi::TABLE_SIZE_V1_0,
    manifest: invalid_manifest
}

const INVALID_MANIFEST: &str = r#"{
    "manifest_version": 1,
    "id": "Bad Id",
    "name": "Carrier pigeon",
    "version": "0.1.0",
    "description": "A bird that carries a note.",
    "selection": { "mode": "primary" },
    "recipients": [],
    "purposes": []
}"#;

unsafe extern "C" fn invalid_manifest(out: *mut abi::Buffer) -> u32 {
    // SAFETY: the host passes a writable buffer.
    unsafe { abi::answer(out, || (abi::STATUS_OK, INVALID_MANIFEST.as_bytes().to_vec())) }
}
