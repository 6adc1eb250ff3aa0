//! `followup plugins new NAME [--dir DIR] [--followup-path PATH]`: makes a channel
//! plugin crate that builds, loads and passes `followup plugins check` as it is.
//!
//! The crate's files are the templates in `crates/followup-cli/scaffold/`, compiled
//! into the binary. It depends on `followup-plugin` (and, for its tests, on
//! `followup-conformance`) by path, in the followup checkout given with
//! `--followup-path` or else the repository this binary was built from, is a
//! workspace of its own so that it builds wherever it is put, and starts with that
//! checkout's `Cargo.lock`, so that it builds with the dependency versions followup
//! was tested with.
//!
//! Nothing is ever overwritten: the files are written into a fresh hidden folder beside
//! the target, which is then renamed into place; an existing empty folder gets the
//! files created in it, none replacing anything; a folder that is not empty is
//! refused.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use followup_core::manifest::is_channel_id;

use crate::exit::{self, UsageError};
use crate::settings::PluginsNewSettings;

/// This crate's folder, `crates/followup-cli` of the followup repository this binary
/// was built from.
const CLI_DIR: &str = env!("CARGO_MANIFEST_DIR");

/// Library names taken by followup's own crates (`followup_<name>`): a plugin of that
/// id could not depend on them.
const RESERVED: [&str; 7] =
    ["cli", "conformance", "core", "host", "plugin", "test_support", "tests"];

/// The files of a new plugin crate: where each goes, and its template.
const FILES: [(&str, &str); 7] = [
    ("Cargo.toml", include_str!("../../scaffold/Cargo.toml.tmpl")),
    ("README.md", include_str!("../../scaffold/README.md.tmpl")),
    (".gitignore", include_str!("../../scaffold/gitignore")),
    ("src/lib.rs", include_str!("../../scaffold/lib.rs.tmpl")),
    ("templates/thank_you.tera", include_str!("../../scaffold/templates/thank_you.tera")),
    ("templates/check_in.tera", include_str!("../../scaffold/templates/check_in.tera")),
    ("tests/conformance.rs", include_str!("../../scaffold/conformance.rs.tmpl")),
];

/// Runs `followup plugins new`.
pub fn run(settings: &PluginsNewSettings) -> anyhow::Result<ExitCode> {
    let id = &settings.name;
    check_id(id)?;
    let dir = &settings.dir;
    let root = match &settings.followup_path {
        Some(path) => checkout(path)?,
        None => built_from(),
    };
    refuse_existing(dir)?;

    let repository_path = |relative: &str| {
        let path = root.join(relative);
        path.canonicalize().unwrap_or(path)
    };
    let plugin_crate = repository_path("crates/followup-plugin");
    let values = Values {
        id: id.clone(),
        type_name: format!("{}Channel", camel_case(id)),
        display_name: display_name(id),
        package: format!("followup-{}", id.replace('_', "-")),
        library: library_file_name(id),
        plugin_path: toml_string(&plugin_crate),
        conformance_path: toml_string(&repository_path("crates/followup-conformance")),
        guide: repository_path("docs/writing-a-plugin.md").display().to_string(),
    };
    let mut files: Vec<(&str, String)> =
        FILES.iter().map(|(path, template)| (*path, values.fill(template))).collect();
    // The dependency versions followup was built and tested with, so that the plugin
    // builds with the same ones; cargo drops the entries it does not need.
    if let Ok(lock) = fs::read_to_string(repository_path("Cargo.lock")) {
        files.push(("Cargo.lock", lock));
    }
    write_crate(dir, &files)?;

    let mut out = std::io::stdout().lock();
    let shown = dir.display();
    let library = &values.library;
    writeln!(out, "Created the `{id}` channel plugin in {shown}/")?;
    for (path, _) in &files {
        writeln!(out, "  {path}")?;
    }
    if !plugin_crate.join("Cargo.toml").is_file() {
        writeln!(
            out,
            "\nwarning: {} does not exist (this followup was built elsewhere); run again with --followup-path pointing at a followup checkout, or point `followup-plugin` and `followup-conformance` in Cargo.toml at one",
            plugin_crate.display()
        )?;
    }
    writeln!(out, "\nNext steps:")?;
    writeln!(out, "  cd {shown}")?;
    writeln!(out, "  cargo test                  # unit tests and the conformance suite")?;
    writeln!(out, "  cargo build --release       # builds target/release/{library}")?;
    writeln!(out, "  followup plugins check target/release/{library}")?;
    writeln!(out, "  followup plan INTERVIEW --plugin-dir target/release")?;
    writeln!(
        out,
        "Install: copy target/release/{library} into ~/.local/share/followup/plugins, a directory of FOLLOWUP_PLUGIN_PATH, or the plugins/ folder beside the followup executable."
    )?;
    writeln!(
        out,
        "The channel is used where an interview lists `{id}` under [[established_channels]]; edit src/lib.rs and templates/ to make it yours."
    )?;
    writeln!(out, "Guide: {}", values.guide)?;
    out.flush()?;
    Ok(ExitCode::from(exit::OK))
}

/// Refuses a name that cannot be a channel id, or that followup's own crates use.
fn check_id(id: &str) -> Result<(), UsageError> {
    if !is_channel_id(id) {
        return Err(UsageError(format!(
            "`{id}` is not a channel id: use lower-case letters, digits and `_`, starting with a letter (such as `whatsapp` or `ats_inbox`)"
        )));
    }
    if RESERVED.contains(&id) {
        return Err(UsageError(format!(
            "`{id}` would name the library `followup_{id}`, which is one of followup's own crates; choose another id"
        )));
    }
    Ok(())
}

/// The followup checkout at `path`, absolute, when it holds the plugin API crate.
fn checkout(path: &Path) -> Result<PathBuf, UsageError> {
    let has_crate = |root: &Path| root.join("crates/followup-plugin/Cargo.toml").is_file();
    match path.canonicalize() {
        Ok(root) if has_crate(&root) => Ok(root),
        _ => Err(UsageError(format!(
            "--followup-path {}: not a followup checkout (there is no crates/followup-plugin/Cargo.toml); give the folder of a followup checkout or of an unpacked source release",
            path.display()
        ))),
    }
}

/// The root of the repository this binary was built from, resolved when it exists.
fn built_from() -> PathBuf {
    let root = Path::new(CLI_DIR).ancestors().nth(2).unwrap_or(Path::new(CLI_DIR));
    root.canonicalize().unwrap_or_else(|_| root.to_path_buf())
}

/// Refuses a target that exists and is not an empty folder.
fn refuse_existing(dir: &Path) -> anyhow::Result<()> {
    match fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                bail!(
                    "{}: the folder exists and is not empty; choose another --dir, nothing was written",
                    dir.display()
                );
            }
            Ok(())
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(_) if dir.exists() => bail!(
            "{}: exists and is not a folder; choose another --dir, nothing was written",
            dir.display()
        ),
        Err(err) => Err(err).with_context(|| format!("{}: cannot read the folder", dir.display())),
    }
}

/// Writes `files` into a fresh hidden folder beside `dir`, then renames it into place,
/// so that `dir` appears whole or not at all. An existing empty folder (`--dir .`) is
/// kept, as the shell may stand in it: the files are created in it, none replacing
/// anything, and removed again if one cannot be written.
fn write_crate(dir: &Path, files: &[(&str, String)]) -> anyhow::Result<()> {
    if dir.is_dir() {
        let mut created = Vec::new();
        let result = stage_files(dir, files, &mut created);
        if result.is_err() {
            // Best effort: what this run created goes, newest first; the folder stays.
            for path in created.iter().rev() {
                let _ = fs::remove_file(path).or_else(|_| fs::remove_dir(path));
            }
        }
        return result;
    }
    let parent = match dir.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent)
        .with_context(|| format!("{}: cannot create the folder", parent.display()))?;
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let result = stage(&staging, files).and_then(|()| {
        // Renaming onto a path that appeared meanwhile fails (or, for an empty folder
        // on some systems, replaces only that empty folder): nothing is overwritten.
        fs::rename(&staging, dir).with_context(|| {
            format!("{}: cannot move the new crate into place; nothing was written", dir.display())
        })
    });
    if result.is_err() {
        // Best effort: the staging folder may not even exist.
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

/// Creates `staging`, which must not exist yet, and every file under it.
fn stage(staging: &Path, files: &[(&str, String)]) -> anyhow::Result<()> {
    fs::create_dir(staging)
        .with_context(|| format!("{}: cannot create the folder", staging.display()))?;
    stage_files(staging, files, &mut Vec::new())
}

/// Creates every file under `folder`, none of which may exist yet, and records in
/// `created` each folder and file it made.
fn stage_files(
    folder: &Path,
    files: &[(&str, String)],
    created: &mut Vec<PathBuf>,
) -> anyhow::Result<()> {
    for (path, content) in files {
        let path = folder.join(path);
        if let Some(subfolder) = path.parent().filter(|p| !p.is_dir()) {
            fs::create_dir(subfolder)
                .with_context(|| format!("{}: cannot create the folder", subfolder.display()))?;
            created.push(subfolder.to_path_buf());
        }
        let mut file = fs::File::create_new(&path)
            .with_context(|| format!("{}: cannot create the file", path.display()))?;
        created.push(path.clone());
        file.write_all(content.as_bytes())
            .and_then(|()| file.sync_all())
            .with_context(|| format!("{}: cannot write the file", path.display()))?;
    }
    Ok(())
}

/// What the placeholders of the scaffold stand for.
struct Values {
    id: String,
    type_name: String,
    display_name: String,
    package: String,
    library: String,
    plugin_path: String,
    conformance_path: String,
    guide: String,
}

impl Values {
    /// `template` with its `@NAME@` placeholders filled in.
    fn fill(&self, template: &str) -> String {
        [
            ("@ID@", self.id.as_str()),
            ("@TYPE@", &self.type_name),
            ("@NAME@", &self.display_name),
            ("@PACKAGE@", &self.package),
            ("@LIBRARY@", &self.library),
            ("@PLUGIN_PATH@", &self.plugin_path),
            ("@CONFORMANCE_PATH@", &self.conformance_path),
            ("@GUIDE@", &self.guide),
            ("@REPOSITORY@", env!("CARGO_PKG_REPOSITORY")),
        ]
        .iter()
        .fold(template.to_string(), |text, (placeholder, value)| text.replace(placeholder, value))
    }
}

/// A path as a TOML string, quoted and escaped.
fn toml_string(path: &Path) -> String {
    toml::Value::String(path.to_string_lossy().replace('\\', "/")).to_string()
}

/// `ats_inbox` → `AtsInbox`.
fn camel_case(id: &str) -> String {
    id.split('_')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// `ats_inbox` → `Ats inbox`: the name shown to candidates until the author picks one.
fn display_name(id: &str) -> String {
    let words = id.split('_').filter(|part| !part.is_empty()).collect::<Vec<_>>().join(" ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// The library's file name on this system (`libfollowup_<id>.so`).
fn library_file_name(id: &str) -> String {
    use std::env::consts::{DLL_PREFIX, DLL_SUFFIX};
    format!("{DLL_PREFIX}followup_{id}{DLL_SUFFIX}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_id() {
        assert_eq!(camel_case("whatsapp"), "Whatsapp");
        assert_eq!(camel_case("ats_inbox2"), "AtsInbox2");
        assert_eq!(display_name("ats_inbox"), "Ats inbox");
        assert!(check_id("ats_inbox").is_ok());
        for bad in ["", "WhatsApp", "2way", "what-sapp", "_x", "plugin", "core"] {
            assert!(check_id(bad).is_err(), "`{bad}` is refused");
        }
    }

    #[test]
    fn every_placeholder_is_filled() {
        let values = Values {
            id: "demo".into(),
            type_name: "DemoChannel".into(),
            display_name: "Demo".into(),
            package: "followup-demo".into(),
            library: "libfollowup_demo.so".into(),
            plugin_path: "\"/x\"".into(),
            conformance_path: "\"/y\"".into(),
            guide: "/guide.md".into(),
        };
        for (path, template) in FILES {
            let text = values.fill(template);
            assert!(
                !text.split('@').skip(1).step_by(2).any(|word| {
                    !word.is_empty() && word.chars().all(|c| c.is_ascii_uppercase() || c == '_')
                }),
                "{path} has an unfilled placeholder:\n{text}"
            );
        }
    }

    #[test]
    fn no_link_is_empty() {
        // Regression (issue 15): the README linked to an empty repository address.
        assert!(!env!("CARGO_PKG_REPOSITORY").is_empty(), "set `repository` in Cargo.toml");
        let values = Values {
            id: "demo".into(),
            type_name: "DemoChannel".into(),
            display_name: "Demo".into(),
            package: "followup-demo".into(),
            library: "libfollowup_demo.so".into(),
            plugin_path: "\"/x\"".into(),
            conformance_path: "\"/y\"".into(),
            guide: "/guide.md".into(),
        };
        for (path, template) in FILES {
            let text = values.fill(template);
            assert!(!text.contains("]()"), "{path} has an empty link:\n{text}");
        }
    }

    #[test]
    fn a_path_is_a_quoted_toml_string() {
        for path in ["/a/b c/\"d\"", "/it's/here", "C:\\Users\\dana"] {
            let line = format!("path = {}", toml_string(Path::new(path)));
            let read: toml::Table = toml::from_str(&line).expect("valid TOML");
            assert_eq!(read["path"].as_str(), Some(path.replace('\\', "/").as_str()), "{line}");
        }
    }
}
