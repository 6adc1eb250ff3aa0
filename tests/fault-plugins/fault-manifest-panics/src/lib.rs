//! Panics while producing its manifest. The panic is caught inside the library and
//! reported as STATUS_PANIC; it never unwinds into the host.

#[macro_use]
#[path = "../../abi.rs"]
mod abi;

export_plugin! {
    version: abi::abi_version(1, 0),
    table_size: abi::TABLE_SIZE_V1_0,
    manifest: panicking_manifest
}

unsafe extern "C" fn panicking_manifest(out: *mut abi::Buffer) -> u32 {
    // SAFETY: the host passes a writable buffer.
    unsafe { abi::answer(out, || panic!("the pigeon flew off with the manifest")) }
}
