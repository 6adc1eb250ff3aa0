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
//! 3. build a [`planner::Planner`] once from the [`style::Style`] and the loaded
//!    manifests (it holds the business calendar, the timing policy and the adjusted
//!    manifests), and [`planner::Planner::plan`] each interview into a [`plan::Plan`]
//!    ([`rules::plan`] is the same engine, for callers that bring their own calendar
//!    and policy);
//! 4. draft a step with a [`draft::RenderRequest::new`] sent to its channel's plugin;
//! 5. for a tracked interview, plan with what already happened
//!    ([`planner::Planner::plan_with`] and a [`tracking::Progress`]), then
//!    [`tracking::agenda()`] turns the plan and the interview's events into the state of
//!    every step.

#![deny(missing_docs)]

pub mod bundled;
pub mod calendar;
pub mod country;
pub mod draft;
#[doc(hidden)]
pub mod examples;
pub mod export;
pub mod holidays;
pub mod human_time;
pub mod interview;
pub mod manifest;
pub mod meeting_time;
pub mod one_line;
pub mod phrasing;
pub mod plan;
pub mod planner;
pub mod problem;
pub mod rules;
pub mod schema;
mod slug;
pub mod style;
pub mod time;
pub mod tracking;
pub mod validate;
