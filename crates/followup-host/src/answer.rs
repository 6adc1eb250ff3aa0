//! Reading what a plugin answers: the bytes out of its buffer, then the JSON into the
//! type its published schema is generated from, with the field path of any mistake.
//!
//! A plugin may be written in any language, so the messages speak of what crossed the
//! boundary (an empty answer, a null pointer with a length, the field that is wrong)
//! and name the schema the answer must follow, never only a parser's position.

use followup_plugin::abi::Buffer;
use serde::de::DeserializeOwned;

use crate::handshake::Entry;
use crate::refusal::one_line;

/// The published schema of the manifest, for messages.
pub(crate) const MANIFEST_SCHEMA: &str = "manifest.schema.json";
/// The published schema of a render answer, for messages.
pub(crate) const RENDER_ANSWER_SCHEMA: &str = "render-answer.schema.json";
/// The published schema of an export answer, for messages.
pub(crate) const EXPORT_ANSWER_SCHEMA: &str = "export-answer.schema.json";

/// Hands the bytes of a plugin's buffer to `read` and then gives the buffer back to
/// the plugin's own `free_buffer`: the plugin's allocator made it, so only the plugin
/// may free it. `read` copies them (in process) or writes them to the host's pipe (in
/// a runner), so that a runner never holds two copies of a large answer.
///
/// # Errors
///
/// A null pointer with a length other than 0, which is nothing the host can read; the
/// message says so in the header's terms. An answer longer than `cap` bytes, which is
/// given back without being read.
pub(crate) fn read_buffer<R>(
    entry: Entry,
    buffer: Buffer,
    cap: u64,
    read: impl FnOnce(&[u8]) -> R,
) -> Result<R, String> {
    if buffer.ptr.is_null() {
        // Nothing was allocated, so there is nothing to give back.
        return if buffer.len == 0 {
            Ok(read(&[]))
        } else {
            Err(format!(
                "its answer buffer has a null `ptr` but a `len` of {} bytes (an empty answer has `ptr` NULL and `len` 0)",
                buffer.len
            ))
        };
    }
    if buffer.len as u64 > cap {
        let len = buffer.len as u64;
        // SAFETY: the buffer came from this plugin and is freed exactly once.
        unsafe { (entry.free_buffer)(buffer) };
        return Err(format!(
            "its answer is {}, over the limit of {}",
            crate::isolate::show_size(len),
            crate::isolate::show_size(cap)
        ));
    }
    // SAFETY: the plugin promises `len` initialised bytes at `ptr`, which it keeps
    // until `free_buffer`; they are read before that call.
    let result = read(unsafe { std::slice::from_raw_parts(buffer.ptr, buffer.len) });
    // SAFETY: the buffer came from this plugin and is freed exactly once.
    unsafe { (entry.free_buffer)(buffer) };
    Ok(result)
}

/// A plugin's message (on an error or a caught panic) as one bounded line, or a note
/// that it gave none.
pub(crate) fn message(bytes: &[u8]) -> String {
    let text = one_line(&String::from_utf8_lossy(bytes));
    if text.is_empty() { "it gave no message".to_string() } else { text }
}

/// Parses a successful answer as `T`, the type `schema` is generated from.
///
/// # Errors
///
/// One line: the answer was empty, or the field path (`checks[0].level`, `.` for the
/// whole answer) and what is wrong there, and the schema to follow.
pub(crate) fn parse<T: DeserializeOwned>(bytes: &[u8], schema: &str) -> Result<T, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(format!(
            "the answer is empty ({} bytes), where a JSON object of {schema} was expected",
            bytes.len()
        ));
    }
    // Most answers are right: read them straight, and only a wrong one again with its
    // field path tracked (which costs about as much as the reading itself).
    // Checked as UTF-8 once, whole, which costs less than serde_json checking each
    // string on its own; an answer that is not UTF-8 gets its message below.
    if let Ok(text) = std::str::from_utf8(bytes)
        && let Ok(value) = serde_json::from_str(text)
    {
        return Ok(value);
    }
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            return one_line(&format!("the answer is not JSON: {inner} (see {schema})"));
        }
        let place = if path == "." { "the answer".to_string() } else { format!("`{path}`") };
        one_line(&format!("{place}: {inner} (see {schema})"))
    })?;
    deserializer.end().map_err(|err| {
        one_line(&format!("the answer goes on after its JSON: {err} (see {schema})"))
    })?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use followup_core::draft::RenderedDraft;

    fn check(json: &str) -> String {
        match parse::<RenderedDraft>(json.as_bytes(), RENDER_ANSWER_SCHEMA) {
            Ok(draft) => format!("ok: {draft:?}"),
            Err(message) => message,
        }
    }

    #[test]
    fn answers_are_judged_by_field() {
        insta::assert_snapshot!(check(""), @"the answer is empty (0 bytes), where a JSON object of render-answer.schema.json was expected");
        insta::assert_snapshot!(check(" \n"), @"the answer is empty (2 bytes), where a JSON object of render-answer.schema.json was expected");
        insta::assert_snapshot!(check(r#"{"body": 5, "checks": []}"#), @"`body`: invalid type: integer `5`, expected a string at line 1 column 10 (see render-answer.schema.json)");
        insta::assert_snapshot!(check(r#"{"body": "x"}"#), @"the answer: missing field `checks` at line 1 column 13 (see render-answer.schema.json)");
        insta::assert_snapshot!(check(r#"{"body": "x", "checks": [{"name": "a", "level": "grand", "message": "m"}]}"#), @"`checks[0].level`: unknown variant `grand`, expected one of `pass`, `warn`, `fail` at line 1 column 55 (see render-answer.schema.json)");
        insta::assert_snapshot!(check(r#"{"body": "x", "checks": []} trailing"#), @"the answer goes on after its JSON: trailing characters at line 1 column 29 (see render-answer.schema.json)");
        insta::assert_snapshot!(check("not json"), @"the answer is not JSON: expected ident at line 1 column 2 (see render-answer.schema.json)");
    }

    #[test]
    fn an_empty_message_says_so() {
        assert_eq!(message(b""), "it gave no message");
        assert_eq!(message(b"  bad\ntemplate "), "bad template");
    }
}
