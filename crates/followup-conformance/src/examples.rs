//! The example interviews bundled with followup (`docs/examples/*.toml`), compiled into
//! the suite so that it runs the same wherever it is called from.

use std::sync::OnceLock;

use followup_core::interview::Interview;

/// One bundled example interview.
#[derive(Debug)]
pub(crate) struct Example {
    /// Its file name in `docs/examples`.
    pub name: &'static str,
    /// The interview it holds.
    pub interview: Interview,
}

/// The file names and texts of `docs/examples/*.toml`, as `followup validate` embeds
/// them (its test keeps the list in step with the folder).
pub(crate) const SOURCES: [(&str, &str); 4] = followup_validate::examples::INTERVIEWS;

/// The bundled examples, parsed once.
pub(crate) fn bundled() -> &'static [Example] {
    static EXAMPLES: OnceLock<Vec<Example>> = OnceLock::new();
    EXAMPLES.get_or_init(|| {
        SOURCES
            .iter()
            .map(|(name, text)| Example {
                name,
                interview: toml::from_str(text)
                    .expect("the bundled examples parse; a unit test reads every one"),
            })
            .collect()
    })
}

/// The bundled example named `name`.
pub(crate) fn named(name: &str) -> &'static Example {
    bundled()
        .iter()
        .find(|example| example.name == name)
        .expect("the suite only asks for examples listed in SOURCES")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_example_is_compiled_in_and_valid() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/examples");
        let mut on_disk: Vec<String> = std::fs::read_dir(folder)
            .expect("docs/examples exists")
            .map(|entry| entry.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".toml"))
            .collect();
        on_disk.sort();
        let listed: Vec<&str> = SOURCES.iter().map(|(name, _)| *name).collect();
        assert_eq!(on_disk, listed, "list every docs/examples/*.toml in SOURCES");
        for example in bundled() {
            assert!(
                followup_core::validate::validate(example.interview.clone()).is_ok(),
                "{} is valid",
                example.name
            );
        }
    }
}
