//! Bytes as a plugin's answer, read by the host as it reads every answer: a manifest
//! (read and checked), a draft, a render failure (JSON or text), the files of an export
//! (read, names judged, contents decoded), and an error message made one line.

#![no_main]

use followup_host::fuzzing;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = fuzzing::manifest_answer(data);
    let _ = fuzzing::render_answer(data);
    let _ = fuzzing::render_failure(data);
    let _ = fuzzing::export_answer(data);
    let _ = fuzzing::message(data);
});
