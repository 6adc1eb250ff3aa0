//! The crate a channel plugin depends on.
//!
//! A channel plugin is a shared library (`cdylib`) named `followup_<channel>` that the
//! `followup` host loads at run time. A plugin author implements the safe [`Channel`]
//! trait and calls [`declare_channel!`] once; the macro exports the C functions the host
//! expects and hides the boundary: no Rust type crosses it, only `#[repr(C)]` structs
//! and JSON bytes in buffers that the plugin allocates and frees itself, and no panic
//! escapes it.
//!
//! A channel declares itself ([`Channel::manifest`]), drafts a step
//! ([`Channel::render`]) and may turn a draft into files ([`Channel::export`]: an
//! `.eml`, a PDF; by default one text file, [`plain_text_export`]).
//!
//! ```
//! use followup_plugin::{
//!     Channel, ChannelManifest, MANIFEST_SCHEMA_VERSION, Purpose, RecipientKind,
//!     RenderFailure, RenderRequest, RenderedDraft, Selection, SelectionMode, declare_channel,
//! };
//! use followup_plugin::drafting::{Facts, Templates, checks};
//!
//! /// Thank-yous by carrier pigeon, from one template.
//! struct Pigeon {
//!     templates: Templates,
//! }
//!
//! impl Default for Pigeon {
//!     fn default() -> Pigeon {
//!         let templates = Templates::from_sources(&[(
//!             "thank_you",
//!             "Dear {{ recipient.first_name }}, thank you. {{ candidate.name }}",
//!         )])
//!         .expect("the template parses");
//!         Pigeon { templates }
//!     }
//! }
//!
//! impl Channel for Pigeon {
//!     fn manifest(&self) -> ChannelManifest {
//!         ChannelManifest {
//!             manifest_version: MANIFEST_SCHEMA_VERSION,
//!             id: "pigeon".to_string(),
//!             name: "Pigeon".to_string(),
//!             version: "0.1.0".to_string(),
//!             description: "Thank-yous by carrier pigeon.".to_string(),
//!             selection: Selection { mode: SelectionMode::Primary, priority: 1, fallback: false },
//!             recipients: vec![RecipientKind::Interviewer],
//!             purposes: vec![Purpose::ThankYou],
//!             ..ChannelManifest::default()
//!         }
//!     }
//!
//!     fn render(&self, request: &RenderRequest) -> Result<RenderedDraft, RenderFailure> {
//!         if request.step.purpose != Purpose::ThankYou {
//!             return Err("a pigeon carries only thank-yous".into());
//!         }
//!         let facts = Facts::from_request(request);
//!         // A template that fails keeps its name and line on the way to the host.
//!         let body = self.templates.render("thank_you", &facts)?;
//!         let checks = checks::standard(&facts, &request.interview.reinforce.strengths, &body);
//!         Ok(RenderedDraft { subject: None, body, checks, meta: Default::default() })
//!     }
//! }
//!
//! declare_channel!(Pigeon);
//!
//! // The entry points the host calls are exported; a plugin's tests can call them in
//! // process, and the conformance suite checks the whole channel.
//! let pigeon = Pigeon::default();
//! assert_eq!(pigeon.manifest().check(), Ok(()));
//! ```
//!
//! What this crate is not: it does not load libraries (that is `followup-host`) and it
//! holds no rules (those are in `followup-core`, whose types it re-exports).

#![deny(missing_docs)]

pub mod abi;
pub mod drafting;
#[doc(hidden)]
pub mod guest;
pub mod testing;

pub use followup_core::draft::{
    Check, CheckLevel, Draft, DraftStyle, RENDER_REQUEST_VERSION, RenderFailure, RenderRequest,
    RenderedDraft, TemplateFailure,
};
pub use followup_core::export::{
    Contact, EXPORT_REQUEST_VERSION, ExportRequest, ExportedFile, ExportedFiles, Paper, Thread,
    check_file_name, interview_key, message_id,
};
pub use followup_core::interview::Interview;
pub use followup_core::interview::{Culture, RoleKind};
pub use followup_core::manifest::{
    ChannelManifest, ContactKind, Delivery, Fit, HourRange, Hours, Limits, MANIFEST_SCHEMA_VERSION,
    Ordering, Reckoning, Requirements, Selection, SelectionMode, SmsLimits,
};
pub use followup_core::plan::{Purpose, Recipient, RecipientKind, Step};
pub use followup_core::time::ClockTime;
/// The schema generator channels use for [`settings_schema`].
pub use schemars;

/// The JSON Schema of a channel's settings type, as a manifest's `settings_schema`:
/// self-contained (no references), so the style schema can embed it.
pub fn settings_schema<T: schemars::JsonSchema>() -> serde_json::Value {
    let mut settings = schemars::generate::SchemaSettings::draft2020_12();
    settings.inline_subschemas = true;
    settings.meta_schema = None;
    let schema = settings.into_generator().into_root_schema_for::<T>();
    let mut value = schema.to_value();
    if let Some(object) = value.as_object_mut() {
        object.remove("$schema");
        object.remove("title");
    }
    value
}

/// Reads a channel's settings from a render request's `channel_settings`.
///
/// # Errors
///
/// Returns a message naming the bad setting when they do not fit the type.
pub fn read_settings<T: serde::de::DeserializeOwned>(request: &RenderRequest) -> Result<T, String> {
    settings_from_style(&request.style, &request.step.channel)
}

/// Reads a channel's settings from an export request's `channel_settings`, as
/// [`read_settings`] does for a render request.
///
/// # Errors
///
/// Returns a message naming the bad setting when they do not fit the type.
pub fn read_export_settings<T: serde::de::DeserializeOwned>(
    request: &ExportRequest,
) -> Result<T, String> {
    settings_from_style(&request.style, &request.step.channel)
}

fn settings_from_style<T: serde::de::DeserializeOwned>(
    style: &DraftStyle,
    channel: &str,
) -> Result<T, String> {
    let object: serde_json::Map<String, serde_json::Value> =
        style.channel_settings.clone().into_iter().collect();
    serde_json::from_value(serde_json::Value::Object(object))
        .map_err(|err| format!("the style's settings for `{channel}` are wrong: {err}"))
}

/// A file for [`Channel::export`]: `content` is encoded as base64 for the trip across
/// the boundary.
///
/// The host refuses a name that is not a plain file name (see [`check_file_name`]).
pub fn exported_file(
    name: impl Into<String>,
    media_type: impl Into<String>,
    content: &[u8],
) -> ExportedFile {
    use base64::Engine as _;
    ExportedFile {
        name: name.into(),
        media_type: media_type.into(),
        content_base64: base64::engine::general_purpose::STANDARD.encode(content),
    }
}

/// `text` made safe for a one-line field (a mail header, a file's title line): every
/// control character (CR, LF, tab, NUL, ...) and line or paragraph separator becomes a
/// space, runs of spaces become one, and the ends are trimmed. A name like
/// `"Dana\r\nBcc: x"` thus stays one line and can never start another header.
///
/// ```
/// assert_eq!(followup_plugin::single_line(" Dana\r\nBcc:\u{0} x "), "Dana Bcc: x");
/// ```
pub fn single_line(text: &str) -> String {
    text.split(|c: char| c.is_control() || c.is_whitespace())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The export every channel has unless it makes its own: one UTF-8 text file named
/// after the step (`<step id>.txt`) with the subject, if any, and the message.
pub fn plain_text_export(request: &ExportRequest) -> ExportedFiles {
    let draft = &request.draft;
    let mut text = String::new();
    if let Some(subject) = &draft.subject {
        text.push_str("Subject: ");
        text.push_str(subject);
        text.push_str("\n\n");
    }
    text.push_str(draft.body.trim_end());
    text.push('\n');
    ExportedFiles {
        files: vec![exported_file(
            format!("{}.txt", request.step.id),
            "text/plain; charset=utf-8",
            text.as_bytes(),
        )],
    }
}

/// A delivery channel, implemented once per plugin.
///
/// The value is built once, on the first call from the host, and lives as long as the
/// process: the host never unloads a plugin.
pub trait Channel: Send + Sync + 'static {
    /// What the channel declares about itself. Called once, right after the handshake.
    fn manifest(&self) -> ChannelManifest;

    /// Drafts one step: the message, its subject where the channel has one, its checks
    /// and the channel's facts about it.
    ///
    /// # Errors
    ///
    /// Returns why the step cannot be drafted (a purpose the channel does not carry, a
    /// template that fails). A message converts with `?` or `.into()` from a `String`,
    /// and a [`TemplateError`](drafting::TemplateError) keeps its template and line.
    fn render(&self, request: &RenderRequest) -> Result<RenderedDraft, RenderFailure>;

    /// Exports one drafted step as files the candidate opens in other programs (an
    /// `.eml` draft, a PDF to print, a text to paste). The host writes them.
    ///
    /// The default is [`plain_text_export`]: one text file with the message, so that
    /// every channel can be exported. Build files with [`exported_file`].
    ///
    /// # Errors
    ///
    /// Returns a message for the candidate when the step cannot be exported (an
    /// address that cannot be written safely, a font that lacks a character).
    fn export(&self, request: &ExportRequest) -> Result<ExportedFiles, String> {
        Ok(plain_text_export(request))
    }
}

/// Exports the C entry points for a [`Channel`] type.
///
/// `declare_channel!(MyChannel)` builds the channel with `Default`;
/// `declare_channel!(MyChannel, MyChannel::new)` uses the given constructor.
/// Call it once per library.
#[macro_export]
macro_rules! declare_channel {
    ($channel:ty) => {
        $crate::declare_channel!($channel, <$channel as ::core::default::Default>::default);
    };
    ($channel:ty, $constructor:expr) => {
        fn __followup_channel() -> &'static $channel {
            static CHANNEL: ::std::sync::OnceLock<$channel> = ::std::sync::OnceLock::new();
            CHANNEL.get_or_init($constructor)
        }

        unsafe extern "C" fn __followup_render(
            input: *const u8,
            input_len: usize,
            out: *mut $crate::abi::Buffer,
        ) -> u32 {
            // SAFETY: the host passes `input_len` readable bytes at `input` and a
            // writable buffer slot at `out`.
            unsafe {
                $crate::guest::answer(out, || {
                    let request = $crate::guest::read_request(input, input_len)?;
                    let draft = $crate::Channel::render(__followup_channel(), &request)
                        .map_err(|failure| $crate::guest::failure_json(&failure))?;
                    $crate::guest::to_json(&draft)
                })
            }
        }

        unsafe extern "C" fn __followup_export(
            input: *const u8,
            input_len: usize,
            out: *mut $crate::abi::Buffer,
        ) -> u32 {
            // SAFETY: the host passes `input_len` readable bytes at `input` and a
            // writable buffer slot at `out`.
            unsafe {
                $crate::guest::answer(out, || {
                    let request = $crate::guest::read_export_request(input, input_len)?;
                    let files = $crate::Channel::export(__followup_channel(), &request)?;
                    $crate::guest::to_json(&files)
                })
            }
        }

        unsafe extern "C" fn __followup_manifest(out: *mut $crate::abi::Buffer) -> u32 {
            // SAFETY: the host passes a valid, writable pointer to a buffer slot.
            unsafe {
                $crate::guest::answer(out, || {
                    $crate::guest::to_json(&$crate::Channel::manifest(__followup_channel()))
                })
            }
        }

        /// The ABI version this library speaks; the host calls it before anything else.
        #[unsafe(no_mangle)]
        pub extern "C" fn followup_plugin_abi_version() -> u32 {
            $crate::abi::ABI_VERSION
        }

        /// The table of entry points for ABI major version 1.
        #[unsafe(no_mangle)]
        pub extern "C" fn followup_plugin_entry_v1() -> *const $crate::abi::PluginTable {
            static TABLE: $crate::abi::PluginTable = $crate::abi::PluginTable {
                abi_version: $crate::abi::ABI_VERSION,
                table_size: ::core::mem::size_of::<$crate::abi::PluginTable>() as u32,
                manifest: __followup_manifest,
                free_buffer: $crate::guest::free_buffer,
                render: __followup_render,
                export: __followup_export,
            };
            &TABLE
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::{Buffer, STATUS_OK, STATUS_PANIC, TABLE_SIZE_V1_2};

    /// A channel that only renders: its export is the default one, unless the draft
    /// asks it to panic.
    #[derive(Default)]
    struct Minimal;

    impl Channel for Minimal {
        fn manifest(&self) -> ChannelManifest {
            serde_json::from_value(serde_json::json!({
                "manifest_version": 1, "id": "pigeon", "name": "Pigeon", "version": "0.1.0",
                "description": "A bird.", "selection": {"mode": "primary"},
                "recipients": ["interviewer"], "purposes": ["thank_you"]
            }))
            .expect("the test manifest is valid")
        }

        fn render(&self, _request: &RenderRequest) -> Result<RenderedDraft, RenderFailure> {
            Err("not needed here".into())
        }

        fn export(&self, request: &ExportRequest) -> Result<ExportedFiles, String> {
            assert!(request.draft.body != "panic", "export panicked on purpose");
            Ok(plain_text_export(request))
        }
    }

    declare_channel!(Minimal);

    fn request(body: &str) -> ExportRequest {
        let step: Step = serde_json::from_value(serde_json::json!({
            "id": "thank-you-dana-pigeon", "purpose": "thank_you", "channel": "pigeon",
            "recipient": {"name": "Dana", "kind": "interviewer"},
            "not_before": "2026-11-24T16:00:00-06:00", "send_at": "2026-11-24T16:00:00-06:00",
            "not_after": "2026-11-25T15:00:00-06:00", "time_zone": "America/Chicago",
            "rationale": []
        }))
        .expect("the test step is valid");
        let interview: Interview = serde_json::from_value(serde_json::json!({
            "employer": {"company": "Acme"}, "role": {"title": "Analyst", "kind": "professional"},
            "meeting": {"start": "2026-11-24T14:00:00-06:00", "duration_minutes": 60,
                        "time_zone": "America/Chicago"}
        }))
        .expect("the test interview is valid");
        let rendered = RenderedDraft {
            subject: Some("Thanks".to_string()),
            body: body.to_string(),
            checks: Vec::new(),
            meta: Default::default(),
        };
        ExportRequest::new(
            Draft::new(&step, rendered),
            step,
            interview,
            DraftStyle::default(),
            Paper::Letter,
        )
    }

    /// Calls the exported `export` entry point and takes its answer back.
    fn call_export(request: &ExportRequest) -> (u32, Vec<u8>) {
        // SAFETY: the entry function returns a pointer to a static table.
        let table = unsafe { &*followup_plugin_entry_v1() };
        assert_eq!(table.table_size as usize, TABLE_SIZE_V1_2);
        let input = serde_json::to_vec(request).expect("the request serialises");
        let mut out = Buffer::EMPTY;
        // SAFETY: `input` is alive for the call and `out` is a valid slot.
        let status = unsafe { (table.export)(input.as_ptr(), input.len(), &mut out) };
        // SAFETY: `out` holds `len` initialised bytes written by the call above.
        let bytes = unsafe { std::slice::from_raw_parts(out.ptr, out.len) }.to_vec();
        // SAFETY: freed once, by the library that allocated it.
        unsafe { (table.free_buffer)(out) };
        (status, bytes)
    }

    #[test]
    fn default_export_is_one_text_file_through_the_table() {
        let (status, bytes) = call_export(&request("Dear Dana,\n\nThank you.\n"));
        assert_eq!(status, STATUS_OK, "{}", String::from_utf8_lossy(&bytes));
        let files: ExportedFiles = serde_json::from_slice(&bytes).expect("files are JSON");
        assert_eq!(files.files.len(), 1);
        let file = &files.files[0];
        assert_eq!(file.name, "thank-you-dana-pigeon.txt");
        assert_eq!(file.media_type, "text/plain; charset=utf-8");
        use base64::Engine as _;
        let content = base64::engine::general_purpose::STANDARD
            .decode(&file.content_base64)
            .expect("the content is base64");
        assert_eq!(content, b"Subject: Thanks\n\nDear Dana,\n\nThank you.\n");
        assert_eq!(check_file_name(&file.name), Ok(()));
    }

    #[test]
    fn a_panic_in_export_is_caught_and_reported() {
        let (status, bytes) = call_export(&request("panic"));
        assert_eq!(status, STATUS_PANIC);
        assert_eq!(String::from_utf8_lossy(&bytes), "export panicked on purpose");
    }

    #[test]
    fn a_newer_export_request_is_refused() {
        let mut newer = request("Hi");
        newer.request_version = EXPORT_REQUEST_VERSION + 1;
        let (status, bytes) = call_export(&newer);
        assert_eq!(status, crate::abi::STATUS_ERROR);
        assert!(String::from_utf8_lossy(&bytes).contains("rebuild the plugin"));
    }

    #[test]
    fn single_line_removes_every_line_break_and_control() {
        assert_eq!(single_line("a\r\nb\u{2028}c\u{85}d\u{1b}[31me\t f"), "a b c d [31me f");
    }
}
