//! `followup export` under pressure (issue 14, "Exports never clobber"): simultaneous
//! exports into one folder, a file-size limit that would kill the process, and the
//! temporary files a killed run left behind. Each test failed before the fix.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use followup_test_support::{ScratchDir, followup_binary};
use followup_tests::{Invocation, run_followup, workspace_root};

/// The interview every export here writes: three emails and a letter.
const INTERVIEW: &str = "docs/examples/panel.toml";
/// Two present moments: exports at each differ only in the calendar's stamp.
const NOW: &str = "2026-11-24T18:00:00-06:00";
const LATER: &str = "2026-11-25T09:00:00-06:00";

/// Starts `followup export INTERVIEW --out out --now now` in a clean environment.
fn start_export(home: &Path, out: &Path, now: &str) -> Child {
    Command::new(followup_binary())
        .args(["export", INTERVIEW, "--out"])
        .arg(out)
        .args(["--now", now])
        .current_dir(workspace_root())
        .env_clear()
        .env("HOME", home)
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the followup binary starts")
}

fn finish(child: Child) -> Output {
    child.wait_with_output().expect("the export runs to its end")
}

/// Every file in `dir` by name.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|err| panic!("cannot list {}: {err}", dir.display()))
        .map(|entry| {
            let entry = entry.expect("a readable entry");
            let content = std::fs::read(entry.path()).expect("a readable file");
            (entry.file_name().to_string_lossy().into_owned(), content)
        })
        .collect()
}

/// What one export at `now` writes into an empty folder.
fn reference(home: &ScratchDir, now: &str) -> BTreeMap<String, Vec<u8>> {
    let out = home.path().join(format!("reference-{now}"));
    let output = finish(start_export(home.path(), &out, now));
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    files(&out)
}

/// Issue 14: of 300 pairs of simultaneous exports, 89 runs exited 0 with files missing
/// (one run removed, on its rollback, files the other had counted as unchanged), and
/// in 3 pairs one run's files were replaced without `--force`.
#[test]
fn simultaneous_exports_into_one_folder_take_turns() {
    let home = ScratchDir::new("export-race");
    let now = reference(&home, NOW);
    let later = reference(&home, LATER);
    for pair in 0..8 {
        // The same export twice: both succeed and every file is there.
        let out = home.path().join(format!("same-{pair}"));
        let (a, b) = (start_export(home.path(), &out, NOW), start_export(home.path(), &out, NOW));
        for output in [finish(a), finish(b)] {
            assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        }
        assert_eq!(files(&out), now, "pair {pair}: both exports exit 0, so all files are there");

        // Two exports that differ: one wins whole, the other writes nothing.
        let out = home.path().join(format!("differ-{pair}"));
        let (a, b) = (start_export(home.path(), &out, NOW), start_export(home.path(), &out, LATER));
        let (a, b) = (finish(a), finish(b));
        let won = [a.status.success(), b.status.success()];
        assert_eq!(won.iter().filter(|w| **w).count(), 1, "pair {pair}: exactly one export wins");
        let loser = if won[0] { &b } else { &a };
        let refusal = String::from_utf8_lossy(&loser.stderr);
        assert!(refusal.contains("nothing was written"), "pair {pair}: {refusal}");
        let expected = if won[0] { &now } else { &later };
        assert_eq!(&files(&out), expected, "pair {pair}: the winner's files, none replaced");
    }
}

/// Runs an export of INTERVIEW into `out` under the shell snippet `prefix`.
fn export_under(home: &Path, out: &Path, prefix: &str) -> followup_tests::Run {
    let out = out.display().to_string();
    run_followup(
        &["export", INTERVIEW, "--out", &out, "--now", NOW],
        &Invocation {
            home: Some(home),
            shell_prefix: Some(prefix),
            keep_paths: true,
            ..Invocation::default()
        },
    )
}

/// Issue 14: under `ulimit -f 4` the process was killed by SIGXFSZ mid-export, leaving
/// a temporary file and five of six files.
#[test]
fn a_file_size_limit_is_an_error_and_rolls_back() {
    let home = ScratchDir::new("export-xfsz");
    let out = home.path().join("out");
    std::fs::create_dir_all(&out).expect("the folder exists");
    // No `trap '' XFSZ` here: the signal keeps its default action, which kills.
    let run = export_under(home.path(), &out, "ulimit -f 8");
    assert_eq!(run.code, 1, "exits with an error, not killed by a signal: {}", run.stderr);
    assert!(run.stderr.contains(": cannot write the file"), "{}", run.stderr);
    assert!(run.stderr.contains("no file is half-written"), "{}", run.stderr);
    assert_eq!(files(&out), BTreeMap::new(), "created files are removed, no temporary left");
}

/// Issue 14: temporary files of a killed run stayed in the export folder.
#[test]
fn temporary_files_of_earlier_runs_are_cleaned_up() {
    let home = ScratchDir::new("export-stale");
    let out: PathBuf = home.path().join("out");
    std::fs::create_dir_all(&out).expect("the folder exists");
    let stale = [".followup-4000000-0.tmp", ".thank-you-dana-whitfield-email.eml.4000000.tmp"];
    for name in stale {
        std::fs::write(out.join(name), "half a file").expect("written");
    }
    std::fs::write(out.join("notes.txt"), "mine").expect("written");
    let run = export_under(home.path(), &out, ":");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let names: Vec<String> = files(&out).into_keys().collect();
    assert!(names.iter().all(|n| !n.starts_with('.')), "stale and lock files gone: {names:?}");
    assert!(names.contains(&"notes.txt".to_string()), "other files stay: {names:?}");
}
