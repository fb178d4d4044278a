//! The screens and overlays. Each owns its state, turns the actions of its context
//! into changes of that state and effects, and draws itself from its state and the
//! shared model. None imports another: what one asks of another goes through effects.

pub mod compare;
pub mod confirm;
pub mod editor;
pub mod finder;
pub mod help;
pub mod library;
pub mod library_search;
pub mod lints;
pub mod log;
pub mod panel;
pub mod reader;
pub mod sources;
pub mod timeline;
