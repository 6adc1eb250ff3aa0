//! The conformance suite of `followup plugins check`, run on the channel in this
//! process: every purpose for every bundled example, limits, checks, determinism and
//! hostile input. `followup plugins check target/release/libfollowup_whatsapp.so`
//! runs it on the built library too, with the file name and the handshake.

use followup_conformance::Status;
use followup_whatsapp::WhatsApp;

#[test]
fn whatsapp_conforms_without_a_warning() {
    let report = followup_conformance::check_channel(&WhatsApp::default());
    assert!(report.passed(), "{report}");
    let warnings: Vec<_> = report.rows.iter().filter(|row| row.status != Status::Pass).collect();
    assert!(warnings.is_empty(), "{report}");
}
