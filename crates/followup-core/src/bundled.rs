//! The example interviews bundled with followup (`docs/examples/*.toml`), compiled in,
//! so that a style pack can be tried on them and a plugin checked against them wherever
//! followup is installed (`followup validate`, the conformance suite).
//!
//! They are text compiled into the program, not files read at run time: core still does
//! no I/O. A test keeps the list in step with the folder and every example valid.

use std::sync::OnceLock;

use crate::interview::Interview;
use crate::validate::{ValidInterview, validate};

/// The example interviews: file name and TOML text.
pub const SOURCES: [(&str, &str); 5] = [
    ("executive-letter.toml", include_str!("../../../docs/examples/executive-letter.toml")),
    (
        "executive-via-recruiter.toml",
        include_str!("../../../docs/examples/executive-via-recruiter.toml"),
    ),
    ("panel.toml", include_str!("../../../docs/examples/panel.toml")),
    ("professional-email.toml", include_str!("../../../docs/examples/professional-email.toml")),
    ("shift-text.toml", include_str!("../../../docs/examples/shift-text.toml")),
];

/// One bundled example interview.
#[derive(Debug)]
pub struct Example {
    /// Its file name in `docs/examples`.
    pub name: &'static str,
    /// The interview it holds.
    pub interview: Interview,
}

/// The bundled examples, parsed once. An example that does not parse is left out; the
/// test below keeps them all parsing.
pub fn examples() -> &'static [Example] {
    static EXAMPLES: OnceLock<Vec<Example>> = OnceLock::new();
    EXAMPLES.get_or_init(|| {
        SOURCES
            .iter()
            .filter_map(|(name, text)| {
                Some(Example { name, interview: toml::from_str(text).ok()? })
            })
            .collect()
    })
}

/// The bundled example named `name` (`shift-text.toml`).
pub fn named(name: &str) -> Option<&'static Example> {
    examples().iter().find(|example| example.name == name)
}

/// The bundled examples, validated, by file name. An example that does not validate is
/// left out; the test below keeps them all valid.
pub fn valid_interviews() -> Vec<(&'static str, ValidInterview)> {
    examples()
        .iter()
        .filter_map(|example| Some((example.name, validate(example.interview.clone()).ok()?)))
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
        let built_in: Vec<&str> = SOURCES.iter().map(|(name, _)| *name).collect();
        assert_eq!(on_disk, built_in, "add new examples to SOURCES");
        assert_eq!(examples().len(), SOURCES.len(), "every example parses");
        assert_eq!(valid_interviews().len(), SOURCES.len(), "every example is valid");
    }
}
