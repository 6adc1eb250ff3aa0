//! Style packs on disk: a folder with `style.toml` (or `style.json`) and
//! `templates/<channel>/<name>.tera`.
//!
//! A pack is found by path, or by name in the user's config directory
//! (`~/.config/followup/styles/NAME/` on Linux). Without `--style`, the built-in style
//! applies: no overrides, every default.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use followup_core::style::Style;

use crate::document::{InputError, SourceFile};

/// Which style to use.
#[derive(Debug, Clone)]
pub enum StyleChoice {
    /// The built-in style.
    BuiltIn,
    /// A pack folder given by path.
    Path(PathBuf),
    /// A named pack in the config directory (which may be unknown).
    Named { name: String, styles_dir: Option<PathBuf> },
}

/// A loaded style pack.
#[derive(Debug, Clone, Default)]
pub struct StylePack {
    /// The settings file it came from.
    pub settings_file: Option<PathBuf>,
    /// The style's settings.
    pub style: Style,
    /// Template sources by channel, then by name (`thank_you`, `thank_you.subject`).
    pub templates: BTreeMap<String, BTreeMap<String, Template>>,
}

/// One template file of a pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// Where it was read from.
    pub path: PathBuf,
    /// Its text.
    pub source: String,
}

/// Why a style pack could not be used.
#[derive(Debug, thiserror::Error)]
pub enum StyleError {
    /// No pack of that name.
    #[error("no style named `{name}`{}", available_text(.looked_in, .available))]
    UnknownName { name: String, looked_in: Option<PathBuf>, available: Vec<String> },
    /// The folder has no settings file.
    #[error(
        "{dir}: not a style pack: it has no style.toml or style.json; create one (see docs/writing-a-style.md)"
    )]
    NoSettings { dir: PathBuf },
    /// The folder has both.
    #[error("{dir}: has both style.toml and style.json; keep one")]
    BothSettings { dir: PathBuf },
    /// A file could not be read or parsed.
    #[error(transparent)]
    Input(#[from] InputError),
}

fn available_text(looked_in: &Option<PathBuf>, available: &[String]) -> String {
    match looked_in {
        None => "; pass the style pack's folder instead".to_string(),
        Some(dir) if available.is_empty() => {
            format!(" in {}; pass a folder, or put the pack there", dir.display())
        }
        Some(dir) => {
            format!(" in {}; the styles there are: {}", dir.display(), available.join(", "))
        }
    }
}

impl StyleChoice {
    /// Reads an argument: a path when it names an existing folder or contains a path
    /// separator, else a name.
    pub fn from_argument(argument: &str, styles_dir: Option<PathBuf>) -> StyleChoice {
        let path = Path::new(argument);
        if path.is_dir() || argument.contains(std::path::MAIN_SEPARATOR) || argument.contains('/') {
            StyleChoice::Path(path.to_path_buf())
        } else {
            StyleChoice::Named { name: argument.to_string(), styles_dir }
        }
    }
}

impl StylePack {
    /// Loads the chosen pack.
    ///
    /// # Errors
    ///
    /// Returns which file is wrong and how, or that the pack does not exist.
    pub fn resolve(choice: &StyleChoice) -> Result<StylePack, StyleError> {
        match choice {
            StyleChoice::BuiltIn => Ok(StylePack::default()),
            StyleChoice::Path(dir) => StylePack::load(dir),
            StyleChoice::Named { name, styles_dir } => {
                let candidate = styles_dir.as_ref().map(|dir| dir.join(name));
                match candidate {
                    Some(dir) if dir.is_dir() => StylePack::load(&dir),
                    _ => Err(StyleError::UnknownName {
                        name: name.clone(),
                        looked_in: styles_dir.clone(),
                        available: styles_dir.as_deref().map(named_styles).unwrap_or_default(),
                    }),
                }
            }
        }
    }

    /// Loads the pack in `dir`.
    ///
    /// # Errors
    ///
    /// Returns the first file that cannot be read or parsed.
    pub fn load(dir: &Path) -> Result<StylePack, StyleError> {
        let settings_file = settings_file(dir)?;
        let style: Style = SourceFile::read(&settings_file)?.parse()?;
        let templates = read_templates(&dir.join("templates"))?;
        Ok(StylePack { settings_file: Some(settings_file), style, templates })
    }

    /// Checks the style's figures and ranges (core's rules), so a style that would
    /// make no sense is refused with its file, line and field.
    ///
    /// # Errors
    ///
    /// Returns every problem, located in the settings file.
    pub fn check(&self) -> Result<(), InputError> {
        let Err(problems) = self.style.check() else { return Ok(()) };
        let path = self.settings_file.clone().unwrap_or_default();
        let source = SourceFile::read(&path).ok();
        Err(InputError::invalid(path, source.as_ref(), problems))
    }

    /// The pack's templates for one channel, by name.
    pub fn templates_for(&self, channel: &str) -> BTreeMap<String, String> {
        self.templates
            .get(channel)
            .map(|t| t.iter().map(|(name, t)| (name.clone(), t.source.clone())).collect())
            .unwrap_or_default()
    }
}

/// The settings file of the pack in `dir`: `style.toml` or `style.json`, whichever it
/// has. The one place that decides a pack's layout; `followup validate` words the
/// refusals its own way.
///
/// # Errors
///
/// [`StyleError::BothSettings`] when it has both, [`StyleError::NoSettings`] when it
/// has neither, and [`InputError::Read`] when `dir` is no folder.
pub fn settings_file(dir: &Path) -> Result<PathBuf, StyleError> {
    let toml = dir.join("style.toml");
    let json = dir.join("style.json");
    // Anything by that name counts, so that a FIFO or a device is refused by name
    // when it is read, instead of the pack being called one without settings.
    match (toml.exists(), json.exists()) {
        (true, true) => Err(StyleError::BothSettings { dir: dir.to_path_buf() }),
        (true, false) => Ok(toml),
        (false, true) => Ok(json),
        (false, false) if !dir.is_dir() => Err(InputError::Read {
            path: dir.to_path_buf(),
            cause: std::io::Error::new(std::io::ErrorKind::NotFound, "no such folder"),
        }
        .into()),
        (false, false) => Err(StyleError::NoSettings { dir: dir.to_path_buf() }),
    }
}

/// The names of the packs in a styles folder.
fn named_styles(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut names: Vec<String> = entries
        .flatten()
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    names.sort();
    names
}

/// Reads `templates/<channel>/<name>.tera`; a missing folder means no templates.
///
/// A pack is shared data, so it may only bring its own files: a symbolic link (to the
/// folder, a channel's folder or a template) is refused, and so is any file that
/// resolves outside the pack, so that a template cannot pull in a file the user can
/// read elsewhere.
pub fn read_templates(
    dir: &Path,
) -> Result<BTreeMap<String, BTreeMap<String, Template>>, InputError> {
    let mut templates = BTreeMap::new();
    let Ok(kind) = std::fs::symlink_metadata(dir).map(|m| m.file_type()) else {
        return Ok(templates);
    };
    if kind.is_symlink() {
        return Err(outside_pack(dir, LINK));
    }
    let pack = dir.parent().unwrap_or(dir);
    let pack_root = std::fs::canonicalize(pack)
        .map_err(|cause| InputError::Read { path: pack.to_path_buf(), cause })?;
    let Ok(channels) = std::fs::read_dir(dir) else { return Ok(templates) };
    for channel in channels.flatten() {
        let channel_dir = channel.path();
        let Some(channel_id) = channel.file_name().to_str().map(str::to_string) else { continue };
        // The entry's own type: a link is not followed to tell what it points at.
        let Ok(kind) = channel.file_type() else { continue };
        if kind.is_symlink() {
            return Err(outside_pack(&channel_dir, LINK));
        }
        if !kind.is_dir() {
            continue;
        }
        let files = std::fs::read_dir(&channel_dir)
            .map_err(|cause| InputError::Read { path: channel_dir.clone(), cause })?;
        let mut by_name = BTreeMap::new();
        for file in files.flatten() {
            let path = file.path();
            let Some(name) = path
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(".tera"))
                .map(str::to_string)
            else {
                continue;
            };
            if file.file_type().is_ok_and(|kind| kind.is_symlink()) {
                return Err(outside_pack(&path, LINK));
            }
            let resolved = std::fs::canonicalize(&path)
                .map_err(|cause| InputError::Read { path: path.clone(), cause })?;
            if !resolved.starts_with(&pack_root) {
                return Err(outside_pack(&path, "it resolves to a file outside the style pack"));
            }
            let source = crate::document::input_file::read_to_string(&path)
                .map_err(|cause| InputError::Read { path: path.clone(), cause })?;
            by_name.insert(name, Template { path, source });
        }
        templates.insert(channel_id, by_name);
    }
    Ok(templates)
}

const LINK: &str = "it is a symbolic link";

/// The refusal of a path in a pack that is not the pack's own file.
fn outside_pack(path: &Path, why: &str) -> InputError {
    InputError::Read {
        path: path.to_path_buf(),
        cause: std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!(
                "{why}, and a style pack may only use its own files; copy the template into the pack instead"
            ),
        ),
    }
}
