//! The plugin folders a user names, checked before any is searched.
//!
//! A `--plugin-dir` that does not exist is a typo, not an empty folder: silence would
//! run the command without the plugins the user meant. A relative entry in
//! `FOLLOWUP_PLUGIN_PATH` resolves against wherever the command runs, so a checked-out
//! folder with a `plugins/` of its own could plant a library; it is refused.

use std::ffi::OsStr;
use std::path::PathBuf;

use crate::exit::UsageError;

use super::PLUGIN_PATH_VAR;

/// Refuses a `--plugin-dir` that is not a folder and a relative `FOLLOWUP_PLUGIN_PATH`
/// entry, naming it and saying what to do.
pub fn check(cli_dirs: &[PathBuf], env_value: Option<&OsStr>) -> Result<(), UsageError> {
    for dir in cli_dirs {
        if !dir.is_dir() {
            return Err(UsageError(format!(
                "--plugin-dir {}: no such folder; check the path, or create it and put the plugins in it",
                dir.display()
            )));
        }
    }
    let entries = env_value.map(std::env::split_paths).into_iter().flatten();
    for entry in entries.filter(|entry| !entry.as_os_str().is_empty()) {
        if entry.is_relative() {
            return Err(UsageError(format!(
                "{PLUGIN_PATH_VAR}: `{}` is a relative path, which would load plugins from wherever the command runs; write it as an absolute path",
                entry.display()
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_folders_and_relative_entries_are_refused() {
        assert!(check(&[std::env::temp_dir()], None).is_ok());
        let missing = check(&[PathBuf::from("/no/such/followup/plugins")], None);
        assert!(missing.is_err_and(|e| e.0.contains("--plugin-dir /no/such/followup/plugins")));
        let env = std::env::join_paths(["/abs", "", "plugins"]).expect("no separator inside");
        let relative = check(&[], Some(&env)).expect_err("a relative entry");
        assert!(relative.0.starts_with("FOLLOWUP_PLUGIN_PATH: `plugins` is a relative path"));
        let env = std::env::join_paths(["/abs", ""]).expect("no separator inside");
        assert!(check(&[], Some(&env)).is_ok(), "empty entries are skipped, as before");
    }
}
