//! The user's own run settings: `settings.toml` beside the profile in the config
//! directory (`~/.config/followup/settings.toml` on Linux). They say how followup runs
//! for this user, not who the candidate is, which is the profile's job; the profile is
//! the same document as an interview's `[candidate]`, so run settings do not belong
//! there.

use std::path::Path;

use serde::Deserialize;

use crate::document::{InputError, SourceFile};

/// The file's name in the config directory.
pub const FILE_NAME: &str = "settings.toml";

/// What `settings.toml` may say; every field is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserSettings {
    /// Run every plugin in a child process, as `--isolate-plugins` does.
    #[serde(default)]
    pub isolate_plugins: Option<bool>,
}

/// Reads `settings.toml` from `config_dir`; no directory or no file means no settings.
///
/// # Errors
///
/// The file cannot be read, or has a field it should not (with its line).
pub fn load(config_dir: Option<&Path>) -> Result<UserSettings, InputError> {
    let Some(path) = config_dir.map(|dir| dir.join(FILE_NAME)) else {
        return Ok(UserSettings::default());
    };
    // Anything by that name counts, so that a FIFO is refused by name when it is read.
    if std::fs::symlink_metadata(&path).is_err() {
        return Ok(UserSettings::default());
    }
    SourceFile::read(&path)?.parse()
}
