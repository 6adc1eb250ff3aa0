//! The crate a channel plugin depends on.
//!
//! A channel plugin is a shared library (`cdylib`) named `followup_<channel>` that the
//! `followup` host loads at run time. A plugin author implements the safe [`Channel`]
//! trait and calls [`declare_channel!`] once; the macro exports the C functions the host
//! expects and hides the boundary: no Rust type crosses it, only `#[repr(C)]` structs
//! and JSON bytes in buffers that the plugin allocates and frees itself, and no panic
//! escapes it.
//!
//! ```ignore
//! use followup_plugin::{Channel, ChannelManifest, declare_channel};
//!
//! struct Pigeon;
//!
//! impl Channel for Pigeon {
//!     fn manifest(&self) -> ChannelManifest {
//!         // ... build and return the manifest ...
//! #       unimplemented!()
//!     }
//! }
//!
//! declare_channel!(Pigeon);
//! ```
//!
//! What this crate is not: it does not load libraries (that is `followup-host`) and it
//! holds no rules (those are in `followup-core`, whose types it re-exports).

pub mod abi;
pub mod drafting;
#[doc(hidden)]
pub mod guest;

pub use followup_core::draft::{
    Check, CheckLevel, DraftStyle, RENDER_REQUEST_VERSION, RenderRequest, RenderedDraft,
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
    let object: serde_json::Map<String, serde_json::Value> =
        request.style.channel_settings.clone().into_iter().collect();
    serde_json::from_value(serde_json::Value::Object(object)).map_err(|err| {
        format!("the style's settings for `{}` are wrong: {err}", request.step.channel)
    })
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
    /// Returns a message for the candidate when the step cannot be drafted (a purpose
    /// the channel does not carry, a template that fails).
    fn render(&self, request: &RenderRequest) -> Result<RenderedDraft, String>;
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
                    let draft = $crate::Channel::render(__followup_channel(), &request)?;
                    $crate::guest::to_json(&draft)
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
            };
            &TABLE
        }
    };
}
