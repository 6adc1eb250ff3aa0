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
    // A draft's answer is a few KiB: starting there spares the buffer's doublings.
    let mut out = Vec::with_capacity(4096);
    serde_json::to_writer(&mut out, value).map_err(|err| format!("cannot write JSON: {err}"))?;
    Ok(out)
}

/// A channel's failure as the render answer's bytes: JSON, so that a template's name
/// and line reach the host as data; its bare message if it cannot be written.
pub fn failure_json(failure: &followup_core::draft::RenderFailure) -> String {
    serde_json::to_string(failure).unwrap_or_else(|_| failure.message.clone())
}

/// Runs `body`, catching any panic, and writes its bytes or message into `out`.
///
/// # Safety
///
/// `out` must be null or point to a writable [`Buffer`].
pub unsafe fn answer(out: *mut Buffer, body: impl FnOnce() -> Result<Vec<u8>, String>) -> u32 {
    silence_panic_output();
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

/// Keeps the plugin's panics off the terminal: a caught panic is reported to the host
/// with its message, and only the host prints. A cdylib carries its own copy of the
/// standard library, so this hook is the plugin's own and leaves the host's alone.
fn silence_panic_output() {
    static SILENCED: std::sync::Once = std::sync::Once::new();
    SILENCED.call_once(|| std::panic::set_hook(Box::new(|_| {})));
}

/// Reads the host's render request.
///
/// # Errors
///
/// Returns a message when the bytes are not a request this plugin understands.
///
/// # Safety
///
/// `input` must point to `input_len` readable bytes (or be null with length 0).
pub unsafe fn read_request(
    input: *const u8,
    input_len: usize,
) -> Result<followup_core::draft::RenderRequest, String> {
    if input.is_null() {
        return Err("the host sent no render request".to_string());
    }
    // SAFETY: the caller guarantees `input_len` readable bytes at `input`.
    let bytes = unsafe { std::slice::from_raw_parts(input, input_len) };
    let request: followup_core::draft::RenderRequest = parse_request(bytes, "render")?;
    if request.request_version > followup_core::draft::RENDER_REQUEST_VERSION {
        return Err(format!(
            "the render request has version {}, newer than this plugin's {}; rebuild the plugin",
            request.request_version,
            followup_core::draft::RENDER_REQUEST_VERSION
        ));
    }
    Ok(request)
}

/// Reads a request's JSON, naming the `kind` of request in an error. The bytes are
/// checked as UTF-8 once, whole: read as bytes, serde_json checks every string on its
/// own, which costs more for a request of many short strings.
fn parse_request<T: serde::de::DeserializeOwned>(bytes: &[u8], kind: &str) -> Result<T, String> {
    let text = std::str::from_utf8(bytes)
        .map_err(|err| format!("the {kind} request is not understood: it is not UTF-8 ({err})"))?;
    serde_json::from_str(text).map_err(|err| format!("the {kind} request is not understood: {err}"))
}

/// Reads the host's export request.
///
/// # Errors
///
/// Returns a message when the bytes are not a request this plugin understands.
///
/// # Safety
///
/// `input` must point to `input_len` readable bytes (or be null with length 0).
pub unsafe fn read_export_request(
    input: *const u8,
    input_len: usize,
) -> Result<followup_core::export::ExportRequest, String> {
    if input.is_null() {
        return Err("the host sent no export request".to_string());
    }
    // SAFETY: the caller guarantees `input_len` readable bytes at `input`.
    let bytes = unsafe { std::slice::from_raw_parts(input, input_len) };
    let request: followup_core::export::ExportRequest = parse_request(bytes, "export")?;
    if request.request_version > followup_core::export::EXPORT_REQUEST_VERSION {
        return Err(format!(
            "the export request has version {}, newer than this plugin's {}; rebuild the plugin",
            request.request_version,
            followup_core::export::EXPORT_REQUEST_VERSION
        ));
    }
    Ok(request)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Calls `answer` and takes back what it wrote, freeing the buffer.
    fn call(body: impl FnOnce() -> Result<Vec<u8>, String>) -> (u32, String) {
        let mut out = Buffer::EMPTY;
        // SAFETY: `out` is a valid, writable buffer slot.
        let status = unsafe { answer(&mut out, body) };
        // SAFETY: `out` was filled by `answer` just above; read before freeing once.
        let text = unsafe { String::from_utf8_lossy(std::slice::from_raw_parts(out.ptr, out.len)) }
            .into_owned();
        // SAFETY: the buffer came from `answer` in this library and is freed once.
        unsafe { free_buffer(out) };
        (status, text)
    }

    #[test]
    fn success_error_and_panic_become_statuses() {
        assert_eq!(call(|| Ok(b"{}".to_vec())), (STATUS_OK, "{}".to_string()));
        assert_eq!(call(|| Err("no".to_string())), (STATUS_ERROR, "no".to_string()));
        let (status, message) = call(|| panic!("boom {}", 42));
        assert_eq!(status, STATUS_PANIC);
        assert_eq!(message, "boom 42");
    }

    #[test]
    fn null_out_pointer_is_an_error_not_a_crash() {
        // SAFETY: a null `out` is allowed and must be refused.
        let status = unsafe { answer(std::ptr::null_mut(), || Ok(Vec::new())) };
        assert_eq!(status, STATUS_ERROR);
    }
}
