//! The manifest cache (issue 13's start-up): a run describes an unchanged plugin from
//! what it said last time and opens its library only to draft or export with it, so
//! `followup plan` opens none. The dynamic loader's own trace (`LD_DEBUG=files`, glibc)
//! shows which libraries a run opened.

use std::path::Path;

use followup_test_support::ScratchDir;
use followup_tests::{Invocation, Run, run_followup};

const EXAMPLE: &str = "docs/examples/professional-email.toml";
const NOW: &str = "2026-11-24T18:00:00-06:00";

/// Runs `followup` with `home` as its home, tracing the libraries it opens.
fn traced(home: &Path, args: &[&str]) -> Run {
    run_followup(
        args,
        &Invocation {
            home: Some(home),
            shell_prefix: Some("export LD_DEBUG=files"),
            ..Invocation::default()
        },
    )
}

/// The channel plugins the run opened, by file name.
fn opened(run: &Run) -> Vec<String> {
    let mut names: Vec<String> = run
        .stderr
        .lines()
        .filter(|line| line.contains("file=") && line.contains("dynamically loaded"))
        .filter_map(|line| {
            let file = line.split("file=").nth(1)?.split_whitespace().next()?;
            let name = Path::new(file).file_name()?.to_string_lossy().into_owned();
            name.starts_with("libfollowup_").then_some(name)
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

fn cache_file(home: &Path) -> std::path::PathBuf {
    home.join(".cache/followup/manifests.json")
}

#[test]
#[cfg_attr(not(all(target_os = "linux", target_env = "gnu")), ignore = "LD_DEBUG is glibc's")]
fn a_second_plan_opens_no_plugin_and_a_draft_opens_only_its_channels() {
    let home = ScratchDir::new("followup-home");
    let plan = ["plan", EXAMPLE, "--now", NOW, "--no-profile"];

    let first = traced(home.path(), &plan);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert_eq!(opened(&first).len(), 4, "the first run opens every plugin: {:?}", opened(&first));
    assert!(cache_file(home.path()).is_file(), "and remembers their manifests");

    let second = traced(home.path(), &plan);
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert_eq!(opened(&second), Vec::<String>::new(), "a plan needs no library");
    assert_eq!(second.stdout, first.stdout, "and is the same plan");

    let draft = traced(home.path(), &["draft", EXAMPLE, "--now", NOW, "--no-profile"]);
    assert_eq!(draft.code, 0, "{}", draft.stderr);
    assert_eq!(
        opened(&draft),
        ["libfollowup_email.so", "libfollowup_linkedin.so"],
        "a draft opens the channels its plan uses"
    );
    let uncached =
        run_followup(&["draft", EXAMPLE, "--now", NOW, "--no-profile"], &Invocation::default());
    assert_eq!(draft.stdout, uncached.stdout, "the drafts are those of a run without the cache");
}

#[test]
fn a_damaged_cache_is_ignored_and_written_anew() {
    let home = ScratchDir::new("followup-home");
    let plan = ["plan", EXAMPLE, "--now", NOW, "--no-profile"];
    let how = Invocation { home: Some(home.path()), ..Invocation::default() };
    let first = run_followup(&plan, &how);
    assert_eq!(first.code, 0, "{}", first.stderr);

    let cache = cache_file(home.path());
    let text = std::fs::read_to_string(&cache).expect("the cache is written");
    std::fs::write(&cache, &text[..text.len() / 3]).expect("the cache can be damaged");
    let again = run_followup(&plan, &how);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(again.stdout, first.stdout);
    assert_eq!(again.stderr, first.stderr, "a damaged cache is no one's business");
    let rewritten = std::fs::read_to_string(&cache).expect("the cache is written again");
    assert!(serde_json::from_str::<serde_json::Value>(&rewritten).is_ok(), "{rewritten}");
}
