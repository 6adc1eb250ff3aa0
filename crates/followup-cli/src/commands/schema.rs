//! `followup schema`: prints or writes the published JSON Schemas.

use std::io::Write;
use std::process::ExitCode;

use followup_core::schema;

use crate::atomic_write::{self, Outcome};
use crate::exit::{self, UsageError};
use crate::settings::SchemaSettings;

/// Runs `followup schema`.
pub fn run(settings: &SchemaSettings) -> anyhow::Result<ExitCode> {
    let registry = followup_host::load_plugins(&settings.search);
    super::report_refusals(&registry);
    let schemas = schema::all(&registry.manifests());
    let mut out = std::io::stdout().lock();
    match &settings.out {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|err| {
                anyhow::anyhow!("{}: cannot create the folder: {err}", dir.display())
            })?;
            for published in &schemas {
                let path = dir.join(published.file_name);
                let text = schema::to_text(&published.schema);
                let outcome = atomic_write::write(&path, text.as_bytes(), settings.force)?;
                let word = match outcome {
                    Outcome::Created => "created",
                    Outcome::Replaced => "replaced",
                    Outcome::Unchanged => "unchanged",
                };
                writeln!(out, "{word:>9} {}", path.display())?;
            }
        }
        None => {
            let name = settings.name.as_deref().unwrap_or("interview");
            let Some(found) =
                schemas.iter().find(|s| s.file_name.trim_end_matches(".schema.json") == name)
            else {
                let names: Vec<&str> =
                    schemas.iter().map(|s| s.file_name.trim_end_matches(".schema.json")).collect();
                let near = followup_validate::closest(name, names.iter().copied())
                    .map(|near| format!("did you mean `{near}`? "))
                    .unwrap_or_default();
                return Err(UsageError(format!(
                    "no schema named `{name}`; {near}choose one of {}",
                    names.join(", ")
                ))
                .into());
            };
            out.write_all(schema::to_text(&found.schema).as_bytes())?;
        }
    }
    out.flush()?;
    Ok(ExitCode::from(exit::OK))
}
