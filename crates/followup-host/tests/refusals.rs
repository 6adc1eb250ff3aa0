//! Loading real and purpose-built broken plugins.
//!
//! Each refusal test lays out a scratch directory with one bad file, searches it ahead
//! of the real plugins, and checks with [`check_refused`] that the bad file alone is
//! refused, the four real plugins still load, and the one-line message matches its
//! snapshot. The broken libraries come from `tests/fault-plugins`; the real ones are
//! built by `followup-test-support`, so this runs on a fresh clone.

mod common;

use followup_host::{Origin, RefusalReason, Registry, SearchPath, load_plugins};
use followup_plugin::abi::ABI_VERSION;
use followup_test_support::{ScratchDir, fault_plugin, plugin_file_name, workspace_plugin};

use common::{real_plugins_dir, redact_paths, with_fault};

/// The channels of the workspace's plugins, sorted.
const REAL_CHANNELS: [&str; 4] = ["email", "letter", "linkedin", "sms"];

/// Searches `scratch` and then the real plugins; asserts that exactly one file is
/// refused and the four real channels load; snapshots the refusal's message as
/// `snapshot`, with the scratch directory shown as `[SCRATCH]` and the real plugins'
/// directory as `[PLUGINS]`. Returns the refusal's reason for further checks.
#[track_caller]
fn check_refused(scratch: &ScratchDir, snapshot: &str) -> RefusalReason {
    let mut search = SearchPath::new();
    search.push(scratch.path().to_path_buf(), Origin::CommandLine);
    search.push(real_plugins_dir(), Origin::ExecutableDir);
    let registry = load_plugins(&search);

    assert_eq!(ids(&registry), REAL_CHANNELS, "the real plugins must still load");
    let [refusal] = registry.refused.as_slice() else {
        panic!("expected exactly one refusal, got {:#?}", registry.refused);
    };
    let message = refusal.to_string();
    assert!(!message.contains('\n'), "a refusal is one line: {message:?}");
    let message = redact_paths(&message, scratch);
    insta::assert_snapshot!(snapshot, message);
    refusal.reason.clone()
}

/// The loaded channel ids, sorted.
fn ids(registry: &Registry) -> Vec<&str> {
    let mut ids: Vec<&str> = registry.loaded.iter().map(|plugin| plugin.id()).collect();
    ids.sort_unstable();
    ids
}

#[test]
fn real_plugins_all_load() {
    let dir = real_plugins_dir();
    let mut search = SearchPath::new();
    search.push(dir.clone(), Origin::ExecutableDir);
    let registry = load_plugins(&search);

    assert!(registry.refused.is_empty(), "{:#?}", registry.refused);
    assert_eq!(ids(&registry), REAL_CHANNELS);
    for plugin in &registry.loaded {
        assert_eq!(plugin.path.parent(), Some(dir.as_path()));
        assert_eq!(plugin.abi_version, ABI_VERSION);
        assert_eq!(plugin.origin, Origin::ExecutableDir);
    }
    // Within a directory, files load in name order.
    let ids_in_order: Vec<&str> = registry.loaded.iter().map(|plugin| plugin.id()).collect();
    assert_eq!(ids_in_order, REAL_CHANNELS);
    assert_eq!(registry.get("sms").map(|plugin| plugin.id()), Some("sms"));
    assert_eq!(registry.get("pigeon"), None);
    assert_eq!(registry.manifests().len(), REAL_CHANNELS.len());
}

#[test]
fn abi_major_mismatch_is_refused() {
    let reason = check_refused(&with_fault("abi_major"), "abi_major");
    assert!(matches!(reason, RefusalReason::AbiMismatch { .. }));
}

#[test]
fn abi_minor_newer_than_the_host_is_refused() {
    let reason = check_refused(&with_fault("abi_minor_newer"), "abi_minor_newer");
    assert!(matches!(reason, RefusalReason::AbiMismatch { .. }));
}

#[test]
fn missing_entry_table_is_refused() {
    let reason = check_refused(&with_fault("no_entry"), "no_entry");
    assert!(matches!(reason, RefusalReason::MissingSymbol { .. }));
}

#[test]
fn short_entry_table_is_refused() {
    let reason = check_refused(&with_fault("short_table"), "short_table");
    assert!(matches!(reason, RefusalReason::BadTable { .. }));
}

#[test]
fn caught_panic_in_manifest_is_refused() {
    let reason = check_refused(&with_fault("manifest_panics"), "manifest_panics");
    assert!(matches!(reason, RefusalReason::ManifestPanicked { .. }));
}

#[test]
fn manifest_error_is_refused() {
    let reason = check_refused(&with_fault("manifest_error"), "manifest_error");
    assert!(matches!(reason, RefusalReason::ManifestFailed { .. }));
}

#[test]
fn manifest_that_is_not_json_is_refused() {
    let reason = check_refused(&with_fault("manifest_not_json"), "manifest_not_json");
    assert!(matches!(reason, RefusalReason::ManifestInvalid { .. }));
}

#[test]
fn manifest_that_breaks_its_rules_is_refused() {
    let reason = check_refused(&with_fault("manifest_invalid"), "manifest_invalid");
    assert!(matches!(reason, RefusalReason::ManifestInvalid { .. }));
}

#[test]
fn file_that_is_not_a_library_is_refused() {
    let scratch = ScratchDir::new("not_a_library");
    scratch.write(&plugin_file_name("junk"), "this is not a library\n");
    // The system's message differs between platforms; the snapshot is Linux's.
    if cfg!(target_os = "linux") {
        let reason = check_refused(&scratch, "not_a_library");
        assert!(matches!(reason, RefusalReason::NotALibrary { .. }));
    }
}

#[test]
fn channel_id_must_match_the_file_name() {
    let scratch = ScratchDir::new("id_mismatch");
    scratch.install(&workspace_plugin("email"), "mail");
    let reason = check_refused(&scratch, "id_mismatch");
    assert!(matches!(reason, RefusalReason::IdMismatch { .. }));
}

#[test]
fn second_file_for_a_channel_is_refused() {
    // The copy in the scratch directory is found first, so the real email plugin is
    // the one refused, and email is still loaded.
    let scratch = ScratchDir::new("duplicate");
    scratch.install(&workspace_plugin("email"), "email");
    let reason = check_refused(&scratch, "duplicate_channel");
    assert!(matches!(reason, RefusalReason::DuplicateChannel { .. }));
}

#[test]
fn unreadable_search_directory_is_refused() {
    let scratch = ScratchDir::new("unreadable");
    let not_a_dir = scratch.write("plugins", "a file where a directory was expected\n");
    let mut search = SearchPath::new();
    search.push(not_a_dir, Origin::CommandLine);
    let registry = load_plugins(&search);
    let messages: Vec<String> = registry
        .refused
        .iter()
        .map(|refusal| redact_paths(&refusal.to_string(), &scratch))
        .collect();
    assert!(registry.loaded.is_empty());
    if cfg!(target_os = "linux") {
        insta::assert_snapshot!("unreadable_directory", messages.join("\n"));
    }
}

#[test]
fn search_order_decides_which_duplicate_loads() {
    let first = ScratchDir::new("first");
    let second = ScratchDir::new("second");
    let first_copy = first.install(&workspace_plugin("email"), "email");
    let second_copy = second.install(&workspace_plugin("email"), "email");

    let orders = [
        (&first, &first_copy, &second, &second_copy),
        (&second, &second_copy, &first, &first_copy),
    ];
    for (winner_dir, winner, loser_dir, loser) in orders {
        let mut search = SearchPath::new();
        search.push(winner_dir.path().to_path_buf(), Origin::CommandLine);
        search.push(loser_dir.path().to_path_buf(), Origin::EnvVar);
        let registry = load_plugins(&search);

        let email = registry.get("email").expect("one email plugin loads");
        assert_eq!(&email.path, winner);
        assert_eq!(email.origin, Origin::CommandLine);
        let [refusal] = registry.refused.as_slice() else {
            panic!("expected exactly one refusal, got {:#?}", registry.refused);
        };
        assert_eq!(&refusal.path, loser);
        assert_eq!(
            refusal.reason,
            RefusalReason::DuplicateChannel { id: "email".to_string(), first: winner.clone() }
        );
    }
}

#[test]
fn same_file_reachable_twice_loads_once() {
    let scratch = ScratchDir::new("reachable_twice");
    scratch.install(&workspace_plugin("email"), "email");
    let detour = scratch.subdir("nested").join("..");
    let mut search = SearchPath::new();
    search.push(scratch.path().to_path_buf(), Origin::CommandLine);
    search.push(detour, Origin::EnvVar);
    search.push(scratch.path().to_path_buf(), Origin::UserDataDir);
    let registry = load_plugins(&search);

    assert!(registry.refused.is_empty(), "{:#?}", registry.refused);
    assert_eq!(ids(&registry), ["email"]);
    assert_eq!(registry.loaded[0].origin, Origin::CommandLine);
}

#[test]
fn missing_directories_and_other_files_are_skipped() {
    let scratch = ScratchDir::new("others");
    // A fault library under its own name, a text file and a directory, none named
    // like a plugin file.
    let fault = fault_plugin("abi_major");
    let fault_name = fault.file_name().expect("a library has a file name");
    std::fs::copy(&fault, scratch.path().join(fault_name)).expect("the scratch dir is writable");
    scratch.write("followup_email.txt", "not a plugin\n");
    scratch.subdir(&plugin_file_name("dir"));

    let mut search = SearchPath::new();
    search.push(scratch.path().join("missing"), Origin::CommandLine);
    search.push(scratch.path().to_path_buf(), Origin::CommandLine);
    let registry = load_plugins(&search);

    assert!(registry.loaded.is_empty(), "{:#?}", registry.loaded);
    assert!(registry.refused.is_empty(), "{:#?}", registry.refused);
}

/// Issue 14: a plugin in a folder anyone can write was loaded; another user could
/// plant one there, so it is refused with the folder named, as ssh refuses such keys.
#[cfg(unix)]
#[test]
fn a_plugin_in_a_folder_others_can_write_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let scratch = ScratchDir::new("unsafe-folder");
    scratch.install(&workspace_plugin("sms"), "sms");
    std::fs::set_permissions(scratch.path(), std::fs::Permissions::from_mode(0o777))
        .expect("chmod");
    let reason = check_refused(&scratch, "unsafe_folder");
    assert!(matches!(reason, RefusalReason::Unsafe { .. }));
    std::fs::set_permissions(scratch.path(), std::fs::Permissions::from_mode(0o755))
        .expect("chmod back");
}
