//! Exports the version function (1.0) but no entry table.

#[path = "../../abi.rs"]
mod abi;

/// The only export: a correct version, and then nothing to call.
#[unsafe(no_mangle)]
pub extern "C" fn followup_plugin_abi_version() -> u32 {
    abi::abi_version(1, 0)
}
