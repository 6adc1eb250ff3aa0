//! The suite against the plugins followup ships: every one must conform, loaded as a
//! library and (for one of them) called in process. If a bundled plugin fails, either
//! the plugin or the suite is wrong, and the report says which check to look at.

use followup_conformance::{Status, check_channel, check_library};
use followup_test_support::workspace_plugin;

#[test]
fn every_bundled_plugin_conforms_as_a_library() {
    for channel in ["email", "sms", "linkedin", "letter"] {
        let report = check_library(&workspace_plugin(channel));
        assert!(report.passed(), "{report}");
        assert_eq!(report.channel.as_deref(), Some(channel));
        assert!(report.rows.iter().all(|row| row.status != Status::Skip), "{report}");
        for name in ["file_name", "handshake", "manifest", "channel_id", "checks", "no_panic"] {
            let row = report.row(name).unwrap_or_else(|| panic!("no `{name}` row in {report}"));
            assert_eq!(row.status, Status::Pass, "{report}");
        }
    }
}

#[test]
fn a_channel_called_in_process_gets_the_same_checks() {
    let report = check_channel(&followup_email::Email::default());
    assert!(report.passed(), "{report}");
    let library = check_library(&workspace_plugin("email"));
    let about_the_channel = |report: &followup_conformance::Report| -> Vec<(String, String)> {
        report
            .rows
            .iter()
            .filter(|row| !["file_name", "handshake", "channel_id"].contains(&row.name.as_str()))
            .map(|row| (row.name.clone(), row.detail.clone()))
            .collect()
    };
    assert_eq!(
        about_the_channel(&report),
        about_the_channel(&library),
        "the same drafts either way"
    );
}
