//! Plugins in a child process (issue 14): a plugin that crashes (a segmentation fault,
//! an abort), hangs or answers over the size cap, in its manifest or in its render,
//! is reported by `followup plugins`, `plugins check`, `plan` and `draft` as a refusal
//! or an error naming its file, and the other plugins keep working.
//!
//! The faults are the C plugins of `tests/c-faults`, each installed as the plugin for
//! `pigeon`. The bundled plugins next to the `followup` binary are the others. The
//! hangs run under `--plugin-time-limit 1` so that the tests wait a second, not the
//! default 10.

use followup_test_support::{ScratchDir, c_fault_plugin};
use followup_tests::{Invocation, Run, run_followup, workspace_root};

/// The moment the plans are seen from: the evening of the Teams example's interview.
const NOW: &str = "2026-11-24T18:00:00-06:00";

/// The per-call time limit the tests of hangs run under, in seconds: short, so that
/// they wait little, and long enough that a runner starting on a busy machine is not
/// taken for a hang. The other faults run under the default (10 s).
const HANG_LIMIT: &str = "1";

/// The time limit for `fault`: [`HANG_LIMIT`] for a fault that hangs.
fn time_limit(fault: &str) -> &'static str {
    if fault.ends_with("_hangs") { HANG_LIMIT } else { "10" }
}

/// A scratch folder holding the C fault `fault` as the plugin for `pigeon`, and the
/// Teams example's interview with the employer's consent to `pigeon` instead.
struct Installed {
    scratch: ScratchDir,
    time_limit: &'static str,
}

impl Installed {
    fn new(fault: &str) -> Installed {
        let scratch = ScratchDir::new(&format!("isolated-{fault}"));
        scratch.install(&c_fault_plugin(fault), "pigeon");
        let example =
            workspace_root().join("examples").join("teams").join("professional-teams.toml");
        let interview = std::fs::read_to_string(&example)
            .expect("the Teams example is readable")
            .replace("channel = \"teams\"", "channel = \"pigeon\"");
        scratch.write("pigeon.toml", &interview);
        Installed { scratch, time_limit: time_limit(fault) }
    }

    fn dir(&self) -> String {
        self.scratch.path().display().to_string()
    }

    fn library(&self) -> String {
        self.scratch
            .path()
            .join(followup_test_support::plugin_file_name("pigeon"))
            .display()
            .to_string()
    }

    fn interview(&self) -> String {
        self.scratch.path().join("pigeon.toml").display().to_string()
    }

    /// Runs `followup` with plugins isolated, this folder as the first plugin folder,
    /// under the fault's time limit; the folder is shown as `[SCRATCH]`.
    #[track_caller]
    fn followup(&self, args: &[&str]) -> Run {
        let dir = self.dir();
        let mut all = vec![
            "--isolate-plugins",
            "--plugin-dir",
            dir.as_str(),
            "--plugin-time-limit",
            self.time_limit,
        ];
        all.extend_from_slice(args);
        let redact = [(self.scratch.path(), "[SCRATCH]")];
        run_followup(&all, &Invocation { redact: &redact, ..Invocation::default() })
    }
}

/// The line of `followup plugins` that names the pigeon's file.
#[track_caller]
fn pigeon_line(run: &Run) -> &str {
    run.stdout
        .lines()
        .find(|line| line.contains("libfollowup_pigeon"))
        .unwrap_or_else(|| panic!("no line names the pigeon:\n{}", run.transcript()))
        .trim()
}

/// The bundled channels still load beside a broken plugin.
#[track_caller]
fn the_others_loaded(run: &Run) {
    for channel in ["email ", "letter ", "linkedin ", "sms "] {
        assert!(
            run.stdout.lines().any(|line| line.trim_start().starts_with(channel)),
            "`{channel}` did not load beside the fault:\n{}",
            run.transcript()
        );
    }
}

#[test]
fn a_plugin_that_crashes_or_hangs_in_its_manifest_is_refused_by_name() {
    let cases = [
        ("manifest_segfault", "it crashed (signal SIGSEGV, a segmentation fault)"),
        ("manifest_hangs", "it did not answer within 1 s"),
    ];
    for (fault, what) in cases {
        let installed = Installed::new(fault);
        let expected = format!(
            "[SCRATCH]/libfollowup_pigeon.so: failed in its runner process while loading: {what}; help: report this to the plugin's author, or remove the file"
        );

        let run = installed.followup(&["plugins"]);
        assert_eq!(run.code, 0, "{fault}: {}", run.transcript());
        assert_eq!(pigeon_line(&run), expected, "{fault}");
        assert!(run.stdout.contains("Refused (1):"), "{fault}: {}", run.stdout);
        the_others_loaded(&run);

        let run = installed.followup(&["plugins", "check", &installed.library()]);
        assert_eq!(run.code, 1, "{fault}: {}", run.transcript());
        let handshake = run
            .stdout
            .lines()
            .find(|line| line.starts_with("  FAIL  handshake "))
            .unwrap_or_else(|| panic!("{fault} fails the handshake:\n{}", run.stdout));
        assert!(handshake.contains(what), "{fault}: {handshake}");

        for command in ["plan", "draft"] {
            let run = installed.followup(&[command, &installed.interview(), "--now", NOW]);
            assert_eq!(run.code, 0, "{fault} {command}: {}", run.transcript());
            assert!(
                run.stderr.contains(&format!("warning: plugin refused: {expected}")),
                "{fault} {command} names the file: {}",
                run.transcript()
            );
            assert!(
                run.stdout.contains("1. Thank-you by Email to Dana Whitfield"),
                "{fault} {command}: email takes over: {}",
                run.stdout
            );
        }
    }
}

#[test]
fn a_plugin_that_crashes_hangs_or_floods_in_its_render_fails_by_name() {
    let cases = [
        ("render_segfault", "it crashed (signal SIGSEGV, a segmentation fault)"),
        ("render_aborts", "it aborted (signal SIGABRT)"),
        ("render_hangs", "it did not answer within 1 s"),
        ("render_huge", "it answered 17 MiB, over the limit of 16 MiB"),
    ];
    for (fault, what) in cases {
        let installed = Installed::new(fault);

        // Listing only asks for manifests, which are fine.
        let run = installed.followup(&["plugins"]);
        assert_eq!(run.code, 0, "{fault}: {}", run.transcript());
        assert!(pigeon_line(&run).starts_with("pigeon "), "{fault}: {}", run.stdout);
        the_others_loaded(&run);

        let run = installed.followup(&["plugins", "check", &installed.library()]);
        assert_eq!(run.code, 1, "{fault}: {}", run.transcript());
        assert!(
            run.stdout.lines().any(|line| line.starts_with("  FAIL  no_panic ")
                && line.ends_with(
                    " requests made the plugin panic, crash or hang; return an error instead"
                )),
            "{fault}: {}",
            run.stdout
        );
        assert!(
            run.stdout.contains(&format!("failed in its runner process: {what}\n")),
            "{fault}: {}",
            run.stdout
        );

        // Planning asks for no draft: the pigeon is planned as usual.
        let run = installed.followup(&["plan", &installed.interview(), "--now", NOW]);
        assert_eq!(run.code, 0, "{fault}: {}", run.transcript());
        assert!(
            run.stdout.contains("1. Thank-you by Carrier pigeon to Dana Whitfield"),
            "{fault}: {}",
            run.stdout
        );

        let run = installed.followup(&["draft", &installed.interview(), "--now", NOW]);
        assert_eq!(run.code, 1, "{fault}: {}", run.transcript());
        assert_eq!(
            run.stderr,
            format!(
                "error: the `pigeon` plugin ([SCRATCH]/libfollowup_pigeon.so) failed in its runner process while drafting step `thank-you-dana-whitfield-pigeon`: {what}; report this to the plugin's author, or remove the file\n"
            ),
            "{fault}"
        );
        // The email check-ins are drafted all the same.
        assert!(
            run.stdout.contains("Check-in 1 by Email to Dana Whitfield")
                && run.stdout.contains("Subject: Following up on our November 24 interview"),
            "{fault}: {}",
            run.stdout
        );
    }
}

#[test]
fn in_process_an_answer_over_the_cap_is_refused_without_being_read() {
    let installed = Installed::new("render_huge");
    let (dir, interview) = (installed.dir(), installed.interview());
    let redact = [(installed.scratch.path(), "[SCRATCH]")];
    let run = run_followup(
        &["--plugin-dir", &dir, "draft", &interview, "--now", NOW],
        &Invocation { redact: &redact, ..Invocation::default() },
    );
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert_eq!(
        run.stderr,
        "error: the `pigeon` plugin ([SCRATCH]/libfollowup_pigeon.so) answered step `thank-you-dana-whitfield-pigeon` with something that is not a draft: its answer is 17 MiB, over the limit of 16 MiB; report this to the plugin's author\n"
    );
}

#[test]
fn the_variable_isolates_every_run_and_in_process_a_crash_ends_it() {
    let installed = Installed::new("manifest_segfault");
    let dir = installed.dir();
    let interview = installed.interview();
    let args = ["--plugin-dir", dir.as_str(), "plan", interview.as_str(), "--now", NOW];
    let redact = [(installed.scratch.path(), "[SCRATCH]")];
    let with = |prefix| {
        run_followup(
            &args,
            &Invocation { redact: &redact, shell_prefix: prefix, ..Invocation::default() },
        )
    };

    let run = with(Some("export FOLLOWUP_ISOLATE_PLUGINS=1"));
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(run.stderr.contains("failed in its runner process while loading"), "{}", run.stderr);

    // Without isolation the plugin takes the whole command with it: why isolation exists.
    let run = with(None);
    assert_eq!(run.code, -1, "killed by the plugin's crash: {}", run.transcript());

    let run = with(Some("export FOLLOWUP_ISOLATE_PLUGINS=yes"));
    insta::assert_snapshot!(run.transcript(), @r"
    exit: 2
    --- stderr
    error: FOLLOWUP_ISOLATE_PLUGINS: `yes` is neither 1 nor 0; set it to 1 to run plugins in child processes, or unset it
    ");
}

#[test]
fn the_settings_file_isolates_every_run() {
    let installed = Installed::new("manifest_segfault");
    let dir = installed.dir();
    let interview = installed.interview();
    let args = ["--plugin-dir", dir.as_str(), "plan", interview.as_str(), "--now", NOW];
    let home = ScratchDir::new("isolation-settings");
    let config = home.path().join(".config").join("followup");
    std::fs::create_dir_all(&config).expect("writable");
    let redact = [(installed.scratch.path(), "[SCRATCH]")];
    let run = || {
        run_followup(
            &args,
            &Invocation { home: Some(home.path()), redact: &redact, ..Invocation::default() },
        )
    };

    std::fs::write(config.join("settings.toml"), "isolate_plugins = true\n").expect("writable");
    let isolated = run();
    assert_eq!(isolated.code, 0, "{}", isolated.transcript());
    assert!(
        isolated.stderr.contains("failed in its runner process while loading"),
        "{}",
        isolated.stderr
    );

    std::fs::write(config.join("settings.toml"), "isolate_plugin = true\n").expect("writable");
    let refused = run();
    assert_eq!(refused.code, 3, "{}", refused.transcript());
    assert!(refused.stderr.contains("settings.toml:1:1"), "{}", refused.stderr);
    assert!(refused.stderr.contains("isolate_plugin"), "{}", refused.stderr);
}

#[test]
fn the_plugin_runner_is_hidden() {
    let run = run_followup(&["--help"], &Invocation::default());
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(!run.stdout.contains("plugin-runner"), "{}", run.stdout);
    assert!(run.stdout.contains("--isolate-plugins"), "{}", run.stdout);

    // Without a library it is no command at all.
    let run = run_followup(&["__plugin-runner"], &Invocation::default());
    assert_eq!(run.code, 2, "{}", run.transcript());
}

#[test]
fn a_time_limit_that_is_no_duration_is_a_usage_error() {
    let run = run_followup(&["--plugin-time-limit", "0", "plugins"], &Invocation::default());
    insta::assert_snapshot!(run.transcript(), @r"
    exit: 2
    --- stderr
    error: --plugin-time-limit: 0 is not a number of seconds above 0 and at most 3600; the default is 10
    ");
}
