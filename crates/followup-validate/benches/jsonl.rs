//! How fast JSON Lines of interviews are checked, and that memory does not grow with
//! the file.
//!
//! Setup writes 100,000 varied interviews, made from `docs/examples/professional-email.toml`,
//! to `$TMPDIR/followup-validate-bench/interviews-100000.jsonl` (kept, so that the release
//! CLI can be measured on the same file), then checks them with one compiled schema.
//!
//! ```text
//! cargo bench -p followup-validate --bench jsonl
//! /usr/bin/time -v target/release/followup validate --jsonl $TMPDIR/followup-validate-bench/interviews-100000.jsonl
//! ```
//!
//! Divan prints records per second (`item/s`); the peak resident memory of the process
//! (VmHWM) is printed at the end.

use std::fs::File;
use std::hint::black_box;
use std::io::{BufReader, BufWriter, Write};
use std::path::PathBuf;

use divan::counter::ItemsCount;
use followup_validate::Checker;
use followup_validate::jsonl::JsonLines;
use serde_json::{Value, json};

const RECORDS: [usize; 2] = [10_000, 100_000];

fn main() {
    for records in RECORDS {
        let path = data_file(records);
        if !path.exists() {
            generate(&path, records);
        }
        eprintln!("{records} records: {}", path.display());
    }
    divan::main();
    if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
        for line in status.lines().filter(|l| l.starts_with("VmHWM") || l.starts_with("VmRSS")) {
            eprintln!("{line}");
        }
    }
}

fn data_file(records: usize) -> PathBuf {
    std::env::temp_dir().join("followup-validate-bench").join(format!("interviews-{records}.jsonl"))
}

/// Writes `records` interviews, each a variation of the example: names, dates, zones,
/// kinds, durations and topics change from record to record.
fn generate(path: &PathBuf, records: usize) {
    let text = include_str!("../../../docs/examples/professional-email.toml");
    let table: toml::Table = toml::from_str(text).expect("the bundled example is TOML");
    let example = followup_validate::toml_to_json(toml::Value::Table(table));
    let zones =
        ["America/Chicago", "America/New_York", "Europe/London", "Asia/Tokyo", "America/Denver"];
    let kinds = ["professional", "hourly", "shift", "contract", "executive", "internship"];
    let first = ["Ana", "Jordan", "Sam", "Priya", "Marcus", "Dana", "Lee", "Noor"];
    let last = ["Ruiz", "Lee", "Carter", "Natarajan", "Bell", "Whitfield", "Okafor", "Haddad"];
    std::fs::create_dir_all(path.parent().expect("the data file is in a folder"))
        .expect("the temporary folder is writable");
    let mut out = BufWriter::new(File::create(path).expect("the data file can be created"));
    for i in 0..records {
        let mut record: Value = example.clone();
        let zone = zones[i % zones.len()];
        let name = |n: usize| {
            format!("{} {}", first[n % first.len()], last[(n / first.len()) % last.len()])
        };
        record["candidate"]["name"] = json!(name(i));
        record["candidate"]["time_zone"] = json!(zone);
        record["role"]["kind"] = json!(kinds[i % kinds.len()]);
        record["meeting"]["time_zone"] = json!(zone);
        let day = 1 + i % 28;
        let hour = 8 + i % 9;
        record["meeting"]["start"] =
            json!(format!("2026-{:02}-{day:02}T{hour:02}:00:00Z", 1 + i % 12));
        record["meeting"]["duration_minutes"] = json!(30 + (i % 4) * 15);
        record["interviewers"][0]["name"] = json!(name(i + 3));
        record["interviewers"][0]["topics"] = json!([format!("project {i}"), "the team's roadmap"]);
        record["next_steps"]["decision_date"] = json!(format!("2027-{:02}-{day:02}", 1 + i % 12));
        serde_json::to_writer(&mut out, &record).expect("a record serialises");
        out.write_all(b"\n").expect("the data file is writable");
    }
    out.flush().expect("the data file is writable");
}

#[divan::bench(args = RECORDS, sample_count = 3, sample_size = 1)]
fn check_jsonl(bencher: divan::Bencher, records: usize) {
    // The schema is compiled once, as `followup validate` does.
    let checker =
        Checker::new(&followup_core::schema::all(&[]), Vec::new()).expect("schemas compile");
    let path = data_file(records);
    bencher.counter(ItemsCount::new(records)).bench_local(|| {
        let file = File::open(&path).expect("the data file was written in setup");
        let mut lines = JsonLines::new(&checker, BufReader::with_capacity(256 * 1024, file));
        let bad = lines.by_ref().count();
        assert_eq!(bad, 0, "every generated record is valid");
        black_box(lines.records())
    });
}

#[divan::bench]
fn check_one_interview(bencher: divan::Bencher) {
    let checker =
        Checker::new(&followup_core::schema::all(&[]), Vec::new()).expect("schemas compile");
    let value = followup_core::examples::interview_example();
    bencher.bench_local(|| {
        checker.check(followup_validate::Kind::Interview, black_box(value.clone()))
    });
}
