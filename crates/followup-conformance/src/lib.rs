//! The conformance suite for followup channel plugins: what `followup plugins check`
//! runs, as a library that a plugin's own tests can call too.
//!
//! [`check_library`] checks a built library as `followup` will load it:
//!
//! | check | what it asks |
//! |---|---|
//! | `file_name` | the file is named `libfollowup_<id>.so` (`.dylib`, `.dll`) |
//! | `handshake` | the host accepts its ABI version and entry table, and it can draft (and export) |
//! | `manifest` | the manifest has the shape of `manifest.schema.json` and keeps the host's rules |
//! | `channel_id` | the manifest's id is the one in the file name |
//! | `render.<purpose>` | every purpose it claims is drafted for every bundled example interview |
//! | `export.<purpose>` | every such draft exports as files the host would write: the shape of `export-answer.schema.json`, at least one file, plain file names, a media type, content |
//! | `checks` | every draft carries checks, each named and explained |
//! | `limits` | every draft keeps to the limits the manifest declares, or fails a check saying so |
//! | `deterministic` | the same request twice gets the same answer |
//! | `no_panic` | no request makes it panic (or, in a child process, crash or hang) |
//! | `hostile.*` | empty fields, 5000-character fields, control characters and template syntax in the interview get a draft or a clean error, and user text is printed as written |
//!
//! [`check_channel`] runs the same checks (all but the first and the fourth) on a
//! [`Channel`] value in the calling process, so that `cargo test` in a plugin's crate
//! can run them without building or loading the library:
//!
//! ```no_run
//! # struct MyChannel;
//! # impl followup_plugin::Channel for MyChannel {
//! #     fn manifest(&self) -> followup_plugin::ChannelManifest { unimplemented!() }
//! #     fn render(&self, _: &followup_plugin::RenderRequest)
//! #         -> Result<followup_plugin::RenderedDraft, followup_plugin::RenderFailure> { unimplemented!() }
//! # }
//! let report = followup_conformance::check_channel(&MyChannel);
//! assert!(report.passed(), "{report}");
//! ```
//!
//! The requests are built from the example interviews bundled with followup
//! (`docs/examples/*.toml`, compiled in) and from hostile variations of one interview;
//! [`sample_request`] gives one of them to a plugin's unit tests.
//!
//! The manifest, as the host reads it, is written back as JSON and checked against the
//! published `manifest.schema.json` with a JSON Schema validator (`followup-validate`'s,
//! the one behind `followup validate`), read back with the types the schema is
//! generated from (`followup_core::manifest`, unknown fields refused), and checked with
//! the host's own rules
//! ([`ChannelManifest::check`](followup_core::manifest::ChannelManifest::check)).
//!
//! What this crate is not: it does not open libraries itself (`followup-host` does,
//! exactly as for `followup plan`), and it prints nothing (the [`Report`] is a value;
//! its `Display` is the table the CLI prints). Loading a library runs its code:
//! check only libraries you would also install.

#![deny(missing_docs)]

mod exports;
mod hostile;
mod library;
mod limits;
mod report;
mod requests;
mod subject;
mod suite;

use std::path::Path;

use followup_core::draft::RenderRequest;
use followup_core::plan::Purpose;
use followup_host::{PluginIsolation, RefusalReason};
use followup_plugin::Channel;
use followup_plugin::abi::{ABI_VERSION, abi_major, abi_minor};

pub use report::{MAX_NOTE_CHARS, MAX_NOTES, Report, Row, Status};

use library::Loading;
use subject::{InProcess, Library};

/// The checks in the order they run; when one stops the run, the rest are reported as
/// skipped.
const STAGES: [&str; 14] = [
    "file_name",
    "handshake",
    "manifest",
    "channel_id",
    "render",
    "export",
    "checks",
    "limits",
    "deterministic",
    "no_panic",
    "hostile.empty",
    "hostile.long",
    "hostile.control",
    "hostile.template",
];

/// Adds a skipped row for every stage after those already reported.
fn skip_rest(rows: &mut Vec<Row>, reason: &str) {
    let from = rows
        .iter()
        .rev()
        .find_map(|row| STAGES.iter().position(|stage| *stage == row.name))
        .map_or(0, |i| i + 1);
    for stage in &STAGES[from..] {
        rows.push(Row::new(stage, Status::Skip, format!("not run: {reason}")));
    }
}

/// A packed ABI version as `major.minor`.
fn abi_text(version: u32) -> String {
    format!("{}.{}", abi_major(version), abi_minor(version))
}

/// Runs the conformance suite on the plugin library at `path`, loading it through
/// `followup-host` exactly as `followup` does (and nothing else beside it).
///
/// Never fails as a whole: whatever goes wrong is a failed row of the [`Report`], and
/// the rows after a failure that stops the run (an unloadable library) are skipped.
///
/// Loading a library runs its code with your rights: check only libraries you trust.
///
/// # Example
///
/// ```no_run
/// let report = followup_conformance::check_library(
///     "target/release/libfollowup_whatsapp.so".as_ref(),
/// );
/// print!("{report}");
/// assert!(report.passed());
/// ```
pub fn check_library(path: &Path) -> Report {
    check_library_with(path, &PluginIsolation::InProcess)
}

/// Runs the conformance suite on the plugin library at `path`, run as `isolation`
/// says: [`check_library`] loads it into the calling process, while
/// [`PluginIsolation::Child`] (what `followup plugins check` uses) runs it in a runner
/// process, so that a library that crashes, hangs or answers too much fails a check
/// instead of ending the caller.
///
/// # Example
///
/// ```no_run
/// use followup_host::PluginIsolation;
///
/// let report = followup_conformance::check_library_with(
///     "target/release/libfollowup_whatsapp.so".as_ref(),
///     &PluginIsolation::InProcess,
/// );
/// assert!(report.passed());
/// ```
pub fn check_library_with(path: &Path, isolation: &PluginIsolation) -> Report {
    let mut report = Report { target: path.display().to_string(), channel: None, rows: Vec::new() };
    let rows = &mut report.rows;

    let canonical = match path.canonicalize() {
        Ok(canonical) if canonical.is_file() => canonical,
        Ok(_) => {
            rows.push(Row::new(
                "file_name",
                Status::Fail,
                "is not a file; give the library itself",
            ));
            skip_rest(rows, "there is no library");
            return report;
        }
        Err(err) => {
            rows.push(Row::new("file_name", Status::Fail, format!("cannot be read: {err}")));
            skip_rest(rows, "there is no library");
            return report;
        }
    };
    let file_name =
        canonical.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let Some(file_channel) = library::channel_of(&file_name).map(str::to_string) else {
        rows.push(Row::new(
            "file_name",
            Status::Fail,
            format!(
                "`{file_name}` is not a plugin's file name: followup loads only files named {}, where <id> is the manifest's id; set `[lib] name = \"followup_<id>\"` in Cargo.toml",
                library::file_name_for("<id>")
            ),
        ));
        skip_rest(rows, "followup would not load a file of this name");
        return report;
    };
    rows.push(Row::new(
        "file_name",
        Status::Pass,
        format!("`{file_name}` is a plugin's file name, for channel `{file_channel}`"),
    ));

    let plugin = match library::load(&canonical, &file_name, isolation) {
        Loading::Plugin(plugin) => plugin,
        Loading::Refused(refusal) => {
            refused(rows, &refusal.reason);
            skip_rest(rows, "the host refused the library");
            return report;
        }
        Loading::Failed(why) => {
            rows.push(Row::new("handshake", Status::Fail, why));
            skip_rest(rows, "the library did not load");
            return report;
        }
    };
    report.channel = Some(plugin.manifest.id.clone());
    let version = abi_text(plugin.abi_version);
    let speaks = format!("ABI {version} (this followup speaks {})", abi_text(ABI_VERSION));
    if plugin.can_draft() && plugin.can_export() {
        rows.push(Row::new(
            "handshake",
            Status::Pass,
            format!("{speaks}: it plans, drafts and exports"),
        ));
    } else if plugin.can_draft() {
        rows.push(Row::new(
            "handshake",
            Status::Warn,
            format!(
                "{speaks}: it plans and drafts, but `followup export` cannot export its steps (that came with ABI 1.2); rebuild it against followup-plugin (or followup_plugin.h)"
            ),
        ));
    } else {
        rows.push(Row::new(
            "handshake",
            Status::Fail,
            format!(
                "ABI {version}: it loads and plans but cannot draft (drafting came with ABI 1.1); rebuild it against followup-plugin (or followup_plugin.h), which speaks ABI {}",
                abi_text(ABI_VERSION)
            ),
        ));
    }
    rows.push(suite::manifest_row(&plugin.manifest));
    rows.push(Row::new(
        "channel_id",
        Status::Pass,
        format!("the manifest's id `{}` is the file name's", plugin.manifest.id),
    ));
    if !plugin.can_draft() {
        skip_rest(rows, "the library cannot draft");
        return report;
    }
    rows.extend(suite::behaviour(&Library(&plugin)));
    report
}

/// The rows for a library the host refused: the failing stage says why and what to do.
fn refused(rows: &mut Vec<Row>, reason: &RefusalReason) {
    let detail = format!("{reason}; help: {}", reason.advice());
    let accepted = "the host accepted the ABI version and the entry table";
    match reason {
        RefusalReason::ManifestPanicked { .. }
        | RefusalReason::ManifestFailed { .. }
        | RefusalReason::ManifestInvalid { .. }
        | RefusalReason::BadBuffer { .. } => {
            rows.push(Row::new("handshake", Status::Pass, accepted));
            rows.push(Row::new("manifest", Status::Fail, detail));
        }
        RefusalReason::IdMismatch { .. } => {
            rows.push(Row::new("handshake", Status::Pass, accepted));
            rows.push(Row::new("manifest", Status::Pass, "read and checked by the host"));
            rows.push(Row::new("channel_id", Status::Fail, detail));
        }
        _ => rows.push(Row::new("handshake", Status::Fail, detail)),
    }
}

/// Runs the conformance suite on `channel` in this process: every check of
/// [`check_library`] but those about the file (its name, the handshake).
///
/// Requests and drafts go through JSON, and panics are caught, as across the plugin
/// boundary. Meant for a plugin's own tests; `followup plugins check` on the built
/// library remains the final word, since it also covers the build.
///
/// # Example
///
/// ```no_run
/// # struct MyChannel;
/// # impl followup_plugin::Channel for MyChannel {
/// #     fn manifest(&self) -> followup_plugin::ChannelManifest { unimplemented!() }
/// #     fn render(&self, _: &followup_plugin::RenderRequest)
/// #         -> Result<followup_plugin::RenderedDraft, followup_plugin::RenderFailure> { unimplemented!() }
/// # }
/// #[test]
/// fn conforms() {
///     let report = followup_conformance::check_channel(&MyChannel);
///     assert!(report.passed(), "{report}");
/// }
/// ```
pub fn check_channel(channel: &dyn Channel) -> Report {
    let subject =
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| channel.manifest())) {
            Ok(manifest) => InProcess { channel, manifest },
            Err(_) => {
                return Report {
                    target: "a channel called in this process".to_string(),
                    channel: None,
                    rows: vec![Row::new("manifest", Status::Fail, "`Channel::manifest` panicked")],
                };
            }
        };
    let mut report = Report {
        target: format!("channel `{}` called in this process", subject.manifest.id),
        channel: Some(subject.manifest.id.clone()),
        rows: vec![suite::manifest_row(&subject.manifest)],
    };
    if report.rows[0].status == Status::Fail {
        report.rows.push(Row::new(
            "render",
            Status::Skip,
            "not run: the host would refuse this manifest",
        ));
        return report;
    }
    report.rows.extend(suite::behaviour(&subject));
    report
}

/// A render request for `channel` and `purpose`, built like the suite's own: for the
/// bundled shift-role example (`docs/examples/shift-text.toml`, Marcus Bell interviews
/// Jordan Lee) where it has a recipient for the purpose, else the executive search
/// through a recruiter (`executive-via-recruiter.toml`, for a debrief).
///
/// For a plugin's unit tests: render it, then look at the body and the checks.
///
/// # Panics
///
/// Never: the bundled examples have a recipient for every purpose (a unit test makes
/// sure).
///
/// # Example
///
/// ```
/// use followup_plugin::Purpose;
///
/// let request = followup_conformance::sample_request("whatsapp", Purpose::ThankYou);
/// assert_eq!(request.step.recipient.name, "Marcus Bell");
/// assert_eq!(request.step.channel, "whatsapp");
/// ```
pub fn sample_request(channel: &str, purpose: Purpose) -> RenderRequest {
    ["shift-text.toml", "executive-via-recruiter.toml"]
        .into_iter()
        .filter_map(followup_core::bundled::named)
        .find_map(|example| requests::first(&example.interview, purpose, channel))
        .expect("the bundled examples have a recipient for every purpose")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_purpose_has_a_sample() {
        for purpose in [
            Purpose::ThankYou,
            Purpose::Debrief,
            Purpose::ConnectionRequest,
            Purpose::CheckIn,
            Purpose::ClosingTheLoop,
        ] {
            let request = sample_request("pigeon", purpose);
            assert_eq!(request.step.purpose, purpose);
        }
    }

    #[test]
    fn a_missing_file_fails_and_skips_the_rest() {
        let report = check_library(Path::new("/no/such/libfollowup_x.so"));
        assert!(!report.passed());
        assert_eq!(report.rows.len(), STAGES.len());
        assert_eq!(report.rows[0].status, Status::Fail);
        assert!(report.rows[1..].iter().all(|r| r.status == Status::Skip));
    }
}
