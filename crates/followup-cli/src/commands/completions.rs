//! `followup completions SHELL` and `followup man`: generated from the clap definition
//! itself, so that they never drift from the commands.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use clap::CommandFactory;

use crate::args::Cli;
use crate::atomic_write;
use crate::exit;
use crate::settings::{ManSettings, Shell};

/// Prints the completion script for `shell` on stdout.
pub fn completions(shell: Shell) -> anyhow::Result<ExitCode> {
    let mut command = Cli::command();
    let generator = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    let mut script = Vec::new();
    clap_complete::generate(generator, &mut command, "followup", &mut script);
    std::io::stdout().lock().write_all(&script)?;
    Ok(ExitCode::from(exit::OK))
}

/// Prints the man page, or writes `followup.1` and one page per subcommand
/// (`followup-plan.1`, ...) into a folder.
pub fn man(settings: &ManSettings) -> anyhow::Result<ExitCode> {
    let command = Cli::command();
    let Some(dir) = &settings.out else {
        let mut page = Vec::new();
        clap_mangen::Man::new(command).render(&mut page)?;
        std::io::stdout().lock().write_all(&page)?;
        return Ok(ExitCode::from(exit::OK));
    };
    std::fs::create_dir_all(dir)
        .with_context(|| format!("{}: cannot create the folder", dir.display()))?;
    let mut pages = vec![("followup".to_string(), command.clone())];
    for sub in command.get_subcommands() {
        let name = format!("followup-{}", sub.get_name());
        pages.push((name.clone(), sub.clone().display_name(name.clone()).bin_name(name)));
    }
    for (name, page_command) in pages {
        let mut page = Vec::new();
        clap_mangen::Man::new(page_command).render(&mut page)?;
        let path = dir.join(format!("{name}.1"));
        // Pages are generated: replacing an older one is what installing means.
        atomic_write::write(&path, &page, true)?;
        eprintln!("wrote {}", path.display());
    }
    Ok(ExitCode::from(exit::OK))
}
