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
