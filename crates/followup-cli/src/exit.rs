//! Exit codes and how errors map to them.

use std::process::ExitCode;

use crate::document::InputError;
use crate::style_pack::StyleError;

/// Success.
pub const OK: u8 = 0;
/// Any failure not listed below.
pub const FAILURE: u8 = 1;
/// The command line was wrong.
pub const USAGE: u8 = 2;
/// An input file is invalid.
pub const INVALID_INPUT: u8 = 3;
/// An input file could not be read.
pub const UNREADABLE_INPUT: u8 = 4;

/// A command-line value that clap accepted but that does not make sense.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// The exit code for an error chain.
pub fn code_for(error: &anyhow::Error) -> ExitCode {
    for cause in error.chain() {
        if cause.downcast_ref::<UsageError>().is_some() {
            return ExitCode::from(USAGE);
        }
        if let Some(style) = cause.downcast_ref::<StyleError>() {
            return ExitCode::from(match style {
                StyleError::UnknownName { .. } => USAGE,
                StyleError::Input(InputError::Read { .. }) => UNREADABLE_INPUT,
                _ => INVALID_INPUT,
            });
        }
        if let Some(store) = cause.downcast_ref::<followup_tracker::StoreError>() {
            use followup_tracker::StoreError;
            return ExitCode::from(match store {
                StoreError::Io { .. } => UNREADABLE_INPUT,
                StoreError::NotEmpty { .. } => USAGE,
                StoreError::Sql { .. } => FAILURE,
                _ => INVALID_INPUT,
            });
        }
        if cause.downcast_ref::<followup_invite::InviteError>().is_some() {
            return ExitCode::from(INVALID_INPUT);
        }
        if let Some(new) = cause.downcast_ref::<crate::commands::NewError>() {
            return ExitCode::from(match new {
                crate::commands::NewError::Exists { .. } => FAILURE,
                crate::commands::NewError::NotText { .. } => INVALID_INPUT,
                crate::commands::NewError::Unreadable { .. } => UNREADABLE_INPUT,
            });
        }
        if let Some(input) = cause.downcast_ref::<InputError>() {
            return ExitCode::from(match input {
                InputError::Read { .. } => UNREADABLE_INPUT,
                _ => INVALID_INPUT,
            });
        }
    }
    ExitCode::from(FAILURE)
}

/// Whether an error is a closed pipe on output (`followup plan x | head`).
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
