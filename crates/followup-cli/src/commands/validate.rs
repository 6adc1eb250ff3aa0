//! `followup validate FILE...`: checks documents against the published schemas and the
//! rules, and reports every problem with its file, line, column, field, rule and hint.
//!
//! The checking itself is `followup-validate`'s; this module reads the files, finds
//! where each field is written, and prints. A folder is a style pack (its settings and
//! every template, tried on the bundled examples); `--jsonl` streams a JSON Lines file of
//! interviews record by record, printing as it goes so that memory stays flat. In a
//! TOML file, each `# TODO field: ...` marker (as `followup new` writes them) is listed
//! as a warning at its line, unless a rule already reports that field.
//!
//! Exit status: 0 when every file is valid (warnings allowed), 3 when any file has an
//! error-level problem, 4 when any file could not be read (this wins over 3: a file
//! that was not read was not checked, and that is the first thing to fix).

mod document;
mod jsonl;
mod output;
mod pack;

use std::process::ExitCode;

use followup_core::schema;
use followup_validate::{Checker, Kind};

use crate::exit::{self, UsageError};
use crate::settings::{DocumentKind, ValidateSettings};

use output::{Output, Tally};

/// Runs `followup validate`.
pub fn run(settings: &ValidateSettings) -> anyhow::Result<ExitCode> {
    let kind = settings.kind.map(kind_of);
    if settings.jsonl && kind.is_some_and(|k| k != Kind::Interview) {
        return Err(UsageError(
            "--jsonl reads interviews; leave out --kind or write --kind interview".to_string(),
        )
        .into());
    }
    for file in settings.files.iter().filter(|f| f.is_dir()) {
        if settings.jsonl {
            return Err(UsageError(format!(
                "{}: is a folder; --jsonl needs a JSON Lines file",
                file.display()
            ))
            .into());
        }
        if kind.is_some_and(|k| k != Kind::Style) {
            return Err(UsageError(format!(
                "{}: a folder is checked as a style pack; leave out --kind or write --kind style",
                file.display()
            ))
            .into());
        }
    }

    let registry = followup_host::load_plugins(&settings.search);
    super::report_refusals(&registry);
    let profile = crate::profile::load(&settings.profile)?;
    let checker = Checker::new(&schema::all(&registry.manifests()), registry.manifests())?
        .with_profile(profile);

    let mut output = Output::new(settings.format);
    output.begin()?;
    let mut tally = Tally::default();
    for file in &settings.files {
        let outcome = if settings.jsonl {
            jsonl::check(file, &checker, &mut output)?
        } else if file.is_dir() {
            output.file(&pack::check(file, &checker, &registry))?
        } else {
            output.file(&document::check(file, kind, &checker))?
        };
        tally.add(outcome);
    }
    output.end()?;
    Ok(ExitCode::from(if tally.unreadable {
        exit::UNREADABLE_INPUT
    } else if tally.invalid {
        exit::INVALID_INPUT
    } else {
        exit::OK
    }))
}

fn kind_of(kind: DocumentKind) -> Kind {
    match kind {
        DocumentKind::Interview => Kind::Interview,
        DocumentKind::Style => Kind::Style,
        DocumentKind::Plan => Kind::Plan,
        DocumentKind::Draft => Kind::Draft,
        DocumentKind::Manifest => Kind::Manifest,
        DocumentKind::Profile => Kind::Profile,
    }
}
