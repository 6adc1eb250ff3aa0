//! End-to-end tests of followup: the rules on every fixture and example, properties of
//! every plan, and the `followup` command as a user runs it.

mod answers;
mod batch;
mod bounded_inputs;
mod cli;
mod drafts;
mod export;
mod export_safety;
mod inbox;
mod install;
mod isolation;
mod manifest_cache;
mod new;
mod plugins;
mod properties;
mod rules;
mod styles;
mod tracker;
mod untrusted_input;
mod untrusted_styles;
mod validate;
mod wording;
