//! `brief`: a terminal reader for structured analyst briefings.
//!
//! The crate is a library with a thin binary. Data flows one way: briefing files are
//! loaded into the [`domain`] model, gathered in a [`domain::library::Library`], shown by
//! the [`tui`] (model / update / view) and annotated through the annotation store.
//!
//! [`domain`] knows nothing of terminals: it must never depend on `ratatui` or
//! `crossterm` (a test in `tests/architecture.rs` enforces it). The [`cli`] uses the
//! domain only.

pub mod cli;
pub mod config;
pub mod domain;
pub mod keys;
pub mod tui;
