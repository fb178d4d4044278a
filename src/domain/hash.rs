//! Stable content hashes (xxh3-64), written to disk, so they must never change between
//! versions of brief. Must not depend on anything but `xxhash-rust`.

/// A stable 64-bit hash of some bytes, as 16 lowercase hex digits.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(bytes))
}

/// A stable hash of several pieces, each length-prefixed so that ("ab","c") and
/// ("a","bc") differ.
pub fn content_hash_parts(parts: &[&str]) -> String {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for part in parts {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    format!("{:016x}", hasher.digest())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable_across_versions() {
        // These values are on disk in users' stores: changing them orphans read marks.
        assert_eq!(content_hash(b""), "2d06800538d394c2");
        assert_ne!(
            content_hash_parts(&["ab", "c"]),
            content_hash_parts(&["a", "bc"])
        );
    }
}
