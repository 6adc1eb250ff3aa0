//! `followup plugins check PATH`: runs the conformance suite (`followup-conformance`)
//! against a built plugin library and prints its table of checks.
//!
//! Exit status: 0 when every check passes (warnings allowed), 1 when one fails, 4 when
//! the file cannot be read.

use std::io::Write;
use std::process::ExitCode;

use crate::args::OutputFormat;
use crate::document::InputError;
use crate::exit;
use crate::settings::PluginsCheckSettings;

/// Runs `followup plugins check`.
pub fn run(settings: &PluginsCheckSettings) -> anyhow::Result<ExitCode> {
    let path = &settings.path;
    // An unreadable path is an input error (exit 4), not a failed check.
    let unreadable = |cause| InputError::Read { path: path.clone(), cause };
    let metadata = std::fs::metadata(path).map_err(unreadable)?;
    if !metadata.is_file() {
        return Err(unreadable(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "this is a folder; give the library itself, such as target/release/libfollowup_NAME.so",
        ))
        .into());
    }
    std::fs::File::open(path).map_err(unreadable)?;

    let report = followup_conformance::check_library_with(path, &settings.isolation);
    let mut out = std::io::stdout().lock();
    match settings.format {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        OutputFormat::Text => write!(out, "{report}")?,
    }
    out.flush()?;
    Ok(ExitCode::from(if report.passed() { exit::OK } else { exit::FAILURE }))
}
