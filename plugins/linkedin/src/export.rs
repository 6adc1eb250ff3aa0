//! A connection request as a file: the interviewer's profile address and the note to
//! paste into LinkedIn's "Add a note" box.

use followup_plugin::{ExportRequest, ExportedFiles, exported_file, single_line};

/// One `.txt` per step.
pub fn files(request: &ExportRequest) -> Result<ExportedFiles, String> {
    let recipient = request.recipient();
    let name = single_line(recipient.name);
    let mut text = format!("LinkedIn connection request to {name}\n");
    match recipient.linkedin.map(single_line).filter(|address| !address.is_empty()) {
        Some(address) => text.push_str(&format!("Profile: {address}\n")),
        None => text.push_str(&format!(
            "Profile: not given; search LinkedIn for {name}, or add `linkedin` to the interview file\n"
        )),
    }
    let note = request.draft.body.trim_end();
    let cap = request.draft.meta.get("cap").and_then(|value| value.as_u64());
    let chars = note.chars().count();
    match cap {
        Some(cap) => text.push_str(&format!(
            "\nNote to paste into \"Add a note\" ({chars} of {cap} characters):\n\n"
        )),
        None => text.push_str("\nNote to paste into \"Add a note\":\n\n"),
    }
    text.push_str(note);
    text.push('\n');
    Ok(ExportedFiles {
        files: vec![exported_file(
            format!("{}.txt", request.step.id),
            "text/plain; charset=utf-8",
            text.as_bytes(),
        )],
    })
}
