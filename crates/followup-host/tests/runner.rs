//! The runner side of plugins in a child process (issue 14): `serve` answers the
//! handshake first, then one frame per request, carrying the same JSON as the C ABI.
//! The host side (starting the runner, the time limit, the size cap, a crash) is
//! tested end to end through `followup` in `tests/e2e/isolation.rs`, since the runner
//! is the CLI's own executable.

use followup_test_support::{ScratchDir, workspace_plugin};

/// One answer frame: the status, then the bytes.
type Frame = (u32, Vec<u8>);

/// Splits what `serve` wrote into its frames (a `u32` status, a `u64` length, bytes).
fn frames(mut bytes: &[u8]) -> Vec<Frame> {
    let mut frames = Vec::new();
    while !bytes.is_empty() {
        let status = u32::from_le_bytes(bytes[..4].try_into().expect("4 bytes"));
        let len = u64::from_le_bytes(bytes[4..12].try_into().expect("8 bytes")) as usize;
        frames.push((status, bytes[12..12 + len].to_vec()));
        bytes = &bytes[12 + len..];
    }
    frames
}

/// A request frame: the call's byte, a `u64` length, the bytes.
fn request(call: u8, body: &[u8]) -> Vec<u8> {
    let mut frame = vec![call];
    frame.extend_from_slice(&(body.len() as u64).to_le_bytes());
    frame.extend_from_slice(body);
    frame
}

#[test]
fn a_runner_says_it_is_ready_then_answers_each_request() {
    let library = workspace_plugin("email");
    let mut input = request(0, b"");
    input.extend(request(0, b""));
    let mut output = Vec::new();
    followup_host::serve(&library, input.as_slice(), &mut output).expect("in-memory pipes");

    let frames = frames(&output);
    assert_eq!(frames.len(), 3, "the handshake and two manifests");
    let hello: serde_json::Value = serde_json::from_slice(&frames[0].1).expect("JSON");
    assert_eq!(
        hello,
        serde_json::json!({"Ready": {"abi_version": followup_plugin::abi::ABI_VERSION, "render": true, "export": true}})
    );
    for (status, manifest) in &frames[1..] {
        assert_eq!(*status, followup_plugin::abi::STATUS_OK);
        let manifest: serde_json::Value = serde_json::from_slice(manifest).expect("JSON");
        assert_eq!(manifest["id"], "email");
    }
}

#[test]
fn a_runner_for_a_file_that_is_no_library_says_why_and_stops() {
    let scratch = ScratchDir::new("runner-not-a-library");
    let fake = scratch.write("libfollowup_pigeon.so", "not a library");
    let mut output = Vec::new();
    // The request is never read: the runner stops after its handshake.
    followup_host::serve(&fake, request(0, b"").as_slice(), &mut output).expect("pipes");
    let frames = frames(&output);
    assert_eq!(frames.len(), 1, "only the handshake");
    let hello: serde_json::Value = serde_json::from_slice(&frames[0].1).expect("JSON");
    assert!(hello["NotALibrary"]["detail"].is_string(), "{hello}");
}
