//! Tradecraft: how analysts say how good their sources are (the Admiralty code, as ICD
//! 206 sourcing asks), how a briefing may be shared (portion marks and banners, the
//! Traffic Light Protocol 2.0) and how sure its judgments are (the estimative language
//! of ICD 203). The loader checks these; `brief check --lint` and the reader use the
//! lints and the term scanner. Must not depend on terminal crates.

pub mod cite;
pub mod estimative;
pub mod grade;
pub mod inherit;
pub mod lint;
pub mod marking;
pub mod tlp;
