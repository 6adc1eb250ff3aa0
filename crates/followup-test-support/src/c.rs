//! Building plugins written in C with the system C compiler, once per test process.
//!
//! The C ABI of `followup-plugin` is described for other languages by
//! `crates/followup-plugin/include/followup_plugin.h`. The worked C example
//! (`examples/teams`) and the deliberately broken C plugins (`tests/c-faults`) are
//! compiled against that header with `cc -std=c99 -shared -fPIC`, warnings as errors,
//! into `target/test-plugins/c`, apart from the folder that holds the `followup` binary
//! so that no other test loads them by accident.
//!
//! The compiler is `$CC` when set, else `cc`.

use std::collections::HashMap;
use std::env::consts::{DLL_PREFIX, DLL_SUFFIX};
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::Command;
use std::sync::{Mutex, OnceLock};

use crate::build::workspace_root;

/// The folder that holds `followup_plugin.h`, for a compiler's `-I`.
pub fn plugin_header_dir() -> PathBuf {
    workspace_root().join("crates").join("followup-plugin").join("include")
}

/// The C compiler the tests use: `$CC` when set, else `cc`.
pub fn c_compiler() -> OsString {
    std::env::var_os("CC").filter(|cc| !cc.is_empty()).unwrap_or_else(|| OsString::from("cc"))
}

/// The flags every C file of the tests is compiled with: C99 and no warning allowed,
/// so that the header and the examples stay portable.
pub const C_FLAGS: [&str; 6] = ["-std=c99", "-Wall", "-Wextra", "-pedantic", "-Werror", "-O1"];

/// Runs the C compiler with `args` (after [`C_FLAGS`] and `-I` for the header).
///
/// # Panics
///
/// Panics with the compiler's output when it cannot be run or fails.
pub fn compile_c(args: &[OsString]) {
    let cc = c_compiler();
    let output = Command::new(&cc)
        .args(C_FLAGS)
        .arg("-I")
        .arg(plugin_header_dir())
        .args(args)
        .output()
        .unwrap_or_else(|err| {
            panic!("cannot run the C compiler {}: {err}; set CC", cc.to_string_lossy())
        });
    assert!(
        output.status.success(),
        "compiling C failed ({}): {} {}\n{}",
        output.status,
        cc.to_string_lossy(),
        args.iter().map(|arg| arg.to_string_lossy()).collect::<Vec<_>>().join(" "),
        String::from_utf8_lossy(&output.stderr),
    );
}

/// Compiles the C `sources` into the shared library `<library_name>` (`lib<name>.so`)
/// in `target/test-plugins/c`, once per process and name, and returns its path.
///
/// # Panics
///
/// Panics with the compiler's output when the build fails.
pub fn build_c_library(library_name: &str, sources: &[PathBuf]) -> PathBuf {
    static BUILT: OnceLock<Mutex<HashMap<String, PathBuf>>> = OnceLock::new();
    let built = BUILT.get_or_init(Default::default);
    // One build at a time: two tests asking for the same library must not write the
    // same file at once.
    let mut built = built.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(path) = built.get(library_name) {
        return path.clone();
    }
    let dir = workspace_root().join("target").join("test-plugins").join("c");
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|err| panic!("cannot create {}: {err}", dir.display()));
    let path = dir.join(format!("{DLL_PREFIX}{library_name}{DLL_SUFFIX}"));
    // Written beside and renamed into place, so that a library another process is
    // loading is never half written.
    let partial = dir.join(format!(".{library_name}-{}.partial", std::process::id()));
    let mut args: Vec<OsString> =
        ["-shared", "-fPIC", "-fvisibility=hidden", "-o"].map(OsString::from).to_vec();
    args.push(partial.clone().into());
    args.extend(sources.iter().map(|source| source.clone().into_os_string()));
    compile_c(&args);
    std::fs::rename(&partial, &path).unwrap_or_else(|err| {
        panic!("cannot move {} to {}: {err}", partial.display(), path.display())
    });
    built.insert(library_name.to_string(), path.clone());
    path
}

/// The worked C example, `examples/teams`, built against the header as
/// `libfollowup_teams.so`, the name the host looks for.
///
/// # Panics
///
/// Panics with the compiler's output when the build fails.
pub fn c_example_plugin() -> PathBuf {
    let source = workspace_root().join("examples").join("teams").join("teams.c");
    build_c_library("followup_teams", &[source])
}

/// The deliberately broken C plugin `tests/c-faults/<fault>.c`, built as
/// `libc_fault_<fault>.so` so that no search ever loads it by accident.
///
/// # Panics
///
/// Panics with the compiler's output when the build fails.
pub fn c_fault_plugin(fault: &str) -> PathBuf {
    let source = workspace_root().join("tests").join("c-faults").join(format!("{fault}.c"));
    build_c_library(&format!("c_fault_{fault}"), &[source])
}
