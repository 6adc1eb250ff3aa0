//! A style pack is data a firm shares with its candidates, so it is untrusted (issue
//! 14): its templates render under a budget (time and output), and it may only bring
//! its own files. Each test here failed before the fix: the string doubled forty times
//! reached 8 GB, the nested loops ran for minutes, and a symbolic link put a file from
//! elsewhere on the machine into the drafts.

use std::path::{Path, PathBuf};

use followup_test_support::ScratchDir;
use followup_tests::{Run, copy_style_pack, run_followup_capped};

/// A copy of the staffing-network style pack in `home`, with its email thank-you
/// replaced by `thank_you` when given.
fn pack_with(home: &ScratchDir, thank_you: Option<&str>) -> PathBuf {
    let to = copy_style_pack(home.path());
    if let Some(text) = thank_you {
        std::fs::write(to.join("templates/email/thank_you.tera"), text).expect("writable");
    }
    to
}

fn draft_args(pack: &Path) -> Vec<String> {
    ["draft", "docs/examples/professional-email.toml", "--style"]
        .iter()
        .map(|a| (*a).to_string())
        .chain([pack.display().to_string()])
        .collect()
}

#[track_caller]
fn run(home: &ScratchDir, args: &[String]) -> Run {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run_followup_capped(home.path(), &args)
}

/// `draft` and `validate PACK` both stop the template and name it.
#[track_caller]
fn assert_over_budget(template: &str, what: &str) {
    let home = ScratchDir::new("style-budget");
    let pack = pack_with(&home, Some(template));
    let started = std::time::Instant::now();
    let drafted = run(&home, &draft_args(&pack));
    assert_ne!(drafted.code, 0, "{}", drafted.stdout);
    assert!(drafted.stderr.contains("thank_you"), "names the template: {}", drafted.stderr);
    assert!(drafted.stderr.contains(what), "says why: {}", drafted.stderr);

    let validated = run(&home, &["validate".to_string(), pack.display().to_string()]);
    assert_ne!(validated.code, 0, "{}", validated.stdout);
    let report = format!("{}{}", validated.stdout, validated.stderr);
    assert!(report.contains("thank_you.tera"), "names the file: {report}");
    assert!(report.contains(what), "says why: {report}");
    // Not a timed assertion of speed: a guard that the budget, not the test harness,
    // stopped it (before the fix each of these ran for minutes).
    assert!(started.elapsed() < std::time::Duration::from_secs(120));
}

#[test]
fn a_template_that_doubles_a_string_forty_times_is_stopped() {
    let template = format!("{{% set s = \"x\" %}}{}{{{{ s }}}}", "{% set s = s ~ s %}".repeat(40));
    assert_over_budget(&template, "was stopped");
}

#[test]
fn nested_loops_are_stopped_at_the_render_budget() {
    let template = "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}Thanks";
    assert_over_budget(template, "render budget of 500 ms");
}

#[test]
fn a_template_that_floods_text_is_stopped_at_the_output_budget() {
    let template =
        "{% for i in range(end=100000) %}{{ company }} {{ company }} {{ company }}\n{% endfor %}";
    assert_over_budget(template, "256 KiB");
}

#[test]
fn a_style_may_not_raise_the_budget_past_its_cap() {
    let home = ScratchDir::new("style-budget-cap");
    let pack = pack_with(&home, None);
    let settings = pack.join("style.toml");
    let mut text = std::fs::read_to_string(&settings).expect("readable");
    text.push_str("\n[render_budget]\nmilliseconds = 60000\n");
    std::fs::write(&settings, text).expect("writable");
    let validated = run(&home, &["validate".to_string(), pack.display().to_string()]);
    assert_ne!(validated.code, 0);
    let report = format!("{}{}", validated.stdout, validated.stderr);
    assert!(report.contains("render_budget.milliseconds"), "{report}");
}

#[test]
fn a_symlinked_template_is_refused_and_its_target_never_read() {
    let home = ScratchDir::new("style-symlink");
    let pack = pack_with(&home, None);
    let secret = home.path().join("id_ed25519.pub");
    std::fs::write(&secret, "ssh-ed25519 AAAASECRETKEY user@host").expect("writable");
    let link = pack.join("templates/email/signature_part.tera");
    std::os::unix::fs::symlink(&secret, &link).expect("a symlink can be made");
    let thank_you = pack.join("templates/email/thank_you.tera");
    let mut text = std::fs::read_to_string(&thank_you).expect("readable");
    text.push_str("\n{% include \"signature_part\" %}\n");
    std::fs::write(&thank_you, text).expect("writable");

    let drafted = run(&home, &draft_args(&pack));
    assert_eq!(drafted.code, 4, "{}", drafted.stderr);
    assert!(!drafted.stdout.contains("SECRETKEY"), "{}", drafted.stdout);
    let expected = format!("{}: cannot read the file: it is a symbolic link", link.display());
    assert!(drafted.stderr.contains(&expected), "{}", drafted.stderr);

    let validated = run(&home, &["validate".to_string(), pack.display().to_string()]);
    assert_ne!(validated.code, 0);
    let report = format!("{}{}", validated.stdout, validated.stderr);
    assert!(report.contains("symbolic link"), "{report}");
    assert!(!report.contains("SECRETKEY"), "{report}");
}

#[test]
fn a_symlinked_channel_folder_is_refused() {
    let home = ScratchDir::new("style-symlink-dir");
    let pack = pack_with(&home, None);
    let elsewhere = home.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).expect("writable");
    std::fs::write(elsewhere.join("thank_you.tera"), "SECRET").expect("writable");
    std::os::unix::fs::symlink(&elsewhere, pack.join("templates/letter")).expect("symlink");
    let drafted = run(&home, &draft_args(&pack));
    assert_eq!(drafted.code, 4, "{}", drafted.stderr);
    assert!(
        drafted.stderr.contains("templates/letter: cannot read the file: it is a symbolic link"),
        "{}",
        drafted.stderr
    );
}

#[test]
fn a_part_that_another_template_includes_counts_as_used() {
    let home = ScratchDir::new("style-include");
    let pack = pack_with(&home, None);
    std::fs::write(pack.join("templates/email/closing_words.tera"), "I enjoyed our talk.")
        .expect("writable");
    let thank_you = pack.join("templates/email/thank_you.tera");
    let mut text = std::fs::read_to_string(&thank_you).expect("readable");
    text.push_str("\n{% include \"closing_words\" %}\n");
    std::fs::write(&thank_you, text).expect("writable");
    let validated = run(&home, &["validate".to_string(), pack.display().to_string()]);
    let report = format!("{}{}", validated.stdout, validated.stderr);
    assert!(!report.contains("never used"), "{report}");
    assert_eq!(validated.code, 0, "{report}");
}
