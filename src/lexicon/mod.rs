//! The lexicons: marker phrases, stop words and other word lists, one data file each in this
//! folder, compiled in with `include_str!` and loaded once.
//!
//! File format: lines starting with `#` are the header (where the list comes from, its licence);
//! every other non-empty line is one entry, already in folded form ([`crate::normalize::fold`]),
//! sorted by bytes, unique. The `lexicon_files_are_sorted_unique_folded` test keeps them so.

use crate::hash::FastSet;
use crate::normalize::is_alnum;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};
use std::collections::HashSet;
use std::sync::OnceLock;

/// Every lexicon file: (name, contents).
pub const FILES: &[(&str, &str)] = &[
    ("agencies.txt", include_str!("agencies.txt")),
    ("byline_markers.txt", include_str!("byline_markers.txt")),
    ("caption_markers.txt", include_str!("caption_markers.txt")),
    ("chrome_phrases.txt", include_str!("chrome_phrases.txt")),
    ("chrome_starts.txt", include_str!("chrome_starts.txt")),
    ("comment_headings.txt", include_str!("comment_headings.txt")),
    ("date_prefixes.txt", include_str!("date_prefixes.txt")),
    ("dates_day_periods.txt", include_str!("dates_day_periods.txt")),
    ("dates_hijri_ummalqura.txt", include_str!("dates_hijri_ummalqura.txt")),
    ("dates_hours.txt", include_str!("dates_hours.txt")),
    ("dates_labels.txt", include_str!("dates_labels.txt")),
    ("dates_months_gregorian.txt", include_str!("dates_months_gregorian.txt")),
    ("dates_months_gregorian_extra.txt", include_str!("dates_months_gregorian_extra.txt")),
    ("dates_months_hijri.txt", include_str!("dates_months_hijri.txt")),
    ("dates_months_hijri_extra.txt", include_str!("dates_months_hijri_extra.txt")),
    ("dates_ordinals.txt", include_str!("dates_ordinals.txt")),
    ("dates_relative_days.txt", include_str!("dates_relative_days.txt")),
    ("dates_relative_suffixes.txt", include_str!("dates_relative_suffixes.txt")),
    ("dates_time_zones.txt", include_str!("dates_time_zones.txt")),
    ("dates_weekdays.txt", include_str!("dates_weekdays.txt")),
    ("dates_weekdays_extra.txt", include_str!("dates_weekdays_extra.txt")),
    #[cfg(feature = "understanding")]
    ("ent_cities.txt", include_str!("ent_cities.txt")),
    #[cfg(feature = "understanding")]
    ("ent_common.txt", include_str!("ent_common.txt")),
    #[cfg(feature = "understanding")]
    ("ent_descriptor_heads.txt", include_str!("ent_descriptor_heads.txt")),
    #[cfg(feature = "understanding")]
    ("ent_event_heads.txt", include_str!("ent_event_heads.txt")),
    #[cfg(feature = "understanding")]
    ("ent_given.txt", include_str!("ent_given.txt")),
    #[cfg(feature = "understanding")]
    ("ent_given_ambiguous.txt", include_str!("ent_given_ambiguous.txt")),
    #[cfg(feature = "understanding")]
    ("ent_honorifics.txt", include_str!("ent_honorifics.txt")),
    #[cfg(feature = "understanding")]
    ("ent_name_parts.txt", include_str!("ent_name_parts.txt")),
    #[cfg(feature = "understanding")]
    ("ent_nameness.txt", include_str!("ent_nameness.txt")),
    #[cfg(feature = "understanding")]
    ("ent_nisba.txt", include_str!("ent_nisba.txt")),
    #[cfg(feature = "understanding")]
    ("ent_org_heads.txt", include_str!("ent_org_heads.txt")),
    #[cfg(feature = "understanding")]
    ("ent_orgs.txt", include_str!("ent_orgs.txt")),
    #[cfg(feature = "understanding")]
    ("ent_people.txt", include_str!("ent_people.txt")),
    #[cfg(feature = "understanding")]
    ("ent_place_heads.txt", include_str!("ent_place_heads.txt")),
    #[cfg(feature = "understanding")]
    ("ent_places.txt", include_str!("ent_places.txt")),
    #[cfg(feature = "understanding")]
    ("ent_speech.txt", include_str!("ent_speech.txt")),
    #[cfg(feature = "understanding")]
    ("ent_surnames.txt", include_str!("ent_surnames.txt")),
    #[cfg(feature = "understanding")]
    ("ent_titles.txt", include_str!("ent_titles.txt")),
    #[cfg(feature = "understanding")]
    ("quote_channels.txt", include_str!("quote_channels.txt")),
    #[cfg(feature = "understanding")]
    ("quote_circumstances.txt", include_str!("quote_circumstances.txt")),
    #[cfg(feature = "understanding")]
    ("quote_complementisers.txt", include_str!("quote_complementisers.txt")),
    #[cfg(feature = "understanding")]
    ("quote_fillers.txt", include_str!("quote_fillers.txt")),
    #[cfg(feature = "understanding")]
    ("quote_honorifics.txt", include_str!("quote_honorifics.txt")),
    #[cfg(feature = "understanding")]
    ("quote_objects.txt", include_str!("quote_objects.txt")),
    #[cfg(feature = "understanding")]
    ("quote_orgs.txt", include_str!("quote_orgs.txt")),
    #[cfg(feature = "understanding")]
    ("quote_participles.txt", include_str!("quote_participles.txt")),
    #[cfg(feature = "understanding")]
    ("quote_pronouns.txt", include_str!("quote_pronouns.txt")),
    #[cfg(feature = "understanding")]
    ("quote_roles.txt", include_str!("quote_roles.txt")),
    #[cfg(feature = "understanding")]
    ("quote_tails.txt", include_str!("quote_tails.txt")),
    #[cfg(feature = "understanding")]
    ("quote_titles.txt", include_str!("quote_titles.txt")),
    #[cfg(feature = "understanding")]
    ("quote_verbs_past.txt", include_str!("quote_verbs_past.txt")),
    #[cfg(feature = "understanding")]
    ("quote_verbs_present.txt", include_str!("quote_verbs_present.txt")),
    #[cfg(feature = "understanding")]
    ("quote_verbs_weak.txt", include_str!("quote_verbs_weak.txt")),
    ("read_also_markers.txt", include_str!("read_also_markers.txt")),
    ("related_headings.txt", include_str!("related_headings.txt")),
    ("site_list_headings.txt", include_str!("site_list_headings.txt")),
    ("source_markers.txt", include_str!("source_markers.txt")),
    ("stopwords.txt", include_str!("stopwords.txt")),
    ("tags_markers.txt", include_str!("tags_markers.txt")),
];

/// The entries of a lexicon file (header and blank lines skipped).
pub(crate) fn entries(contents: &'static str) -> impl Iterator<Item = &'static str> {
    contents.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn file(name: &str) -> &'static str {
    FILES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c).unwrap_or("")
}

/// What a line-start marker announces. Earlier variants win when one phrase is in two lists.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub(crate) enum Marker {
    /// `المصدر:`
    Source,
    /// `كلمات دلالية:`
    Tags,
    /// `اقرأ أيضا`
    ReadAlso,
    /// `مقالات مشابهة`
    Related,
    /// `الأكثر قراءة`
    SiteList,
    /// `التعليقات`
    Comments,
    /// `كتب`, `بقلم`
    Byline,
    /// `نشر في`, `تاريخ النشر`
    DatePrefix,
    /// `صورة:`, `تصوير`
    Caption,
    /// `شارك`, `طباعة`, `جميع الحقوق محفوظة`
    Chrome,
}

const MARKER_FILES: &[(Marker, &str)] = &[
    (Marker::Source, "source_markers.txt"),
    (Marker::Tags, "tags_markers.txt"),
    (Marker::ReadAlso, "read_also_markers.txt"),
    (Marker::Related, "related_headings.txt"),
    (Marker::SiteList, "site_list_headings.txt"),
    (Marker::Comments, "comment_headings.txt"),
    (Marker::Byline, "byline_markers.txt"),
    (Marker::DatePrefix, "date_prefixes.txt"),
    (Marker::Caption, "caption_markers.txt"),
    (Marker::Chrome, "chrome_starts.txt"),
];

/// The compiled marker tables.
pub(crate) struct Lexicon {
    starts: AhoCorasick,
    start_kinds: Vec<Marker>,
    start_lens: Vec<usize>,
    chrome_phrases: AhoCorasick,
    agencies: AhoCorasick,
    agency_list: Vec<&'static str>,
    stopwords: FastSet<&'static str>,
}

/// The lexicon, built on first use.
pub(crate) fn get() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(build)
}

fn build() -> Lexicon {
    let mut seen = HashSet::new();
    let mut pats = Vec::new();
    let mut kinds = Vec::new();
    for (kind, name) in MARKER_FILES {
        for e in entries(file(name)) {
            if seen.insert(e) {
                pats.push(e);
                kinds.push(*kind);
            }
        }
    }
    let lens = pats.iter().map(|p| p.len()).collect();
    let starts = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Anchored)
        .build(&pats)
        .expect("marker automaton");
    let phrases: Vec<&str> = entries(file("chrome_phrases.txt")).collect();
    let chrome_phrases = AhoCorasickBuilder::new().match_kind(MatchKind::LeftmostFirst).build(&phrases).expect("chrome phrases");
    let agency_list: Vec<&str> = entries(file("agencies.txt")).collect();
    let agencies = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Both)
        .build(&agency_list)
        .expect("agencies");
    Lexicon {
        starts,
        start_kinds: kinds,
        start_lens: lens,
        chrome_phrases,
        agencies,
        agency_list,
        stopwords: entries(file("stopwords.txt")).collect(),
    }
}

/// True for characters that may follow a marker: anything but a letter or digit.
pub(crate) fn is_boundary(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => !is_alnum(c),
    }
}

impl Lexicon {
    /// The marker that `folded` starts with (it must be followed by a non-letter), and the
    /// length in bytes of the marker in `folded`.
    pub(crate) fn marker_at_start(&self, folded: &str) -> Option<(Marker, usize)> {
        let m = self.starts.find(Input::new(folded).anchored(Anchored::Yes))?;
        let len = self.start_lens[m.pattern().as_usize()];
        if is_boundary(folded[len..].chars().next()) || folded[..len].ends_with(|c: char| !is_alnum(c)) {
            Some((self.start_kinds[m.pattern().as_usize()], len))
        } else {
            None
        }
    }

    /// True when `folded` contains a chrome phrase (`جميع الحقوق محفوظة`).
    pub(crate) fn has_chrome_phrase(&self, folded: &str) -> bool {
        self.chrome_phrases.is_match(folded)
    }

    /// Length of the agency name `folded` starts with, if any (followed by a non-letter).
    pub(crate) fn agency_at_start(&self, folded: &str) -> Option<usize> {
        let m = self.agencies.find(Input::new(folded).anchored(Anchored::Yes))?;
        let len = self.agency_list[m.pattern().as_usize()].len();
        is_boundary(folded[len..].chars().next()).then_some(len)
    }

    /// True when the whole of `folded` is an agency or outlet name.
    pub(crate) fn is_agency(&self, folded: &str) -> bool {
        self.agency_at_start(folded) == Some(folded.len())
    }

    /// True when `folded_word` is a stop word.
    pub(crate) fn is_stopword(&self, folded_word: &str) -> bool {
        self.stopwords.contains(folded_word)
    }
}
