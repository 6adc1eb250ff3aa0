//! A valid ABI 1.1 plugin whose drafts change from one call to the next, as one that
//! reads the clock, a random number or its own state would. `followup plugins check`
//! must catch it: the same request must always get the same draft.

#[macro_use]
#[path = "../../abi.rs"]
mod abi;

use std::sync::atomic::{AtomicU32, Ordering};

export_plugin! {
    version: abi::abi_version(1, 1),
    table_size: abi::TABLE_SIZE,
    manifest: good_manifest,
    render: counting_render
}

unsafe extern "C" fn good_manifest(out: *mut abi::Buffer) -> u32 {
    // SAFETY: the host passes a writable buffer.
    unsafe { abi::answer(out, || (abi::STATUS_OK, abi::GOOD_MANIFEST.as_bytes().to_vec())) }
}

static DRAFTS: AtomicU32 = AtomicU32::new(0);

unsafe extern "C" fn counting_render(
    _input: *const u8,
    _input_len: usize,
    out: *mut abi::Buffer,
) -> u32 {
    let n = DRAFTS.fetch_add(1, Ordering::Relaxed);
    let draft = format!(
        r#"{{"body":"Thank you for the interview. (draft {n})","checks":[{{"name":"personal","level":"pass","message":"names the interviewer"}}]}}"#
    );
    // SAFETY: the host passes a writable buffer.
    unsafe { abi::answer(out, || (abi::STATUS_OK, draft.into_bytes())) }
}
