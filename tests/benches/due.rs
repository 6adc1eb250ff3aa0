//! Benchmarks of the tracker: `followup due`'s query over stores of 1,000, 10,000 and
//! 100,000 tracked interviews, against planning one interview.
//!
//! Run with `cargo bench -p followup-tests --bench due`. The stores are built once, under
//! `target/bench-stores/`, from the bundled examples with names and days varied over a
//! hundred days around the moment asked about, with every step more than two days old
//! recorded as sent (as by a user who records what they send), and kept for later runs
//! (and for timing the `followup due` process on them).

use std::hint::black_box;
use std::path::PathBuf;

use followup_core::meeting_time::{MeetingMoment, Written};
use followup_core::planner::Planner;
use followup_core::style::Style;
use followup_core::time::Moment;
use followup_core::tracking::{self, Event, EventKind, Source};
use followup_core::validate::validate;
use followup_tracker::{InterviewView, Store};
use jiff::{SignedDuration, Timestamp};

fn main() {
    divan::main();
}

/// The moment the benchmarks ask about: inside the span of the generated interviews.
fn now() -> Timestamp {
    "2026-12-15T15:00:00Z".parse().expect("a valid moment")
}

/// A store of `n` interviews, built if it is not there yet. The file name carries a
/// version: change it when the generated history changes.
fn store_of(n: usize) -> PathBuf {
    let dir = followup_tests::workspace_root().join("target/bench-stores");
    let path = dir.join(format!("due-v2-{n}.db"));
    if path.exists() {
        return path;
    }
    std::fs::create_dir_all(&dir).expect("the folder can be made");
    let building = dir.join(format!("due-v2-{n}.db.building"));
    let _ = std::fs::remove_file(&building);
    let planner = Planner::new(&Style::default(), followup_tests::bundled_channels());
    let examples = followup_core::bundled::examples();
    let mut store = Store::open(&building).expect("a new store");
    for chunk in (0..n).collect::<Vec<_>>().chunks(1000) {
        store
            .write(now(), |writer| {
                for &i in chunk {
                    let mut interview = examples[i % examples.len()].interview.clone();
                    interview.candidate.name = Some(format!("Candidate {i}"));
                    // Interviews over a hundred days around `now`, so some steps are
                    // overdue, some due, most upcoming or done.
                    let shift = SignedDuration::from_hours(((i % 100) as i64 - 80) * 24);
                    let start = interview.meeting.start.0.saturating_add(shift).expect("in range");
                    interview.meeting.start = MeetingMoment(start, Written::Instant);
                    if let Some(end) = &mut interview.meeting.end {
                        end.0 = end.0.saturating_add(shift).expect("in range");
                        end.1 = Written::Instant;
                    }
                    let days = jiff::Span::new().days((i % 100) as i64 - 80);
                    if let Some(day) = &mut interview.next_steps.decision_date {
                        day.0 = day.0.checked_add(days).expect("in range");
                    }
                    let valid = validate(interview.clone()).expect("the examples are valid");
                    let id = tracking::interview_id(&valid);
                    let added = Event {
                        at: Moment(now()),
                        source: Source::User,
                        kind: EventKind::Added {
                            document: Box::new(interview),
                            style: None,
                            application: None,
                        },
                    };
                    writer.append(&id, added.clone())?;
                    let plan = planner.plan(&valid);
                    // As a user who records what they send: every step whose moment is
                    // more than two days before `now` went out on time.
                    let mut events = vec![added];
                    let long_ago =
                        now().saturating_sub(SignedDuration::from_hours(48)).expect("in range");
                    for step in plan.steps.iter().filter(|s| s.send_at < long_ago) {
                        let sent = Event {
                            at: Moment(step.send_at),
                            source: Source::User,
                            kind: EventKind::Sent { step: Box::new(step.clone()) },
                        };
                        writer.append(&id, sent.clone())?;
                        events.push(sent);
                    }
                    let agenda =
                        tracking::agenda(&plan, &events, &valid.interview.employer.company);
                    writer.save(&InterviewView {
                        id: id.clone(),
                        application: id,
                        candidate: valid.candidate_name.clone(),
                        company: valid.interview.employer.company.clone(),
                        role: valid.interview.role.title.clone(),
                        start: Moment(valid.start),
                        time_zone: "America/Chicago".to_string(),
                        channel_names: Default::default(),
                        file: None,
                        planned: plan,
                        agenda,
                        notes: Vec::new(),
                    })?;
                }
                Ok::<_, followup_tracker::StoreError>(())
            })
            .expect("the chunk is written");
    }
    drop(store);
    std::fs::rename(&building, &path).expect("renamed into place");
    let _ = std::fs::remove_file(dir.join(format!("due-v2-{n}.db.building-wal")));
    let _ = std::fs::remove_file(dir.join(format!("due-v2-{n}.db.building-shm")));
    path
}

/// Opening the store and reading what is due within two days, as `followup due` does.
#[divan::bench(args = [1_000, 10_000, 100_000], sample_count = 30)]
fn due_within_two_days(bencher: divan::Bencher, n: usize) {
    let path = store_of(n);
    let until = now().saturating_add(SignedDuration::from_hours(48)).expect("in range");
    bencher.bench(|| {
        let store = Store::open(black_box(&path)).expect("opens");
        store.open_steps_until(until).expect("readable").len()
    });
}

/// For comparison: planning one interview (what `followup plan` does besides loading).
#[divan::bench]
fn plan_one_interview(bencher: divan::Bencher) {
    let planner = Planner::new(&Style::default(), followup_tests::bundled_channels());
    let (_, valid) = followup_core::bundled::valid_interviews().remove(0);
    bencher.bench(|| planner.plan(black_box(&valid)));
}
