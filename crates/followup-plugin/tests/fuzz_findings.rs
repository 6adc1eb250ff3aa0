//! Inputs the fuzz targets found (docs/fuzzing.md), kept as files in `fuzz-findings/`:
//! each is a style template that once made the template code panic. Reading them must
//! give an answer (a parse error is fine), never a panic (issue 14).

use std::path::Path;

use followup_plugin::drafting::Templates;

#[test]
fn style_templates_found_by_fuzzing_do_not_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-findings");
    let mut read = 0;
    for entry in std::fs::read_dir(&dir).expect("tests/fuzz-findings is part of the crate") {
        let path = entry.expect("the folder can be listed").path();
        let source = std::fs::read_to_string(&path).expect("a finding is UTF-8 text");
        // What `followup validate PACK` does first with every template of a pack.
        let _ = Templates::includes(&source);
        let _ = Templates::from_sources(&[("finding", source.as_str())]);
        read += 1;
    }
    assert!(read > 0, "no findings in {}", dir.display());
}
