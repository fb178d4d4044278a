//! The briefings compiled into the binary, so `brief` run anywhere still opens them.
//! Must not depend on terminal crates.

/// The bundled briefings: file name and contents.
pub const BUNDLED: [(&str, &str); 2] = [
    (
        "kim-putin-vladivostok.fr.toml",
        include_str!("../../briefings/kim-putin-vladivostok.fr.toml"),
    ),
    (
        "kim-putin-vladivostok.en.toml",
        include_str!("../../briefings/kim-putin-vladivostok.en.toml"),
    ),
];
