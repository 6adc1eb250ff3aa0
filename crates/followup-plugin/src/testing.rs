//! Helpers for a plugin's own unit tests: call the exported C entry points in process,
//! exactly as the host does, without building or loading the library.

use crate::ChannelManifest;
use crate::abi::{ABI_VERSION, Buffer, PluginTable, STATUS_OK};

/// Calls the exported version and entry functions, asks the table for the manifest and
/// frees the buffer with the table's own `free_buffer`, as the host does.
///
/// Pass the two functions [`declare_channel!`](crate::declare_channel) exported:
/// `manifest_through_table(followup_plugin_abi_version, followup_plugin_entry_v1)`.
///
/// # Panics
///
/// Panics (this is for tests) when the version is not this crate's, the table is null
/// or disagrees with the version, or the manifest call fails or is not JSON.
pub fn manifest_through_table(
    version: extern "C" fn() -> u32,
    entry: extern "C" fn() -> *const PluginTable,
) -> ChannelManifest {
    assert_eq!(version(), ABI_VERSION, "the exported version is this crate's ABI version");
    let table = entry();
    assert!(!table.is_null(), "the entry function returns a table");
    // SAFETY: the entry function returns a pointer to a static table of this crate's
    // layout (the plugin was compiled against this very crate).
    let table = unsafe { &*table };
    assert_eq!(table.abi_version, ABI_VERSION, "the table's version agrees");
    let mut out = Buffer::EMPTY;
    // SAFETY: `out` is a valid, writable slot.
    let status = unsafe { (table.manifest)(&mut out) };
    // SAFETY: `out` holds `len` initialised bytes written by the call above.
    let bytes = unsafe { std::slice::from_raw_parts(out.ptr, out.len) }.to_vec();
    // SAFETY: freed once, by the library that allocated it.
    unsafe { (table.free_buffer)(out) };
    assert_eq!(status, STATUS_OK, "manifest failed: {}", String::from_utf8_lossy(&bytes));
    serde_json::from_slice(&bytes).expect("the manifest crosses the boundary as JSON")
}

/// Asserts that a channel's own templates render straight from the facts (see
/// [`Templates::render_directly`](crate::drafting::Templates::render_directly)) and that
/// this gives, for every template in `names` and many facts (every text blank, spaces
/// only, missing or set, in turn and at random; lists empty, of one and of three;
/// every wording variant, both spellings, with and without a recruiter), the same text
/// and the same empty placeholders as rendering through Tera, without falling back
/// to Tera.
///
/// # Panics
///
/// Panics (this is for tests) at the first difference, naming the template and the
/// facts, or when the templates do not render directly.
pub fn assert_direct_renders_match_tera(templates: &crate::drafting::Templates, names: &[&str]) {
    assert!(templates.render_directly(), "the templates keep to the subset rendered directly");
    let mut checked = 0;
    for facts in fact_variations() {
        for name in names {
            let (tera, direct) =
                templates.render_both(name, &facts).expect("the templates compile");
            let direct = direct
                .unwrap_or_else(|| panic!("template `{name}` falls back to Tera with {facts:#?}"));
            assert_eq!(direct, tera, "template `{name}` renders differently with {facts:#?}");
            checked += 1;
        }
    }
    assert!(checked > 0, "some template was rendered");
}

/// The facts of the schema's example request, varied field by field and at random
/// (from a fixed seed, so a failure repeats).
fn fact_variations() -> Vec<crate::drafting::Facts> {
    use crate::drafting::{Facts, PersonFacts};
    let request: crate::RenderRequest =
        serde_json::from_value(followup_core::examples::render_request_example())
            .expect("the schema's example is a render request");
    let base = Facts::from_request(&request);
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: u64| {
        // xorshift64*: deterministic, and enough to mix the choices.
        seed ^= seed >> 12;
        seed ^= seed << 25;
        seed ^= seed >> 27;
        seed.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    };
    let text = |choice: u64, value: &str| match choice {
        0 => String::new(),
        1 => "  ".to_string(),
        2 => "{{ not a placeholder }}".to_string(),
        _ => value.to_string(),
    };
    let optional = |choice: u64, value: Option<&str>| match choice {
        0 => None,
        1 => Some(String::new()),
        2 => Some(" ".to_string()),
        _ => Some(value.unwrap_or("the data pipeline").to_string()),
    };
    let list = |choice: u64| match choice {
        0 => Vec::new(),
        1 => vec!["the roadmap".to_string()],
        2 => vec!["A".to_string(), String::new(), "the launch".to_string()],
        _ => vec!["pricing".to_string(), "hiring".to_string()],
    };
    let mut all = vec![base.clone()];
    for round in 0..400u64 {
        let mut facts = base.clone();
        // The first rounds blank one field each; the rest vary everything at random.
        let mut pick = |n: u64, field: u64| {
            if round < 40 { if round == field { 0 } else { n - 1 } } else { next(n) }
        };
        let person =
            |facts: &PersonFacts, pick: &mut dyn FnMut(u64, u64) -> u64, at: u64| PersonFacts {
                name: text(pick(5, at), &facts.name),
                first_name: text(pick(5, at + 1), &facts.first_name),
                title: optional(pick(5, at + 2), facts.title.as_deref()),
                honorific: optional(pick(5, at + 3), facts.honorific.as_deref()),
                formal_name: text(pick(5, at + 4), &facts.formal_name),
            };
        facts.recipient = person(&base.recipient, &mut pick, 0);
        facts.about = person(&base.about, &mut pick, 5);
        facts.candidate.name = text(pick(5, 10), &base.candidate.name);
        facts.candidate.first_name = text(pick(5, 11), &base.candidate.first_name);
        facts.candidate.signature = text(pick(5, 12), &base.candidate.signature);
        facts.candidate.address = list(pick(4, 13));
        facts.company = text(pick(5, 14), &base.company);
        facts.role = text(pick(5, 15), &base.role);
        facts.interview_when = text(pick(5, 16), &base.interview_when);
        facts.interview_date = text(pick(5, 17), &base.interview_date);
        facts.meeting_format = text(pick(5, 18), &base.meeting_format);
        facts.sign_off = text(pick(5, 19), &base.sign_off);
        facts.send_date = text(pick(5, 20), &base.send_date);
        facts.topic = optional(pick(5, 21), base.topic.as_deref());
        facts.clarify = optional(pick(5, 22), base.clarify.as_deref());
        facts.decision = optional(pick(5, 23), base.decision.as_deref());
        facts.next_steps = optional(pick(5, 24), base.next_steps.as_deref());
        facts.motivation = optional(pick(5, 25), base.motivation.as_deref());
        facts.topics = list(pick(4, 26));
        facts.other_interviewers = list(pick(4, 27));
        facts.discussed = list(pick(4, 28));
        facts.open_points = list(pick(4, 29));
        facts.recipient_address = list(pick(4, 30));
        facts.strength_sentences =
            text(pick(5, 31), "In my last role I cut the close from ten days to four.");
        facts.strength_reference = text(pick(5, 32), "how I cut the close");
        facts.motivation_sentence = text(pick(5, 33), &base.motivation_sentence);
        facts.discussed_sentences = text(pick(5, 34), "With Dana, we talked about pricing.");
        facts.sequence = match pick(4, 35) {
            0 => None,
            n => u32::try_from(n).ok(),
        };
        facts.recruiter = (pick(2, 36) == 1).then(|| person(&base.recipient, &mut pick, 0));
        facts.spelling = if pick(2, 37) == 0 { "en-GB".to_string() } else { "en-US".to_string() };
        facts.via_recruiter = pick(2, 38) == 0;
        facts.to_recruiter = pick(2, 39) == 0;
        facts.decides = next(2) == 0;
        facts.variant = usize::try_from(next(7)).unwrap_or(0);
        all.push(facts);
    }
    all
}
