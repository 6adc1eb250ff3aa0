//! The documented install (`scripts/install.sh`) into a temporary prefix, and the
//! installed `followup` planning a bundled example from another folder with no flags:
//! it must find its four plugins by itself (issue 15).
//!
//! The script installs the build the other tests already made (`--built`), so this
//! test adds no compilation; its own release build on two cores would take minutes.

use std::process::Command;

use followup_test_support::{ScratchDir, workspace_plugins_dir};
use followup_tests::workspace_root;

#[test]
fn install_then_plan_from_another_folder_with_no_flags() {
    let built = workspace_plugins_dir();
    let prefix = ScratchDir::new("install-prefix");
    let elsewhere = ScratchDir::new("install-elsewhere");
    let status = Command::new("bash")
        .arg(workspace_root().join("scripts/install.sh"))
        .arg("--prefix")
        .arg(prefix.path())
        .arg("--built")
        .arg(&built)
        .env("HOME", elsewhere.path())
        .stdout(std::process::Stdio::null())
        .status()
        .expect("bash runs the install script");
    assert!(status.success(), "scripts/install.sh failed: {status}");
    for installed in [
        "bin/followup",
        "share/followup/plugins/libfollowup_email.so",
        "share/followup/plugins/libfollowup_letter.so",
        "share/man/man1/followup.1",
        "share/man/man1/followup-new.1",
        "share/bash-completion/completions/followup",
        "share/zsh/site-functions/_followup",
        "share/fish/vendor_completions.d/followup.fish",
    ] {
        assert!(prefix.path().join(installed).is_file(), "{installed} is installed");
    }

    let example = workspace_root().join("docs/examples/professional-email.toml");
    let output = Command::new(prefix.path().join("bin/followup"))
        .arg("plan")
        .arg(&example)
        .current_dir(elsewhere.path())
        .env_clear()
        .env("HOME", elsewhere.path())
        .output()
        .expect("the installed followup runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.starts_with("Follow-up plan for Ana Ruiz:"), "{stdout}");
    assert!(
        stdout.contains("Email") && stdout.contains("LinkedIn"),
        "the plugins loaded: {stdout}"
    );

    let doctor = Command::new(prefix.path().join("bin/followup"))
        .arg("doctor")
        .current_dir(elsewhere.path())
        .env_clear()
        .env("HOME", elsewhere.path())
        .output()
        .expect("the installed followup runs");
    let report = String::from_utf8_lossy(&doctor.stdout);
    assert!(report.contains("share/followup/plugins/libfollowup_sms.so"), "{report}");
    assert!(report.contains("no profile; run `followup init`"), "{report}");
    assert_eq!(doctor.status.code(), Some(1), "a missing profile is a problem: {report}");
}
