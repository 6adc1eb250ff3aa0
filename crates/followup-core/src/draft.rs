//! Drafts: the text of one step, as a channel renders it, with the checks it passed or
//! failed.
//!
//! The host sends a [`RenderRequest`] to the step's channel plugin as JSON; the plugin
//! answers with a [`RenderedDraft`]; the front end wraps it into a [`Draft`] with the
//! step's id, channel and recipient. These are plain data: the rendering and the checks
//! themselves live in `followup-plugin` and the plugins.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::interview::Interview;
use crate::plan::{Purpose, Recipient, Step};

/// The version of the render request's JSON shape. Additive changes keep it.
pub const RENDER_REQUEST_VERSION: u32 = 1;

/// What a channel needs to draft one step.
///
/// Unknown fields are ignored, not refused: a newer host may add fields without a new
/// `request_version`, and older plugins must keep working.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(
    title = "Render request",
    description = "What the host sends a channel plugin to draft one step: the step, the interview and the style.",
    example = crate::examples::render_request_example()
)]
pub struct RenderRequest {
    /// The version of this shape; see [`RENDER_REQUEST_VERSION`].
    pub request_version: u32,
    /// The step to draft.
    pub step: Step,
    /// The interview, with the candidate's profile merged in. For a message about one
    /// interviewer (every step but the debrief), `interviewers` lists only that person
    /// and `seat` says where they sit on the panel.
    pub interview: Interview,
    /// How the firm or candidate wants messages written.
    #[serde(default)]
    pub style: DraftStyle,
    /// Where the interviewer the message is about sits on the panel, when the request
    /// carries only them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seat: Option<Seat>,
}

/// Where one interviewer sits on the panel: what a message to them needs to know of
/// the others, worked out by the host so that a request carries one person, not the
/// whole panel.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Seat {
    /// Their position among the interviewers, from 0 (it picks the wording: each member
    /// of a panel reads different sentences).
    pub position: usize,
    /// How many interviewers the panel has.
    pub panel_size: usize,
    /// Whether they lead the decision (see [`crate::interview::Interview::decides`]).
    pub decides: bool,
    /// Whether another interviewer has the same first name, so that messages name them
    /// in full (see [`crate::interview::Interview::first_name_shared`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub first_name_shared: bool,
    /// The interview's points to clarify that are theirs to hear when the file assigns
    /// them none (see [`crate::interview::Interview::shared_clarify`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shared_clarify: Vec<String>,
}

impl RenderRequest {
    /// The request to draft `step` of `interview` in `style`, in this version's shape.
    ///
    ///
    /// Except for a debrief (the one message about everyone), the request carries only
    /// the interviewer the message is about, with their [`Seat`] on the panel: a
    /// request for a panel of a thousand then costs one person, not a thousand.
    pub fn new(step: &Step, interview: &Interview, style: DraftStyle) -> RenderRequest {
        let (interview, seat) = interview_for(step, interview);
        RenderRequest {
            request_version: RENDER_REQUEST_VERSION,
            step: step.clone(),
            interview,
            style,
            seat,
        }
    }
}

/// The interview as a render request for `step` carries it, and the seat of the person
/// it is about (see [`RenderRequest::new`]).
fn interview_for(step: &Step, interview: &Interview) -> (Interview, Option<Seat>) {
    let about = step
        .recipient
        .on_behalf_of
        .as_deref()
        .or((step.recipient.kind == crate::plan::RecipientKind::Interviewer)
            .then_some(step.recipient.name.as_str()));
    let position = about
        .filter(|_| step.purpose != Purpose::Debrief)
        .and_then(|name| interview.interviewers.iter().position(|p| p.name == name));
    let Some(position) = position else {
        return (interview.clone(), None);
    };
    let seat = Seat {
        position,
        panel_size: interview.interviewers.len(),
        decides: interview.decides(position),
        first_name_shared: interview.first_name_shared(position),
        shared_clarify: interview.shared_clarify(position),
    };
    let Interview {
        schema,
        candidate,
        employer,
        role,
        meeting,
        interviewers,
        reinforce,
        next_steps,
        staffing,
        established_channels,
        status,
    } = interview;
    let trimmed = Interview {
        schema: schema.clone(),
        candidate: candidate.clone(),
        employer: employer.clone(),
        role: role.clone(),
        meeting: meeting.clone(),
        interviewers: vec![interviewers[position].clone()],
        reinforce: reinforce.clone(),
        next_steps: next_steps.clone(),
        staffing: staffing.clone(),
        established_channels: established_channels.clone(),
        status: status.clone(),
    };
    (trimmed, Some(seat))
}

/// How messages are written: a firm's house style, as far as drafting needs it.
/// Unknown fields are ignored, for the same reason as in [`RenderRequest`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DraftStyle {
    /// The closing before the signature, such as `Best regards`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sign_off: Option<String>,
    /// The signature block, as a template; default: the candidate's signature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
    /// The tone (`warm`, `formal`, `brief`); templates can read it as `tone`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tone: Option<String>,
    /// The firm whose style this is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub firm: Option<String>,
    /// Template sources that replace the channel's built-in templates of the same
    /// name (`thank_you`, `thank_you.subject`, ...).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub templates: BTreeMap<String, String>,
    /// Settings of the step's channel, as that channel documents them (LinkedIn:
    /// `{"account_tier": "premium"}`; letter: `{"variant": "card"}`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub channel_settings: BTreeMap<String, serde_json::Value>,
    /// How long one template may render and how much text it may write.
    #[serde(default, skip_serializing_if = "RenderBudget::is_default")]
    pub render_budget: RenderBudget,
    /// The spelling the wording follows, `en-US` (when absent) or `en-GB`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spelling: Option<String>,
}

/// How long one template may take to render and how much text it may write. A style
/// pack is data that a firm shares with its candidates, so its templates must not be
/// able to hang or flood the machine that drafts with them; a template over its budget
/// fails to render, with an error naming it. A style may lower the figures or raise
/// them up to a hard cap ([`RenderBudget::MOST_MILLISECONDS`],
/// [`RenderBudget::MOST_OUTPUT_KIB`]); beyond it the style's check refuses them and
/// rendering uses the cap.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RenderBudget {
    /// Milliseconds one template may take to render: default 500, at most 5000.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub milliseconds: Option<u32>,
    /// Kibibytes of text one template may write (and the largest value it may build on
    /// the way): default 256, at most 4096.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_kib: Option<u32>,
}

impl RenderBudget {
    /// Milliseconds a template may render when the style says nothing.
    pub const DEFAULT_MILLISECONDS: u32 = 500;
    /// The most milliseconds a style may allow.
    pub const MOST_MILLISECONDS: crate::rules::policy::Limit =
        crate::rules::policy::Limit { most: 5_000, words: "5000 (five seconds)" };
    /// Kibibytes a template may write when the style says nothing.
    pub const DEFAULT_OUTPUT_KIB: u32 = 256;
    /// The most kibibytes a style may allow.
    pub const MOST_OUTPUT_KIB: crate::rules::policy::Limit =
        crate::rules::policy::Limit { most: 4_096, words: "4096 (4 MiB)" };

    /// Whether the budget is the default one (nothing set).
    pub fn is_default(&self) -> bool {
        *self == RenderBudget::default()
    }

    /// The time one render may take, within the hard cap.
    pub fn time(&self) -> std::time::Duration {
        let ms = self.milliseconds.unwrap_or(Self::DEFAULT_MILLISECONDS);
        std::time::Duration::from_millis(u64::from(Self::MOST_MILLISECONDS.clamp(ms)))
    }

    /// The bytes one render may write, within the hard cap.
    pub fn output_bytes(&self) -> usize {
        let kib = Self::MOST_OUTPUT_KIB.clamp(self.output_kib.unwrap_or(Self::DEFAULT_OUTPUT_KIB));
        usize::try_from(kib).map_or(usize::MAX, |kib| kib.saturating_mul(1024))
    }
}

/// A channel's answer: the message and its checks. Unknown fields are ignored, so a
/// newer plugin can add some without breaking older hosts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(
    title = "Render answer",
    description = "What a channel plugin answers to a render request: the message, its subject where the channel has one, and its checks. Published for authors of plugins in any language; the host reads answers with the types this schema is generated from.",
    example = crate::examples::render_answer_example()
)]
pub struct RenderedDraft {
    /// The subject line, for channels that have one.
    #[serde(default)]
    pub subject: Option<String>,
    /// The message, ready to send.
    pub body: String,
    /// What the message was checked for, and how it did.
    pub checks: Vec<Check>,
    /// Facts about the message particular to the channel (SMS: encoding and segments;
    /// LinkedIn: characters used of the cap; email: word count).
    #[serde(default)]
    pub meta: BTreeMap<String, serde_json::Value>,
}

/// Why a channel could not draft a step: what its plugin answers, as JSON with the
/// error status, instead of a draft.
///
/// Plugins built before this shape answer with plain text; the host reads that text
/// as the [`message`](RenderFailure::message) alone. Unknown fields are ignored, so a
/// newer plugin can say more without breaking older hosts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenderFailure {
    /// What went wrong, in words a candidate understands.
    pub message: String,
    /// When a template failed: which one, where and why, for tools that point at the
    /// template (`followup validate`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<TemplateFailure>,
}

/// A template that could not be parsed or rendered, as data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateFailure {
    /// The template's name (`thank_you`, `signature`).
    pub name: String,
    /// The line in the template, from 1, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// What went wrong, as the template engine says it.
    pub message: String,
}

impl From<String> for RenderFailure {
    fn from(message: String) -> RenderFailure {
        RenderFailure { message, template: None }
    }
}

impl From<&str> for RenderFailure {
    fn from(message: &str) -> RenderFailure {
        RenderFailure::from(message.to_string())
    }
}

impl std::fmt::Display for RenderFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// The name of the check [`check_variety`] adds.
pub const VARIETY: &str = "variety";

/// Compares the messages of one interview to each other and adds a `variety` check to
/// each: a warning when it shares most of its sentences (more than half of the shorter
/// message's) with another message of the same plan, naming that message, else a pass.
/// People on a panel compare notes, and a candidate's second check-in should not repeat
/// the first: a message that reads like its neighbour reads like a form letter.
pub fn check_variety(drafts: &mut [Draft]) {
    use std::collections::HashMap;
    let sentences: Vec<Vec<u64>> =
        drafts.iter().map(|d| crate::phrasing::sentence_fingerprints(&d.body)).collect();
    // Which drafts hold each sentence, and each body: a plan for a panel of a thousand
    // must not compare a million pairs.
    let mut holders: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, set) in sentences.iter().enumerate() {
        for &sentence in set {
            holders.entry(sentence).or_default().push(i);
        }
    }
    // Each draft's first other draft of the same text, hashing each text once.
    let mut first_with_body: HashMap<&str, usize> = HashMap::new();
    let mut same_bodies: Vec<Option<usize>> = vec![None; drafts.len()];
    for (i, draft) in drafts.iter().enumerate() {
        let first = *first_with_body.entry(draft.body.as_str()).or_insert(i);
        if first != i {
            same_bodies[i] = Some(first);
            same_bodies[first].get_or_insert(i);
        }
    }
    let shared_with = |i: usize, j: usize| sorted_shared(&sentences[i], &sentences[j]);
    let mut checks = Vec::with_capacity(drafts.len());
    for (i, mine) in sentences.iter().enumerate() {
        let same_body = same_bodies[i];
        // The drafts most alike: those sharing the most of this one's sentences, counted
        // through the sentences' holders; only the few best are compared exactly.
        let mut counts: HashMap<usize, usize> = HashMap::new();
        for sentence in mine {
            for &j in holders[sentence].iter().filter(|&&j| j != i).take(VARIETY_PEERS) {
                *counts.entry(j).or_default() += 1;
            }
        }
        let mut candidates: Vec<(usize, usize)> = counts.into_iter().collect();
        candidates.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let alike = same_body
            .map(|j| (j, shared_with(i, j), mine.len().min(sentences[j].len())))
            .or_else(|| {
                candidates.iter().take(VARIETY_PEERS).find_map(|&(j, _)| {
                    let shared = shared_with(i, j);
                    let fewest = mine.len().min(sentences[j].len());
                    (fewest > 0 && shared * 2 > fewest).then_some((j, shared, fewest))
                })
            });
        checks.push(match alike {
            Some((j, shared, fewest)) => {
                let other = &drafts[j];
                let what = if drafts[i].body == other.body {
                    "has the same text as".to_string()
                } else {
                    format!("shares {shared} of {fewest} sentences with")
                };
                Check::warn(
                    VARIETY,
                    format!(
                        "{what} the {} to {} (step `{}`); reword one so that each reads as written for its reader",
                        other.purpose.label(),
                        other.recipient.name,
                        other.step_id
                    ),
                )
            }
            None => Check::pass(VARIETY, "reads differently from the other messages of this plan"),
        });
    }
    for (draft, check) in drafts.iter_mut().zip(checks) {
        draft.checks.push(check);
    }
}

/// How many numbers two sorted lists without repeats have in common.
fn sorted_shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// How many other drafts [`check_variety`] follows from each sentence, and compares
/// exactly: enough to find the message most like another, few enough that the check
/// stays linear in the number of messages.
const VARIETY_PEERS: usize = 32;

/// One check of a draft.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Check {
    /// A short stable name, such as `concision`.
    pub name: String,
    /// How the draft did.
    pub level: CheckLevel,
    /// What was found, in words a candidate understands.
    pub message: String,
}

impl Check {
    /// A passed check.
    pub fn pass(name: &str, message: impl Into<String>) -> Check {
        Check { name: name.to_string(), level: CheckLevel::Pass, message: message.into() }
    }

    /// A check that found something worth a second look.
    pub fn warn(name: &str, message: impl Into<String>) -> Check {
        Check { name: name.to_string(), level: CheckLevel::Warn, message: message.into() }
    }

    /// A check the draft must not be sent without fixing.
    pub fn fail(name: &str, message: impl Into<String>) -> Check {
        Check { name: name.to_string(), level: CheckLevel::Fail, message: message.into() }
    }
}

/// How a draft did on one check.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CheckLevel {
    /// Fine.
    Pass,
    /// Worth a second look; the draft can still be sent.
    Warn,
    /// Must be fixed before sending.
    Fail,
}

/// A drafted step, as `followup draft` reports it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Draft",
    description = "The text of one follow-up step, rendered by its channel, with the checks it passed or failed.",
    example = crate::examples::draft_example()
)]
pub struct Draft {
    /// The id of the step in the plan.
    pub step_id: String,
    /// What the message is for.
    pub purpose: Purpose,
    /// The channel id.
    pub channel: String,
    /// Who it goes to.
    pub recipient: Recipient,
    /// The subject line; null where the channel has none.
    pub subject: Option<String>,
    /// The message, ready to send.
    pub body: String,
    /// What the message was checked for, and how it did.
    pub checks: Vec<Check>,
    /// Facts about the message particular to the channel.
    pub meta: BTreeMap<String, serde_json::Value>,
}

impl Draft {
    /// Joins a step and its channel's answer.
    pub fn new(step: &Step, rendered: RenderedDraft) -> Draft {
        Draft {
            step_id: step.id.clone(),
            purpose: step.purpose,
            channel: step.channel.clone(),
            recipient: step.recipient.clone(),
            subject: rendered.subject,
            body: rendered.body,
            checks: rendered.checks,
            meta: rendered.meta,
        }
    }

    /// The worst level among the checks (pass when there are none).
    pub fn worst(&self) -> CheckLevel {
        self.checks.iter().map(|c| c.level).max().unwrap_or(CheckLevel::Pass)
    }
}
