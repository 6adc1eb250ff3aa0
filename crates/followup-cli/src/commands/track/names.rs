//! Finding the interview or step a user named, or saying which they may have meant.

use followup_tracker::Store;

use crate::exit::UsageError;

/// How many candidates an unknown or ambiguous name lists.
const CANDIDATES: usize = 5;

/// The tracked interview named `name` (its id, exactly).
///
/// # Errors
///
/// A usage error listing the closest tracked ids when there is no such interview.
pub fn interview(store: &Store, name: &str) -> anyhow::Result<String> {
    let ids = store.ids()?;
    if ids.iter().any(|id| id == name) {
        return Ok(name.to_string());
    }
    Err(UsageError(format!(
        "no tracked interview is called `{name}`{}",
        suggestions(name, ids.iter().map(String::as_str), "followup list")
    ))
    .into())
}

/// The step named `name`: `INTERVIEW/STEP`, or a step id alone where it is unique in the
/// store. Returns `(interview, step)`.
///
/// # Errors
///
/// A usage error listing the candidates (closest first) when the name is unknown or
/// names steps of several interviews.
pub fn step(store: &Store, name: &str) -> anyhow::Result<(String, String)> {
    let steps = store.step_ids()?;
    let full: Vec<String> = steps.iter().map(|(i, s)| format!("{i}/{s}")).collect();
    if let Some((interview, step)) = name.split_once('/') {
        if steps.iter().any(|(i, s)| i == interview && s == step) {
            return Ok((interview.to_string(), step.to_string()));
        }
    } else {
        let matching: Vec<&(String, String)> = steps.iter().filter(|(_, s)| s == name).collect();
        match matching.as_slice() {
            [(interview, step)] => return Ok((interview.clone(), step.clone())),
            [] => {}
            several => {
                let listed: Vec<String> =
                    several.iter().take(CANDIDATES).map(|(i, s)| format!("  {i}/{s}")).collect();
                return Err(UsageError(format!(
                    "`{name}` is a step of {} tracked interviews; name it as INTERVIEW/STEP:\n{}",
                    several.len(),
                    listed.join("\n")
                ))
                .into());
            }
        }
    }
    let pool: Vec<&str> = if name.contains('/') {
        full.iter().map(String::as_str).collect()
    } else {
        steps.iter().map(|(_, s)| s.as_str()).collect()
    };
    Err(UsageError(format!(
        "no tracked step is called `{name}`{}",
        suggestions(name, pool, "followup show INTERVIEW")
    ))
    .into())
}

/// The closest candidates, most similar first, as the tail of an error message.
fn suggestions<'a>(name: &str, pool: impl IntoIterator<Item = &'a str>, listing: &str) -> String {
    let mut ranked = followup_validate::ranked(name, pool);
    ranked.dedup();
    if ranked.is_empty() {
        return "; nothing is tracked yet: add an interview with `followup add FILE`".to_string();
    }
    let listed: Vec<String> = ranked.iter().take(CANDIDATES).map(|c| format!("  {c}")).collect();
    format!("; the closest are:\n{}\n(`{listing}` lists them)", listed.join("\n"))
}
