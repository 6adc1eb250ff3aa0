//! The email channel: the standard follow-up for most professional positions.
//!
//! It keeps a written record and reaches anyone who gave an address, so it is also the
//! fallback when no other channel fits. Its weakness is the crowded inbox, hence the
//! limits: a subject that fits on a phone and a body of a couple of short paragraphs.

use followup_plugin::{
    Channel, ChannelManifest, ContactKind, Fit, Limits, MANIFEST_SCHEMA_VERSION, Purpose,
    RecipientKind, Requirements, RoleKind, Selection, SelectionMode, declare_channel,
};

/// The email channel.
#[derive(Debug, Default)]
pub struct Email;

impl Channel for Email {
    fn manifest(&self) -> ChannelManifest {
        ChannelManifest {
            schema: None,
            manifest_version: MANIFEST_SCHEMA_VERSION,
            id: "email".to_string(),
            name: "Email".to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            description: "A polished, personal email that keeps a written record.".to_string(),
            selection: Selection { mode: SelectionMode::Primary, priority: 10, fallback: true },
            fits: Fit {
                role_kinds: vec![
                    RoleKind::Professional,
                    RoleKind::Executive,
                    RoleKind::Contract,
                    RoleKind::Internship,
                ],
                ..Fit::default()
            },
            recipients: vec![RecipientKind::Interviewer, RecipientKind::Recruiter],
            purposes: vec![
                Purpose::ThankYou,
                Purpose::Debrief,
                Purpose::CheckIn,
                Purpose::ClosingTheLoop,
            ],
            requires: Requirements { established: false, contact: Some(ContactKind::Email) },
            hours: Default::default(),
            delivery: Default::default(),
            ordering: Default::default(),
            limits: Limits { subject_chars: Some(50), body_words: Some(150), ..Limits::default() },
        }
    }
}

declare_channel!(Email);

#[cfg(test)]
mod tests {
    use super::*;
    use followup_plugin::abi::{ABI_VERSION, Buffer, STATUS_OK};

    #[test]
    fn manifest_passes_the_host_checks() {
        let manifest = Channel::manifest(&Email);
        assert_eq!(manifest.check(), Ok(()));
    }

    #[test]
    fn exported_table_answers_with_the_same_manifest() {
        assert_eq!(followup_plugin_abi_version(), ABI_VERSION);
        // SAFETY: the entry function returns a pointer to a static table.
        let table = unsafe { &*followup_plugin_entry_v1() };
        assert_eq!(table.abi_version, ABI_VERSION);
        let mut out = Buffer::EMPTY;
        // SAFETY: `out` is a valid slot; the buffer is freed by the same library.
        let status = unsafe { (table.manifest)(&mut out) };
        assert_eq!(status, STATUS_OK);
        // SAFETY: `out` holds `len` initialised bytes written by the call above.
        let bytes = unsafe { std::slice::from_raw_parts(out.ptr, out.len) }.to_vec();
        // SAFETY: freed once, by the library that allocated it.
        unsafe { (table.free_buffer)(out) };
        let manifest: ChannelManifest = serde_json::from_slice(&bytes).expect("manifest is JSON");
        assert_eq!(manifest, Channel::manifest(&Email));
    }
}
