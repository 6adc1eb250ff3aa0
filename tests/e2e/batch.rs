//! Batch runs (`--jsonl`, issue 13): a stream of interviews in, one JSON line per
//! record out, in input order, with bad records reported on their own lines.

use std::path::{Path, PathBuf};

use followup_test_support::ScratchDir;
use followup_tests::{Invocation, Run, run_followup, workspace_root};
use proptest::prelude::*;
use serde_json::Value;

/// The moment every run here plans against.
const NOW: &str = "2026-11-24T18:00:00-06:00";

#[track_caller]
fn followup(home: &Path, args: &[&str]) -> Run {
    run_followup(args, &Invocation { home: Some(home), ..Invocation::default() })
}

/// The bundled examples, each as its path and as one line of JSON.
fn examples() -> Vec<(PathBuf, String)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(workspace_root().join("docs/examples"))
        .expect("the examples folder is readable")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("the example is readable");
            let value: Value = toml::from_str(&text).expect("the example is TOML");
            (path, value.to_string())
        })
        .collect()
}

/// An example as a JSON value with another candidate name, so each record has its own id.
fn renamed(line: &str, name: &str) -> String {
    let mut value: Value = serde_json::from_str(line).expect("the line is JSON");
    value["candidate"]["name"] = Value::String(name.to_string());
    value.to_string()
}

/// Each output line as JSON.
#[track_caller]
fn lines(run: &Run) -> Vec<Value> {
    run.stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("every output line is JSON"))
        .collect()
}

#[track_caller]
fn write(dir: &ScratchDir, name: &str, records: &[String]) -> String {
    let mut text = records.join("\n");
    text.push('\n');
    dir.write(name, &text).display().to_string()
}

#[test]
fn order_is_kept_with_two_jobs_on_a_shuffled_stream() {
    let dir = ScratchDir::new("batch-order");
    let examples = examples();
    // Enough records for several chunks, in an order no worker would produce by luck.
    let mut numbers: Vec<usize> = (0..300).collect();
    let mut seed: u64 = 13;
    for i in (1..numbers.len()).rev() {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        numbers.swap(i, (seed >> 33) as usize % (i + 1));
    }
    let records: Vec<String> = numbers
        .iter()
        .map(|n| renamed(&examples[n % examples.len()].1, &format!("Candidate {n}")))
        .collect();
    let input = write(&dir, "shuffled.jsonl", &records);
    let run = followup(dir.path(), &["plan", "--jsonl", &input, "--jobs", "2", "--now", NOW]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = lines(&run);
    assert_eq!(out.len(), numbers.len(), "one line per record");
    for (index, (line, n)) in out.iter().zip(&numbers).enumerate() {
        assert_eq!(line["line"], index + 1, "{line}");
        let id = line["interview"].as_str().expect("an interview id");
        assert!(id.starts_with(&format!("candidate-{n}-")), "line {}: {id}", index + 1);
    }
}

#[test]
fn bad_records_in_the_middle_are_reported_with_their_lines_and_the_rest_is_processed() {
    let dir = ScratchDir::new("batch-bad");
    let examples = examples();
    let good = &examples[0].1;
    let mut unknown_zone: Value = serde_json::from_str(good).expect("JSON");
    unknown_zone["meeting"]["time_zone"] = Value::String("America/Chicag".into());
    let mut unknown_field: Value = serde_json::from_str(good).expect("JSON");
    unknown_field["meting"] = unknown_field["meeting"].clone();
    let records = [
        good.clone(),
        r#"{"candidate": {"name": "Ana" "#.to_string(),
        renamed(good, "Second Good"),
        unknown_field.to_string(),
        String::new(),
        unknown_zone.to_string(),
        renamed(good, "Third Good"),
    ];
    let input = write(&dir, "bad.jsonl", &records);
    let run = followup(dir.path(), &["plan", "--jsonl", &input, "--jobs", "2", "--now", NOW]);
    assert_eq!(run.code, 3, "invalid records exit 3 after all were processed: {}", run.stderr);
    let out = lines(&run);
    let numbers: Vec<&Value> = out.iter().map(|l| &l["line"]).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 6, 7], "a blank line is no record");
    assert!(out[0]["plan"].is_object() && out[2]["plan"].is_object() && out[5]["plan"].is_object());
    let errors: Vec<&Value> = out.iter().filter(|l| l.get("error").is_some()).collect();
    insta::assert_json_snapshot!(errors);
    assert!(run.stderr.starts_with("6 records: 3 invalid, 0 failed, in "), "{}", run.stderr);
}

/// Runs `command --jsonl` over `records` and each example alone with `--format json`.
fn batch_and_single(command: &str, order: &[usize], jobs: usize) {
    let dir = ScratchDir::new("batch-same");
    let examples = examples();
    let records: Vec<String> = order.iter().map(|i| examples[*i].1.clone()).collect();
    let input = write(&dir, "examples.jsonl", &records);
    let jobs = jobs.to_string();
    let run = followup(dir.path(), &[command, "--jsonl", &input, "--jobs", &jobs, "--now", NOW]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let key = if command == "plan" { "plan" } else { "drafts" };
    for (line, i) in lines(&run).iter().zip(order) {
        let path = examples[*i].0.display().to_string();
        let single = followup(dir.path(), &[command, &path, "--format", "json", "--now", NOW]);
        assert_eq!(single.code, 0, "{}", single.stderr);
        let single: Value = serde_json::from_str(&single.stdout).expect("JSON");
        assert_eq!(line[key], single, "{command} of {path}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4, ..ProptestConfig::default() })]

    /// Whatever the order of the records and the number of jobs, each record's plan
    /// and drafts are what the single-file command prints for it.
    #[test]
    fn each_record_is_what_the_single_file_command_gives(
        order in Just((0..examples().len()).collect::<Vec<_>>()).prop_shuffle(),
        jobs in 1usize..4,
    ) {
        batch_and_single("plan", &order, jobs);
        batch_and_single("draft", &order, jobs);
    }
}

#[test]
fn export_jsonl_writes_a_folder_per_interview_and_refuses_to_overwrite() {
    let dir = ScratchDir::new("batch-export");
    let examples = examples();
    let records: Vec<String> = examples.iter().map(|(_, line)| line.clone()).collect();
    let input = write(&dir, "examples.jsonl", &records);
    let out = dir.path().join("out");
    let out_arg = out.display().to_string();
    let export = |extra: &[&str]| {
        let mut args = vec!["export", "--jsonl", &input, "--out", &out_arg, "--now", NOW];
        args.extend_from_slice(extra);
        followup(dir.path(), &args)
    };
    let first = export(&[]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let first = lines(&first);
    assert_eq!(first.len(), examples.len());
    let id = first[0]["interview"].as_str().expect("an id").to_string();
    let page = out.join(&id).join("index.html");
    assert!(page.is_file(), "each interview has its own folder named by its id");

    std::fs::write(&page, "edited by hand").expect("the page is writable");
    let again = export(&[]);
    assert_eq!(again.code, 1, "a refused record fails the run: {}", again.stderr);
    let again = lines(&again);
    let message = again[0]["error"]["message"].as_str().expect("the record is refused");
    assert!(message.contains("exist and differ") && message.contains("--force"), "{message}");
    assert_eq!(std::fs::read_to_string(&page).expect("page"), "edited by hand");
    assert!(again[1..].iter().all(|l| {
        l["files"].as_array().is_some_and(|files| files.iter().all(|f| f["outcome"] == "unchanged"))
    }));

    let forced = export(&["--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert_ne!(std::fs::read_to_string(&page).expect("page"), "edited by hand");
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let dir = ScratchDir::new("batch-progress");
    let records: Vec<String> = examples().into_iter().map(|(_, line)| line).collect();
    let input = write(&dir, "examples.jsonl", &records);
    let run = followup(dir.path(), &["plan", "--jsonl", &input, "--now", NOW]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains(['\r', '\u{1b}']), "no progress line: {:?}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "only the summary line: {:?}", run.stderr);
    let summary = format!("{} records: 0 invalid, 0 failed, in ", records.len());
    assert!(run.stderr.starts_with(&summary), "{}", run.stderr);
    let quiet = followup(dir.path(), &["plan", "--jsonl", &input, "--now", NOW, "--quiet"]);
    assert_eq!((quiet.code, quiet.stderr.as_str()), (0, ""));
    assert_eq!(quiet.stdout, run.stdout);
}

#[test]
fn add_jsonl_tracks_every_record_and_a_rerun_changes_nothing() {
    let dir = ScratchDir::new("batch-add");
    let examples = examples();
    let mut records: Vec<String> =
        (0..70).map(|n| renamed(&examples[n % examples.len()].1, &format!("Person {n}"))).collect();
    records.insert(35, "not json".to_string());
    let input = write(&dir, "day.jsonl", &records);
    let store = dir.path().join("store.db").display().to_string();
    let add = || followup(dir.path(), &["add", "--jsonl", &input, "--store", &store, "--now", NOW]);
    let first = add();
    assert_eq!(first.code, 3, "{}", first.stderr);
    let first = lines(&first);
    assert_eq!(first.len(), 71);
    assert_eq!(first.iter().filter(|l| l["status"] == "added").count(), 70);
    assert_eq!(first[35]["line"], 36);
    assert!(first[35]["error"].is_object());
    let second = lines(&add());
    assert_eq!(second.iter().filter(|l| l["status"] == "unchanged").count(), 70, "idempotent");
    let list = followup(dir.path(), &["list", "--store", &store, "--now", NOW]);
    assert_eq!(list.stdout.lines().filter(|l| l.starts_with("person-")).count(), 70);
}
