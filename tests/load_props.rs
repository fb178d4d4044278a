//! Property tests of loading: arbitrary bytes, and TOML-shaped text close to a real
//! briefing, never panic; what loads is valid (its portion marks within its declared
//! classification, its citations naming its sources); what fails says where.

use brief::domain::briefing::Origin;
use brief::domain::load::parse_briefing;
use brief::domain::load_md::parse_markdown_briefing;
use proptest::prelude::*;

fn origin() -> Origin {
    Origin::File("prop.toml".into())
}

/// Text that looks like a briefing, with random pieces swapped in.
fn briefing_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("title = \"T\"\n".to_string()),
        Just("id = \"x-y\"\n".to_string()),
        Just("[[sections]]\n".to_string()),
        Just("[[sections.dates]]\n".to_string()),
        Just("from = 2023-09-10\n".to_string()),
        Just("to = \"--09-13\"\n".to_string()),
        Just("body = \"\"\"\n*a* **b**\n\"\"\"\n".to_string()),
        Just("kind = \"challenges\"\n".to_string()),
        Just("tags = [\"a\", \"b\"]\n".to_string()),
        Just("date = 1979-05-27T07:32:00Z\n".to_string()),
        Just("classification = \"UNCLASSIFIED\"\n".to_string()),
        Just("tlp = \"AMBER+STRICT\"\n".to_string()),
        Just(
            "[[sources]]\nid = \"nyt\"\nname = \"N\"\nreliability = \"B\"\ncredibility = 2\n"
                .to_string()
        ),
        Just("sources = [\"nyt\"]\n".to_string()),
        Just("marking = \"S//NOFORN\"\n".to_string()),
        Just("body = \"\"\"\n(S) x [^nyt]\n\n(U) y \\\n z\n\"\"\"\n".to_string()),
        "[ -~]{0,40}\n",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..20).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = parse_briefing(&bytes, origin(), Some("p".into()));
        let _ = parse_markdown_briefing(&bytes, Origin::File("prop.md".into()), Some("p".into()));
    }

    #[test]
    fn briefing_like_text_loads_or_says_where(text in briefing_like()) {
        match parse_briefing(text.as_bytes(), origin(), Some("p".into())) {
            Ok(loaded) => {
                let b = loaded.briefing;
                prop_assert!(!b.title.trim().is_empty());
                if let (Some(declared), Some(top)) = (b.declared_level(), b.high_water_mark()) {
                    prop_assert!(top.level <= declared, "{:?} above {:?}", top, declared);
                }
                for s in &b.sections {
                    for id in s.cited_sources() {
                        prop_assert!(b.source(id).is_some(), "cites unknown {}", id);
                    }
                }
                let mut ids: Vec<&str> = b.sections.iter().map(|s| s.id.as_str()).collect();
                ids.sort_unstable();
                let before = ids.len();
                ids.dedup();
                prop_assert_eq!(before, ids.len(), "duplicate section ids loaded");
            }
            Err(problems) => {
                prop_assert!(!problems.is_empty());
                prop_assert!(problems.iter().any(|p| p.is_error()));
                for p in &problems {
                    prop_assert!(p.line.is_some(), "no position: {}", p);
                    let shown = p.to_string();
                    prop_assert!(!shown.chars().any(|c| c.is_control()), "control char in {:?}", shown);
                }
            }
        }
    }
}
