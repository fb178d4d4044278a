//! Fuzz target: loading a briefing from arbitrary bytes, as TOML and as Markdown, must
//! never panic, and every problem it reports must be free of control characters.
#![no_main]

use brief::domain::briefing::Origin;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let origin = Origin::File("fuzz.toml".into());
    for outcome in [
        brief::domain::load::parse_briefing(data, origin.clone(), Some("fuzz".into())),
        brief::domain::load_md::parse_markdown_briefing(data, origin, Some("fuzz".into())),
    ] {
        if let Err(problems) = outcome {
            for p in problems {
                let shown = p.to_string();
                assert!(!shown.chars().any(char::is_control), "{shown:?}");
            }
        }
    }
});
