//! The lexicons: marker phrases, stop words and other word lists, one data file each in this
//! folder, compiled in with `include_str!` and loaded once.
//!
//! File format: lines starting with `#` are the header (where the list comes from, its licence);
//! every other non-empty line is one entry, already in folded form ([`crate::normalize::fold`]),
//! sorted by bytes, unique. `tests/lexicon.rs` keeps them so.

/// Every lexicon file: (name, contents).
pub const FILES: &[(&str, &str)] = &[
];

/// The entries of a lexicon file (header and blank lines skipped).
pub(crate) fn entries(contents: &'static str) -> impl Iterator<Item = &'static str> {
    contents.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}
