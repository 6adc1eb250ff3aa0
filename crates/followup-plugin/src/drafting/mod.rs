//! What every channel needs to draft a message: the facts a template can use, the
//! template engine, and the checks every good follow-up passes.
//!
//! A channel's `render` typically calls [`Templates::prepare`] (its built-in templates
//! with the style's overrides, and the [`Facts`] of the request), renders the template
//! for the step's purpose, and runs [`checks::standard`] plus checks of its own.

mod budget;
pub mod checks;
mod direct;
mod facts;
mod templates;

pub use facts::{Facts, PersonFacts, with_empty_facts};
pub use templates::{
    EmptyPlaceholder, Fitted, Prepared, Renderer, TemplateError, Templates,
    take_empty_placeholders, tidy,
};
