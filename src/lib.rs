//! # Maqal — مقال
//!
//! Turns the raw text of an Arabic news article — pasted from a web page or read from a file —
//! into a structured [`Document`]: the story separated from the page's chrome, every other part
//! kept (source, tags, inserted articles, related titles), and the story understood (people,
//! places, organisations, quotes, dates). The output is the JSON contract v1 (`CONTRACT.md`):
//! serialise a [`Document`] with `serde_json`.
//!
//! ```
//! let doc = maqal::parse("مصر تستضيف القمة\n\nقال الوزير إن القمة ستعقد غدا في القاهرة.\n\nالمصدر: الأهرام");
//! assert_eq!(doc.article.headline.as_ref().unwrap().text, "مصر تستضيف القمة");
//! assert_eq!(doc.source.as_ref().unwrap().text, "الأهرام");
//! assert_eq!(doc.lang, "ar");
//! let json = serde_json::to_string(&doc).unwrap();
//! assert!(json.starts_with("{\"version\":1,"));
//! ```
//!
//! Three entry points: [`parse`], [`parse_with`] (with [`Options`]) and [`decode`] (bytes of a
//! file → text). `parse` is total: any text gives a Document, in time linear in its length.
//!
//! Stages (one module each): [`decode`](crate::decode()) bytes → text; `lines` splits the text
//! into candidate blocks; `structure` classifies blocks and assembles the article, inserts,
//! source, tags and related titles; `dates`, `entities`, `quotes` read the paragraphs; `utf16`
//! converts every byte span to UTF-16 units, the contract's unit.

mod decode;
mod hash;
mod lang;
mod lexicon;
mod lines;
mod model;
mod normalize;
// Public only for the stage benchmarks (`structure::bench`); not API.
#[doc(hidden)]
pub mod structure;
mod tags;
mod utf16;

mod dates;
#[cfg(feature = "understanding")]
mod entities;
#[cfg(feature = "understanding")]
mod quotes;
// Without the `understanding` feature (the page's first, small module): no entities, no quotes.
#[cfg(not(feature = "understanding"))]
#[path = "understanding_off.rs"]
mod understanding_off;
#[cfg(not(feature = "understanding"))]
use understanding_off::{entities, quotes};

#[cfg(all(feature = "wasm", target_arch = "wasm32"))]
mod wasm;

#[cfg(feature = "encodings")]
pub use decode::decode;
pub use decode::Decoded;
pub use model::{
    byte_range, days_in_month, Article, Block, Calendar, Date, DateMention, Dir, Document,
    Entity, EntityKind, Insert, Kind, Options, Quote, Related, Span, Stats, Text, Warning,
    CONTRACT_VERSION,
};
pub use normalize::fold;

/// The compiled-in lexicon files as `(file name, contents)`: for tests and for tools that show
/// where the word lists come from.
pub fn lexicon_files() -> &'static [(&'static str, &'static str)] {
    lexicon::FILES
}

/// Parses `text` with default [`Options`]. Never fails, never truncates.
pub fn parse(text: &str) -> Document {
    parse_with(text, &Options::default())
}

/// Parses `text` with `options`. Never fails, never truncates.
///
/// ```
/// let text = "وقال الوزير أمس الثلاثاء إن المحادثات مستمرة.";
/// let opts = maqal::Options { reference_date: maqal::Date::parse_iso("2024-06-12") };
/// let doc = maqal::parse_with(text, &opts);
/// assert_eq!(doc.article.paragraphs.len(), 1);
/// ```
pub fn parse_with(text: &str, options: &Options) -> Document {
    let mut doc = structure::parse(text, options);
    utf16::convert(&mut doc, text);
    doc
}
