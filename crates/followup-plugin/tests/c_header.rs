//! The C header `include/followup_plugin.h` is written by hand; this test keeps it in
//! step with `src/abi.rs` (issue 16).
//!
//! A small C program, generated here, includes the header and prints the size,
//! alignment and every field offset of each struct, every constant and the version
//! macros; it is compiled with the system C compiler (`$CC`, else `cc`) as C99 with
//! warnings as errors and run, and each line is compared with Rust's `size_of`,
//! `offset_of!` and constants. The test also reads `abi.rs` itself, so that a constant,
//! function or field added there without a counterpart here (and so in the header)
//! fails it.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::mem::{align_of, offset_of, size_of};
use std::path::{Path, PathBuf};
use std::process::Command;

use followup_plugin::abi::{self, Buffer, PluginTable};
use followup_test_support::{ScratchDir, compile_c, plugin_header_dir};

/// A numeric fact: its name in this test, the C expression, and Rust's value.
type Fact = (String, String, u64);

/// Every numeric `pub const` of `abi.rs` and the header's name for it.
const CONSTANTS: [(&str, &str); 7] = [
    ("ABI_VERSION", "FOLLOWUP_ABI_VERSION_CURRENT"),
    ("STATUS_OK", "FOLLOWUP_STATUS_OK"),
    ("STATUS_ERROR", "FOLLOWUP_STATUS_ERROR"),
    ("STATUS_PANIC", "FOLLOWUP_STATUS_PANIC"),
    ("TABLE_SIZE_V1_0", "FOLLOWUP_TABLE_SIZE_V1_0"),
    ("TABLE_SIZE_V1_1", "FOLLOWUP_TABLE_SIZE_V1_1"),
    ("TABLE_SIZE_V1_2", "FOLLOWUP_TABLE_SIZE_V1_2"),
];

/// The exported symbols' names: the Rust constant, the header's macro, the value.
const SYMBOLS: [(&str, &str, &str); 2] = [
    ("ABI_VERSION_SYMBOL", "FOLLOWUP_ABI_VERSION_SYMBOL", abi::ABI_VERSION_SYMBOL),
    ("ENTRY_SYMBOL_V1", "FOLLOWUP_ENTRY_SYMBOL_V1", abi::ENTRY_SYMBOL_V1),
];

/// Every `pub const fn` of `abi.rs` and the header's macro for it.
const FUNCTIONS: [(&str, &str); 3] = [
    ("abi_version", "FOLLOWUP_ABI_VERSION"),
    ("abi_major", "FOLLOWUP_ABI_MAJOR"),
    ("abi_minor", "FOLLOWUP_ABI_MINOR"),
];

/// A field: its Rust name, its C name and its Rust offset.
type Field = (&'static str, &'static str, usize);

/// A struct: its Rust name, its C name, its size, its alignment and its fields.
type Struct = (&'static str, &'static str, usize, usize, Vec<Field>);

/// Every `#[repr(C)]` struct of `abi.rs`, its C name, and its fields with their C
/// names and Rust offsets.
fn structs() -> Vec<Struct> {
    vec![
        (
            "Buffer",
            "FollowupBuffer",
            size_of::<Buffer>(),
            align_of::<Buffer>(),
            vec![
                ("ptr", "ptr", offset_of!(Buffer, ptr)),
                ("len", "len", offset_of!(Buffer, len)),
                ("cap", "cap", offset_of!(Buffer, cap)),
            ],
        ),
        (
            "PluginTable",
            "FollowupPluginTable",
            size_of::<PluginTable>(),
            align_of::<PluginTable>(),
            vec![
                ("abi_version", "abi_version", offset_of!(PluginTable, abi_version)),
                ("table_size", "table_size", offset_of!(PluginTable, table_size)),
                ("manifest", "manifest", offset_of!(PluginTable, manifest)),
                ("free_buffer", "free_buffer", offset_of!(PluginTable, free_buffer)),
                ("render", "render", offset_of!(PluginTable, render)),
                // `export` is a C++ keyword.
                ("export", "export_files", offset_of!(PluginTable, export)),
            ],
        ),
    ]
}

/// The numeric facts to compare: layouts, constants and the packing macros.
fn facts() -> Vec<Fact> {
    let mut facts: Vec<Fact> = Vec::new();
    for (rust, c, size, align, fields) in structs() {
        facts.push((format!("sizeof {rust}"), format!("sizeof({c})"), size as u64));
        facts.push((
            format!("alignof {rust}"),
            format!("offsetof(struct {{ char c; {c} x; }}, x)"),
            align as u64,
        ));
        for (field, c_field, offset) in fields {
            facts.push((
                format!("offsetof {rust}.{field}"),
                format!("offsetof({c}, {c_field})"),
                offset as u64,
            ));
        }
    }
    let values: BTreeMap<&str, u64> = BTreeMap::from([
        ("ABI_VERSION", u64::from(abi::ABI_VERSION)),
        ("STATUS_OK", u64::from(abi::STATUS_OK)),
        ("STATUS_ERROR", u64::from(abi::STATUS_ERROR)),
        ("STATUS_PANIC", u64::from(abi::STATUS_PANIC)),
        ("TABLE_SIZE_V1_0", abi::TABLE_SIZE_V1_0 as u64),
        ("TABLE_SIZE_V1_1", abi::TABLE_SIZE_V1_1 as u64),
        ("TABLE_SIZE_V1_2", abi::TABLE_SIZE_V1_2 as u64),
    ]);
    for (rust, c) in CONSTANTS {
        let value = values.get(rust).unwrap_or_else(|| panic!("add {rust}'s value to facts()"));
        facts.push((rust.to_string(), c.to_string(), *value));
    }
    facts.push((
        "ABI_VERSION major.minor".to_string(),
        "FOLLOWUP_ABI_VERSION(FOLLOWUP_ABI_VERSION_MAJOR, FOLLOWUP_ABI_VERSION_MINOR)".to_string(),
        u64::from(abi::ABI_VERSION),
    ));
    for (major, minor) in [(1, 0), (1, 2), (3, 7), (0xffff, 0xffff)] {
        let packed = abi::abi_version(major, minor);
        facts.push((
            format!("abi_version({major}, {minor})"),
            format!("FOLLOWUP_ABI_VERSION({major}, {minor})"),
            u64::from(packed),
        ));
        facts.push((
            format!("abi_major({packed})"),
            format!("FOLLOWUP_ABI_MAJOR({packed}u)"),
            u64::from(abi::abi_major(packed)),
        ));
        facts.push((
            format!("abi_minor({packed})"),
            format!("FOLLOWUP_ABI_MINOR({packed}u)"),
            u64::from(abi::abi_minor(packed)),
        ));
    }
    facts
}

/// The C program that prints every fact and symbol, one `name = value` per line.
fn program(facts: &[Fact]) -> String {
    let mut text = String::from(
        "/* Generated by crates/followup-plugin/tests/c_header.rs. */\n\
         #include <stdio.h>\n#include \"followup_plugin.h\"\n\nint main(void) {\n",
    );
    for (name, expression, _) in facts {
        text.push_str(&format!(
            "    printf(\"%s = %llu\\n\", \"{name}\", (unsigned long long)({expression}));\n"
        ));
    }
    for (rust, c, _) in SYMBOLS {
        text.push_str(&format!("    printf(\"%s = %s\\n\", \"{rust}\", {c});\n"));
    }
    text.push_str("    return 0;\n}\n");
    text
}

/// Compiles and runs `source`, returning its output as `name → value`.
fn run_c(source: &str, scratch: &ScratchDir) -> BTreeMap<String, String> {
    let file = scratch.write("layout.c", source);
    let exe: PathBuf = scratch.path().join("layout");
    compile_c(&[file.into_os_string(), OsString::from("-o"), exe.clone().into_os_string()]);
    let output = Command::new(&exe).output().expect("the compiled program runs");
    assert!(output.status.success(), "the layout program failed: {output:?}");
    String::from_utf8(output.stdout)
        .expect("the program prints ASCII")
        .lines()
        .filter_map(|line| line.split_once(" = "))
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect()
}

#[test]
fn header_layout_and_constants_match_abi_rs() {
    let scratch = ScratchDir::new("c-header");
    let facts = facts();
    let printed = run_c(&program(&facts), &scratch);
    let mut wrong = Vec::new();
    for (name, expression, rust) in &facts {
        match printed.get(name) {
            Some(c) if *c == rust.to_string() => {}
            Some(c) => {
                wrong.push(format!("{name}: Rust says {rust}, `{expression}` in C says {c}"))
            }
            None => wrong.push(format!("{name}: not printed")),
        }
    }
    for (rust, c, value) in SYMBOLS {
        if printed.get(rust).map(String::as_str) != Some(value) {
            wrong.push(format!("{rust}: Rust says {value:?}, {c} says {:?}", printed.get(rust)));
        }
    }
    assert!(wrong.is_empty(), "followup_plugin.h disagrees with abi.rs:\n{}", wrong.join("\n"));
}

/// The names `abi.rs` declares publicly at its top level: constants, functions and
/// the fields of its structs (an `impl` block's items are Rust conveniences).
fn declared_in_abi_rs() -> (Vec<String>, Vec<String>, Vec<(String, String)>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join("abi.rs");
    let source = std::fs::read_to_string(&path).expect("abi.rs is readable");
    let word = |rest: &str| {
        rest.split(|c: char| !(c.is_alphanumeric() || c == '_')).next().unwrap_or("").to_string()
    };
    let (mut constants, mut functions, mut fields) = (Vec::new(), Vec::new(), Vec::new());
    let mut current_struct: Option<String> = None;
    for line in source.lines() {
        if let Some(rest) = line.strip_prefix("pub const fn ") {
            functions.push(word(rest));
        } else if let Some(rest) = line.strip_prefix("pub const ") {
            constants.push(word(rest));
        } else if let Some(rest) = line.strip_prefix("pub struct ") {
            current_struct = Some(word(rest));
        } else if line.starts_with('}') {
            current_struct = None;
        } else if let (Some(name), Some(rest)) = (&current_struct, line.strip_prefix("    pub ")) {
            fields.push((name.clone(), word(rest)));
        }
    }
    (constants, functions, fields)
}

#[test]
fn everything_abi_rs_declares_is_in_the_header() {
    let (constants, functions, fields) = declared_in_abi_rs();
    assert!(constants.len() >= 8 && functions.len() >= 3 && fields.len() >= 9, "abi.rs was read");
    let header = std::fs::read_to_string(plugin_header_dir().join("followup_plugin.h"))
        .expect("the header is readable");
    let mut missing = Vec::new();
    for constant in &constants {
        let c = CONSTANTS
            .iter()
            .copied()
            .chain(SYMBOLS.iter().map(|(rust, c, _)| (*rust, *c)))
            .find(|(rust, _)| rust == constant)
            .map(|(_, c)| c);
        match c {
            Some(c) if header.contains(&format!("#define {c} ")) => {}
            Some(c) => {
                missing.push(format!("const {constant}: `#define {c}` is not in the header"))
            }
            None => {
                missing.push(format!("const {constant}: add it to the header and to CONSTANTS"))
            }
        }
    }
    for function in &functions {
        match FUNCTIONS.iter().find(|(rust, _)| rust == function) {
            Some((_, c)) if header.contains(&format!("#define {c}(")) => {}
            Some((_, c)) => missing.push(format!("fn {function}: `{c}(...)` is not in the header")),
            None => {
                missing.push(format!("fn {function}: add a macro to the header and to FUNCTIONS"))
            }
        }
    }
    let known = structs();
    for (name, field) in &fields {
        let covered = known.iter().any(|(rust, _, _, _, known_fields)| {
            rust == name && known_fields.iter().any(|(f, _, _)| f == field)
        });
        if !covered {
            missing.push(format!("{name}.{field}: add it to the header's struct and to structs()"));
        }
    }
    for (rust, _, _, _, known_fields) in &known {
        for (field, _, _) in known_fields {
            if !fields.iter().any(|(n, f)| n == rust && f == field) {
                missing
                    .push(format!("{rust}.{field} is checked here but abi.rs has no such field"));
            }
        }
    }
    assert!(missing.is_empty(), "followup_plugin.h is behind abi.rs:\n{}", missing.join("\n"));
}
