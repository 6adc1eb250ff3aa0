//! Whether a draft keeps to the limits its channel's manifest declares.
//!
//! A channel may not always fit (a 5000-character company name cannot), but then it
//! must say so: a draft over a hard limit (`body_chars`, a LinkedIn-style note cap, the
//! most SMS segments) must carry a failing check, or it breaks the manifest's promise.
//! A draft over a soft limit (`subject_chars`, `body_words`) should carry a check that
//! warns; when it does not, the suite warns.

use followup_core::draft::{CheckLevel, RenderedDraft};
use followup_core::manifest::ChannelManifest;
use followup_plugin::drafting::checks::word_count;

/// Characters of GSM-7 text that `segments` SMS segments hold at most: 160 in one,
/// 153 each when split. Any other encoding holds fewer, so a longer text certainly
/// takes more segments.
fn sms_capacity(segments: u32) -> usize {
    match segments {
        0 => 0,
        1 => 160,
        n => 153 * n as usize,
    }
}

/// What is wrong with `draft` (each a phrase), and the limits it exceeds but reports
/// with a check of its own.
pub(crate) fn review(manifest: &ChannelManifest, draft: &RenderedDraft) -> Review {
    let mut review = Review::default();
    let limits = &manifest.limits;
    let worst = draft.checks.iter().map(|c| c.level).max().unwrap_or(CheckLevel::Pass);
    let body_chars = draft.body.chars().count();

    if draft.body.trim().is_empty() {
        review.problems.push("the body is empty".to_string());
    }
    match (&draft.subject, limits.subject_chars) {
        (None, Some(_)) => review.problems.push(
            "there is no subject, but the manifest declares `limits.subject_chars`".to_string(),
        ),
        (Some(subject), Some(_)) if subject.trim().is_empty() => {
            review.problems.push("the subject is empty".to_string());
        }
        (Some(_), None) => review.problems.push(
            "there is a subject, but the manifest declares no `limits.subject_chars`; a channel without subjects answers null".to_string(),
        ),
        _ => {}
    }

    let mut over = |exceeded: bool, what: String, needs: CheckLevel| {
        if !exceeded {
            return;
        }
        if worst >= needs {
            review.reported.push(what);
        } else if needs == CheckLevel::Fail {
            review.problems.push(format!("{what}, and no check fails it"));
        } else {
            review.unreported.push(format!("{what}, and no check warns about it"));
        }
    };
    if let (Some(subject), Some(limit)) = (&draft.subject, limits.subject_chars) {
        let chars = subject.chars().count();
        over(
            chars > limit as usize,
            format!("the subject has {chars} characters, over `subject_chars` ({limit})"),
            CheckLevel::Warn,
        );
    }
    if let Some(limit) = limits.body_chars {
        over(
            body_chars > limit as usize,
            format!("the body has {body_chars} characters, over `body_chars` ({limit})"),
            CheckLevel::Fail,
        );
    }
    if let Some(limit) = limits.body_words {
        let words = word_count(&draft.body);
        over(
            words > limit as usize,
            format!("the body has {words} words, over `body_words` ({limit})"),
            CheckLevel::Warn,
        );
    }
    if let Some(cap) = limits.note_chars_by_tier.values().max() {
        over(
            body_chars > *cap as usize,
            format!("the note has {body_chars} characters, over every `note_chars_by_tier` cap"),
            CheckLevel::Fail,
        );
    }
    if let Some(sms) = limits.sms {
        over(
            body_chars > sms_capacity(sms.max_segments),
            format!(
                "the text has {body_chars} characters, more than {} SMS segment(s) hold",
                sms.max_segments
            ),
            CheckLevel::Fail,
        );
    }
    review
}

/// The outcome of [`review`].
#[derive(Debug, Default)]
pub(crate) struct Review {
    /// Broken promises: each fails the `limits` row.
    pub problems: Vec<String>,
    /// Soft limits exceeded without a check that says so: each warns.
    pub unreported: Vec<String>,
    /// Limits exceeded and reported by the draft's own checks.
    pub reported: Vec<String>,
}

#[cfg(test)]
mod tests {
    use followup_core::draft::Check;

    use super::*;

    fn manifest(limits: serde_json::Value) -> ChannelManifest {
        serde_json::from_value(serde_json::json!({
            "manifest_version": 1, "id": "pigeon", "name": "Pigeon", "version": "0.1.0",
            "description": "A bird.", "selection": {"mode": "primary"},
            "recipients": ["interviewer"], "purposes": ["thank_you"], "limits": limits
        }))
        .expect("test manifest")
    }

    fn draft(subject: Option<&str>, body: &str, checks: Vec<Check>) -> RenderedDraft {
        RenderedDraft {
            subject: subject.map(str::to_string),
            body: body.to_string(),
            checks,
            meta: Default::default(),
        }
    }

    #[test]
    fn a_subject_is_there_exactly_when_declared() {
        let with = manifest(serde_json::json!({"subject_chars": 50}));
        let without = manifest(serde_json::json!({}));
        let ok = vec![Check::pass("x", "fine")];
        assert!(review(&with, &draft(Some("Thanks"), "Hi", ok.clone())).problems.is_empty());
        assert!(review(&without, &draft(None, "Hi", ok.clone())).problems.is_empty());
        assert_eq!(review(&with, &draft(None, "Hi", ok.clone())).problems.len(), 1);
        assert_eq!(review(&without, &draft(Some("Thanks"), "Hi", ok.clone())).problems.len(), 1);
        assert_eq!(review(&without, &draft(None, "  ", ok)).problems, ["the body is empty"]);
    }

    #[test]
    fn exceeding_a_hard_limit_needs_a_failing_check() {
        let manifest = manifest(serde_json::json!({"body_chars": 10}));
        let long = "x".repeat(11);
        let silent = review(&manifest, &draft(None, &long, vec![Check::warn("len", "long")]));
        assert_eq!(silent.problems.len(), 1, "{:?}", silent.problems);
        assert!(silent.problems[0].contains("no check fails it"));
        let honest = review(&manifest, &draft(None, &long, vec![Check::fail("len", "too long")]));
        assert!(honest.problems.is_empty());
        assert_eq!(honest.reported.len(), 1);
    }

    #[test]
    fn exceeding_a_soft_limit_needs_a_warning() {
        let manifest = manifest(serde_json::json!({"body_words": 3}));
        let body = "one two three four";
        let silent = review(&manifest, &draft(None, body, vec![Check::pass("x", "ok")]));
        assert!(silent.problems.is_empty());
        assert_eq!(silent.unreported.len(), 1);
        let honest = review(&manifest, &draft(None, body, vec![Check::warn("x", "long")]));
        assert!(honest.problems.is_empty() && honest.unreported.is_empty());
    }

    #[test]
    fn sms_capacity_is_an_upper_bound() {
        let manifest =
            manifest(serde_json::json!({"sms": {"preferred_segments": 1, "max_segments": 2}}));
        let fits = "x".repeat(306);
        let over = "x".repeat(307);
        let ok = vec![Check::pass("x", "ok")];
        assert!(review(&manifest, &draft(None, &fits, ok.clone())).problems.is_empty());
        assert_eq!(review(&manifest, &draft(None, &over, ok)).problems.len(), 1);
    }
}
