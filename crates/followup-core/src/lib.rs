//! The core of followup: the interview model, its validation, the business calendar and
//! the rules engine that turns one interview into a follow-up plan.
//!
//! Core does no I/O and reads no clock: the present moment, the channel manifests and
//! the holiday data are inputs, so every plan is reproducible from its inputs. It knows
//! no channel by name; channels describe themselves with a [`manifest::ChannelManifest`].
//!
//! The usual path:
//!
//! 1. deserialise an [`interview::Interview`] (the caller reads the file);
//! 2. [`validate::validate`] it into a [`validate::ValidInterview`], which reports every
//!    problem at once, each with its field path;
//! 3. [`rules::plan`] it against the loaded manifests, a [`calendar::BusinessCalendar`]
//!    and a [`rules::TimingPolicy`] into a [`plan::Plan`].

#![deny(missing_docs)]

pub mod calendar;
pub mod draft;
#[doc(hidden)]
pub mod examples;
pub mod export;
pub mod holidays;
pub mod interview;
pub mod manifest;
pub mod plan;
pub mod problem;
pub mod rules;
pub mod schema;
pub mod style;
pub mod time;
pub mod validate;
