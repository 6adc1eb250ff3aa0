//! `followup plugins`: where plugins are looked for, which loaded and which were
//! refused and why.

use std::io::Write;
use std::process::ExitCode;

use serde_json::json;

use crate::args::OutputFormat;
use crate::exit;
use crate::settings::PluginsSettings;

/// A packed ABI version as `major.minor`.
fn version_text(version: u32) -> String {
    format!("{}.{}", version >> 16, version & 0xffff)
}

/// Runs `followup plugins`.
pub fn run(settings: &PluginsSettings) -> anyhow::Result<ExitCode> {
    let registry = followup_host::load_plugins(&settings.search);
    let mut out = std::io::stdout().lock();
    match settings.format {
        OutputFormat::Json => {
            let value = json!({
                "search_path": settings.search.dirs().iter().map(|dir| json!({
                    "dir": dir.dir, "origin": dir.origin.to_string(),
                })).collect::<Vec<_>>(),
                "loaded": registry.loaded.iter().map(|p| json!({
                    "path": p.path, "channel": p.manifest.id, "name": p.manifest.name,
                    "version": p.manifest.version, "abi_version": version_text(p.abi_version),
                })).collect::<Vec<_>>(),
                "refused": registry.refused.iter().map(|r| json!({
                    "path": r.path, "reason": r.reason.to_string(),
                })).collect::<Vec<_>>(),
            });
            serde_json::to_writer_pretty(&mut out, &value)?;
            writeln!(out)?;
        }
        OutputFormat::Text => {
            writeln!(out, "Loaded ({}):", registry.loaded.len())?;
            for p in &registry.loaded {
                writeln!(
                    out,
                    "  {:<10} {:<28} v{:<8} abi {:<5} {}",
                    p.manifest.id,
                    p.manifest.name,
                    p.manifest.version,
                    version_text(p.abi_version),
                    p.path.display()
                )?;
            }
            writeln!(out, "Refused ({}):", registry.refused.len())?;
            for refusal in &registry.refused {
                writeln!(out, "  {refusal}")?;
            }
            writeln!(out, "Searched, in order:")?;
            for dir in settings.search.dirs() {
                writeln!(out, "  {} ({})", dir.dir.display(), dir.origin)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::from(exit::OK))
}
