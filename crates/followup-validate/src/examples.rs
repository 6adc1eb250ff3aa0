//! The bundled example interviews (`docs/examples/*.toml`), built into the program so
//! that a style pack can be tried on them wherever followup is installed.

use followup_core::interview::Interview;
use followup_core::validate::{ValidInterview, validate};

/// The example interviews: file name and TOML text.
pub const INTERVIEWS: [(&str, &str); 4] = [
    (
        "executive-via-recruiter.toml",
        include_str!("../../../docs/examples/executive-via-recruiter.toml"),
    ),
    ("panel.toml", include_str!("../../../docs/examples/panel.toml")),
    ("professional-email.toml", include_str!("../../../docs/examples/professional-email.toml")),
    ("shift-text.toml", include_str!("../../../docs/examples/shift-text.toml")),
];

/// The example interviews, read and validated, by file name. An example that does not
/// validate is left out; a test keeps them all valid.
pub fn valid_interviews() -> Vec<(&'static str, ValidInterview)> {
    INTERVIEWS
        .iter()
        .filter_map(|(name, text)| {
            let interview: Interview = toml::from_str(text).ok()?;
            Some((*name, validate(interview).ok()?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_example_is_built_in_and_valid() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/examples");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .expect("docs/examples exists")
            .flatten()
            .filter_map(|e| e.file_name().to_str().map(str::to_string))
            .filter(|name| name.ends_with(".toml"))
            .collect();
        on_disk.sort();
        let built_in: Vec<&str> = INTERVIEWS.iter().map(|(name, _)| *name).collect();
        assert_eq!(on_disk, built_in, "add new examples to INTERVIEWS");
        assert_eq!(valid_interviews().len(), INTERVIEWS.len(), "every example is valid");
    }
}
