//! What every channel needs to draft a message: the facts a template can use, the
//! template engine, and the checks every good follow-up passes.
//!
//! A channel's `render` typically builds [`Facts`] from the request, renders its
//! template for the step's purpose with [`Templates`], tidies the text, and runs
//! [`checks::standard`] plus checks of its own.

pub mod checks;
mod facts;
mod templates;

pub use facts::{Facts, PersonFacts};
pub use templates::{Fitted, TemplateError, Templates, tidy};
