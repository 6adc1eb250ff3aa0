//! What the store caches of one interview: its derived view.

use std::collections::BTreeMap;

use followup_core::plan::Plan;
use followup_core::time::Moment;
use followup_core::tracking::Agenda;
use serde::{Deserialize, Serialize};

/// One tracked interview as derived from its events: who, what, when, the plan as first
/// made and the agenda as it now stands. The store caches it; it is rebuilt from the
/// events whenever they change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InterviewView {
    /// The interview's id.
    pub id: String,
    /// The id of the first interview of the same application (itself, unless this is a
    /// next round).
    pub application: String,
    /// The candidate's name.
    pub candidate: String,
    /// The employer.
    pub company: String,
    /// The role's title.
    pub role: String,
    /// When the interview started.
    pub start: Moment,
    /// The candidate's time zone (IANA), in which the interview's own events are shown.
    pub time_zone: String,
    /// The display names of the channels its steps use (`sms` → `Text message`).
    #[serde(default)]
    pub channel_names: BTreeMap<String, String>,
    /// The file it was last added from, when it came from one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The plan as the rules made it before anything happened.
    pub planned: Plan,
    /// Where every step stands now.
    pub agenda: Agenda,
    /// What the candidate should know (opt-outs applied, plan warnings).
    #[serde(default)]
    pub notes: Vec<String>,
}
