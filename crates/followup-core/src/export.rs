//! Exports: the files a channel writes for one drafted step, such as an `.eml` draft,
//! a text to paste or a printable letter.
//!
//! The host sends an [`ExportRequest`] (the draft, its step, the interview, the style
//! and the paper size) to the step's channel plugin as JSON; the plugin answers with
//! [`ExportedFiles`]. File contents cross the boundary as base64 so that binary files
//! (a PDF) fit in JSON. These are plain data: the files are made by the plugins and
//! written by the front end; this module only says what a file may be called
//! ([`check_file_name`]) and who a step's contacts are ([`ExportRequest::recipient`]).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::draft::{Draft, DraftStyle};
use crate::interview::Interview;
use crate::plan::{RecipientKind, Step};

/// The version of the export request's JSON shape. Additive changes keep it.
pub const EXPORT_REQUEST_VERSION: u32 = 1;

/// What a channel needs to export one drafted step as files. Unknown fields are
/// ignored, so a newer host can add some without breaking older plugins.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(
    title = "Export request",
    description = "What the host sends a channel plugin to export one drafted step as files.",
    example = crate::examples::export_request_example()
)]
pub struct ExportRequest {
    /// The version of this shape; see [`EXPORT_REQUEST_VERSION`].
    pub request_version: u32,
    /// The draft, as the channel rendered it.
    pub draft: Draft,
    /// The step the draft is for.
    pub step: Step,
    /// The whole interview, with the candidate's profile merged in.
    pub interview: Interview,
    /// How the firm or candidate wants messages written (a letter's variant lives in
    /// its channel settings).
    #[serde(default)]
    pub style: DraftStyle,
    /// The paper printed files are laid out on.
    #[serde(default)]
    pub paper: Paper,
    /// The earlier message this one follows up, for channels that thread (an email
    /// check-in answers the thank-you's thread). Absent for a first message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_reply_to: Option<Thread>,
}

/// The earlier message of a thread that a step's message answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Thread {
    /// Its Message-ID, without angle brackets (see [`message_id`]).
    pub message_id: String,
    /// Its subject, when it had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// When it was (to be) sent.
    pub sent_at: crate::time::Moment,
}

impl ExportRequest {
    /// The request to export `draft` of `step`, with no earlier message to answer.
    pub fn new(
        draft: Draft,
        step: Step,
        interview: Interview,
        style: DraftStyle,
        paper: Paper,
    ) -> ExportRequest {
        ExportRequest {
            request_version: EXPORT_REQUEST_VERSION,
            draft,
            step,
            interview,
            style,
            paper,
            in_reply_to: None,
        }
    }

    /// The same request, answering `thread`.
    pub fn replying_to(mut self, thread: Option<Thread>) -> ExportRequest {
        self.in_reply_to = thread;
        self
    }
}

/// The step of `steps` whose thread `step` continues: for a check-in or closing note,
/// the thank-you to the same person on the same channel. `None` for every other step.
pub fn thread_parent<'s>(steps: &'s [Step], step: &Step) -> Option<&'s Step> {
    use crate::plan::Purpose;
    if !matches!(step.purpose, Purpose::CheckIn | Purpose::ClosingTheLoop) {
        return None;
    }
    steps.iter().find(|parent| {
        parent.purpose == Purpose::ThankYou
            && parent.channel == step.channel
            && parent.recipient.name == step.recipient.name
            && parent.recipient.on_behalf_of == step.recipient.on_behalf_of
    })
}

/// The Message-ID of a step's email, without angle brackets: the step id and the
/// [`interview_key`], `@followup.invalid` (`.invalid` is reserved, RFC 2606, so it never
/// collides with a real server's). Always ASCII, as RFC 5322 requires: a character a
/// Message-ID may not hold (a name in another script) is written as `=` and the hex of
/// its UTF-8 bytes.
///
/// ```
/// # let interview: followup_core::interview::Interview =
/// #     serde_json::from_value(followup_core::examples::interview_example()).expect("valid");
/// let id = followup_core::export::message_id("thank-you-佐藤-email", &interview);
/// assert!(id.is_ascii());
/// assert!(id.starts_with("thank-you-=E4=BD=90=E8=97=A4-email."));
/// assert!(id.ends_with("@followup.invalid"));
/// ```
pub fn message_id(step_id: &str, interview: &Interview) -> String {
    let mut local = String::with_capacity(step_id.len());
    for c in step_id.chars() {
        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            local.push(c);
        } else {
            let mut bytes = [0u8; 4];
            for byte in c.encode_utf8(&mut bytes).bytes() {
                local.push_str(&format!("={byte:02X}"));
            }
        }
    }
    format!("{local}.{}@followup.invalid", interview_key(interview))
}

/// A paper size for printed files.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    /// US Letter, 8.5 × 11 in.
    #[default]
    Letter,
    /// ISO A4, 210 × 297 mm.
    A4,
}

impl Paper {
    /// Width and height in PDF points (1/72 in).
    pub fn size_in_points(self) -> (f32, f32) {
        match self {
            Paper::Letter => (612.0, 792.0),
            // 210 × 297 mm at 72 / 25.4 points per millimetre.
            Paper::A4 => (595.276, 841.89),
        }
    }
}

/// A channel's answer: the files for one step.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(
    title = "Export answer",
    description = "What a channel plugin answers to an export request: the files for one drafted step, their contents in base64. The host refuses a name that is not a plain file name; `followup plugins check` also wants at least one file, a media type such as `text/plain` and content that is not empty.",
    example = crate::examples::export_answer_example()
)]
pub struct ExportedFiles {
    /// The files, in the order they should be listed.
    pub files: Vec<ExportedFile>,
}

/// One file a channel made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ExportedFile {
    /// A plain file name without any folder, such as `thank-you-dana-whitfield-email.eml`:
    /// not empty, at most 255 bytes, no `/`, `\`, `..` or control characters, not
    /// starting with `.`, none of `: * ? " < > |`, not ending with a space or a period
    /// and not a Windows device name (`check_file_name`). The front end decides the
    /// folder.
    pub name: String,
    /// The media type, such as `message/rfc822` or `application/pdf`.
    pub media_type: String,
    /// The content, base64 (standard alphabet, padded).
    pub content_base64: String,
}

/// The longest file name accepted, in bytes: what common file systems allow.
const MAX_FILE_NAME_BYTES: usize = 255;

/// Names Windows reserves for devices, whatever the extension.
const RESERVED_NAMES: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Checks that `name` is a plain file name that is safe to create in any folder: not
/// empty, at most 255 bytes, no folder separators (`/`, `\`), no `..`, not hidden
/// (a leading `.`), no control characters, none of the characters Windows forbids
/// (`: * ? " < > |`) and not a Windows device name.
///
/// # Errors
///
/// Returns what is wrong with the name, as a phrase.
///
/// # Example
///
/// ```
/// use followup_core::export::check_file_name;
///
/// assert!(check_file_name("thank-you-dana-whitfield-email.eml").is_ok());
/// assert!(check_file_name("../.bashrc").is_err());
/// ```
pub fn check_file_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("the name is empty".to_string());
    }
    if name.len() > MAX_FILE_NAME_BYTES {
        return Err(format!("the name is longer than {MAX_FILE_NAME_BYTES} bytes"));
    }
    if name.contains(['/', '\\']) {
        return Err("the name contains a folder separator".to_string());
    }
    if name.contains("..") {
        return Err("the name contains `..`".to_string());
    }
    if name.starts_with('.') {
        return Err("the name starts with `.` (a hidden file)".to_string());
    }
    if name.chars().any(char::is_control) {
        return Err("the name contains a control character".to_string());
    }
    if let Some(bad) = name.chars().find(|c| matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|')) {
        return Err(format!("the name contains `{bad}`, which Windows does not allow"));
    }
    if name.ends_with([' ', '.']) {
        return Err("the name ends with a space or a period".to_string());
    }
    let stem = name.split('.').next().unwrap_or(name).trim_end().to_lowercase();
    if RESERVED_NAMES.contains(&stem.as_str()) {
        return Err(format!("`{stem}` is a device name on Windows"));
    }
    Ok(())
}

/// A short, stable key for an interview: 16 hex digits of a 64-bit FNV-1a hash of the
/// candidate's name, the company, the role's title and the meeting's start.
///
/// Exported files that another program keeps track of (a calendar event's UID, an
/// email's Message-ID) combine it with the step id, so that exporting again after an
/// edit of anything else (topics, strengths, a time zone) updates them instead of
/// adding copies, while two interviews never share one. FNV-1a is written out here
/// because the standard library's hasher may change between Rust releases.
///
/// # Example
///
/// ```
/// use followup_core::export::interview_key;
/// # let interview: followup_core::interview::Interview =
/// #     serde_json::from_value(followup_core::examples::interview_example()).expect("valid");
/// let key = interview_key(&interview);
/// assert_eq!(key.len(), 16);
/// assert_eq!(key, interview_key(&interview.clone()));
/// ```
pub fn interview_key(interview: &Interview) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let start = interview.meeting.start.0.to_string();
    let parts = [
        interview.candidate.name.as_deref().unwrap_or_default(),
        interview.employer.company.as_str(),
        interview.role.title.as_str(),
        start.as_str(),
    ];
    let mut hash = OFFSET;
    for part in parts {
        // A separator that no part contains keeps ("ab", "c") apart from ("a", "bc").
        for byte in part.bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    format!("{hash:016x}")
}

/// How to reach one person a step involves, as the interview gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Contact<'a> {
    /// The person's name.
    pub name: &'a str,
    /// Email address, when given.
    pub email: Option<&'a str>,
    /// Phone number in E.164 form, when given.
    pub phone: Option<&'a str>,
    /// Address of their LinkedIn profile, when given.
    pub linkedin: Option<&'a str>,
}

impl ExportRequest {
    /// The person the step's message goes to: the interviewer of that name, or the
    /// staffing firm's recruiter. Only the name is known when the interview does not
    /// list the person.
    pub fn recipient(&self) -> Contact<'_> {
        let recipient = &self.step.recipient;
        match recipient.kind {
            RecipientKind::Interviewer => self.interviewer(&recipient.name),
            RecipientKind::Recruiter => self.recruiter(&recipient.name),
        }
        .unwrap_or(Contact {
            name: &recipient.name,
            email: None,
            phone: None,
            linkedin: None,
        })
    }

    /// The people copied on the message (the recruiter, under `cc_recruiter`), each
    /// found among the recruiter and the interviewers; names the interview does not
    /// list are left out.
    pub fn copied(&self) -> Vec<Contact<'_>> {
        self.step
            .recipient
            .cc
            .iter()
            .filter_map(|name| self.recruiter(name).or_else(|| self.interviewer(name)))
            .collect()
    }

    /// The candidate's name, email, phone and profile.
    pub fn candidate(&self) -> Contact<'_> {
        let candidate = &self.interview.candidate;
        Contact {
            name: candidate.name.as_deref().unwrap_or_default(),
            email: candidate.email.as_deref(),
            phone: candidate.phone.as_deref(),
            linkedin: candidate.linkedin.as_deref(),
        }
    }

    fn interviewer(&self, name: &str) -> Option<Contact<'_>> {
        self.interview.interviewers.iter().find(|person| person.name == name).map(|person| {
            Contact {
                name: &person.name,
                email: person.email.as_deref(),
                phone: person.phone.as_deref(),
                linkedin: person.linkedin.as_deref(),
            }
        })
    }

    fn recruiter(&self, name: &str) -> Option<Contact<'_>> {
        let recruiter = &self.interview.staffing.as_ref()?.recruiter;
        (recruiter.name == name).then_some(Contact {
            name: &recruiter.name,
            email: recruiter.email.as_deref(),
            phone: recruiter.phone.as_deref(),
            linkedin: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_pass_and_dangerous_ones_are_refused() {
        for good in ["a.eml", "thank-you-josé-email.txt", "佐藤-花子.pdf", "x"] {
            assert_eq!(check_file_name(good), Ok(()), "{good}");
        }
        for bad in [
            "",
            "../x",
            "a/b",
            "a\\b",
            "..",
            ".hidden",
            "a..b",
            "a\nb",
            "a\rb.eml",
            "nul\u{0}.txt",
            "a:b",
            "CON.txt",
            "com1",
            "trailing.",
            "trailing ",
        ] {
            assert!(check_file_name(bad).is_err(), "{bad:?} was accepted");
        }
        assert!(check_file_name(&"x".repeat(256)).is_err());
    }

    #[test]
    fn paper_sizes_are_in_points() {
        assert_eq!(Paper::Letter.size_in_points(), (612.0, 792.0));
        let (w, h) = Paper::A4.size_in_points();
        assert!((w - 595.276).abs() < 0.01 && (h - 841.89).abs() < 0.01);
        assert_eq!(serde_json::to_value(Paper::A4).expect("serialises"), "a4");
    }
}
