//! The output model: the JSON contract v1 (`../shared/CONTRACT.md`), as Rust types.
//!
//! While the parser runs, every [`Span`] holds **byte** offsets into the input; the last step of
//! [`crate::parse_with`] converts them all to UTF-16 code units, which is what the contract and
//! JavaScript's `String.prototype.slice` use. Use [`byte_range`] to slice the input in Rust.

use serde::Serialize;

/// A half-open range `[start, end]`. In a returned [`Document`] the unit is the UTF-16 code unit.
pub type Span = [usize; 2];

/// Contract version written in [`Document::version`].
pub const CONTRACT_VERSION: u32 = 1;

/// The whole parse result: the main article, the other parts of the paste, and every block.
#[derive(Serialize, Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    /// Contract version, always [`CONTRACT_VERSION`].
    pub version: u32,
    /// BCP 47 guess of the main language (`"ar"`, `"fa"`, `"ur"`, `"en"`, … or `"und"`).
    pub lang: String,
    /// Base direction of the text.
    pub dir: Dir,
    /// The main article.
    pub article: Article,
    /// Other articles embedded in the paste (a read-also marker, a headline, paragraphs).
    pub inserts: Vec<Insert>,
    /// The source name only (`الأسبوع` for `المصدر: الأسبوع`).
    pub source: Option<Text>,
    /// Tags, deduplicated, in order of first appearance.
    pub tags: Vec<Text>,
    /// Titles of related links, deduplicated, in order.
    pub related: Vec<Related>,
    /// Blocks that belong to no article part (menus, share lines, captions, comments, credits).
    pub boilerplate: Vec<Block>,
    /// Every block of the input, in input order.
    pub blocks: Vec<Block>,
    /// Counts for the main article's paragraphs.
    pub stats: Stats,
    /// What the parser doubted.
    pub warnings: Vec<Warning>,
}

/// Base direction of a text.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Dir {
    /// Right to left (Arabic, Persian, Urdu).
    #[default]
    Rtl,
    /// Left to right.
    Ltr,
}

/// One article: the main one or an insert.
#[derive(Serialize, Debug, Clone, PartialEq, Eq, Default)]
pub struct Article {
    /// The headline, when the paste has one.
    pub headline: Option<Text>,
    /// Names from the byline, one per person.
    pub authors: Vec<Text>,
    /// The article's own date, from a dateline or date line.
    pub published: Option<DateMention>,
    /// Body paragraphs in order; the first is the lead.
    pub paragraphs: Vec<Text>,
    /// People, places and organisations named in the paragraphs, in order of first mention.
    pub entities: Vec<Entity>,
    /// Attributed speech in the paragraphs.
    pub quotes: Vec<Quote>,
    /// Date expressions in the paragraphs.
    pub dates: Vec<DateMention>,
}

/// A piece of the input: its text exactly as written and where it is.
#[derive(Serialize, Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    /// The input sliced at `span`.
    pub text: String,
    /// Where the text is in the input.
    pub span: Span,
}

/// An article embedded in the paste after a read-also marker.
#[derive(Serialize, Debug, Clone, PartialEq, Eq, Default)]
pub struct Insert {
    /// The marker as written (`إقرأ أيضاً`).
    pub label: Text,
    /// The embedded article.
    pub article: Article,
}

/// A related/similar/read-also title.
#[derive(Serialize, Debug, Clone, PartialEq, Eq, Default)]
pub struct Related {
    /// The title (first occurrence).
    pub title: Text,
    /// How many times the title occurs (duplicates merged into this entry).
    pub occurrences: usize,
    /// The list's heading as written (`مقالات مشابهة`), or the inline marker.
    pub label: Option<String>,
    /// Index into [`Document::inserts`] when the title is an insert's headline.
    pub insert: Option<usize>,
}

/// What a block is.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// An article's headline.
    Headline,
    /// A byline (`كتب: …`, `بقلم …`).
    Byline,
    /// A date or place line of its own.
    Dateline,
    /// A body paragraph.
    Paragraph,
    /// A source line (`المصدر: …`).
    Source,
    /// A tags line (`كلمات دلالية: …`).
    Tags,
    /// A read-also marker alone on its line, opening an insert.
    InsertLabel,
    /// The heading of a related list.
    RelatedLabel,
    /// One line of a related list, or an inline read-also link.
    RelatedItem,
    /// An image caption or photo credit.
    Caption,
    /// Site chrome: menus, share lines, comments, copyright, credits, most-read lists.
    Boilerplate,
    /// Nothing decided it.
    Unknown,
}

/// One block of the input: a paragraph, a line of a list, a marker line, a chrome line.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What the block is.
    pub kind: Kind,
    /// The input sliced at `span`.
    pub text: String,
    /// Trimmed: starts and ends on non-whitespace.
    pub span: Span,
    /// The insert this block belongs to (its label, headline and paragraphs), else `None`.
    pub insert: Option<usize>,
}

/// Kind of a named entity.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// A country, city, region or other place.
    Place,
    /// A movement, ministry, agency, council, company, outlet…
    Organization,
}

/// A named entity and all its mentions.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// The fullest form the article uses, as written at its first occurrence.
    pub name: String,
    /// Person, place or organisation.
    pub kind: EntityKind,
    /// Title phrases given to it in the text, as written, deduplicated.
    pub roles: Vec<String>,
    /// Spans of every mention (the name only, without clitics), in order.
    pub mentions: Vec<Span>,
}

/// Attributed speech.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The speaker's full name, when known.
    pub speaker: Option<String>,
    /// Index into the same article's `entities`.
    pub entity: Option<usize>,
    /// The speech verb as written, with its prefix (`وأضاف`), or the participle (`مشيرًا`).
    pub verb: Text,
    /// What was said.
    pub content: Text,
    /// True when the content is between quotation marks.
    pub direct: bool,
}

/// Calendar a date was written in.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Calendar {
    /// Gregorian (also Levantine and Maghreb month names).
    #[default]
    Gregorian,
    /// Hijri; `value` is still Gregorian.
    Hijri,
}

/// A date expression.
#[derive(Serialize, Debug, Clone, PartialEq, Eq, Default)]
pub struct DateMention {
    /// The expression as written.
    pub text: String,
    /// Where it is.
    pub span: Span,
    /// ISO 8601 (`2024-07-04`, `2024-07`, `--07-04`, `2024-07-04T10:00`), or `None` when unknown.
    pub value: Option<String>,
    /// The calendar it was written in.
    pub calendar: Calendar,
    /// True when it counts from another day (`أمس`, `اليوم`, a weekday alone).
    pub relative: bool,
}

/// Counts for the main article's paragraphs.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stats {
    /// Unicode scalar values that are not whitespace.
    pub characters: usize,
    /// Whitespace-separated tokens that contain a letter or digit.
    pub words: usize,
    /// Number of paragraphs.
    pub paragraphs: usize,
    /// `ceil(words / 200)`.
    pub reading_minutes: usize,
}

/// Something the parser or decoder doubted.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Stable code (`decoded-windows-1256`, `mojibake`, `not-arabic`, …).
    pub code: String,
    /// An English sentence a reader understands.
    pub message: String,
}

impl Warning {
    /// Builds a warning from a code and a message.
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Warning { code: code.to_string(), message: message.into() }
    }
}

/// A calendar day (proleptic Gregorian), used for `Options::reference_date`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2026.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day of month, 1–31.
    pub day: u8,
}

impl Date {
    /// A date when `year-month-day` exists in the Gregorian calendar.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    ///
    /// ```
    /// let d = maqal::Date::parse_iso("2024-06-12").unwrap();
    /// assert_eq!((d.year, d.month, d.day), (2024, 6, 12));
    /// assert!(maqal::Date::parse_iso("2024-02-30").is_none());
    /// ```
    pub fn parse_iso(s: &str) -> Option<Date> {
        let s = s.trim();
        let mut it = s.splitn(3, '-');
        let y = it.next()?;
        let m = it.next()?;
        let d = it.next()?;
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = self.year as i64 - if self.month <= 2 { 1 } else { 0 };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = self.month as i64;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719468;
        let era = if z >= 0 { z } else { z - 146096 } / 146097;
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        Date { year: (y + if m <= 2 { 1 } else { 0 }) as i32, month: m, day: d }
    }

    /// Adds (or with a negative number subtracts) days.
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// Day of the week, 0 = Sunday … 6 = Saturday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (4).
        (self.to_days() + 4).rem_euclid(7) as u8
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Number of days in a Gregorian month (0 for a month outside 1–12).
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Options for [`crate::parse_with`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The day relative dates (`أمس`, `اليوم`, a weekday alone) count from.
    /// Default `None`: the article's `published` date is used, else relative dates get no value.
    pub reference_date: Option<Date>,
}

/// Converts a UTF-16 span of a returned [`Document`] into a byte range of `input`
/// (for slicing in Rust). Returns `None` when the span is outside the text or splits a character.
///
/// ```
/// let input = "قال بلينكن";
/// let doc = maqal::parse(input);
/// let span = doc.blocks[0].span;
/// assert_eq!(&input[maqal::byte_range(input, span).unwrap()], input);
/// ```
pub fn byte_range(input: &str, span: Span) -> Option<std::ops::Range<usize>> {
    let mut units = 0usize;
    let mut start = None;
    for (i, c) in input.char_indices() {
        if units == span[0] {
            start = Some(i);
        }
        if units == span[1] {
            return Some(start?..i);
        }
        units += c.len_utf16();
    }
    if units == span[1] {
        let s = if units == span[0] { Some(input.len()) } else { start };
        return Some(s?..input.len());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_and_weekday() {
        let d = Date::new(2024, 6, 12).unwrap();
        assert_eq!(d.weekday(), 3); // Wednesday
        assert_eq!(Date::from_days(d.to_days()), d);
        assert_eq!(d.add_days(-1).iso(), "2024-06-11");
        assert_eq!(Date::new(2026, 11, 29).unwrap().weekday(), 0); // Sunday
        for n in -800_000..-799_000 {
            assert_eq!(Date::from_days(n).to_days(), n);
        }
    }
}
