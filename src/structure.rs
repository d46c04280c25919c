//! Stage 2: what each block is, and the Document assembled from them.
//!
//! 1. Features: every unit of [`crate::lines`] is folded and measured (words, stop-word share,
//!    sentence punctuation, a marker phrase at its start, bullets, duplicates).
//! 2. Markers and zones: source, tags, read-also, related and site lists, comment sections,
//!    chrome, captions, bylines and date lines are decided by the lexicons; a heading opens a
//!    zone (the list under it, the comments after it); a read-also marker alone on its line
//!    followed by a headline and a paragraph opens an insert.
//! 3. The main article: the first prose block starts the body; the headline is the nearest
//!    headline-shaped line before it; lines between are bylines or date lines; chrome before
//!    the headline is boilerplate; short lines between paragraphs are subheads (paragraphs) or
//!    captions; what trails the body is boilerplate.
//! 4. Parts: source, tags, related titles, authors, published date, stats; then the
//!    understanding modules read each article's paragraphs.

use crate::hash::{FastMap, FastSet};
use crate::lexicon::{self, Lexicon, Marker};
use crate::lines::{self, Unit};
use crate::model::*;
use crate::normalize::{count_non_space, fold, is_alnum, is_alpha, is_space, Folded};

/// One unit with its features.
struct U {
    start: usize,
    end: usize,
    folded: String,
    words: usize,
    /// Byte length of the bullet / list number prefix in the folded text (0 when none).
    bullet: usize,
    /// Marker at the start (after the bullet): kind, end of the marker in `folded`, whether the
    /// rest of the line is empty, whether a colon follows it.
    marker: Option<(Marker, usize, bool, bool)>,
    prose: bool,
    kind: Option<Kind>,
    insert: Option<usize>,
}

impl U {
    fn rest(&self) -> &str {
        match self.marker {
            Some((_, end, _, _)) => self.folded[end..].trim_start_matches(is_sep),
            None => &self.folded[self.bullet..],
        }
    }
    fn is(&self, m: Marker) -> bool {
        matches!(self.marker, Some((k, ..)) if k == m)
    }
    /// Short, no final stop: a title, a name, a label.
    fn titleish(&self) -> bool {
        !self.prose && self.words >= 1 && self.words <= 40
    }
}

fn is_sep(c: char) -> bool {
    is_space(c) || matches!(c, ':' | '：' | '-' | '–' | '—' | '|' | '»' | '«' | '>' | '.' | '…' | '/' | '_' | '=' | '،' | ',' | '⬅' | '←' | '↓')
}

/// Byte length of a bullet or list number at the start of `folded` (`• `, `- `, `1- `, `2. `, `(3) `).
fn bullet_len(f: &str) -> usize {
    let b = f.as_bytes();
    let mut chars = f.char_indices();
    let Some((_, c)) = chars.next() else { return 0 };
    if matches!(c, '•' | '●' | '▪' | '■' | '◄' | '►' | '▸' | '◆' | '✓' | '·' | '*' | '-' | '–' | '—' | '🔹' | '🔸' | '+') {
        let n = c.len_utf8();
        let rest = &f[n..];
        // `-` glued to a word is not a bullet unless a space follows (`-عنوان` is rare).
        if matches!(c, '-' | '*' | '+') && !rest.starts_with(' ') {
            return 0;
        }
        return n + (rest.len() - rest.trim_start().len());
    }
    // Numbers: 1- 1. 1) (1) 1.التطبيقات
    let mut i = 0;
    let paren = b.first() == Some(&b'(');
    if paren {
        i = 1;
    }
    let ds = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    if i == ds || i - ds > 3 {
        return 0;
    }
    match b.get(i) {
        Some(b')') => i += 1,
        Some(b'-') | Some(b'.') if !paren => {
            i += 1;
            if b.get(i).is_some_and(|c| c.is_ascii_digit()) {
                return 0; // a date or a decimal: 14-09-2022, 3.5
            }
        }
        _ => return 0,
    }
    let rest = &f[i..];
    i + (rest.len() - rest.trim_start().len())
}

/// Bytes that can start a whitespace character: ASCII whitespace and the lead bytes C2, E1, E2,
/// E3 of the others (never a continuation byte).
const SPACE_START: [bool; 256] = {
    let mut t = [false; 256];
    let mut x = 0;
    while x < 256 {
        t[x] = matches!(x, 0x09..=0x0D | 0x20 | 0xC2 | 0xE1 | 0xE2 | 0xE3);
        x += 1;
    }
    t
};

/// Whitespace-separated words with at least one letter or digit.
fn word_count(s: &str) -> usize {
    let (mut n, mut in_word, mut alnum) = (0, false, false);
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if alnum {
            // The word is counted already: skip to the next byte that can start whitespace
            // (ASCII whitespace or the lead bytes C2, E1, E2, E3; never a continuation byte).
            match b[i..].iter().position(|&y| SPACE_START[y as usize]) {
                Some(k) => i += k,
                None => break,
            }
        }
        let x = b[i];
        // Fast paths: ASCII; the Arabic letters and digits U+0620–U+064A, U+0660–U+0669 (D8 A0 …
        // D9 8A, D9 A0 … D9 A9), never whitespace.
        if x < 0x80 {
            if matches!(x, 0x09..=0x0D | 0x20) {
                n += (in_word && alnum) as usize;
                in_word = false;
                alnum = false;
            } else {
                in_word = true;
                alnum = alnum || x.is_ascii_alphanumeric();
            }
            i += 1;
            continue;
        }
        if (x == 0xD8 || x == 0xD9) && i + 1 < b.len() {
            let y = b[i + 1];
            if x == 0xD8 && y >= 0xA0 || x == 0xD9 && (y <= 0x8A || (0xA0..=0xA9).contains(&y)) {
                in_word = true;
                alnum = true;
                i += 2;
                continue;
            }
        }
        let Some(c) = s[i..].chars().next() else { break };
        i += c.len_utf8();
        if is_space(c) {
            n += (in_word && alnum) as usize;
            in_word = false;
            alnum = false;
        } else {
            in_word = true;
            alnum = alnum || is_alnum(c);
        }
    }
    n + (in_word && alnum) as usize
}

#[cfg(test)]
mod word_count_tests {
    use super::*;

    #[test]
    fn word_count_agrees_with_char_by_char() {
        let reference = |s: &str| s.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
        let parts = ["قال", " ", "  ", "٢٠٢٤", "،", "ـ", "\u{064E}", "\u{00A0}", "a1", "—", "😀", "\u{3000}", "ی", "؟", "x", "\u{0660}", "\u{066A}"];
        for a in &parts {
            for b in &parts {
                for c in &parts {
                    let s = format!("{a}{b}{c}{b}");
                    assert_eq!(word_count(&s), reference(&s), "{s:?}");
                    let f = fold(&s);
                    assert_eq!(word_count(&f), f.split(' ').filter(|w| w.chars().any(is_alnum)).count(), "{s:?}");
                }
            }
        }
    }
}

/// Commas and semicolons (`،` `,` `؛` `;`) in `s`.
fn count_commas(s: &str) -> usize {
    let b = s.as_bytes();
    // `،` is D8 8C and `؛` is D8 9B: a continuation byte after D8 belongs to that character.
    b.iter().filter(|&&x| x == b',' || x == b';').count()
        + b.windows(2).filter(|w| w[0] == 0xD8 && (w[1] == 0x8C || w[1] == 0x9B)).count()
}

fn has_arabic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0621}'..='\u{064A}').contains(&c) || ('\u{0671}'..='\u{06D3}').contains(&c))
}

fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| matches!(c, '"' | '»' | '”' | '“' | '\'' | ')' | ']' | ' '));
    t.ends_with(['.', '!', '?', '؟', '…', '。', '!']) && !t.ends_with("..") || t.ends_with("...") && word_count(s) > 15
}

/// A prose paragraph rather than a title, label or list item.
fn is_prose(lex: &Lexicon, original: &str, folded: &str, words: usize) -> bool {
    if words >= 25 {
        return true;
    }
    let commas = count_commas(folded);
    // The stop-word share, only needed for 16–24 words without a comma.
    let stop_share = || {
        let stops = folded.split(' ').filter(|w| lex.is_stopword(w.trim_matches(|c: char| !is_alnum(c)))).count();
        stops as f32 / words.max(1) as f32
    };
    if ends_sentence(original) {
        // Headlines end in ? or ! often, paragraphs seldom.
        let question = original.trim_end_matches(|c: char| matches!(c, '"' | '»' | '”' | ')' | ' ')).ends_with(['?', '؟', '!']);
        if question {
            return words >= 14 || (words >= 6 && commas > 0);
        }
        return words >= 5 || (words >= 3 && commas > 0);
    }
    if original.trim_end().ends_with(':') {
        return words >= 8; // a list intro or a quote intro inside the body
    }
    words >= 12 && commas > 0 || words >= 16 && stop_share() >= 0.12 || words >= 20
}

fn features(lex: &Lexicon, text: &str, u: &Unit) -> U {
    let original = &text[u.start..u.end];
    let folded = fold(original);
    // The folded text's only whitespace is a single space between words.
    // The same as `folded.split(' ').filter(|w| w.chars().any(is_alnum)).count()`: the folded
    // text's only whitespace is single spaces between words.
    let words = word_count(&folded);
    let bullet = bullet_len(&folded);
    let after = &folded[bullet..];
    let marker = lex.marker_at_start(after).and_then(|(kind, len)| {
        let rest = &after[len..];
        let colon = rest.trim_start().starts_with([':', '：']);
        let alone = rest.trim_start_matches(|c: char| is_sep(c) || matches!(c, '(' | ')' | '!' | '"') || c.is_ascii_digit()).is_empty();
        let multi = after[..len].contains(' ');
        let rest_words = word_count(rest);
        let ok = match kind {
            Marker::Source => colon || alone || rest.trim_start().starts_with(['-', '–']),
            Marker::Tags => colon || alone || (multi && rest_words >= 1),
            Marker::ReadAlso => (colon || alone || multi) && words <= 40,
            Marker::Related | Marker::SiteList | Marker::Comments => alone,
            Marker::Byline => {
                let titleish = original.contains("..") || original.contains(['?', '؟', '!']);
                !titleish && (rest_words >= 1 && rest_words <= 6 && !ends_sentence(original) || words <= 12 && colon && rest_words >= 1)
            }
            Marker::DatePrefix => words <= 16,
            Marker::Caption => colon || alone || (multi && words <= 20) || words <= 4,
            Marker::Chrome => words <= 8 && (!ends_sentence(original) || colon) || alone,
        };
        ok.then_some((kind, bullet + len, alone, colon))
    });
    let prose = is_prose(lex, original, &folded, words);
    U { start: u.start, end: u.end, folded, words, bullet, marker, prose, kind: None, insert: None }
}

/// A line that is site chrome by its shape: URLs, file names, leaked template strings, counts.
fn chrome_shape(lex: &Lexicon, u: &U, original: &str) -> bool {
    let f = &u.folded;
    if u.words <= 15 && lex.has_chrome_phrase(f) {
        return true;
    }
    if original.contains('©') && u.words <= 40 && (original.split(|c: char| !c.is_ascii_digit()).any(|d| d.len() == 4) || f.contains("حقوق") || f.contains("copyright")) {
        return true;
    }
    if u.words <= 3 && (f.starts_with("http") || f.starts_with("www.")) {
        return true;
    }
    if matches!(f.as_str(), "quot;" | "<br/>" | "\" />" | "undefined" | "null" | "time_stated_uk" | "(reuters_tickers)") {
        return true;
    }
    // Only digits, punctuation and symbols (view counts, "0 | 12", a lone date stamp is a dateline).
    if !original.chars().any(is_alpha) {
        return true;
    }
    false
}

/// A caption or photo credit by its shape.
fn caption_shape(lex: &Lexicon, u: &U, original: &str) -> bool {
    let f = &u.folded;
    if u.prose && u.words > 30 {
        return false;
    }
    let lower = f.as_str();
    if u.words <= 4 && [".jpg", ".jpeg", ".png", ".webp", ".gif"].iter().any(|x| lower.contains(x)) {
        return true;
    }
    if original.contains('©') && u.words <= 40 && !ends_sentence(original) {
        // `© أ ف ب` credits a photo; `© 2025 الموقع` / `حقوق … ©` is the site's copyright.
        let year = original.split(|c: char| !c.is_ascii_digit()).any(|d| d.len() == 4);
        return !(year || f.contains("حقوق") || f.contains("copyright"));
    }
    // Ends with an agency credit in parentheses or after a dash: `… (رويترز)`, `… - رويترز`.
    let t = f.trim_end();
    if t.ends_with(')') && !ends_sentence(original) {
        if let Some(open) = t.rfind('(') {
            let inner = t[open + 1..t.len() - 1].trim();
            if lex.is_agency(inner) || inner == "getty" || inner == "ناشطون" || inner.starts_with("getty") {
                return u.words <= 40;
            }
        }
    }
    if !u.prose && u.words > 4 {
        if let Some(dash) = t.rfind([' ', '-', '–']) {
            let tail = t[dash..].trim_start_matches(|c: char| c == '-' || c == '–' || c == ' ');
            if (t[..dash].ends_with(" -") || t[..dash].ends_with(" –") || t[dash..].starts_with(" - ") || t[dash..].starts_with(" – "))
                && lex.is_agency(tail)
            {
                return true;
            }
        }
    }
    false
}

/// A wire credit `(إعداد … - تحرير …)` or `(تغطية صحفية … )`.
fn wire_credit(u: &U) -> bool {
    let f = u.folded.trim();
    if u.words <= 40 && ["reporting by", "editing by", "writing by", "additional reporting by", "compiled by"].iter().any(|w| f.starts_with(w)) {
        return true;
    }
    f.starts_with('(')
        && f.ends_with(')')
        && ["اعداد", "تحرير", "تغطيه صحفيه", "شارك في التغطيه", "reporting by", "editing by", "ترجمه"].iter().any(|w| f.contains(w))
}

/// An author bio after the body: `* كاتب وباحث …`, `الكاتب أستاذ …`.
fn bio_shape(u: &U) -> bool {
    let f = u.folded.trim_start_matches(['*', ' ', '-']);
    u.words <= 40
        && (u.folded.starts_with('*') || f.starts_with("الكاتب") || f.starts_with("الكاتبه"))
        && ["كاتب", "باحث", "استاذ", "صحفي", "صحافي", "محلل", "اكاديمي", "خبير", "روائي", "رئيس تحرير"]
            .iter()
            .any(|w| f.contains(w))
}

/// A name line: 1–8 words, no sentence punctuation, no digits (a byline without marker). A
/// parenthesised credit at the end (`(تصوير …)`) and commas between short names are allowed.
fn name_shape(u: &U, original: &str) -> bool {
    let original = match original.trim_end().strip_suffix(')').and_then(|o| o.rfind('(').map(|i| o[..i].trim_end())) {
        Some(head) if !head.is_empty() => head,
        _ => original,
    };
    let comma_parts_short = original.split(['،', ',']).all(|p| p.split_whitespace().count() <= 4);
    let original_no_commas: String = if comma_parts_short { original.replace(['،', ','], " ") } else { original.to_string() };
    let original = original_no_commas.as_str();
    let first = u.folded.split(' ').next().unwrap_or("");
    !matches!(first, "اخبار" | "موقع" | "جريده" | "صحيفه" | "قناه" | "وكاله" | "مجله" | "شبكه" | "news" | "راديو" | "اذاعه")
        && u.words >= 1
        && u.words <= 8
        && !u.prose
        && !original.chars().any(|c| c.is_ascii_digit() || matches!(c, '،' | ',' | '!' | '?' | '؟' | '"' | '«' | '»' | ':' | '“' | '”' | '(' | ')' | '|'))
        && !original.contains("..")
        && !ends_sentence(original)
        && (has_arabic(original) || original.chars().next().is_some_and(char::is_uppercase))
}

/// A relative time stamp of its own: `قبل 3 ساعات`, `منذ ساعتين`, `5 days ago`.
fn time_ago(u: &U) -> bool {
    let f = u.folded.as_str();
    let units = ["ساعه", "ساعات", "ساعتين", "دقيقه", "دقائق", "دقيقتين", "يوم", "ايام", "يومين", "اسبوع", "اسابيع", "شهر", "اشهر", "سنه", "سنوات", "عام", "اعوام", "hour", "hours", "minute", "minutes", "day", "days", "week", "weeks"];
    u.words <= 5
        && (f.starts_with("قبل ") || f.starts_with("منذ ") || f.ends_with(" ago"))
        && f.split(' ').any(|w| units.contains(&w))
}

/// A line that reads like a byline without a marker: a short name, or `PLACE/OUTLET – NAME`.
fn byline_like(u: &U, original: &str) -> bool {
    if !name_shape(u, original) {
        return false;
    }
    let mut parts = 1;
    for (i, c) in original.char_indices() {
        let spaced = original[..i].ends_with(' ') || original[i + c.len_utf8()..].starts_with(' ');
        if matches!(c, '–' | '—' | '،' | ',') || c == '-' && spaced {
            parts += 1;
        }
    }
    u.words <= 3 || (parts >= 2 && u.words <= 7) || (original.starts_with("د.") && u.words <= 5)
}

/// Share of the unit's non-space characters covered by date mentions.
fn date_coverage(text: &str, u: &U) -> (f32, Vec<DateMention>) {
    // The unit's fold is at hand: most lines are told to have no date without folding again.
    if !crate::dates::may_have_date_folded(&u.folded) {
        return (0.0, Vec::new());
    }
    let dates = crate::dates::scan(text, [u.start, u.end], None);
    if dates.is_empty() {
        return (0.0, dates);
    }
    let covered: usize = dates.iter().map(|d| count_non_space(&d.text)).sum();
    let total = count_non_space(&text[u.start..u.end]);
    (covered as f32 / total.max(1) as f32, dates)
}

/// A line that is a date line (dateline block): mostly a date, maybe after a prefix or place.
fn date_line(text: &str, u: &U) -> Option<Vec<DateMention>> {
    if u.words > 16 || u.prose && u.words > 10 {
        return None;
    }
    let (cov, dates) = date_coverage(text, u);
    let needed = if u.is(Marker::DatePrefix) { 0.25 } else { 0.45 };
    (!dates.is_empty() && cov >= needed).then_some(dates)
}

pub(crate) fn parse(text: &str, options: &Options) -> Document {
    let mut doc = parse_structure(text);
    understand_doc(text, &mut doc, options);
    doc
}

/// Stages 1–4 without the understanding modules (entities, quotes, dates of paragraphs).
fn parse_structure(text: &str) -> Document {
    let lex = lexicon::get();
    let (lang, dir) = crate::lang::detect(text);
    let mut doc = Document { version: CONTRACT_VERSION, lang: lang.into(), dir, ..Default::default() };
    let raw = lines::split(text);
    let mut us: Vec<U> = Vec::with_capacity(raw.len());
    for u in &raw {
        let f = features(lex, text, u);
        us.push(f);
    }
    let n = us.len();

    // The nearest prose unit before each unit.
    let mut prev_prose: Vec<Option<usize>> = Vec::with_capacity(n);
    let mut last = None;
    for (j, u) in us.iter().enumerate() {
        prev_prose.push(last);
        if u.prose {
            last = Some(j);
        }
    }

    // ---- 2. markers and zones ----
    let mut inserts: Vec<(usize, usize)> = Vec::new(); // (label unit, headline unit)
    let mut footer_started = false;
    let mut first_footer = n;
    let mut i = 0;
    while i < n {
        if us[i].kind.is_some() {
            i += 1;
            continue;
        }
        let m = us[i].marker.map(|(k, ..)| k);
        match m {
            Some(Marker::Source) => {
                us[i].kind = Some(Kind::Source);
                footer_started = true;
                first_footer = first_footer.min(i);
                if us[i].rest().is_empty() && i + 1 < n && us[i + 1].marker.is_none() && us[i + 1].words <= 8 {
                    us[i + 1].kind = Some(Kind::Source);
                    i += 1;
                }
            }
            Some(Marker::Tags) => {
                us[i].kind = Some(Kind::Tags);
                footer_started = true;
                first_footer = first_footer.min(i);
                if us[i].rest().is_empty() {
                    let mut j = i + 1;
                    while j < n && us[j].kind.is_none() && us[j].marker.is_none() && !us[j].prose && us[j].words <= 15 && !chrome_shape(lex, &us[j], &text[us[j].start..us[j].end]) {
                        us[j].kind = Some(Kind::Tags);
                        j += 1;
                    }
                    i = j;
                    continue;
                }
            }
            Some(Marker::Comments) => {
                us[i].kind = Some(Kind::Boilerplate);
                footer_started = true;
                first_footer = first_footer.min(i);
                let mut j = i + 1;
                while j < n
                    && us[j].kind.is_none()
                    && !matches!(us[j].marker, Some((Marker::Source | Marker::Tags | Marker::Related | Marker::SiteList | Marker::ReadAlso, _, true, _)))
                {
                    us[j].kind = Some(Kind::Boilerplate);
                    j += 1;
                }
                i = j;
                continue;
            }
            Some(Marker::Related) | Some(Marker::SiteList) => {
                let item = if m == Some(Marker::Related) { Kind::RelatedItem } else { Kind::Boilerplate };
                us[i].kind = Some(if item == Kind::RelatedItem { Kind::RelatedLabel } else { Kind::Boilerplate });
                i = list_items(lex, text, &mut us, i + 1, item);
                continue;
            }
            Some(Marker::ReadAlso) => {
                let alone = us[i].rest().is_empty();
                if alone {
                    // An insert: a headline line, then at least one paragraph.
                    let h = i + 1;
                    // Mid-body, a read-also marker followed by one title and then more of the
                    // same story is a related link, not an insert (BBC, CNN): the paragraph after
                    // the title continues the text before the marker.
                    let continues_main = first_footer > i
                        && h + 1 < n
                        && prev_prose[i].filter(|&j| us[j].kind.is_none()).is_some_and(|prev| {
                            let next = &us[h + 1].folded;
                            let cont = next.starts_with('و') && !next.starts_with("وزير") && !next.starts_with("وكاله") && !next.starts_with("وزاره")
                                || next.starts_with("كما ");
                            cont || overlap(lex, next, &us[prev].folded) > overlap(lex, next, &us[h].folded)
                        });
                    if !continues_main && h + 1 < n
                        && us[h].kind.is_none()
                        && us[h].marker.is_none()
                        && us[h].titleish()
                        && us[h].words >= 2
                        && us[h + 1].kind.is_none()
                        && us[h + 1].prose
                        && !matches!(us[h + 1].marker, Some((Marker::ReadAlso | Marker::Related | Marker::SiteList | Marker::Source | Marker::Tags | Marker::Comments, ..)))
                    {
                        let k = inserts.len();
                        inserts.push((i, h));
                        us[i].kind = Some(Kind::InsertLabel);
                        us[i].insert = Some(k);
                        us[h].kind = Some(Kind::Headline);
                        us[h].insert = Some(k);
                        footer_started = true;
                        first_footer = first_footer.min(i);
                        let mut j = h + 1;
                        while j < n && us[j].kind.is_none() {
                            let u = &us[j];
                            if matches!(u.marker, Some((Marker::ReadAlso | Marker::Related | Marker::SiteList | Marker::Source | Marker::Tags | Marker::Comments, ..))) {
                                break;
                            }
                            let o = &text[u.start..u.end];
                            if u.bullet > 0 && !u.prose {
                                break; // a list closes the insert
                            }
                            if chrome_shape(lex, u, o) || matches!(u.marker, Some((Marker::Chrome, ..))) || wire_credit(u) {
                                us[j].kind = Some(Kind::Boilerplate);
                            } else if caption_shape(lex, u, o) || matches!(u.marker, Some((Marker::Caption, ..))) {
                                us[j].kind = Some(Kind::Caption);
                            } else {
                                us[j].kind = Some(Kind::Paragraph);
                                us[j].insert = Some(k);
                            }
                            j += 1;
                        }
                        // Trailing short lines of the insert are not its paragraphs.
                        let mut t = j;
                        while t > h + 2 && us[t - 1].insert == Some(k) && !us[t - 1].prose {
                            us[t - 1].kind = Some(Kind::Boilerplate);
                            us[t - 1].insert = None;
                            t -= 1;
                        }
                        i = j;
                        continue;
                    }
                    // A list of titles under the marker.
                    if i + 1 < n && us[i + 1].kind.is_none() && us[i + 1].marker.is_none() && us[i + 1].titleish() {
                        us[i].kind = Some(Kind::RelatedLabel);
                        i = list_items(lex, text, &mut us, i + 1, Kind::RelatedItem);
                        continue;
                    }
                    us[i].kind = Some(Kind::Boilerplate);
                } else {
                    us[i].kind = Some(Kind::RelatedItem);
                }
            }
            _ => {}
        }
        i += 1;
    }
    let _ = footer_started;

    // ---- 3. the main article ----
    // Shapes that decide alone, wherever the line is.
    let mut date_lines: Vec<(usize, Vec<DateMention>)> = Vec::new();
    for (idx, u) in us.iter_mut().enumerate() {
        if u.kind.is_some() {
            continue;
        }
        let o = &text[u.start..u.end];
        if wire_credit(u) {
            u.kind = Some(Kind::Boilerplate);
        } else if u.words >= 1 && o.split_whitespace().all(|w| w.starts_with('#') && w.len() > 1) {
            u.kind = Some(Kind::Tags);
        } else if time_ago(u) {
            u.kind = Some(Kind::Dateline);
        } else if let Some(d) = date_line(text, u) {
            u.kind = Some(Kind::Dateline);
            date_lines.push((idx, d));
        } else if matches!(u.marker, Some((Marker::Byline, ..))) {
            u.kind = Some(Kind::Byline);
        } else if matches!(u.marker, Some((Marker::Chrome | Marker::DatePrefix, ..))) || chrome_shape(lex, u, o) {
            u.kind = Some(Kind::Boilerplate);
        } else if matches!(u.marker, Some((Marker::Caption, ..))) || caption_shape(lex, u, o) {
            u.kind = Some(Kind::Caption);
        } else if lang == "ar" && !has_arabic(o) && !u.prose {
            // Foreign-language chrome or alt text inside an Arabic page.
            u.kind = Some(Kind::Boilerplate);
        }
    }
    // A line right before a credit line (`© أ ف ب`, `تصوير: …`) is the caption it credits.
    for j in 0..n.saturating_sub(1) {
        let credit = us[j + 1].kind == Some(Kind::Caption)
            && us[j + 1].words <= 6
            && (text[us[j + 1].start..us[j + 1].end].contains('©') || us[j + 1].is(Marker::Caption));
        let o = &text[us[j].start..us[j].end];
        if credit && us[j].kind.is_none() && us[j].words <= 40 && !o.trim_end().ends_with(['.', ':']) {
            us[j].kind = Some(Kind::Caption);
        }
    }
    // Repeated lines: a line equal to the one before it (headline x2, caption x2, lead x2).
    let mut dup = vec![false; n];
    for j in 1..n {
        if us[j].folded == us[j - 1].folded && !us[j].folded.is_empty() {
            dup[j] = true;
        }
    }

    // The first free line of a paste is its headline when it reads like one (no final full
    // stop, not long) and prose follows: headlines of 13–25 words are common.
    if let Some(f0) = (0..n).find(|&j| us[j].kind.is_none()) {
        let o = &text[us[f0].start..us[f0].end];
        let period = o.trim_end_matches(|c: char| matches!(c, '"' | '»' | '”' | ')' | ' ')).ends_with(['.', '…']);
        if us[f0].prose && !period && us[f0].words <= 25 && !o.contains(['،', ',']) && (f0 + 1..n).any(|j| us[j].kind.is_none() && us[j].prose) {
            us[f0].prose = false;
        }
    }
    // Body start: the first unclaimed prose unit before the footer (or anywhere, if none).
    let free = |u: &U| u.kind.is_none();
    let body_start = (0..first_footer)
        .find(|&j| free(&us[j]) && us[j].prose && !dup[j])
        .or_else(|| (0..n).find(|&j| free(&us[j]) && us[j].prose));
    let mut headline: Option<usize> = None;
    match body_start {
        Some(b) => {
            // Headline: the nearest headline-shaped free unit before the body (skipping bylines,
            // date lines, captions, duplicates and one-word labels).
            let mut cand = None;
            let mut fallback = None;
            for j in (0..b).rev() {
                let u = &us[j];
                if !free(u) || dup[j] {
                    continue;
                }
                if u.titleish() && u.words >= 3 && !(j + 1 < n && dup[j + 1] && j + 1 < b && us[j + 1].kind.is_none()) {
                    // A name line under the real headline (`العربية.نت – منية غانمي`,
                    // `د. محمد البشير`): the headline is the title line above it.
                    if byline_like(u, &text[u.start..u.end]) {
                        let above = (0..j).rev().find(|&k| !(matches!(us[k].kind, Some(Kind::Byline | Kind::Dateline | Kind::Caption)) || dup[k]));
                        if let Some(k) = above.filter(|&k| us[k].kind.is_none() && us[k].titleish() && us[k].words >= 2 && !byline_like(&us[k], &text[us[k].start..us[k].end])) {
                            cand = Some(k);
                            break;
                        }
                    }
                    cand = Some(j);
                    break;
                }
                if fallback.is_none() && u.titleish() && u.words >= 2 {
                    fallback = Some(j);
                }
            }
            headline = cand.or(fallback);
            for j in 0..b {
                if us[j].kind.is_some() {
                    continue;
                }
                let o = &text[us[j].start..us[j].end];
                us[j].kind = Some(if Some(j) == headline {
                    Kind::Headline
                } else if dup[j] && headline.is_some_and(|h| us[h].folded == us[j].folded) {
                    Kind::Boilerplate
                } else if dup[j] || (j + 1 < n && dup[j + 1]) {
                    Kind::Caption
                } else if headline.is_some_and(|h| j > h) && name_shape(&us[j], o) {
                    Kind::Byline
                } else if headline.is_some_and(|h| j > h) && us[j].words >= 6 {
                    Kind::Paragraph
                } else {
                    Kind::Boilerplate
                });
            }
            // The body: free units from b on. Short lines between paragraphs are subheads;
            // short lines after the last paragraph are chrome.
            // Nothing after a footer marker (source, tags, comments, an insert) is main body.
            let last_prose = (b..n).rev().find(|&j| free(&us[j]) && us[j].prose && j <= first_footer);
            let mut seen_paras: FastSet<String> = FastSet::default();
            for j in b..n {
                if us[j].kind.is_some() {
                    continue;
                }
                let after_footer = j > first_footer;
                let in_body = last_prose.is_some_and(|l| j <= l) && !after_footer;
                let o = &text[us[j].start..us[j].end];
                us[j].kind = Some(if !in_body {
                    Kind::Boilerplate
                } else if us[j].prose {
                    if !seen_paras.insert(us[j].folded.clone()) || is_teaser(&us, j) {
                        Kind::Boilerplate
                    } else {
                        Kind::Paragraph
                    }
                } else if dup[j] || (j + 1 < n && dup[j + 1]) {
                    Kind::Caption
                } else if bio_shape(&us[j]) {
                    Kind::Boilerplate
                } else if us[j].words == 0 || !o.chars().any(is_alpha) {
                    Kind::Boilerplate
                } else {
                    Kind::Paragraph
                });
            }
        }
        None => {
            // No prose at all: a title-and-lines paste. The first title-shaped line is the
            // headline when more lines follow; the rest are paragraphs.
            let frees: Vec<usize> = (0..n).filter(|&j| free(&us[j])).collect();
            if frees.len() >= 2 && us[frees[0]].titleish() && us[frees[0]].words >= 2 {
                headline = Some(frees[0]);
            }
            let mut after_headline = true;
            for j in frees {
                let o = &text[us[j].start..us[j].end];
                us[j].kind = Some(if Some(j) == headline {
                    Kind::Headline
                } else if dup[j] {
                    Kind::Boilerplate
                } else if headline.is_some() && after_headline && byline_like(&us[j], o) {
                    Kind::Byline
                } else {
                    after_headline = false;
                    Kind::Paragraph
                });
            }
        }
    }

    // ---- 4. parts ----
    let block_text = |u: &U| Text { text: text[u.start..u.end].to_string(), span: [u.start, u.end] };
    doc.blocks = us
        .iter()
        .map(|u| Block { kind: u.kind.unwrap_or(Kind::Unknown), text: text[u.start..u.end].to_string(), span: [u.start, u.end], insert: u.insert })
        .collect();
    doc.boilerplate = doc.blocks.iter().filter(|b| matches!(b.kind, Kind::Boilerplate | Kind::Caption | Kind::Unknown)).cloned().collect();

    // Main article.
    let main = &mut doc.article;
    main.headline = headline.map(|h| block_text(&us[h]));
    for u in us.iter().filter(|u| u.insert.is_none()) {
        match u.kind {
            Some(Kind::Paragraph) => main.paragraphs.push(block_text(u)),
            Some(Kind::Byline) => main.authors.extend(authors(lex, text, u)),
            _ => {}
        }
    }
    dedup_texts(&mut main.authors);
    // Published: the first date line with a value, preferring one near the top.
    for (_, ds) in &date_lines {
        if let Some(d) = ds.iter().find(|d| d.value.is_some() && !d.relative) {
            main.published = Some(d.clone());
            break;
        }
    }

    // Inserts: each one's paragraphs, in order, gathered in one pass over the units (a pass per
    // insert would be quadratic in a paste of many articles).
    let mut insert_paragraphs: Vec<Vec<Text>> = vec![Vec::new(); inserts.len()];
    for u in us.iter().filter(|u| u.kind == Some(Kind::Paragraph)) {
        if let Some(v) = u.insert.and_then(|k| insert_paragraphs.get_mut(k)) {
            v.push(block_text(u));
        }
    }
    for (&(label, head), paragraphs) in inserts.iter().zip(insert_paragraphs) {
        let lu = &us[label];
        let label_text = marker_text(text, lu);
        let art = Article { headline: Some(block_text(&us[head])), paragraphs, ..Default::default() };
        doc.inserts.push(Insert { label: label_text, article: art });
    }

    // A dateline or byline glued to the lead stays in it; the names inside are parts.
    let mut glued_agency = None;
    if let Some(lead) = doc.article.paragraphs.first() {
        let (author, agency) = lead_prefix(lex, text, lead.span[0], lead.span[1]);
        // A date inside a wire dateline (`الكويت - 24 - 1 (كونا) --`) is the article's date.
        if let (Some(ag), None) = (&agency, &doc.article.published) {
            doc.article.published = crate::dates::scan(text, [lead.span[0], ag.span[0]], None).into_iter().find(|d| d.value.is_some());
        }
        glued_agency = agency;
        if let Some(a) = author {
            if doc.article.authors.is_empty() {
                doc.article.authors.push(a);
            }
        }
    }
    // Source: the first source line's value; else the agency of a wire dateline in the lead.
    doc.source = source(text, &us).or(glued_agency);

    // Tags.
    let tag_units: Vec<&U> = us.iter().filter(|u| u.kind == Some(Kind::Tags)).collect();
    doc.tags = crate::tags::extract(text, &tag_units.iter().map(|u| tag_region(text, u)).collect::<Vec<_>>(), &doc.article, &doc.inserts);

    // Related titles.
    doc.related = related(text, &us, &doc.inserts);

    // Stats.
    doc.stats = stats(&doc.article.paragraphs);

    // Warnings.
    if may_be_mojibake(text) && crate::decode::looks_like_mojibake(text) {
        doc.warnings.push(Warning::new("mojibake", "Part of the text looks like Arabic UTF-8 read as windows-1256 (mojibake, e.g. «ط§ظ„»); re-save the page as UTF-8 and paste it again."));
    }
    if !matches!(lang, "ar" | "und") && !text.trim().is_empty() {
        doc.warnings.push(Warning::new("not-arabic", format!("The text does not look like Arabic (language guess: {lang}); the Arabic markers may not apply.")));
    }

    doc
}

/// The understanding modules over the main article and each insert.
fn understand_doc(text: &str, doc: &mut Document, options: &Options) {
    let pub_date = |a: &Article| a.published.as_ref().and_then(|p| p.value.as_deref()).and_then(|v| v.get(..10)).and_then(Date::parse_iso);
    let reference = options.reference_date.or_else(|| pub_date(&doc.article));
    understand(text, &mut doc.article, reference);
    for ins in &mut doc.inserts {
        let r = options.reference_date.or_else(|| pub_date(&ins.article));
        understand(text, &mut ins.article, r);
    }
}

fn understand(text: &str, a: &mut Article, reference: Option<Date>) {
    a.entities = crate::entities::extract(text, &a.paragraphs);
    a.quotes = crate::quotes::extract(text, &a.paragraphs, &a.entities);
    for p in &a.paragraphs {
        a.dates.extend(crate::dates::scan(text, p.span, reference));
    }
}

/// A necessary condition of `decode::looks_like_mojibake`, found with two SIMD searches: its
/// pairs are `ط`/`ظ` (D8 B7, D8 B8) followed by some characters, so there are at most as many as
/// those two characters, and it needs 6 of them and one per 20 characters U+0600–U+06FF.
fn may_be_mojibake(text: &str) -> bool {
    let b = text.as_bytes();
    let n = memchr::memmem::find_iter(b, b"\xD8\xB7").count() + memchr::memmem::find_iter(b, b"\xD8\xB8").count();
    n >= 6 && n * 20 >= b.iter().map(|&x| (x.wrapping_sub(0xD8) < 4) as usize).sum::<usize>()
}

/// Content words of a folded text: no stop words, no one- or two-letter words, without the
/// conjunction و and the article ال.
fn content_words<'a>(lex: &Lexicon, f: &'a str) -> FastSet<&'a str> {
    f.split(' ')
        .map(|w| w.trim_matches(|c: char| !is_alnum(c)))
        .filter(|w| !lex.is_stopword(w))
        .map(|w| w.strip_prefix('و').filter(|r| r.chars().count() >= 3).unwrap_or(w))
        .map(|w| w.strip_prefix("ال").filter(|r| r.chars().count() >= 2).unwrap_or(w))
        .filter(|w| w.chars().count() >= 3)
        .collect()
}

/// Dice similarity of the content words of `a` and `b`.
fn overlap(lex: &Lexicon, a: &str, b: &str) -> f32 {
    let wa = content_words(lex, a);
    let wb = content_words(lex, b);
    2.0 * wa.iter().filter(|w| wb.contains(*w)).count() as f32 / (wa.len() + wb.len()).max(1) as f32
}


/// A truncated teaser of the next paragraph (`… النص …` printed before the full lead).
fn is_teaser(us: &[U], j: usize) -> bool {
    let t = us[j].folded.trim_end_matches(['.', '…', ' ']);
    j + 1 < us.len() && t.len() >= 20 && us[j + 1].folded.starts_with(t) && us[j + 1].folded.len() > t.len() + 10
}

/// Walks the items of a list starting at `j`; returns the index after the list.
fn list_items(lex: &Lexicon, text: &str, us: &mut [U], mut j: usize, item: Kind) -> usize {
    let n = us.len();
    let mut count = 0;
    while j < n && us[j].kind.is_none() {
        let u = &us[j];
        if u.marker.is_some_and(|(k, ..)| matches!(k, Marker::Source | Marker::Tags | Marker::Related | Marker::SiteList | Marker::Comments)) {
            break;
        }
        if matches!(u.marker, Some((Marker::ReadAlso, _, true, _))) {
            break;
        }
        let o = &text[u.start..u.end];
        let is_item = u.bullet > 0 && u.words <= 45 || !u.prose && u.words <= 30 && u.words >= 1;
        if !is_item {
            break;
        }
        // After a blank line a non-bulleted list ends at a line that is chrome.
        if chrome_shape(lex, u, o) || matches!(u.marker, Some((Marker::Chrome, ..))) {
            if count > 0 && u.bullet == 0 {
                break;
            }
            us[j].kind = Some(Kind::Boilerplate);
        } else {
            us[j].kind = Some(item);
        }
        count += 1;
        j += 1;
    }
    j
}

/// The original Text of a unit's marker phrase (`إقرأ أيضاً`, without colon or bullet).
fn marker_text(text: &str, u: &U) -> Text {
    let Some((_, end, _, _)) = u.marker else {
        return Text { text: text[u.start..u.end].to_string(), span: [u.start, u.end] };
    };
    let f = Folded::new(&text[u.start..u.end], u.start);
    let (a, b) = f.orig_range(u.bullet, end);
    let t = text[a..b].trim_end_matches(|c: char| c.is_whitespace() || c == ':' || c == '：');
    Text { text: t.to_string(), span: [a, a + t.len()] }
}

/// The Text after a unit's marker and separators (the title of `اقرأ أيضا: TITLE`, the name in
/// `المصدر: الأسبوع`), trimmed; `None` when empty.
fn after_marker(text: &str, u: &U) -> Option<Text> {
    let f = Folded::new(&text[u.start..u.end], u.start);
    let from = match u.marker {
        Some((_, end, _, _)) => end,
        None => u.bullet,
    };
    let rest = &f.text[from..];
    let skip = rest.len() - rest.trim_start_matches(is_sep).len();
    if from + skip >= f.text.len() {
        return None;
    }
    let (a, b) = f.orig_range(from + skip, f.text.len());
    let (a, b) = lines::trim(text, a, b)?;
    Some(Text { text: text[a..b].to_string(), span: [a, b] })
}

fn tag_region(text: &str, u: &U) -> (usize, usize) {
    match after_marker(text, u) {
        Some(t) if u.marker.is_some() => (t.span[0], t.span[1]),
        Some(t) => (t.span[0], t.span[1]),
        None => (u.end, u.end),
    }
}

fn source(text: &str, us: &[U]) -> Option<Text> {
    for (i, u) in us.iter().enumerate() {
        if u.kind != Some(Kind::Source) || !u.is(Marker::Source) {
            continue;
        }
        let t = match after_marker(text, u) {
            Some(t) => t,
            None => match us.get(i + 1) {
                Some(v) if v.kind == Some(Kind::Source) && !v.is(Marker::Source) => after_marker(text, v)?,
                _ => continue,
            },
        };
        // Trim a final stop and surrounding quotes.
        let s = t.text.trim_end_matches(['.', '،', ',', ' ']).trim_matches(|c: char| matches!(c, '"' | '«' | '»' | '“' | '”'));
        if s.is_empty() {
            continue;
        }
        let a = t.span[0] + t.text.find(s).unwrap_or(0);
        return Some(Text { text: s.to_string(), span: [a, a + s.len()] });
    }
    None
}

/// What a dateline or byline glued to the start of the lead names: `(author, agency)`.
///
/// - `القاهرة (رويترز) - …`, `الكويت - 24 - 1 (كونا) -- …` → agency in parentheses;
/// - `الرياض - واس: …`, `الدوحة - قنا: …` → agency after the place;
/// - `متابعة - حسام نبوي: …`, `كتب - زياد القلشى: …` → author after a byline marker;
/// - `عدن - ياسمين عبدالعظيم - …` → author between the place and the text.
fn lead_prefix(lex: &Lexicon, text: &str, start: usize, end: usize) -> (Option<Text>, Option<Text>) {
    if let Some(a) = wire_agency(lex, text, start, end) {
        return (None, Some(a));
    }
    let s = &text[start..end];
    // Segments separated by ` - `, ` – `, `-`+space, `:` within the first 12 words.
    let mut segs: Vec<(usize, usize, char)> = Vec::new(); // (start, end, separator after)
    let mut seg_start = 0;
    let mut words = 0;
    let mut prev_space = true;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if !prev_space {
                words += 1;
            }
            prev_space = true;
            if words > 12 {
                break;
            }
            continue;
        }
        prev_space = false;
        let dash = matches!(c, '-' | '–' | '—') && (s[..i].ends_with(' ') || s[i + c.len_utf8()..].starts_with(' '));
        if dash || c == ':' {
            segs.push((seg_start, i, if c == ':' { ':' } else { '-' }));
            seg_start = i + c.len_utf8();
            if c == ':' || segs.len() >= 3 {
                break;
            }
        }
        if matches!(c, '.' | '،' | '"' | '«' | '(') {
            break;
        }
    }
    let text_of = |a: usize, b: usize| -> Option<Text> {
        let (x, y) = lines::trim(text, start + a, start + b)?;
        Some(Text { text: text[x..y].to_string(), span: [x, y] })
    };
    let is_name = |t: &Text| {
        let f = fold(&t.text);
        let n = word_count(&f);
        (1..=4).contains(&n) && !f.split(' ').any(|w| lex.is_stopword(w)) && !f.chars().any(|c| c.is_ascii_digit())
    };
    match segs.as_slice() {
        // PLACE - AGENCY:   |   MARKER - NAME:
        [(a, b, '-'), (c, d, ':'), ..] | [(a, b, '-'), (c, d, '-'), ..] if word_count(&s[*a..*b]) <= 3 => {
            let first = fold(s[*a..*b].trim());
            let second = text_of(*c, *d);
            if let Some(t) = second {
                if lex.is_agency(&fold(&t.text)) {
                    return (None, Some(t));
                }
                let marker = matches!(lex.marker_at_start(&first), Some((Marker::Byline, len)) if len == first.len());
                if is_name(&t) && (marker || segs.len() >= 2) {
                    return (Some(t), None);
                }
            }
        }
        // MARKER: NAME -   (كتب: NAME - text) is rare; MARKER NAME: text
        [(a, b, ':'), ..] => {
            let head = fold(s[*a..*b].trim());
            if let Some((Marker::Byline, len)) = lex.marker_at_start(&head) {
                let name_start = Folded::new(&s[*a..*b], *a).orig(len);
                if let Some(t) = text_of(name_start, *b).filter(|t| is_name(t)) {
                    return (Some(t), None);
                }
            }
        }
        _ => {}
    }
    (None, None)
}

/// The agency of a wire dateline at the start of the lead: `القاهرة (رويترز) - …`.
fn wire_agency(lex: &Lexicon, text: &str, start: usize, end: usize) -> Option<Text> {
    let s = &text[start..end];
    let head: String = s.chars().take(80).collect();
    let open = head.find('(')?;
    if word_count(&head[..open]) > 8 {
        return None;
    }
    let close = open + head[open..].find(')')?;
    let inner = &head[open + 1..close];
    let after = head[close + 1..].trim_start();
    if !(after.starts_with(['-', '–', '—', ':', '_']) || after.is_empty()) {
        return None;
    }
    let f = fold(inner.trim());
    if !lex.is_agency(&f) {
        return None;
    }
    let lead_ws = inner.len() - inner.trim_start().len();
    let a = start + open + 1 + lead_ws;
    let t = inner.trim();
    Some(Text { text: t.to_string(), span: [a, a + t.len()] })
}

/// Authors named in a byline unit, one per person.
fn authors(lex: &Lexicon, text: &str, u: &U) -> Vec<Text> {
    let region = if u.marker.is_some() {
        match after_marker(text, u) {
            Some(t) => (t.span[0], t.span[1]),
            None => return Vec::new(),
        }
    } else {
        (u.start, u.end)
    };
    if u.folded[u.bullet..].starts_with("role") {
        return Vec::new(); // `Role, بي بي سي نيوز عربي`: the author's role, not a name
    }
    let s = &text[region.0..region.1];
    // Cut a trailing `يكتب:` (`NAME يكتب:`) and parenthesised credits (`(تصوير …)`).
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let mut depth = 0;
    let mut seg = 0;
    let bytes_end = s.len();
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // (cut start, next segment start)
    for (i, c) in s.char_indices() {
        match c {
            '(' => {
                if depth == 0 {
                    cuts.push((i, usize::MAX));
                }
                depth += 1;
            }
            ')' => {
                depth -= 1;
                if depth == 0 {
                    if let Some(l) = cuts.last_mut() {
                        l.1 = i + 1;
                    }
                }
            }
            '،' | ',' | '|' | '/' | '–' | '—' | '-' | '&' if depth == 0 => {
                // A hyphen inside a name (`كيم يونغ-تشول`) is not a separator.
                if c == '-' && !(s[..i].ends_with(' ') || s[i + 1..].starts_with(' ')) {
                    continue;
                }
                cuts.push((i, i + c.len_utf8()));
            }
            _ => {}
        }
    }
    for (a, b) in cuts {
        parts.push((seg, a));
        seg = if b == usize::MAX { bytes_end } else { b };
    }
    parts.push((seg, bytes_end));
    let mut out = Vec::new();
    let n_parts = parts.iter().filter(|(a, b)| b > a && !s[*a..*b].trim().is_empty()).count();
    for (idx, (a, b)) in parts.into_iter().enumerate() {
        if b <= a {
            continue;
        }
        let Some((x, y)) = lines::trim(text, region.0 + a, region.0 + b) else { continue };
        let mut part = &text[x..y];
        // `NAME يكتب:` / `NAME تكتب`
        for suffix in ["يكتب:", "تكتب:", "يكتب", "تكتب"] {
            if let Some(p) = part.strip_suffix(suffix) {
                part = p.trim_end();
            }
        }
        // A second marker inside (`كتب: X و Y`): split on a standalone `و`.
        let f = fold(part);
        if f.is_empty() || lex.is_agency(&f) || f.contains(".نت") || f.contains(".com") || f.contains("www") || f.starts_with("في ") {
            continue;
        }
        // A place before the name in `CITY - NAME`: the first of several parts, one word.
        if idx == 0 && n_parts > 1 && word_count(&f) <= 2 && u.marker.is_none() {
            continue;
        }
        if idx == 0 && n_parts > 1 && word_count(&f) == 1 && u.marker.is_some() {
            continue;
        }
        if word_count(&f) == 0 || word_count(&f) > 6 {
            continue;
        }
        for (p0, p1) in split_and(part) {
            let a0 = x + p0;
            let t = &text[a0..x + p1];
            out.push(Text { text: t.to_string(), span: [a0, a0 + t.len()] });
        }
    }
    out
}

/// Splits `A و B` (standalone و between two names of ≥ 2 words each) or `A وB`.
fn split_and(s: &str) -> Vec<(usize, usize)> {
    let words: Vec<(usize, &str)> = s.split_whitespace().map(|w| (w.as_ptr() as usize - s.as_ptr() as usize, w)).collect();
    for (k, (pos, w)) in words.iter().enumerate() {
        if k >= 2 && words.len() - k >= 2 {
            if *w == "و" || *w == "and" || *w == "&" {
                let end_a = words[k - 1].0 + words[k - 1].1.len();
                return vec![(0, end_a), (words[k + 1].0, s.len())];
            }
            if w.starts_with('و') && w.chars().count() > 3 && words.len() - k >= 2 && k >= 2 {
                let end_a = words[k - 1].0 + words[k - 1].1.len();
                return vec![(0, end_a), (pos + 'و'.len_utf8(), s.len())];
            }
        }
    }
    vec![(0, s.len())]
}

fn dedup_texts(v: &mut Vec<Text>) {
    let mut seen = FastSet::default();
    v.retain(|t| seen.insert(fold(&t.text)));
}

/// Related titles: list items, inline read-also lines, and `(للمزيد: TITLE)` inside paragraphs.
fn related(text: &str, us: &[U], inserts: &[Insert]) -> Vec<Related> {
    let mut out: Vec<Related> = Vec::new();
    let mut keys: FastMap<String, usize> = FastMap::default();
    let mut label: Option<String> = None;
    let insert_keys: Vec<String> = inserts.iter().map(|i| i.article.headline.as_ref().map(|h| fold(&h.text)).unwrap_or_default()).collect();
    let mut push = |title: Text, label: Option<String>, out: &mut Vec<Related>| {
        let key = fold(title.text.trim_end_matches(['.', '،', ' ']));
        if key.is_empty() {
            return;
        }
        if let Some(&i) = keys.get(&key) {
            out[i].occurrences += 1;
            return;
        }
        keys.insert(key.clone(), out.len());
        let insert = insert_keys.iter().position(|k| *k == key);
        out.push(Related { title, occurrences: 1, label, insert });
    };
    for u in us {
        match u.kind {
            Some(Kind::RelatedLabel) => {
                let t = marker_text(text, u);
                label = Some(if u.marker.is_some() { t.text } else { text[u.start..u.end].to_string() });
            }
            Some(Kind::RelatedItem) => {
                if u.is(Marker::ReadAlso) {
                    if let Some(t) = after_marker(text, u) {
                        push(clean_title(text, t), Some(marker_text(text, u).text), &mut out);
                    }
                } else if let Some(t) = after_marker(text, u) {
                    push(clean_title(text, t), label.clone(), &mut out);
                }
            }
            Some(Kind::Paragraph) => {
                for t in inline_links(text, u) {
                    push(t, Some(inline_label(text, u)), &mut out);
                }
            }
            _ => {}
        }
    }
    out
}

/// Drops surrounding quotes and a trailing `»` from a title.
fn clean_title(_text: &str, t: Text) -> Text {
    let s = t.text.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '»' | '«' | '>' | '<' | '←'));
    Text { text: s.to_string(), span: [t.span[0], t.span[0] + s.len()] }
}

/// `(للمزيد: TITLE)` / `(اقرأ أيضا: TITLE)` inside a paragraph.
fn inline_links(text: &str, u: &U) -> Vec<Text> {
    let s = &text[u.start..u.end];
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(p) = s[from..].find('(') {
        let open = from + p;
        let Some(q) = s[open..].find(')') else { break };
        let close = open + q;
        let inner = &s[open + 1..close];
        let fi = fold(inner);
        if let Some((Marker::ReadAlso, len)) = lexicon::get().marker_at_start(&fi) {
            if fi[len..].trim_start().starts_with(':') {
                if let Some(c) = inner.find(':') {
                    let t = inner[c + 1..].trim();
                    if !t.is_empty() {
                        let a = u.start + open + 1 + c + 1 + (inner[c + 1..].len() - inner[c + 1..].trim_start().len());
                        out.push(Text { text: t.to_string(), span: [a, a + t.len()] });
                    }
                }
            }
        }
        from = close + 1;
    }
    out
}

fn inline_label(text: &str, u: &U) -> String {
    let s = &text[u.start..u.end];
    for p in s.match_indices('(') {
        let inner = &s[p.0 + 1..];
        if let Some(c) = inner.find(':') {
            let fi = fold(&inner[..c]);
            if matches!(lexicon::get().marker_at_start(&fi), Some((Marker::ReadAlso, _))) {
                return inner[..c].trim().to_string();
            }
        }
    }
    String::new()
}

fn stats(paragraphs: &[Text]) -> Stats {
    let mut s = Stats { paragraphs: paragraphs.len(), ..Default::default() };
    for p in paragraphs {
        s.characters += count_non_space(&p.text);
        s.words += word_count(&p.text);
    }
    s.reading_minutes = s.words.div_ceil(200);
    s
}

/// Each stage on its own, for the benchmarks (`tests/bench/`). Not part of the API: the names
/// and signatures change with the stages.
#[doc(hidden)]
pub mod bench {
    use crate::model::{Document, Entity, Options, Text};

    /// Language and direction (`lang`).
    pub fn lang(text: &str) -> &'static str {
        crate::lang::detect(text).0
    }

    /// Candidate blocks (`lines`): how many.
    pub fn lines(text: &str) -> usize {
        crate::lines::split(text).len()
    }

    /// Candidate blocks and their features (fold, word counts, markers, prose): how many prose.
    pub fn features(text: &str) -> usize {
        let lex = crate::lexicon::get();
        crate::lines::split(text).iter().filter(|u| super::features(lex, text, u).prose).count()
    }

    /// The structure stages (1–4) without entities, quotes and paragraph dates.
    pub fn structure(text: &str) -> Document {
        super::parse_structure(text)
    }

    /// Entities, quotes and dates of every article of `doc` (as `parse` runs them).
    pub fn understand(text: &str, doc: &mut Document) {
        super::understand_doc(text, doc, &Options::default())
    }

    /// Entities of `paragraphs`: how many.
    pub fn entities(text: &str, paragraphs: &[Text]) -> usize {
        crate::entities::extract(text, paragraphs).len()
    }

    /// Quotes of `paragraphs` (given their entities): how many.
    pub fn quotes(text: &str, paragraphs: &[Text], entities: &[Entity]) -> usize {
        crate::quotes::extract(text, paragraphs, entities).len()
    }

    /// Date mentions of `paragraphs`: how many.
    pub fn dates(text: &str, paragraphs: &[Text]) -> usize {
        paragraphs.iter().map(|p| crate::dates::scan(text, p.span, None).len()).sum()
    }

    /// Byte spans to UTF-16 units.
    pub fn utf16(text: &str, doc: &mut Document) {
        crate::utf16::convert(doc, text)
    }
}
