//! `followup init`: writes the candidate profile (name, email, phone, time zone,
//! signature), asked on a terminal or taken from flags, and says where it went.
//!
//! Fields neither given nor answered are written commented under a `TODO` marker. An
//! existing profile is replaced only with `--force`.

use std::fmt::Write;
use std::process::ExitCode;

use anyhow::Context;
use followup_core::interview::CandidateDetails;
use followup_core::time::ZoneName;

use crate::atomic_write;
use crate::exit::{self, UsageError};
use crate::settings::InitSettings;

use super::prompt::{self, Prompter};

/// The schema line: the published profile schema's `$id`.
const SCHEMA_LINE: &str = "#:schema https://followup.invalid/schemas/profile.schema.json";

/// Runs `followup init`.
pub fn run(settings: &InitSettings) -> anyhow::Result<ExitCode> {
    let path = &settings.out;
    if path.exists() && !settings.force {
        return Err(UsageError(format!(
            "{}: a profile exists already; pass --force to replace it, or --out for another file",
            path.display()
        ))
        .into());
    }
    let mut profile = settings.given.clone();
    if settings.interactive {
        ask(&mut profile, settings.local_zone.as_deref())?;
    }
    check(&profile)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create the folder", dir.display()))?;
    }
    atomic_write::write(path, render(&profile).as_bytes(), settings.force)?;
    eprintln!("wrote {}", path.display());
    eprintln!("every interview is merged with it; `followup doctor` checks it");
    Ok(ExitCode::from(exit::OK))
}

fn ask(profile: &mut CandidateDetails, local_zone: Option<&str>) -> anyhow::Result<()> {
    let prompter = Prompter::new();
    let ok = |_: &str| Ok(());
    let name = prompter.required("Your full name", profile.name.as_deref(), ok)?;
    profile.email = prompter.text("Your email", profile.email.as_deref(), |a| {
        if a.contains('@') { Ok(()) } else { Err("an address such as ana.ruiz@example.com".into()) }
    })?;
    profile.phone = prompter.text("Your mobile number (E.164, such as +13125550143)", profile.phone.as_deref(), |a| {
        if followup_core::validate::is_e164(a) {
            Ok(())
        } else {
            Err("write it in E.164 form: + and the country code, no spaces, such as +13125550143".into())
        }
    })?;
    let zone_default =
        profile.time_zone.as_ref().map(|z| z.0.clone()).or(local_zone.map(str::to_string));
    profile.time_zone = prompter
        .text(
            "Your time zone (IANA, such as America/Chicago)",
            zone_default.as_deref(),
            prompt::check_zone,
        )?
        .map(ZoneName);
    let signature_default = profile.signature.clone().unwrap_or_else(|| name.clone());
    profile.signature = prompter
        .text("Signature (\\n for a new line)", Some(&signature_default), ok)?
        .map(|s| s.replace("\\n", "\n"));
    profile.name = Some(name);
    Ok(())
}

/// Refuses a phone or zone that every plan would refuse later.
fn check(profile: &CandidateDetails) -> anyhow::Result<()> {
    if let Some(phone) = &profile.phone
        && !followup_core::validate::is_e164(phone)
    {
        return Err(UsageError(format!(
            "--phone {phone}: write it in E.164 form, + and the country code, such as +13125550143"
        ))
        .into());
    }
    if let Some(zone) = &profile.time_zone
        && let Err(message) = prompt::check_zone(zone.as_str())
    {
        return Err(UsageError(format!("--time-zone {zone}: {message}")).into());
    }
    Ok(())
}

/// The profile's TOML text.
fn render(profile: &CandidateDetails) -> String {
    let mut out = format!(
        "{SCHEMA_LINE}\n# Your details, merged into every interview (an interview's [candidate] wins).\n\n"
    );
    let fields = [
        (
            "name",
            profile.name.clone(),
            "your full name, as it should appear in a signature",
            "\"\"",
        ),
        ("email", profile.email.clone(), "your email address", "\"\""),
        ("phone", profile.phone.clone(), "your mobile number in E.164 form", "\"+13125550143\""),
        (
            "time_zone",
            profile.time_zone.as_ref().map(|z| z.0.clone()),
            "your IANA time zone",
            "\"America/Chicago\"",
        ),
        ("signature", profile.signature.clone(), "the sign-off block under messages", "\"\""),
    ];
    for (key, value, what, example) in fields {
        match value {
            Some(value) => {
                let _ = writeln!(out, "{key} = {}", toml::Value::String(value));
            }
            None => {
                let _ = writeln!(out, "# TODO {key}: {what}\n# {key} = {example}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_not_given_are_commented_todos() {
        let profile = CandidateDetails {
            name: Some("Ana Ruiz".into()),
            signature: Some("Ana Ruiz\n(312) 555-0143".into()),
            ..CandidateDetails::default()
        };
        insta::assert_snapshot!(render(&profile), @r#"
        #:schema https://followup.invalid/schemas/profile.schema.json
        # Your details, merged into every interview (an interview's [candidate] wins).

        name = "Ana Ruiz"
        # TODO email: your email address
        # email = ""
        # TODO phone: your mobile number in E.164 form
        # phone = "+13125550143"
        # TODO time_zone: your IANA time zone
        # time_zone = "America/Chicago"
        signature = """
        Ana Ruiz
        (312) 555-0143"""
        "#);
    }
}
