//! Fuzz target: rendering and wrapping arbitrary Markdown must never panic, styles must
//! stay on character boundaries, and no control character may survive into the text.
#![no_main]

use brief::domain::markdown::render_markdown;
use brief::domain::wrap::wrap_block;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for block in render_markdown(text) {
        for style in &block.styles {
            assert!(block.text.is_char_boundary(style.range.start));
            assert!(block.text.is_char_boundary(style.range.end));
        }
        assert!(!block.text.chars().any(|c| c.is_control() && c != '\n'));
        for width in [1, 7, 40, 88] {
            for line in wrap_block(&block, width) {
                assert!(block.text.is_char_boundary(line.range.start));
                assert!(block.text.is_char_boundary(line.range.end));
            }
        }
    }
});
