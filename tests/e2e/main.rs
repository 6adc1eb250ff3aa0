//! End-to-end tests of followup: the rules on every fixture and example, properties of
//! every plan, and the `followup` command as a user runs it.

mod batch;
mod cli;
mod drafts;
mod export;
mod plugins;
mod properties;
mod rules;
mod styles;
mod tracker;
mod validate;
