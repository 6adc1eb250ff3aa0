//! Hostile interviews: what a careless or malicious interview file can put in front of
//! a plugin. A plugin must answer each with a draft or a clean error, never a panic,
//! and must treat user text as text, never as a template.
//!
//! They are sent without validation on purpose: validation is the CLI's business, and
//! a plugin may be driven by other front ends.

use followup_core::interview::{Interview, Staffing};

/// One hostile interview and what it tests.
#[derive(Debug)]
pub(crate) struct Case {
    /// The row's name, such as `hostile.long`.
    pub row: &'static str,
    /// What the interview holds, for the report.
    pub what: &'static str,
    /// The interview.
    pub interview: Interview,
}

/// User text planted by the `hostile.template` case (company, role, topic, the
/// interviewer's and the candidate's names): each must appear exactly as written
/// wherever the message shows the field. The first part is how the suite finds the
/// field in a message (a word that a first name alone does not contain); the second is
/// the whole value.
pub(crate) const PLANTED: [(&str, &str); 5] = [
    ("Acme", "Acme {{ 6 * 7 }} Works"),
    ("Engineer", "Engineer {% raw %}"),
    (
        "dashboard",
        "the {{ \"follow\" ~ \"up_evaluated\" }} dashboard and {% if true %}branches{% endif %}",
    ),
    ("Whitfield", "Dana Whitfield {{ x }}"),
    ("Ruiz", "Ana {{ sign_off }} Ruiz"),
];

/// Text that only appears in a message when the plugin evaluated planted template
/// syntax (the concatenation in the planted topic).
pub(crate) const EVALUATED_MARKER: &str = "followup_evaluated";

/// How long the `hostile.long` fields are, in characters.
pub(crate) const LONG_CHARS: usize = 5000;

/// A complete interview with a staffing firm, so that every purpose has a recipient.
const BASE: &str = r#"
[candidate]
name = "Ana Ruiz"
email = "ana.ruiz@example.com"
phone = "+15125550143"
signature = "Ana Ruiz\n+1 512 555 0143"

[employer]
company = "Northwind"
industry = "technology"

[role]
title = "Data Analyst"
kind = "hourly"

[meeting]
start = "2026-11-24T14:00:00-06:00"
duration_minutes = 60
time_zone = "America/Chicago"

[[interviewers]]
name = "Dana Whitfield"
title = "Analytics Manager"
email = "dana@northwind.example"
phone = "+15125550100"
linkedin = "https://www.linkedin.com/in/dana"
topics = ["the churn dashboard"]
lead = true

[reinforce]
strengths = ["SQL tuning", "clear charts"]
clarify = ["my start date"]
motivation = "a team that ships"

[next_steps]
decision_date = "2026-12-04"
notes = "a second round with the director"

[staffing]
firm = "Staffing Network"
outreach = "cc_recruiter"

[staffing.recruiter]
name = "Priya Natarajan"
email = "priya@staffing.example"
phone = "+16175550100"

[[established_channels]]
channel = "sms"
by = "employer"
"#;

fn base() -> Interview {
    toml::from_str(BASE).expect("the hostile cases' base interview parses; a unit test reads it")
}

/// `text` repeated to exactly `chars` characters.
fn long(text: &str, chars: usize) -> String {
    text.chars().cycle().take(chars).collect()
}

/// Every hostile case, in the order the report lists them.
pub(crate) fn cases() -> Vec<Case> {
    vec![empty(), very_long(), control_characters(), template_text()]
}

fn empty() -> Case {
    let mut interview = base();
    interview.candidate.name = Some(String::new());
    interview.candidate.signature = Some(String::new());
    interview.employer.company = String::new();
    interview.role.title = String::new();
    for person in &mut interview.interviewers {
        person.title = None;
        person.topics = vec![String::new(), "   ".to_string()];
    }
    interview.reinforce.strengths = Vec::new();
    interview.reinforce.clarify = Vec::new();
    interview.reinforce.motivation = Some(String::new());
    interview.next_steps = Default::default();
    Case {
        row: "hostile.empty",
        what: "empty names, company, role, topics and strengths",
        interview,
    }
}

fn very_long() -> Case {
    let mut interview = base();
    interview.candidate.name = Some(long("Ana Ruiz ", LONG_CHARS));
    interview.employer.company = long("Northwind ", LONG_CHARS);
    interview.role.title = long("Data Analyst ", LONG_CHARS);
    for person in &mut interview.interviewers {
        person.name = long("Dana Whitfield ", LONG_CHARS);
        person.topics = vec![long("the churn dashboard ", LONG_CHARS)];
    }
    interview.reinforce.strengths = vec![long("SQL tuning ", LONG_CHARS)];
    interview.reinforce.motivation = Some(long("a team that ships ", LONG_CHARS));
    interview.next_steps.notes = Some(long("a second round ", LONG_CHARS));
    if let Some(Staffing { recruiter, firm, .. }) = interview.staffing.as_mut() {
        recruiter.name = long("Priya Natarajan ", LONG_CHARS);
        *firm = long("Staffing Network ", LONG_CHARS);
    }
    Case {
        row: "hostile.long",
        what: "names, company, role and topics of 5000 characters",
        interview,
    }
}

fn control_characters() -> Case {
    let mut interview = base();
    interview.candidate.name = Some("Ana\r\nRuiz\u{7}".to_string());
    interview.employer.company = "North\u{0}wind\r".to_string();
    interview.role.title = "Data\nAnalyst\t".to_string();
    for person in &mut interview.interviewers {
        person.name = "Dana\u{1b}[31m Whitfield".to_string();
        person.topics = vec!["the churn\r\ndashboard\u{b}".to_string(), "\u{7f}".to_string()];
    }
    interview.reinforce.strengths = vec!["SQL\u{0} tuning".to_string()];
    if let Some(staffing) = interview.staffing.as_mut() {
        staffing.recruiter.name = "Priya\rNatarajan".to_string();
    }
    Case {
        row: "hostile.control",
        what: "CR, LF, NUL, BEL and terminal escapes in names, company, role and topics",
        interview,
    }
}

fn template_text() -> Case {
    let mut interview = base();
    let [company, role, topic, name, candidate] = PLANTED.map(|(_, text)| text.to_string());
    interview.candidate.name = Some(candidate);
    interview.candidate.signature = None;
    interview.employer.company = company;
    interview.role.title = role;
    for person in &mut interview.interviewers {
        person.name.clone_from(&name);
        person.topics = vec![topic.clone()];
    }
    interview.reinforce.strengths = vec!["{{ secrets }}".to_string()];
    Case {
        row: "hostile.template",
        what: "template syntax (`{{ x }}`, `{% if %}`, `{% raw %}`) in names, company, role and topics",
        interview,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_case_is_built() {
        let cases = cases();
        assert_eq!(cases.len(), 4);
        let long = &cases[1].interview;
        assert_eq!(long.employer.company.chars().count(), LONG_CHARS);
        let template = &cases[3].interview;
        assert_eq!(template.interviewers[0].name, PLANTED[3].1);
    }
}
