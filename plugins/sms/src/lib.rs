//! The text-message channel, for hourly, shift, temporary and field roles where hiring
//! moves fast.
//!
//! Text is used only when the employer or recruiter already said it was acceptable, and
//! only at hours the recipient would accept: 08:00 to 21:00 in their own zone by
//! default (US rules for texting), stricter where a state says so (Florida: until 20:00).

use std::collections::BTreeMap;

use followup_plugin::{
    Channel, ChannelManifest, ClockTime, ContactKind, Fit, HourRange, Hours, Limits,
    MANIFEST_SCHEMA_VERSION, Purpose, RecipientKind, Requirements, RoleKind, Selection,
    SelectionMode, SmsLimits, declare_channel,
};

/// The text-message channel.
#[derive(Debug, Default)]
pub struct Sms;

impl Channel for Sms {
    fn manifest(&self) -> ChannelManifest {
        let hours =
            |start, end| HourRange { start: ClockTime::hm(start, 0), end: ClockTime::hm(end, 0) };
        ChannelManifest {
            schema: None,
            manifest_version: MANIFEST_SCHEMA_VERSION,
            id: "sms".to_string(),
            name: "Text message".to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            description: "A short text, only where text was established as acceptable.".to_string(),
            selection: Selection { mode: SelectionMode::Primary, priority: 30, fallback: false },
            fits: Fit {
                role_kinds: vec![
                    RoleKind::Hourly,
                    RoleKind::Shift,
                    RoleKind::Temporary,
                    RoleKind::Field,
                ],
                ..Fit::default()
            },
            recipients: vec![RecipientKind::Interviewer, RecipientKind::Recruiter],
            purposes: vec![Purpose::ThankYou, Purpose::Debrief, Purpose::CheckIn],
            requires: Requirements { established: true, contact: Some(ContactKind::Phone) },
            hours: Hours {
                allowed: Some(hours(8, 21)),
                by_jurisdiction: BTreeMap::from([
                    ("US-FL".to_string(), hours(8, 20)),
                    ("US-OK".to_string(), hours(8, 20)),
                ]),
                ..Hours::default()
            },
            delivery: Default::default(),
            ordering: Default::default(),
            limits: Limits {
                sms: Some(SmsLimits { preferred_segments: 1, max_segments: 2 }),
                ..Limits::default()
            },
        }
    }
}

declare_channel!(Sms);

#[cfg(test)]
mod tests {
    use super::*;
    use followup_plugin::abi::{ABI_VERSION, Buffer, STATUS_OK};

    #[test]
    fn manifest_passes_the_host_checks() {
        let manifest = Channel::manifest(&Sms);
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
        assert_eq!(manifest, Channel::manifest(&Sms));
    }
}
