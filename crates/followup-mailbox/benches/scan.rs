//! Benchmarks of a mailbox scan as `followup inbox` runs it, over a Maildir of 100,000
//! messages: the first scan (list, read each header block, match, remember every file
//! in the store) and a rescan with nothing new (list, compare each file with what the
//! store remembers, read nothing).
//!
//! Run with `cargo bench -p followup-mailbox --bench scan`. The Maildir is built once,
//! under `target/bench-mailbox/`, and kept for later runs. Its files are in the page
//! cache after the first run: this measures followup's work, not the disk's.

use std::collections::BTreeSet;
use std::path::PathBuf;

use followup_mailbox::{Mailbox, Matcher, Person, Tracked, TrackedStep, Verdict};
use followup_tracker::{SeenFile, Store};
use jiff::Timestamp;

const MESSAGES: usize = 100_000;

fn main() {
    divan::main();
}

fn now() -> Timestamp {
    "2026-12-15T15:00:00Z".parse().expect("a valid moment")
}

/// The Maildir, built if it is not there yet: messages of a few kinds a real inbox
/// has, about 1.5 KB each, one in a hundred from the tracked interviewer.
fn maildir() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-mailbox");
    let dir = root.join(format!("maildir-{MESSAGES}"));
    if dir.join("cur").is_dir() {
        return dir;
    }
    let building = root.join("building");
    let _ = std::fs::remove_dir_all(&building);
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(building.join(sub)).expect("the folder can be made");
    }
    let body = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(12);
    for i in 0..MESSAGES {
        let (from, extra) = match i % 100 {
            0 => ("Dana Whitfield <dana.whitfield@northwind.example>", ""),
            1..=9 => (
                "Northwind <news@northwind.example>",
                "List-Unsubscribe: <mailto:u@northwind.example>\r\n",
            ),
            _ => ("Someone Else <someone@example.org>", ""),
        };
        let message = format!(
            "Return-Path: <bounce@example.org>\r\nReceived: from mx.example.org (mx.example.org [192.0.2.1])\r\n\tby mail.example.com with ESMTPS id {i}\r\n\tfor <ana.ruiz@example.com>; Tue, 1 Dec 2026 10:00:00 -0600\r\nMessage-ID: <m{i}@example.org>\r\nFrom: {from}\r\nTo: Ana Ruiz <ana.ruiz@example.com>\r\nSubject: =?UTF-8?Q?Message_number_{i}?=\r\nDate: Tue, 1 Dec 2026 10:00:00 -0600\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n{extra}\r\n{body}\r\n"
        );
        let sub = if i % 10 == 0 { "new" } else { "cur" };
        let name = format!("1764604800.M{i}P1.bench{}", if sub == "cur" { ":2,S" } else { "" });
        std::fs::write(building.join(sub).join(name), message).expect("the message is written");
    }
    std::fs::rename(&building, &dir).expect("the Maildir is moved into place");
    dir
}

fn matcher() -> Matcher {
    Matcher::new(vec![Tracked {
        interview: "ana-ruiz-northwind-analytics-2026-11-24".to_string(),
        candidate: vec!["ana.ruiz@example.com".to_string()],
        people: vec![Person {
            name: "Dana Whitfield".to_string(),
            address: Some("dana.whitfield@northwind.example".to_string()),
            at_employer: true,
        }],
        steps: vec![TrackedStep {
            id: "thank-you-dana-whitfield-email".to_string(),
            recipient: "Dana Whitfield".to_string(),
            to: vec!["dana.whitfield@northwind.example".to_string()],
            message_id: Some("thank-you@followup.invalid".to_string()),
            subject: Some("Thank you: Data Analyst interview".to_string()),
            exported_at: Some("2026-11-24T21:40:00Z".parse().expect("a moment")),
            sent: false,
        }],
        since: "2026-11-24T21:40:00Z".parse().expect("a moment"),
        recorded: BTreeSet::new(),
    }])
}

/// One scan: every file not remembered unchanged is read and judged, and remembered.
/// Returns how many messages were read and how many matched.
fn scan(store: &mut Store, mailbox: &Mailbox, matcher: &Matcher) -> (usize, usize) {
    let key = mailbox.key();
    let remembered = store.seen_files(&key).expect("readable");
    let (mut read, mut matched) = (0, 0);
    let mut seen = Vec::new();
    mailbox
        .for_each_entry(|entry| {
            if remembered.get(&entry.name) == Some(&(entry.size, entry.modified)) {
                return Ok::<_, followup_mailbox::MailboxError>(());
            }
            mailbox.read(&entry, |message| {
                read += 1;
                if let Ok(message) = message
                    && matches!(matcher.judge(&message), Verdict::Suggest(_))
                {
                    matched += 1;
                }
            })?;
            seen.push(SeenFile { name: entry.name, size: entry.size, modified: entry.modified });
            Ok(())
        })
        .expect("the Maildir is readable");
    store.write(now(), |w| w.remember_seen(&key, &seen)).expect("written");
    (read, matched)
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn first_scan(bencher: divan::Bencher) {
    let mailbox = Mailbox::open(&maildir()).expect("a Maildir");
    let matcher = matcher();
    bencher
        .counter(divan::counter::ItemsCount::new(MESSAGES))
        .with_inputs(|| {
            let dir = tempfile::tempdir().expect("a scratch folder");
            let store = Store::open(&dir.path().join("s.db")).expect("a new store");
            (dir, store)
        })
        .bench_local_values(|(dir, mut store)| {
            let (read, matched) = scan(&mut store, &mailbox, &matcher);
            assert_eq!(read, MESSAGES);
            assert_eq!(matched, MESSAGES / 100, "only Dana's messages match");
            (dir, store)
        });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn rescan(bencher: divan::Bencher) {
    let mailbox = Mailbox::open(&maildir()).expect("a Maildir");
    let matcher = matcher();
    let dir = tempfile::tempdir().expect("a scratch folder");
    let mut store = Store::open(&dir.path().join("s.db")).expect("a new store");
    scan(&mut store, &mailbox, &matcher);
    bencher.counter(divan::counter::ItemsCount::new(MESSAGES)).bench_local(|| {
        let (read, _) = scan(&mut store, &mailbox, &matcher);
        assert_eq!(read, 0, "nothing is read again");
    });
}
