//! The LinkedIn channel: a brief connection request that thanks the interviewer.
//!
//! It complements the thank-you and comes after it, only to interviewers whose profile
//! is known and in fields where it helps. The note is hard-capped by account tier.

use std::collections::BTreeMap;

use followup_plugin::{
    Channel, ChannelManifest, ContactKind, Fit, Limits, MANIFEST_SCHEMA_VERSION, Ordering, Purpose,
    RecipientKind, Requirements, Selection, SelectionMode, declare_channel,
};

/// The LinkedIn channel.
#[derive(Debug, Default)]
pub struct Linkedin;

/// Industries in which a connection request is a normal part of follow-up.
const INDUSTRIES: &[&str] = &[
    "technology",
    "software",
    "engineering",
    "marketing",
    "media",
    "consulting",
    "finance",
    "sales",
    "design",
    "recruiting",
    "human resources",
];

impl Channel for Linkedin {
    fn manifest(&self) -> ChannelManifest {
        ChannelManifest {
            schema: None,
            manifest_version: MANIFEST_SCHEMA_VERSION,
            id: "linkedin".to_string(),
            name: "LinkedIn".to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            description: "A brief connection request that keeps the candidate visible.".to_string(),
            selection: Selection { mode: SelectionMode::Complement, priority: 0, fallback: false },
            fits: Fit {
                industries: INDUSTRIES.iter().map(|s| (*s).to_string()).collect(),
                ..Fit::default()
            },
            recipients: vec![RecipientKind::Interviewer],
            purposes: vec![Purpose::ConnectionRequest],
            requires: Requirements { established: false, contact: Some(ContactKind::Linkedin) },
            hours: Default::default(),
            delivery: Default::default(),
            ordering: Ordering {
                after: Some(Purpose::ThankYou),
                gap_minutes: 60,
                window_hours: 72,
            },
            limits: Limits {
                note_chars_by_tier: BTreeMap::from([
                    ("free".to_string(), 200),
                    ("premium".to_string(), 300),
                ]),
                ..Limits::default()
            },
        }
    }
}

declare_channel!(Linkedin);

#[cfg(test)]
mod tests {
    use super::*;
    use followup_plugin::abi::{ABI_VERSION, Buffer, STATUS_OK};

    #[test]
    fn manifest_passes_the_host_checks() {
        let manifest = Channel::manifest(&Linkedin);
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
        assert_eq!(manifest, Channel::manifest(&Linkedin));
    }
}
