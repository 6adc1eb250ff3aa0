//! Test support for followup plugins: builds plugin libraries and lays out scratch
//! plugin directories.
//!
//! `cargo test` builds no `followup` binary beside the plugins, so a test that runs it
//! must build them itself. [`workspace_plugins_dir`] builds the CLI and the real
//! channel plugins into the workspace's `target/` (reusing what `cargo test` compiled,
//! which has released its lock by the time tests run), and [`fault_plugins_dir`] the
//! purpose-built broken ones of `tests/fault-plugins` into
//! `target/test-plugins/out-of-tree`, each once per process, with cargo's progress on
//! the terminal. A plain `cargo test --workspace` on a fresh clone therefore works.
//!
//! [`build_crate`] builds a crate outside the workspace (one made by `followup plugins
//! new`, or `examples/whatsapp`) into a target directory of its own, such as
//! [`out_of_tree_target_dir`], and [`library_in`] finds its library there.
//!
//! [`c_example_plugin`] and [`c_fault_plugin`] compile plugins written in C against
//! `followup_plugin.h` with the system C compiler ([`build_c_library`] for others).
//!
//! [`ScratchDir`] is a temporary directory in which a test installs libraries under
//! the names the host looks for.
//!
//! ```no_run
//! use followup_test_support::{ScratchDir, fault_plugin, workspace_plugins_dir};
//!
//! let dir = ScratchDir::new("abi_major");
//! dir.install(&fault_plugin("abi_major"), "pigeon");
//! let real = workspace_plugins_dir();
//! // ... load `dir.path()` and `real` with followup-host ...
//! # let _ = real;
//! ```
//!
//! What this crate is not: it loads no library (that is `followup-host`), and it is
//! meant for tests only. Its functions panic with an explanation instead of returning
//! errors, because a test cannot go on without what they set up.

#![deny(missing_docs)]

mod build;
mod c;
mod scratch;

pub use build::{
    build_crate, fault_plugin, fault_plugins_dir, followup_binary, library_in,
    out_of_tree_target_dir, workspace_plugin, workspace_plugins_dir, workspace_plugins_dir_release,
};
pub use c::{
    C_FLAGS, build_c_library, c_compiler, c_example_plugin, c_fault_plugin, compile_c,
    plugin_header_dir,
};
pub use scratch::{ScratchDir, plugin_file_name};
