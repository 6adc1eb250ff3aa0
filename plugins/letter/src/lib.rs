//! The letter channel: a handwritten card or formal letter for executive searches,
//! boutique firms and traditional industries.
//!
//! It stands out because it takes effort, but it travels: it must be mailed within the
//! thank-you window and then takes a few business days (three by default), so the rules
//! add an email when it would arrive after the decision date.

use followup_plugin::{
    Channel, ChannelManifest, ContactKind, Culture, Delivery, Fit, Hours, Limits,
    MANIFEST_SCHEMA_VERSION, Purpose, RecipientKind, Reckoning, Requirements, RoleKind, Selection,
    SelectionMode, declare_channel,
};

/// The letter channel.
#[derive(Debug, Default)]
pub struct Letter;

impl Channel for Letter {
    fn manifest(&self) -> ChannelManifest {
        ChannelManifest {
            schema: None,
            manifest_version: MANIFEST_SCHEMA_VERSION,
            id: "letter".to_string(),
            name: "Handwritten note or letter".to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            description: "A handwritten card or formal letter, mailed within a day.".to_string(),
            selection: Selection { mode: SelectionMode::Primary, priority: 20, fallback: false },
            fits: Fit {
                role_kinds: vec![RoleKind::Executive],
                cultures: vec![Culture::Boutique, Culture::Traditional],
                ..Fit::default()
            },
            recipients: vec![RecipientKind::Interviewer],
            purposes: vec![Purpose::ThankYou],
            requires: Requirements {
                established: false,
                contact: Some(ContactKind::PostalAddress),
            },
            hours: Hours { reckoned_in: Reckoning::Sender, ..Hours::default() },
            delivery: Delivery { transit_business_days: 3 },
            ordering: Default::default(),
            limits: Limits { body_words: Some(120), ..Limits::default() },
        }
    }
}

declare_channel!(Letter);

#[cfg(test)]
mod tests {
    use super::*;
    use followup_plugin::abi::{ABI_VERSION, Buffer, STATUS_OK};

    #[test]
    fn manifest_passes_the_host_checks() {
        let manifest = Channel::manifest(&Letter);
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
        assert_eq!(manifest, Channel::manifest(&Letter));
    }
}
