//! The plugin side of the boundary, used by the code [`declare_channel!`] expands to.
//!
//! It turns results and panics into a status and an owned buffer, and frees buffers
//! that come back. Not meant to be called by hand.
//!
//! [`declare_channel!`]: crate::declare_channel

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::abi::{Buffer, STATUS_ERROR, STATUS_OK, STATUS_PANIC};

/// Serialises `value` as JSON.
///
/// # Errors
///
/// Returns the serialiser's message when the value cannot be written.
pub fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, String> {
    serde_json::to_vec(value).map_err(|err| format!("cannot write JSON: {err}"))
}

/// Runs `body`, catching any panic, and writes its bytes or message into `out`.
///
/// # Safety
///
/// `out` must be null or point to a writable [`Buffer`].
pub unsafe fn answer(out: *mut Buffer, body: impl FnOnce() -> Result<Vec<u8>, String>) -> u32 {
    let (status, bytes) = match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(bytes)) => (STATUS_OK, bytes),
        Ok(Err(message)) => (STATUS_ERROR, message.into_bytes()),
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic with a non-text payload".to_string());
            (STATUS_PANIC, message.into_bytes())
        }
    };
    if out.is_null() {
        return STATUS_ERROR;
    }
    let mut bytes = std::mem::ManuallyDrop::new(bytes);
    let buffer = Buffer { ptr: bytes.as_mut_ptr(), len: bytes.len(), cap: bytes.capacity() };
    // SAFETY: the caller guarantees `out` is writable; checked non-null above.
    unsafe { out.write(buffer) };
    status
}

/// Frees a buffer returned by [`answer`] in this same library.
///
/// # Safety
///
/// `buffer` must come from [`answer`] in this library and be freed only once.
pub unsafe extern "C" fn free_buffer(buffer: Buffer) {
    if buffer.ptr.is_null() {
        return;
    }
    // Catching here too: a panic must never unwind into the host.
    let _ = catch_unwind(|| {
        // SAFETY: the parts come from a `Vec<u8>` that `answer` took apart.
        drop(unsafe { Vec::from_raw_parts(buffer.ptr, buffer.len, buffer.cap) });
    });
}
