//! Inputs are regular files of bounded size (issue 14): a device or a FIFO named as an
//! interview, a profile, a style's settings or a template is refused at once with a
//! message naming the file, instead of growing memory without end or hanging.

use std::path::{Path, PathBuf};

use followup_test_support::ScratchDir;
use followup_tests::{Run, copy_style_pack, run_followup_capped};

const NOW: &str = "2026-11-24T18:00:00-06:00";

#[track_caller]
fn followup(home: &Path, args: &[&str]) -> Run {
    run_followup_capped(home, args)
}

/// A FIFO at `path`, with no writer: reading it would wait for ever.
fn fifo(path: &Path) -> PathBuf {
    let made = std::process::Command::new("mkfifo").arg(path).status().expect("mkfifo runs");
    assert!(made.success(), "mkfifo {}", path.display());
    path.to_path_buf()
}

/// `path` as a symbolic link to `/dev/zero`, endless input.
fn zeros(path: &Path) -> PathBuf {
    std::os::unix::fs::symlink("/dev/zero", path).expect("a symlink can be made");
    path.to_path_buf()
}

fn style_pack(home: &ScratchDir) -> PathBuf {
    copy_style_pack(home.path())
}

#[track_caller]
fn assert_refused(run: &Run, path: &Path, what: &str) {
    assert_eq!(run.code, 4, "{}", run.stderr);
    let expected =
        format!("{}: cannot read the file: it is {what}, not a regular file", path.display());
    assert!(run.stderr.contains(&expected), "{}", run.stderr);
}

#[test]
fn a_device_or_fifo_as_the_interview_is_refused() {
    let home = ScratchDir::new("input-interview");
    let zero = zeros(&home.path().join("zero.toml"));
    let run = followup(home.path(), &["plan", &zero.display().to_string(), "--now", NOW]);
    assert_refused(&run, &zero, "a device");
    let pipe = fifo(&home.path().join("pipe.json"));
    let run = followup(home.path(), &["draft", &pipe.display().to_string(), "--now", NOW]);
    assert_refused(&run, &pipe, "a FIFO (named pipe)");
    let run = followup(home.path(), &["validate", &pipe.display().to_string()]);
    assert_eq!(run.code, 4, "{}", run.stdout);
    assert!(run.stdout.contains("a FIFO (named pipe), not a regular file"), "{}", run.stdout);
}

#[test]
fn a_device_or_fifo_as_the_profile_is_refused() {
    let home = ScratchDir::new("input-profile");
    let zero = zeros(&home.path().join("me.toml"));
    let args = ["plan", "docs/examples/panel.toml", "--profile", &zero.display().to_string()];
    assert_refused(&followup(home.path(), &args), &zero, "a device");
    // The default profile, found in the config folder, is read the same way.
    let config = home.path().join(".config/followup");
    std::fs::create_dir_all(&config).expect("config folder");
    let pipe = fifo(&config.join("profile.toml"));
    let run = followup(home.path(), &["plan", "docs/examples/panel.toml", "--now", NOW]);
    assert_refused(&run, &pipe, "a FIFO (named pipe)");
}

#[test]
fn a_device_or_fifo_in_a_style_pack_is_refused() {
    let home = ScratchDir::new("input-style");
    let pack = style_pack(&home);
    let template = pack.join("templates/email/thank_you.tera");
    std::fs::remove_file(&template).expect("the template exists");
    fifo(&template);
    let args = ["draft", "docs/examples/panel.toml", "--style", &pack.display().to_string()];
    assert_refused(&followup(home.path(), &args), &template, "a FIFO (named pipe)");

    let settings = pack.join("style.toml");
    std::fs::remove_file(&settings).expect("the settings exist");
    fifo(&settings);
    assert_refused(&followup(home.path(), &args), &settings, "a FIFO (named pipe)");
}
