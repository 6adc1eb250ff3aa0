//! Small example documents embedded in the published schemas.

use serde_json::{Value, json};

/// An example interview, as JSON.
pub fn interview_example() -> Value {
    json!({
        "candidate": { "name": "Ana Ruiz", "email": "ana.ruiz@example.com", "time_zone": "America/Chicago" },
        "employer": { "company": "Northwind Analytics", "industry": "technology", "culture": "standard" },
        "role": { "title": "Data Analyst", "kind": "professional" },
        "meeting": {
            "start": "2026-11-24T14:00:00-06:00",
            "duration_minutes": 60,
            "time_zone": "America/Chicago",
            "format": "video"
        },
        "interviewers": [{
            "name": "Dana Whitfield",
            "title": "Analytics Manager",
            "email": "dana.whitfield@northwind.example",
            "topics": ["the churn dashboard rebuild"]
        }],
        "reinforce": { "strengths": ["SQL performance tuning"], "motivation": "the team's focus on clear reporting" },
        "next_steps": { "decision_date": "2026-12-04" }
    })
}

/// An example channel manifest, as JSON.
pub fn manifest_example() -> Value {
    json!({
        "manifest_version": 1,
        "id": "email",
        "name": "Email",
        "version": "0.1.0",
        "description": "A polished, personal email that keeps a written record.",
        "selection": { "mode": "primary", "priority": 10, "fallback": true },
        "fits": { "role_kinds": ["professional", "executive"] },
        "recipients": ["interviewer", "recruiter"],
        "purposes": ["thank_you", "debrief", "check_in"],
        "requires": { "contact": "email" },
        "limits": { "subject_chars": 50, "body_words": 150 }
    })
}

/// An example style, as JSON.
pub fn style_example() -> Value {
    json!({
        "name": "Staffing Network house style",
        "firm": "Staffing Network",
        "tone": "warm",
        "sign_off": "Kind regards",
        "timing": { "cool_off_minutes": 45, "check_in_count": 2, "extra_holidays": [{ "date": "2026-12-24", "name": "Office closed" }] },
        "channels": { "linkedin": { "account_tier": "premium" }, "letter": { "variant": "card", "transit_business_days": 2 } }
    })
}

/// An example step, as JSON.
fn step_example() -> Value {
    json!({
        "id": "thank-you-dana-whitfield-email",
        "purpose": "thank_you",
        "channel": "email",
        "recipient": { "name": "Dana Whitfield", "kind": "interviewer" },
        "not_before": "2026-11-24T16:00:00-06:00",
        "send_at": "2026-11-24T16:00:00-06:00",
        "not_after": "2026-11-25T15:00:00-06:00",
        "time_zone": "America/Chicago",
        "rationale": ["Email suits professional roles"],
        "warnings": []
    })
}

/// An example plan, as JSON.
pub fn plan_example() -> Value {
    json!({
        "steps": [step_example()],
        "skipped": [{
            "channel": "sms",
            "reason": "Text message is not suggested: nobody at Northwind Analytics said text message was fine"
        }],
        "warnings": []
    })
}

/// An example draft, as JSON.
pub fn draft_example() -> Value {
    json!({
        "step_id": "thank-you-dana-whitfield-email",
        "purpose": "thank_you",
        "channel": "email",
        "recipient": { "name": "Dana Whitfield", "kind": "interviewer" },
        "subject": "Thank you: Data Analyst interview",
        "body": "Dear Dana,\n\nThank you for speaking with me today about the Data Analyst role at Northwind Analytics.\n\nBest regards,\nAna Ruiz",
        "checks": [{ "name": "concision", "level": "pass", "message": "24 words (limit 150)" }],
        "meta": { "word_count": 24 }
    })
}

/// An example candidate profile, as JSON.
pub fn profile_example() -> Value {
    json!({
        "name": "Ana Ruiz",
        "email": "ana.ruiz@example.com",
        "phone": "+13125550143",
        "time_zone": "America/Chicago",
        "signature": "Ana Ruiz\n(312) 555-0143"
    })
}

/// An example render request, as JSON.
pub fn render_request_example() -> Value {
    json!({
        "request_version": 1,
        "step": step_example(),
        "interview": interview_example(),
        "style": { "sign_off": "Best regards" }
    })
}

/// An example export request, as JSON.
pub fn export_request_example() -> Value {
    json!({
        "request_version": 1,
        "draft": draft_example(),
        "step": step_example(),
        "interview": interview_example(),
        "style": {},
        "paper": "letter"
    })
}

/// An example record of the tracker's log (`followup store export`).
pub fn store_record_example() -> Value {
    json!({
        "seq": 7,
        "interview": "ana-ruiz-northwind-analytics-2026-11-24",
        "recorded_at": "2026-11-25T15:02:11Z",
        "at": "2026-11-25T15:00:00Z",
        "source": { "kind": "user" },
        "type": "replied",
        "from": "Dana Whitfield"
    })
}

/// An example render answer (what a plugin answers to a render request), as JSON.
pub fn render_answer_example() -> Value {
    json!({
        "subject": "Thank you: Data Analyst interview",
        "body": "Dear Dana,\n\nThank you for speaking with me today about the Data Analyst role at Northwind Analytics.\n\nBest regards,\nAna Ruiz",
        "checks": [{ "name": "concision", "level": "pass", "message": "24 words (limit 150)" }],
        "meta": { "word_count": 24 }
    })
}

/// An example export answer (what a plugin answers to an export request), as JSON.
pub fn export_answer_example() -> Value {
    json!({
        "files": [{
            "name": "thank-you-dana-whitfield-teams.txt",
            "media_type": "text/plain; charset=utf-8",
            // "Hi Dana, thank you.\n"
            "content_base64": "SGkgRGFuYSwgdGhhbmsgeW91Lgo="
        }]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answer_examples_are_answers_the_host_reads() {
        let draft: crate::draft::RenderedDraft =
            serde_json::from_value(render_answer_example()).expect("a render answer");
        assert_eq!(draft.checks.len(), 1);
        let files: crate::export::ExportedFiles =
            serde_json::from_value(export_answer_example()).expect("an export answer");
        assert_eq!(files.files.len(), 1);
    }
}
