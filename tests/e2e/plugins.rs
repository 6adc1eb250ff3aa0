//! Writing a channel plugin, as an author does it (issue 6): `followup plugins new`
//! makes a crate that builds outside the workspace and passes `followup plugins
//! check`; the WhatsApp example of `docs/writing-a-plugin.md` passes it and is planned
//! and drafted once installed; so is the Teams example written in C (issue 16);
//! purpose-built faulty plugins, in Rust and in C, are each caught with a clear
//! message.
//!
//! The out-of-tree crates are built into `target/test-plugins/out-of-tree`, shared so
//! that they compile their dependencies once, and apart from the folder that holds the
//! `followup` binary, so that no other test loads them.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use followup_test_support::{
    ScratchDir, build_crate, c_example_plugin, c_fault_plugin, fault_plugin, library_in,
    out_of_tree_target_dir,
};
use followup_tests::{Invocation, Run, run_followup, workspace_root};

/// Runs `followup` from the workspace root in a clean environment with a home of its
/// own; `scratch` is shown as `[SCRATCH]` and the out-of-tree target as `[TARGET]`.
#[track_caller]
fn followup(scratch: &Path, args: &[&str]) -> Run {
    let target = out_of_tree_target_dir();
    run_followup(
        args,
        &Invocation {
            redact: &[(scratch, "[SCRATCH]"), (target.as_path(), "[TARGET]")],
            ..Invocation::default()
        },
    )
}

fn text(path: &Path) -> String {
    path.display().to_string()
}

/// The WhatsApp example's library, built once per test process.
fn whatsapp_library() -> PathBuf {
    static LIBRARY: OnceLock<PathBuf> = OnceLock::new();
    LIBRARY
        .get_or_init(|| {
            let example = workspace_root().join("examples").join("whatsapp");
            library_in(&build_crate(&example, &out_of_tree_target_dir()), "whatsapp")
        })
        .clone()
}

/// A folder holding the WhatsApp plugin, as a user installs it.
fn whatsapp_installed() -> ScratchDir {
    let dir = ScratchDir::new("whatsapp-installed");
    dir.install(&whatsapp_library(), "whatsapp");
    dir
}

/// The moment the plans are seen from: the evening of the shift interview.
const NOW: &str = "2026-11-30T18:00:00-05:00";

#[test]
fn plugins_new_makes_a_crate_that_builds_outside_the_workspace_and_conforms() {
    let scratch = ScratchDir::new("plugins-new");
    let dir = scratch.path().join("followup-demo");
    let run = followup(scratch.path(), &["plugins", "new", "demo", "--dir", &text(&dir)]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    insta::assert_snapshot!("plugins_new_demo", run.transcript());
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).expect("Cargo.toml written");
    assert!(manifest.contains("name = \"followup_demo\""), "{manifest}");
    assert!(manifest.contains("\n[workspace]\n"), "a workspace of its own: {manifest}");
    for file in ["src/lib.rs", "templates/thank_you.tera", "templates/check_in.tera"] {
        assert!(dir.join(file).is_file(), "{file} written");
    }

    // It starts with the workspace's lock file: the same dependency versions, nothing
    // new to download. It is built as it was written, without any edit.
    assert!(dir.join("Cargo.lock").is_file(), "the lock file is copied");
    let library = library_in(&build_crate(&dir, &out_of_tree_target_dir()), "demo");
    let run = followup(scratch.path(), &["plugins", "check", &text(&library)]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    insta::assert_snapshot!("plugins_check_demo", run.transcript());
}

#[test]
fn plugins_new_depends_on_the_followup_checkout_given() {
    // Issue 15: the generated Cargo.toml depended on this checkout by absolute path,
    // with no way to choose another.
    let scratch = ScratchDir::new("plugins-new-followup-path");
    let checkout = scratch.subdir("followup-0.1.0");
    for krate in ["followup-plugin", "followup-conformance"] {
        let dir = checkout.join("crates").join(krate);
        std::fs::create_dir_all(&dir).expect("scratch is writable");
        std::fs::write(dir.join("Cargo.toml"), "[package]\n").expect("scratch is writable");
    }
    let dir = scratch.path().join("followup-demo");
    let run = followup(
        scratch.path(),
        &["plugins", "new", "demo", "--dir", &text(&dir), "--followup-path", &text(&checkout)],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).expect("Cargo.toml written");
    for krate in ["followup-plugin", "followup-conformance"] {
        let line = format!("{krate} = {{ path = \"{}/crates/{krate}\" }}", text(&checkout));
        assert!(manifest.contains(&line), "`{line}` is missing:\n{manifest}");
    }
    let readme = std::fs::read_to_string(dir.join("README.md")).expect("README.md written");
    assert!(!readme.contains("]()"), "no empty link:\n{readme}");

    let run = followup(
        scratch.path(),
        &[
            "plugins",
            "new",
            "demo",
            "--dir",
            &text(&scratch.path().join("x")),
            "--followup-path",
            "/nowhere",
        ],
    );
    insta::assert_snapshot!(run.transcript(), @r"
    exit: 2
    --- stderr
    error: --followup-path /nowhere: not a followup checkout (there is no crates/followup-plugin/Cargo.toml); give the folder of a followup checkout or of an unpacked source release
    ");
    assert!(!scratch.path().join("x").exists(), "nothing was written");
}

#[test]
fn plugins_new_refuses_a_name_that_is_no_channel_id() {
    let scratch = ScratchDir::new("plugins-new-bad-name");
    let dir = text(&scratch.path().join("x"));
    let run = followup(scratch.path(), &["plugins", "new", "WhatsApp", "--dir", &dir]);
    insta::assert_snapshot!(run.transcript(), @r"
    exit: 2
    --- stderr
    error: `WhatsApp` is not a channel id: use lower-case letters, digits and `_`, starting with a letter (such as `whatsapp` or `ats_inbox`)
    ");
    let run = followup(scratch.path(), &["plugins", "new", "plugin", "--dir", &dir]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(run.stderr.contains("one of followup's own crates"), "{}", run.stderr);
    assert!(!scratch.path().join("x").exists(), "nothing was written");
}

#[test]
fn plugins_new_never_writes_into_a_folder_that_is_not_empty() {
    let scratch = ScratchDir::new("plugins-new-existing");
    let dir = scratch.subdir("mine");
    std::fs::write(dir.join("notes.txt"), "keep me").expect("file written");
    let run = followup(scratch.path(), &["plugins", "new", "demo", "--dir", &text(&dir)]);
    insta::assert_snapshot!(run.transcript(), @r"
    exit: 1
    --- stderr
    error: [SCRATCH]/mine: the folder exists and is not empty; choose another --dir, nothing was written
    ");
    assert_eq!(std::fs::read_to_string(dir.join("notes.txt")).expect("kept"), "keep me");
    let entries: Vec<_> = std::fs::read_dir(scratch.path()).expect("scratch").collect();
    assert_eq!(entries.len(), 1, "no staging folder is left behind");

    // An empty folder is fine: the crate takes its place.
    let empty = scratch.subdir("empty");
    let run = followup(scratch.path(), &["plugins", "new", "demo", "--dir", &text(&empty)]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(empty.join("src").join("lib.rs").is_file());
}

#[test]
fn the_whatsapp_example_conforms() {
    let run = followup(Path::new("/nowhere"), &["plugins", "check", &text(&whatsapp_library())]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    insta::assert_snapshot!("plugins_check_whatsapp", run.transcript());

    let run = followup(
        Path::new("/nowhere"),
        &["plugins", "check", &text(&whatsapp_library()), "--format", "json"],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
    assert_eq!(report["channel"], "whatsapp");
    let rows = report["rows"].as_array().expect("rows");
    assert!(rows.iter().all(|row| row["status"] == "pass"), "{report}");
}

#[test]
fn whatsapp_is_planned_and_drafted_where_it_was_established() {
    let installed = whatsapp_installed();
    let dir = text(installed.path());
    let fixture = "examples/whatsapp/shift-whatsapp.toml";
    let run = followup(installed.path(), &["plan", fixture, "--plugin-dir", &dir, "--now", NOW]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    for line in [
        "1. Thank-you by WhatsApp to Marcus Bell (interviewer)",
        "2. Check-in 1 by WhatsApp to Marcus Bell (interviewer)",
        "   - Marcus Bell said WhatsApp was fine",
        "   - WhatsApp goes only between 08:00 and 21:00 in Marcus's time",
        "  - Text message is not suggested: nobody at Lakeside Distribution said text message was fine",
    ] {
        assert!(run.stdout.contains(line), "`{line}` is missing:\n{}", run.stdout);
    }

    let run = followup(
        installed.path(),
        &["draft", fixture, "--plugin-dir", &dir, "--channel", "whatsapp", "--format", "json"],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let drafts: serde_json::Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
    let drafts = drafts.as_array().expect("a list of drafts");
    assert_eq!(drafts.len(), 3, "the thank-you and two check-ins");
    for draft in drafts {
        assert_eq!(draft["channel"], "whatsapp");
        assert!(draft["subject"].is_null());
        let body = draft["body"].as_str().expect("a body");
        assert!(body.starts_with("Hi Marcus, it's Jordan Lee."), "{body}");
        let checks = draft["checks"].as_array().expect("checks");
        assert!(checks.iter().any(|c| c["name"] == "length" && c["level"] == "pass"), "{draft}");
    }
}

#[test]
fn whatsapp_is_skipped_without_consent() {
    // shift-text.toml established text, not WhatsApp: the plan stays as it was, and
    // says why WhatsApp was left out.
    let installed = whatsapp_installed();
    let dir = text(installed.path());
    let run = followup(
        installed.path(),
        &["plan", "docs/examples/shift-text.toml", "--plugin-dir", &dir, "--now", NOW],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(run.stdout.contains("1. Thank-you by Text message to Marcus Bell"), "{}", run.stdout);
    assert!(!run.stdout.contains("by WhatsApp"), "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "  - WhatsApp is not suggested: nobody at Lakeside Distribution said WhatsApp was fine"
        ),
        "{}",
        run.stdout
    );
}

/// Runs `followup plugins check` on the fault plugin `fault`, installed as the plugin
/// for `pigeon` (the channel its manifest declares).
#[track_caller]
fn check_fault(fault: &str) -> Run {
    let scratch = ScratchDir::new(&format!("fault-{fault}"));
    let library = scratch.install(&fault_plugin(fault), "pigeon");
    followup(scratch.path(), &["plugins", "check", &text(&library)])
}

#[test]
fn faulty_plugins_are_caught_each_with_a_clear_message() {
    // Each fault, and the check that must catch it.
    let faults = [
        ("abi_major", "handshake"),
        ("no_entry", "handshake"),
        ("short_table", "handshake"),
        ("old_abi", "handshake"),
        ("manifest_panics", "manifest"),
        ("manifest_invalid", "manifest"),
        ("render_error", "render.thank_you"),
        ("render_not_json", "render.thank_you"),
        ("render_panics", "no_panic"),
        ("render_hostile_panics", "hostile.long"),
        ("render_nondeterministic", "deterministic"),
        ("render_over_limit", "limits"),
        ("render_no_checks", "checks"),
    ];
    for (fault, check) in faults {
        let run = check_fault(fault);
        assert_eq!(run.code, 1, "{fault} fails the check: {}", run.transcript());
        let failed = format!("  FAIL  {check} ");
        assert!(run.stdout.contains(&failed), "{fault} fails `{check}`:\n{}", run.stdout);
        // Only stdout: these hand-written faults print their own panics on stderr,
        // with a thread id that changes from run to run.
        insta::assert_snapshot!(format!("fault_{fault}"), run.stdout);
    }
}

#[test]
fn a_file_that_is_no_plugin_library_is_caught() {
    let scratch = ScratchDir::new("check-not-a-library");
    let fake = scratch.write(&followup_test_support::plugin_file_name("pigeon"), "not a library");
    let run = followup(scratch.path(), &["plugins", "check", &text(&fake)]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.contains("  FAIL  handshake ")
            && run.stdout.contains("is not a loadable library")
    );

    // Named like no plugin: followup would never load it.
    let run = followup(scratch.path(), &["plugins", "check", &text(&fault_plugin("render_error"))]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(run.stdout.contains("  FAIL  file_name "), "{}", run.stdout);
    assert!(run.stdout.contains("set `[lib] name = \"followup_<id>\"`"), "{}", run.stdout);

    let missing = text(&scratch.path().join("libfollowup_nothing.so"));
    let run = followup(scratch.path(), &["plugins", "check", &missing]);
    insta::assert_snapshot!(run.transcript(), @r"
    exit: 4
    --- stderr
    error: [SCRATCH]/libfollowup_nothing.so: cannot read the file: No such file or directory (os error 2)
    ");
}

/// A folder holding the Teams plugin (`examples/teams/teams.c`), as a user installs it.
fn teams_installed() -> ScratchDir {
    let dir = ScratchDir::new("teams-installed");
    dir.install(&c_example_plugin(), "teams");
    dir
}

#[test]
fn the_teams_example_in_c_conforms() {
    let installed = teams_installed();
    let library = installed.path().join(followup_test_support::plugin_file_name("teams"));
    let run = followup(installed.path(), &["plugins", "check", &text(&library)]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    insta::assert_snapshot!("plugins_check_teams", run.transcript());
    let run =
        followup(installed.path(), &["plugins", "check", &text(&library), "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
    let rows = report["rows"].as_array().expect("rows");
    assert!(rows.iter().all(|row| row["status"] == "pass"), "{report}");
    assert!(rows.iter().any(|row| row["name"] == "export.check_in"), "{report}");
}

#[test]
fn teams_in_c_is_planned_drafted_and_exported_where_it_was_established() {
    let installed = teams_installed();
    let dir = text(installed.path());
    let fixture = "examples/teams/professional-teams.toml";
    let now = "2026-11-24T18:00:00-06:00";
    let run = followup(installed.path(), &["plan", fixture, "--plugin-dir", &dir, "--now", now]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    for line in [
        "1. Thank-you by Microsoft Teams to Dana Whitfield (interviewer)",
        "2. Check-in 1 by Microsoft Teams to Dana Whitfield (interviewer)",
        "   - Microsoft Teams goes only between 08:00 and 18:00 in Dana's time",
    ] {
        assert!(run.stdout.contains(line), "`{line}` is missing:\n{}", run.stdout);
    }

    let run = followup(
        installed.path(),
        &["draft", fixture, "--plugin-dir", &dir, "--channel", "teams", "--format", "json"],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let drafts: serde_json::Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
    let drafts = drafts.as_array().expect("a list of drafts");
    assert_eq!(drafts.len(), 3, "the thank-you and two check-ins");
    assert_eq!(
        drafts[0]["body"],
        "Hi Dana, thank you for talking with me about the Data Analyst role at Northwind \
         Analytics. I enjoyed our conversation and I am even more excited about the chance to \
         join the team.\n\nAna Ruiz"
    );
    for draft in drafts {
        assert_eq!(draft["channel"], "teams");
        let checks = draft["checks"].as_array().expect("checks");
        assert!(checks.iter().any(|c| c["name"] == "length" && c["level"] == "pass"), "{draft}");
    }

    let out = installed.path().join("out");
    let run = followup(
        installed.path(),
        &["export", fixture, "--plugin-dir", &dir, "--out", &text(&out), "--now", now],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let note = std::fs::read_to_string(out.join("thank-you-dana-whitfield-teams.txt"))
        .expect("the thank-you is exported as a text file");
    assert!(note.starts_with("Hi Dana, thank you") && note.ends_with("\n\nAna Ruiz\n"), "{note}");
}

#[test]
fn an_export_the_host_would_refuse_fails_the_check() {
    // Each broken C plugin, and what the snapshot shows: a name that leaves the folder,
    // and a media type that is no type/subtype with empty content.
    for fault in ["export_escapes", "export_sloppy"] {
        let scratch = ScratchDir::new(&format!("c-fault-{fault}"));
        let library = scratch.install(&c_fault_plugin(fault), "pigeon");
        let run = followup(scratch.path(), &["plugins", "check", &text(&library)]);
        assert_eq!(run.code, 1, "{fault} fails the check: {}", run.transcript());
        assert!(run.stdout.contains("  FAIL  export.thank_you "), "{fault}:\n{}", run.stdout);
        insta::assert_snapshot!(format!("c_fault_{fault}"), run.stdout);
    }
}
