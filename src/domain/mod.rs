//! The domain: briefings, loading and validation, text, search, annotations, export.
//!
//! Nothing here may depend on the terminal crates; the domain compiles and is
//! tested without a terminal.

pub mod anchor;
pub mod annotation;
pub mod atomic;
pub mod briefing;
pub mod bundled;
pub mod catalogue;
pub mod changes;
pub mod date;
pub mod diag;
pub mod export;
pub mod fold;
pub mod fuzzy;
pub mod hash;
pub mod i18n;
pub mod import;
pub mod library;
pub mod load;
pub mod load_md;
pub mod markdown;
pub mod placing;
pub mod search;
pub mod shared;
pub mod shelf;
pub mod store;
pub mod text;
pub mod timeline;
pub mod tradecraft;
pub mod wrap;
