//! Benchmarks of planning: the rules engine alone on each bundled example, and loading
//! the four plugins as `followup plan` does on every run.
//!
//! Run with `cargo bench -p followup-tests --bench plan`.

use std::hint::black_box;
use std::path::PathBuf;

use followup_host::{Origin, SearchPath};
use followup_tests::{plan_with_defaults, valid_interview, workspace_root};

fn main() {
    divan::main();
}

fn example(name: &str) -> PathBuf {
    workspace_root().join("docs").join("examples").join(format!("{name}.toml"))
}

#[divan::bench(args = ["professional-email", "shift-text", "executive-via-recruiter", "panel"])]
fn plan_one_interview(bencher: divan::Bencher, name: &str) {
    let interview = valid_interview(&example(name));
    // Load (and build) the plugins before timing.
    let _ = followup_tests::bundled_channels();
    bencher.bench(|| plan_with_defaults(black_box(&interview)));
}

#[divan::bench]
fn load_four_plugins(bencher: divan::Bencher) {
    let mut search = SearchPath::new();
    search.push(followup_test_support::workspace_plugins_dir_release(), Origin::CommandLine);
    // Libraries are never unloaded, so after the first run this measures the
    // handshake and the manifest calls (JSON across the boundary), not dlopen from disk.
    bencher.bench(|| followup_host::load_plugins(black_box(&search)));
}
