//! `followup doctor`: is this installation ready to plan? Where plugins are looked for
//! and what loaded, the candidate profile and its problems, and permissions that would
//! let another user run code as you. Exit 0 only when every check passes.
//!
//! Each check is one function in [`CHECKS`]; a new one is one more entry there.

use std::path::Path;
use std::process::ExitCode;

use followup_core::interview::CandidateDetails;

use crate::exit;
use crate::settings::{DoctorSettings, ProfileChoice};

/// What one check found: a heading and its lines, each fine or a problem.
struct Section {
    title: &'static str,
    lines: Vec<Finding>,
}

/// One line of a check.
enum Finding {
    /// Worth knowing; nothing to fix.
    Fine(String),
    /// Something to fix, with what to do.
    Problem(String),
}

/// A check: what it looks at, from the settings, and what it found.
type Check = fn(&DoctorSettings, &followup_host::Registry) -> Section;

/// The checks, in the order they are printed.
const CHECKS: &[Check] = &[plugins, profile, permissions, store];

/// Runs `followup doctor`.
pub fn run(settings: &DoctorSettings) -> anyhow::Result<ExitCode> {
    let registry = followup_host::load_plugins(&settings.search);
    let mut problems = 0usize;
    for check in CHECKS {
        let section = check(settings, &registry);
        println!("{}", section.title);
        for finding in &section.lines {
            match finding {
                Finding::Fine(line) => println!("  ok       {line}"),
                Finding::Problem(line) => {
                    problems += 1;
                    println!("  PROBLEM  {line}");
                }
            }
        }
    }
    if problems == 0 {
        println!("all is well");
        Ok(ExitCode::from(exit::OK))
    } else {
        println!("{problems} problem{} to fix", if problems == 1 { "" } else { "s" });
        Ok(ExitCode::from(exit::FAILURE))
    }
}

fn plugins(settings: &DoctorSettings, registry: &followup_host::Registry) -> Section {
    let mut lines = Vec::new();
    for dir in settings.search.dirs() {
        let state = if dir.dir.is_dir() { "" } else { " (absent)" };
        lines.push(Finding::Fine(format!("looked in {}{state}", dir.dir.display())));
    }
    for plugin in &registry.loaded {
        lines.push(Finding::Fine(format!(
            "loaded {} ({}) from {}",
            plugin.manifest.id,
            plugin.manifest.name,
            plugin.path.display()
        )));
    }
    for refusal in &registry.refused {
        lines.push(Finding::Problem(format!("refused: {refusal}")));
    }
    if registry.loaded.is_empty() {
        lines.push(Finding::Problem(
            "no channel plugin loaded: install them with scripts/install.sh, or pass --plugin-dir"
                .to_string(),
        ));
    }
    Section { title: "plugins", lines }
}

fn profile(settings: &DoctorSettings, _: &followup_host::Registry) -> Section {
    let path = match &settings.profile {
        ProfileChoice::Given(path) | ProfileChoice::Default(Some(path)) => path.clone(),
        ProfileChoice::Skip | ProfileChoice::Default(None) => {
            let line = "no config directory is known, so no profile is read".to_string();
            return Section { title: "profile", lines: vec![Finding::Problem(line)] };
        }
    };
    if !path.exists() {
        let line = format!(
            "{}: no profile; run `followup init` to write your name, email and time zone once",
            path.display()
        );
        return Section { title: "profile", lines: vec![Finding::Problem(line)] };
    }
    let details = match crate::profile::load(&ProfileChoice::Given(path.clone())) {
        Ok(details) => details,
        Err(err) => {
            return Section { title: "profile", lines: vec![Finding::Problem(err.to_string())] };
        }
    };
    let mut lines = vec![Finding::Fine(format!("read {}", path.display()))];
    lines.extend(
        profile_problems(&details)
            .into_iter()
            .map(|p| Finding::Problem(format!("{}: {p}", path.display()))),
    );
    Section { title: "profile", lines }
}

/// The tracker's store: where it is, whether it opens, what it holds, who can read it.
fn store(settings: &DoctorSettings, _: &followup_host::Registry) -> Section {
    let title = "tracker store";
    let Some(path) = &settings.store else {
        let line = "no data folder is known; pass --store PATH or set FOLLOWUP_STORE".to_string();
        return Section { title, lines: vec![Finding::Problem(line)] };
    };
    let store = match followup_tracker::Store::open_existing(path) {
        Ok(Some(store)) => store,
        Ok(None) => {
            let line = format!("{}: no store yet; `followup add FILE` creates it", path.display());
            return Section { title, lines: vec![Finding::Fine(line)] };
        }
        Err(err) => return Section { title, lines: vec![Finding::Problem(err.to_string())] },
    };
    let mut lines = Vec::new();
    match (store.ids(), store.event_count()) {
        (Ok(ids), Ok(events)) => lines.push(Finding::Fine(format!(
            "{}: {} tracked interviews, {events} events (schema version {})",
            path.display(),
            ids.len(),
            followup_tracker::current_version()
        ))),
        (Err(err), _) | (_, Err(err)) => lines.push(Finding::Problem(err.to_string())),
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path)
            && meta.permissions().mode() & 0o077 != 0
        {
            lines.push(Finding::Problem(format!(
                "{}: other users can read it, and it holds personal data; run `chmod 600 {}`",
                path.display(),
                path.display()
            )));
        }
    }
    Section { title, lines }
}

/// What a profile lacks or gets wrong, each with what to do.
fn profile_problems(details: &CandidateDetails) -> Vec<String> {
    let mut problems = Vec::new();
    if details.name.is_none() {
        problems.push(
            "name: missing; messages are signed with it (`followup init --force`)".to_string(),
        );
    }
    if details.email.is_none() {
        problems.push(
            "email: missing; `followup new --from-invite` leaves you out of the interviewers by it"
                .to_string(),
        );
    }
    if let Some(phone) = &details.phone
        && !followup_core::validate::is_e164(phone)
    {
        problems.push(format!("phone: `{phone}` is not in E.164 form, such as +13125550143"));
    }
    if let Some(zone) = &details.time_zone
        && zone.resolve().is_none()
    {
        let hint = zone.closest_known().map(|z| format!("; did you mean {z}?")).unwrap_or_default();
        problems.push(format!("time_zone: `{zone}` is not a known time zone{hint}"));
    }
    problems
}

fn permissions(settings: &DoctorSettings, registry: &followup_host::Registry) -> Section {
    let mut lines = Vec::new();
    let mut paths: Vec<&Path> =
        settings.search.dirs().iter().map(|d| d.dir.as_path()).filter(|d| d.is_dir()).collect();
    paths.extend(registry.loaded.iter().map(|p| p.path.as_path()));
    for path in paths {
        if let Some(problem) = writable_by_others(path) {
            lines.push(Finding::Problem(problem));
        }
    }
    if lines.is_empty() {
        lines.push(Finding::Fine(
            "plugin folders and libraries are writable by you alone".to_string(),
        ));
    }
    Section { title: "permissions", lines }
}

/// Why another user could change `path` (a plugin runs as you), when they could.
#[cfg(unix)]
fn writable_by_others(path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode();
    (mode & 0o022 != 0).then(|| {
        format!(
            "{}: writable by {} (mode {:o}); anyone who can write there runs code as you: chmod go-w {}",
            path.display(),
            if mode & 0o002 != 0 { "everyone" } else { "its group" },
            mode & 0o777,
            path.display()
        )
    })
}

/// Other systems: not checked.
#[cfg(not(unix))]
fn writable_by_others(_: &Path) -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_problems_say_what_to_do() {
        let details = CandidateDetails {
            phone: Some("312 555 0143".into()),
            time_zone: Some(followup_core::time::ZoneName("America/Chigaco".into())),
            ..CandidateDetails::default()
        };
        insta::assert_snapshot!(profile_problems(&details).join("\n"), @r"
        name: missing; messages are signed with it (`followup init --force`)
        email: missing; `followup new --from-invite` leaves you out of the interviewers by it
        phone: `312 555 0143` is not in E.164 form, such as +13125550143
        time_zone: `America/Chigaco` is not a known time zone; did you mean America/Chicago?
        ");
    }
}
