//! Problems found in files: where (file, line, column), how bad, and what in plain
//! words. Every piece of text from a file is sanitised before it is shown.
//! Must not depend on terminal crates.

use std::fmt;

use super::text::sanitize_line;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; the file still loads.
    Warning,
    /// The file (or the part named) is not loaded.
    Error,
}

/// A problem in a file, located as precisely as the input allows.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, thiserror::Error)]
pub struct Diagnostic {
    /// The file as the user named it (sanitised when shown).
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<u32>,
    /// 1-based column in characters, when known.
    pub column: Option<u32>,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in plain words.
    pub message: String,
}

impl Diagnostic {
    /// An error at a position.
    pub fn error(file: impl Into<String>, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, file, pos, message)
    }

    /// A warning at a position.
    pub fn warning(file: impl Into<String>, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, file, pos, message)
    }

    fn new(
        severity: Severity,
        file: impl Into<String>,
        pos: Option<Pos>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            file: file.into(),
            line: pos.map(|p| p.line),
            column: pos.map(|p| p.column),
            severity,
            message: message.into(),
        }
    }

    /// Whether this problem stops the file from loading.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col` (or as much of it as is known), sanitised.
    pub fn location(&self) -> String {
        let file = sanitize_line(&self.file);
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
            (Some(l), None) => format!("{file}:{l}"),
            _ => file.into_owned(),
        }
    }
}

impl fmt::Display for Diagnostic {
    /// `file:line:col: error: message`, safe to print on a terminal.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}: {severity}: {}",
            self.location(),
            sanitize_line(&self.message)
        )
    }
}

/// How many problems of one shape a file reports before the rest are summarised.
pub const MAX_REPEATED: usize = 10;

/// How the line that stands for the problems left out starts.
const SUMMARY: &str = "… and ";

/// What makes two messages "the same problem": the text with every `quoted` part and
/// every number taken out, so that `unknown field \`a\`` and `unknown field \`b\``, or
/// two dates that do not exist, are alike.
fn shape(d: &Diagnostic) -> (Severity, String) {
    let mut out = String::with_capacity(d.message.len().min(200));
    let mut quoted = false;
    for c in d.message.chars() {
        match c {
            '`' => {
                quoted = !quoted;
                if quoted {
                    out.push('`');
                }
            }
            _ if quoted => {}
            c if c.is_ascii_digit() => {
                if !out.ends_with('#') {
                    out.push('#');
                }
            }
            c => out.push(c),
        }
        if out.len() > 200 {
            break;
        }
    }
    (d.severity, out)
}

/// Caps repeated problems: of the problems of one file that say the same thing (see
/// [`MAX_REPEATED`]), the first ones are kept and the rest replaced by one line at the
/// first left out, `… and 9,990 more like this`, so that a file with ten thousand
/// copies of one mistake gives a screenful, not a flood. Order is kept otherwise.
pub fn cap_repeated(problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if problems.len() <= MAX_REPEATED {
        return problems;
    }
    let mut counts: std::collections::HashMap<(String, Severity, String), usize> =
        std::collections::HashMap::new();
    let keys: Vec<(String, Severity, String)> = problems
        .iter()
        .map(|d| {
            let (severity, text) = shape(d);
            (d.file.clone(), severity, text)
        })
        .collect();
    for key in &keys {
        *counts.entry(key.clone()).or_default() += 1;
    }
    let mut seen: std::collections::HashMap<&(String, Severity, String), usize> =
        std::collections::HashMap::new();
    let mut out = Vec::with_capacity(problems.len().min(1024));
    for (d, key) in problems.into_iter().zip(&keys) {
        // A summary made by an earlier pass stays as it is.
        if d.message.starts_with(SUMMARY) {
            out.push(d);
            continue;
        }
        let n = seen.entry(key).or_default();
        *n += 1;
        if *n <= MAX_REPEATED {
            out.push(d);
        } else if *n == MAX_REPEATED + 1 {
            let more = counts.get(key).copied().unwrap_or(0) - MAX_REPEATED;
            let mut summary = d;
            summary.message = format!("{SUMMARY}{} more like this", thousands(more));
            out.push(summary);
        }
    }
    out
}

/// `9998` → `9,998`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    /// Line, from 1.
    pub line: u32,
    /// Column in characters, from 1.
    pub column: u32,
}

/// Maps byte offsets of a text to lines and columns.
pub struct LineIndex<'a> {
    text: &'a [u8],
    starts: Vec<usize>,
    /// Characters before each [`BLOCK`]-byte boundary of the text, made when first
    /// needed, so that a column far into a long line is found without counting the
    /// whole line again (ten thousand problems on one 2 MB line stay linear).
    blocks: std::cell::OnceCell<Vec<usize>>,
}

/// The bytes between two checkpoints of [`LineIndex`]'s character counts.
const BLOCK: usize = 4096;

/// How many characters start in `bytes` (UTF-8 continuation bytes are not counted).
fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts of `text` (which need not be valid UTF-8).
    pub fn new(text: &'a [u8]) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text).map(|i| i + 1));
        LineIndex {
            text,
            starts,
            blocks: std::cell::OnceCell::new(),
        }
    }

    /// `len` bytes of the text from `offset`, when they exist.
    pub fn text_at(&self, offset: usize, len: usize) -> Option<&[u8]> {
        self.text.get(offset..offset.checked_add(len)?)
    }

    /// Characters in the text before `offset`.
    fn chars_before(&self, offset: usize) -> usize {
        let blocks = self.blocks.get_or_init(|| {
            let mut total = 0;
            let mut counts = Vec::with_capacity(self.text.len() / BLOCK + 1);
            for chunk in self.text.chunks(BLOCK) {
                counts.push(total);
                total += char_starts(chunk);
            }
            counts
        });
        let block = offset / BLOCK;
        blocks.get(block).copied().unwrap_or(0) + char_starts(&self.text[block * BLOCK..offset])
    }

    /// The line and column of a byte offset (clamped to the text). Columns count
    /// characters (an invalid byte counts as one); a carriage return before the offset
    /// on the same line counts as one.
    pub fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let column = if offset - start <= BLOCK {
            char_starts(&self.text[start..offset])
        } else {
            self.chars_before(offset) - self.chars_before(start)
        } + 1;
        Pos {
            line: u32::try_from(line + 1).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "ab\nécho x\n".as_bytes();
        let index = LineIndex::new(text);
        assert_eq!(index.pos(0), Pos { line: 1, column: 1 });
        assert_eq!(index.pos(3), Pos { line: 2, column: 1 });
        // 'x' is after "écho " = 6 bytes, 5 characters
        assert_eq!(index.pos(9), Pos { line: 2, column: 6 });
        assert_eq!(index.pos(999), Pos { line: 3, column: 1 });
    }

    #[test]
    fn columns_far_into_a_long_line_are_counted_in_blocks() {
        let line = format!("x\n{}", "é".repeat(10_000));
        let index = LineIndex::new(line.as_bytes());
        for chars in [0, 1, 2047, 2048, 4096, 9_999] {
            let at = 2 + chars * 2;
            assert_eq!(
                index.pos(at),
                Pos {
                    line: 2,
                    column: chars as u32 + 1
                },
                "{chars}"
            );
        }
        // An invalid byte counts as one character, as before.
        let bytes = b"ab\xffcd";
        assert_eq!(LineIndex::new(bytes).pos(4), Pos { line: 1, column: 5 });
    }

    #[test]
    fn repeated_problems_are_capped_and_summarised() {
        let mut problems = Vec::new();
        for i in 0..10_000u32 {
            problems.push(Diagnostic::error(
                "f.md",
                Some(Pos {
                    line: i + 1,
                    column: 3,
                }),
                format!("no section has the id `s{i}` (the section ids are a, b)"),
            ));
            if i % 1000 == 0 {
                problems.push(Diagnostic::warning(
                    "f.md",
                    None,
                    format!("tag `t{i}` is listed twice"),
                ));
            }
        }
        problems.push(Diagnostic::error("f.md", None, "something else"));
        let capped = cap_repeated(problems);
        let shown: Vec<String> = capped.iter().map(|d| d.message.clone()).collect();
        assert_eq!(
            shown.len(),
            MAX_REPEATED + 1 + MAX_REPEATED + 1,
            "{shown:#?}"
        );
        let summary = capped
            .iter()
            .find(|d| d.message.starts_with('…'))
            .map(ToString::to_string);
        assert_eq!(
            summary.as_deref(),
            Some("f.md:11:3: error: … and 9,990 more like this")
        );
        assert_eq!(shown.last().map(String::as_str), Some("something else"));
        assert_eq!(thousands(1_234_567), "1,234,567");
        // Capping again changes nothing, however many summaries there are.
        let mut many = Vec::new();
        for kind in 0..12 {
            for i in 0..20 {
                many.push(Diagnostic::error(
                    "f",
                    None,
                    format!("kind{} `{i}`", "x".repeat(kind)),
                ));
            }
        }
        let once = cap_repeated(many);
        assert_eq!(once.len(), 12 * (MAX_REPEATED + 1));
        assert_eq!(cap_repeated(once.clone()), once);
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn display_is_sanitised() {
        let d = Diagnostic::error(
            "evil\u{1b}]0;x\u{7}.toml",
            Some(Pos { line: 2, column: 3 }),
            "bad \u{1b}[2J",
        );
        let shown = d.to_string();
        assert!(!shown.contains('\u{1b}'), "{shown:?}");
        assert!(shown.starts_with("evil\u{241b}]0;x\u{2407}.toml:2:3: error: bad"));
    }
}
