//! Date expressions (contract: DateMention).
//!
//! [`scan`] finds, in one paragraph, the expressions that name a day, a month of a year or a time,
//! and gives each its ISO 8601 `value`. It works on the folded text ([`Folded`]: hamza forms,
//! ى/ي, ة/ه, Arabic-Indic and Persian digits, case and tatweel are folded) cut into tokens
//! (a run of digits, a run of letters, or one other character), and runs small hand-written
//! scanners over the tokens: each attempt looks at a bounded number of tokens, so the cost is
//! linear in the paragraph length, with no regular expressions and no backtracking. Spans map
//! back to the original text: a mention's `text` is always `input[span]`.
//!
//! What is a date (the contract's rules, and the choices made where it leaves room):
//! - a day: `٤ يوليو`, `السابع من أكتوبر`, `الأحد، 29 نوفمبر 2026 10:00 ص`, `14-09-2022`,
//!   `2023/03/30`, `08.09.2022`, `2022-09-08T22:01+0000`, `February 9, 2026`,
//!   `28 جمادى الأولى 1448 هـ`, `28/10/1420هـ`; month names of every family (Egypt/Gulf, Levant,
//!   Algeria/Tunisia, Morocco, Mauritania, English, Persian script) and the paired forms
//!   (`آب/أغسطس`, `مايو (أيار)`, `20 فبراير شباط`, `28 يناير-كانون الثاني 2023`);
//! - a month of a year: `أكتوبر 2016` → `2016-10` (a leading `شهر` stays outside the span),
//!   `يونيو عام 1967`, `2022-09`;
//! - lists and ranges that write the month once (`5 و6 يناير`, `من 12 إلى 14 مارس`,
//!   `1 – 2 ذي الحجة 1442هـ`): the first day is a mention of its own (`5` → `--01-05`);
//! - the KUNA wire dateline `الكويت - 24 - 1 (كونا)` → `24 - 1` (`--01-24`);
//! - relative days: `اليوم`, `أمس`, `أول من أمس`, `غدًا`, `بعد غد`, a weekday alone, a weekday
//!   with `الماضي`/`المقبل`/`القادم`, `أمس الثلاثاء` (one mention). A weekday alone or "last X" is
//!   the latest such day on or before the reference, "next X" the earliest after it;
//! - relative months (a choice: they name a month): `الشهر الماضي`/`المقبل`/`الجاري` and
//!   `يناير الماضي`/`المقبل` → `YYYY-MM`: last = the latest such month strictly before the
//!   reference's month, next = the earliest strictly after, `الجاري`/`الحالي` = the reference's;
//!   `15 من الشهر الجاري` → a full date. A day and month followed by `الماضي` keep the `--MM-DD`
//!   value and the suffix stays outside the span (the contract's `السابع من أكتوبر` example);
//! - a time alone (`10:00 ص`, `الساعة 09 صباحاً` → span `09 صباحاً`, `21:29:41`,
//!   `13:00 (بتوقيت غرينتش)`) → value `THH:MM` (ISO 8601 time of day; no day is known); a time
//!   written with a full date → `YYYY-MM-DDTHH:MM`, 24-hour (`ص` am, `م` pm; `السابعة مساء أمس`
//!   and `8 ليل السبت` take the period from the day part); a time zone is kept in the span, not
//!   converted; with a day-month without year the value stays `--MM-DD`;
//! - Hijri dates convert to Gregorian with the Umm al-Qura calendar of the `icu_calendar` crate
//!   (KACST data for 1300–1600 AH, the tabular Islamic calendar outside it; years 1–1700 AH are
//!   converted, `lexicon/dates_hijri_ummalqura.txt` holds check dates); a Hijri day-month without a
//!   year, or a Hijri month-year, has no Gregorian day: value null. A dual date (`… هـ الموافق
//!   … م`, or the two written side by side) gives two mentions with the same value: when the
//!   two disagree by a day or two (local moon sighting), the Gregorian one wins. `رمضان المقبل`
//!   is a relative Hijri month with value null; a day of `صفر` needs its year (`3 صفر` is a score).
//! - not dates: bare years (`عام 2020`, `سنة 1445 للهجرة`), durations (`60 يوماً`,
//!   `منذ ٤ أعوام`, `5 days ago`), weeks (`الأسبوع الماضي`), counts.
//!
//! The span never includes a leading `يوم`/`صباح`/`مساء`/`في`/`منذ`/`شهر`/`الساعة` nor a
//! clitic (`وأمس` → `أمس`).

use crate::lexicon;
use crate::model::{days_in_month, Calendar, Date, DateMention, Span};
use crate::hash::{FastMap, FastSet};
use crate::normalize::{is_alpha, is_space, Folded};
use std::sync::OnceLock;

// ------------------------------------------------------------------------------------------
// Public (crate) API

/// Finds the date expressions in `input[span]`. Returned spans are absolute **byte** offsets into
/// `input`. Relative expressions resolve against `reference` when given, else their value is `None`.
pub(crate) fn scan(input: &str, span: Span, reference: Option<Date>) -> Vec<DateMention> {
    let Some(slice) = slice(input, span) else {
        return Vec::new();
    };
    // Most lines and many paragraphs have no digit and no word that can start a date: then
    // there is nothing to find, and the mapped fold and the tokens are not needed.
    if !may_have_date(slice) {
        return Vec::new();
    }
    let folded = Folded::new(slice, span[0]);
    let toks = tokenize(&folded.text);
    let hits = Scanner {
        f: &folded.text,
        t: &toks,
        lx: lexicons(),
        reference,
    }
    .run();
    hits.iter()
        .map(|h| mention(input, &folded, &toks, h, span[1].min(input.len())))
        .collect()
}

/// How much of one line is date, for telling a date line (`نشر في 17-11-2022 | 21:20`) from a
/// line that only contains a date. Counts are of non-whitespace characters of `input[span]`.
#[allow(dead_code)] // API offered to the structure stage (date lines) and tests.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct LineCoverage {
    /// The date mentions of the line (as [`scan`] gives them).
    pub mentions: Vec<DateMention>,
    /// Characters inside the mentions.
    pub date_chars: usize,
    /// Characters of date labels (`نشر في`, `آخر تحديث`, `تاريخ النشر`, `الموافق`, …, from
    /// `lexicon/dates_labels.txt`) and of punctuation outside the mentions.
    pub label_chars: usize,
    /// Every other character (place names, counters, words).
    pub other_chars: usize,
}

#[allow(dead_code)] // API offered to the structure stage (date lines) and tests.
impl LineCoverage {
    /// True when the line is a date line: at least one mention, and what is neither date nor
    /// label is at most a quarter of the date's characters (room for a view counter or a city).
    pub(crate) fn is_date_line(&self) -> bool {
        !self.mentions.is_empty() && self.other_chars * 4 <= self.date_chars
    }
}

#[allow(dead_code)] // API offered to the structure stage (date lines) and tests.
/// Measures how much of `input[span]` (one line, byte offsets) is date (see [`LineCoverage`]).
pub(crate) fn line_coverage(input: &str, span: Span, reference: Option<Date>) -> LineCoverage {
    let Some(slice) = slice(input, span) else {
        return LineCoverage::default();
    };
    let folded = Folded::new(slice, span[0]);
    let toks = tokenize(&folded.text);
    let lx = lexicons();
    let sc = Scanner {
        f: &folded.text,
        t: &toks,
        lx,
        reference,
    };
    let hits = sc.run();
    let mentions: Vec<DateMention> = hits
        .iter()
        .map(|h| mention(input, &folded, &toks, h, span[1].min(input.len())))
        .collect();
    let count = |a: usize, b: usize| {
        input
            .get(a..b)
            .map_or(0, |s| s.chars().filter(|c| !c.is_whitespace()).count())
    };
    let total = slice.chars().filter(|c| !c.is_whitespace()).count();
    let date_chars: usize = mentions.iter().map(|m| count(m.span[0], m.span[1])).sum();
    let mut label_chars = 0;
    let mut i = 0;
    let mut h = 0;
    while i < toks.len() {
        while h < hits.len() && hits[h].te <= i {
            h += 1;
        }
        if h < hits.len() && hits[h].ts <= i {
            i = hits[h].te;
            continue;
        }
        let end = if toks[i].k == K::Punct {
            Some(i + 1)
        } else {
            lx.labels.longest(&sc, i, None).map(|(e, _)| e)
        };
        match end {
            Some(e) => {
                let (a, b) = folded.orig_range(toks[i].s, toks[e - 1].e);
                label_chars += count(a, b);
                i = e;
            }
            None => i += 1,
        }
    }
    let other_chars = total.saturating_sub(date_chars + label_chars);
    LineCoverage {
        mentions,
        date_chars,
        label_chars,
        other_chars,
    }
}

#[allow(dead_code)] // API offered to the structure stage (date lines) and tests.
/// True when `input[span]` (one line) is a date line: see [`LineCoverage::is_date_line`].
pub(crate) fn is_date_line(input: &str, span: Span) -> bool {
    line_coverage(input, span, None).is_date_line()
}

#[allow(dead_code)] // API offered to the structure stage (date lines) and tests.
/// Gregorian date of a Hijri (Umm al-Qura) date, `None` when it does not exist (day 30 of a
/// 29-day month, month outside 1–12) or the year is outside 1–1700 AH.
pub(crate) fn hijri_to_gregorian(year: i32, month: u8, day: u8) -> Option<Date> {
    hijri_days(year, month, day).map(Date::from_days)
}

/// False only when `s` can hold no date expression: its fold has no digit and no word that
/// [`Scanner::at`] can start a mention with (see [`Lexicons::starts`]).
fn may_have_date(s: &str) -> bool {
    // A digit as written (ASCII, Arabic-Indic U+0660–U+0669, Persian U+06F0–U+06F9): no need to fold.
    let b = s.as_bytes();
    if b.iter().any(u8::is_ascii_digit)
        || b.windows(2).any(|w| w[0] == 0xD9 && (0xA0..=0xA9).contains(&w[1]) || w[0] == 0xDB && (0xB0..=0xB9).contains(&w[1]))
    {
        return true;
    }
    let mut f = String::new();
    crate::normalize::fold_into(s, &mut f);
    may_have_date_folded(&f)
}

/// [`may_have_date`] of a text given as its fold (`crate::normalize::fold`): false only when
/// [`scan`] of that text finds nothing.
pub(crate) fn may_have_date_folded(f: &str) -> bool {
    if f.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    let lx = lexicons();
    // Words are the runs of letters, as `tokenize` cuts them.
    let mut run: Option<usize> = None;
    for (i, c) in f.char_indices() {
        if is_alpha(c) {
            run.get_or_insert(i);
        } else if let Some(a) = run.take() {
            if lx.may_start(&f[a..i]) {
                return true;
            }
        }
    }
    run.is_some_and(|a| lx.may_start(&f[a..]))
}

fn slice(input: &str, span: Span) -> Option<&str> {
    let (a, b) = (span[0], span[1].min(input.len()));
    input.get(a..b)
}

fn mention(input: &str, folded: &Folded, toks: &[Tok], h: &Hit, limit: usize) -> DateMention {
    let end = toks.get(h.te.wrapping_sub(1)).map_or(h.s, |t| t.e);
    let (a, b) = folded.orig_range(h.s, end);
    let b = trim_end(input, a, b, limit);
    DateMention {
        text: input.get(a..b).unwrap_or("").to_string(),
        span: [a, b],
        value: h.value.clone(),
        calendar: if h.hijri {
            Calendar::Hijri
        } else {
            Calendar::Gregorian
        },
        relative: h.relative,
    }
}

/// The end of a mention: without trailing whitespace or invisible marks, with the tatweel and
/// harakat written on its last letter (`هـ`, `صباحاً`), never past `limit`.
fn trim_end(input: &str, a: usize, b: usize, limit: usize) -> usize {
    let Some(s) = input.get(a..b) else { return b };
    let mut b = a + s
        .trim_end_matches(|c: char| c.is_whitespace() || crate::normalize::fold_char(c).is_none())
        .len();
    if let Some(rest) = input.get(b..limit.max(b)) {
        b += rest
            .chars()
            .take_while(|&c| matches!(c, '\u{0640}' | '\u{064B}'..='\u{065F}' | '\u{0670}'))
            .map(char::len_utf8)
            .sum::<usize>();
    }
    b
}

// ------------------------------------------------------------------------------------------
// Lexicons

struct Lex {
    /// (first token, tokens, value) of every entry, sorted by first token, longest entries first.
    entries: Vec<(&'static str, Vec<&'static str>, &'static str)>,
    /// First token → the range of `entries` that start with it.
    by_first: FastMap<&'static str, (u32, u32)>,
}

impl Lex {
    fn new(files: &[&str]) -> Lex {
        let mut entries = Vec::new();
        for name in files {
            let contents = lexicon::FILES
                .iter()
                .find(|(n, _)| n == name)
                .map_or("", |(_, c)| *c);
            for e in lexicon::entries(contents) {
                let (key, value) = e.split_once('\t').unwrap_or((e, ""));
                let words: Vec<&'static str> =
                    tokenize(key).iter().map(|t| &key[t.s..t.e]).collect();
                if let Some(first) = words.first().copied() {
                    entries.push((first, words, value.trim()));
                }
            }
        }
        entries.sort_by(|a, b| a.0.cmp(b.0).then(b.1.len().cmp(&a.1.len())));
        let mut by_first: FastMap<&'static str, (u32, u32)> = FastMap::default();
        for (k, e) in entries.iter().enumerate() {
            by_first.entry(e.0).or_insert((k as u32, k as u32)).1 = k as u32 + 1;
        }
        Lex { entries, by_first }
    }

    /// The longest entry starting at token `i` (its first token read as `first` when given, for a
    /// word whose clitic was cut): (end token, value).
    fn longest(
        &self,
        sc: &Scanner,
        i: usize,
        first: Option<&str>,
    ) -> Option<(usize, &'static str)> {
        let head = first.or_else(|| sc.text(i))?;
        let &(from, to) = self.by_first.get(head)?;
        let list = self.entries.get(from as usize..to as usize)?;
        'c: for (_, words, value) in list {
            for (k, w) in words.iter().enumerate().skip(1) {
                if sc.text(i + k) != Some(*w) {
                    continue 'c;
                }
            }
            return Some((i + words.len(), value));
        }
        None
    }

    fn num(&self, sc: &Scanner, i: usize, first: Option<&str>) -> Option<(usize, i32)> {
        self.longest(sc, i, first)
            .and_then(|(e, v)| Some((e, v.parse().ok()?)))
    }
}

struct Lexicons {
    /// Every word a mention can start with (see [`Scanner::at`]): the first words of the month,
    /// weekday, relative-day and ordinal lexicons, `الشهر`, `الساعه`, `gmt`, `utc` and `ال`
    /// (before a day number).
    starts: FastSet<&'static str>,
    greg: Lex,
    hijri: Lex,
    weekdays: Lex,
    rel: Lex,
    suffix: Lex,
    ordinals: Lex,
    hours: Lex,
    periods: Lex,
    zones: Lex,
    labels: Lex,
}

impl Lexicons {
    /// Word `w` (a token of the folded text) may start a mention, as written or after a cut
    /// clitic (every cut [`Scanner::forms`] makes, and more).
    fn may_start(&self, w: &str) -> bool {
        self.starts.contains(w)
            || ["و", "ف", "ب", "وب", "فب"]
                .iter()
                .any(|p| w.strip_prefix(p).is_some_and(|r| self.starts.contains(r)))
    }
}

fn lexicons() -> &'static Lexicons {
    static LX: OnceLock<Lexicons> = OnceLock::new();
    LX.get_or_init(|| {
        let mut lx = build_lexicons();
        let mut starts: FastSet<&'static str> = ["الشهر", "الساعه", "gmt", "utc", "ال"].into_iter().collect();
        for l in [&lx.greg, &lx.hijri, &lx.weekdays, &lx.rel, &lx.ordinals] {
            starts.extend(l.entries.iter().map(|e| e.0));
        }
        lx.starts = starts;
        lx
    })
}

fn build_lexicons() -> Lexicons {
    Lexicons {
        starts: FastSet::default(),
        greg: Lex::new(&[
            "dates_months_gregorian.txt",
            "dates_months_gregorian_extra.txt",
        ]),
        hijri: Lex::new(&["dates_months_hijri.txt", "dates_months_hijri_extra.txt"]),
        weekdays: Lex::new(&["dates_weekdays.txt", "dates_weekdays_extra.txt"]),
        rel: Lex::new(&["dates_relative_days.txt"]),
        suffix: Lex::new(&["dates_relative_suffixes.txt"]),
        ordinals: Lex::new(&["dates_ordinals.txt"]),
        hours: Lex::new(&["dates_hours.txt"]),
        periods: Lex::new(&["dates_day_periods.txt"]),
        zones: Lex::new(&["dates_time_zones.txt"]),
        labels: Lex::new(&["dates_labels.txt"]),
    }
}

/// Days since 1970-01-01 of a Hijri date in the Umm al-Qura calendar (icu_calendar: KACST data for
/// 1300–1600 AH, the tabular calendar outside it); `None` when the date does not exist (day 30 of a
/// 29-day month) or the year is outside 1–1700 AH.
fn hijri_days(y: i32, m: u8, d: u8) -> Option<i64> {
    use icu_calendar::cal::Hijri;
    if !(1..=1700).contains(&y) || !(1..=12).contains(&m) || !(1..=30).contains(&d) {
        return None;
    }
    let h =
        icu_calendar::Date::try_new_hijri_with_calendar(y, m, d, Hijri::new_umm_al_qura()).ok()?;
    let g = h.to_calendar(icu_calendar::Iso);
    Date::new(g.era_year().year, g.month().ordinal, g.day_of_month().0).map(Date::to_days)
}

// ------------------------------------------------------------------------------------------
// Tokens

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum K {
    Num,
    Word,
    Punct,
}

/// One token of the folded text: `s..e` in folded bytes; `gap` = whitespace before it.
#[derive(Clone, Copy, Debug)]
struct Tok {
    k: K,
    s: usize,
    e: usize,
    gap: bool,
    /// Value of a number (saturating), number of digits.
    n: u32,
    nd: usize,
    /// The character of a punctuation token.
    c: char,
}

fn tokenize(f: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut gap = false;
    let mut it = f.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c == ' ' || is_space(c) {
            gap = true;
            continue;
        }
        let mut tok = Tok {
            k: K::Punct,
            s: i,
            e: i + c.len_utf8(),
            gap,
            n: 0,
            nd: 0,
            c,
        };
        if c.is_ascii_digit() {
            tok.k = K::Num;
            tok.n = c as u32 - '0' as u32;
            tok.nd = 1;
            while let Some(&(j, d)) = it.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                tok.n = tok
                    .n
                    .saturating_mul(10)
                    .saturating_add(d as u32 - '0' as u32);
                tok.nd += 1;
                tok.e = j + 1;
                it.next();
            }
        } else if is_alpha(c) {
            tok.k = K::Word;
            while let Some(&(j, d)) = it.peek() {
                if !is_alpha(d) {
                    break;
                }
                tok.e = j + d.len_utf8();
                it.next();
            }
        }
        out.push(tok);
        gap = false;
    }
    out
}

// ------------------------------------------------------------------------------------------
// Scanner

/// One mention found: folded byte start, token range, value.
#[derive(Debug, Clone)]
struct Hit {
    s: usize,
    ts: usize,
    te: usize,
    value: Option<String>,
    hijri: bool,
    relative: bool,
}

/// A date part: what the core scanners read.
#[derive(Debug, Clone, Copy, Default)]
struct Core {
    /// First and end token.
    ts: usize,
    te: usize,
    /// Folded byte start (after a cut clitic).
    s: usize,
    y: Option<i32>,
    /// Month (None with `rel_month` = `الشهر`).
    m: Option<u8>,
    d: Option<u8>,
    hijri: bool,
    /// `الماضي`/`المقبل`/`الجاري` after a month or `الشهر`.
    rel_month: Option<i32>,
    /// A time written with the date (ISO stamp `T…`).
    time: Option<(u8, u8)>,
}

struct Scanner<'a> {
    f: &'a str,
    t: &'a [Tok],
    lx: &'static Lexicons,
    reference: Option<Date>,
}

const CLITICS: &[&str] = &["و", "ف"];

impl<'a> Scanner<'a> {
    // --- token access (all total: out of range gives None / true)

    fn text(&self, i: usize) -> Option<&'a str> {
        self.t.get(i).map(|t| &self.f[t.s..t.e])
    }
    fn word(&self, i: usize) -> Option<&'a str> {
        self.t
            .get(i)
            .filter(|t| t.k == K::Word)
            .map(|t| &self.f[t.s..t.e])
    }
    fn punct(&self, i: usize) -> Option<char> {
        self.t.get(i).filter(|t| t.k == K::Punct).map(|t| t.c)
    }
    fn num(&self, i: usize) -> Option<(u32, usize)> {
        self.t.get(i).filter(|t| t.k == K::Num).map(|t| (t.n, t.nd))
    }
    /// Whitespace before token `i` (true past the end).
    fn gap(&self, i: usize) -> bool {
        self.t.get(i).map_or(true, |t| t.gap)
    }
    /// Token `i` glued to the previous one.
    fn glued(&self, i: usize) -> bool {
        !self.gap(i)
    }
    fn start(&self, i: usize) -> usize {
        self.t.get(i).map_or(self.f.len(), |t| t.s)
    }

    /// The ways to read word `i`: as written, and without a leading و/ف (+ ب before الامس);
    /// (bytes cut, rest).
    fn forms(&self, i: usize) -> std::iter::Take<std::array::IntoIter<(usize, &'a str), 6>> {
        // At most the word and five cut forms: no allocation.
        let mut v = [(0, ""); 6];
        let mut n = 0;
        if let Some(w) = self.word(i) {
            v[0] = (0, w);
            n = 1;
            for p in CLITICS.iter().copied().chain(["ب", "وب", "فب"]) {
                if let Some(rest) = w.strip_prefix(p) {
                    let ok = rest.starts_with("ال") || rest == "امس" || rest == "غدا";
                    let b_ok = !p.ends_with('ب') || rest == "الامس";
                    if ok && b_ok && rest.chars().count() >= 3 {
                        v[n] = (p.len(), rest);
                        n += 1;
                    }
                }
            }
        }
        v.into_iter().take(n)
    }

    // --- the main loop

    fn run(&self) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut i = 0;
        while i < self.t.len() {
            // A word that no mention starts with: `at` would find nothing.
            if self.t[i].k == K::Word && !self.word(i).is_some_and(|w| self.lx.may_start(w)) {
                i += 1;
                continue;
            }
            match self.at(i) {
                Some(h) if h.te > i => {
                    i = h.te;
                    hits.push(h);
                }
                _ => i += 1,
            }
        }
        self.align_duals(&mut hits);
        hits
    }

    /// The expression starting at token `i`, if any.
    fn at(&self, i: usize) -> Option<Hit> {
        let t = self.t.get(i)?;
        if t.k == K::Punct {
            return None;
        }
        if t.k == K::Word {
            if let Some(h) = self.relative_day(i) {
                return Some(h);
            }
            if let Some(h) = self.weekday_expr(i) {
                return Some(h);
            }
            if self.word(i) == Some("الساعه") {
                if let Some(h) = self.time_expr(i + 1, true) {
                    return Some(h);
                }
            }
            if matches!(self.word(i), Some("gmt" | "utc")) {
                if let Some(h) = self.time_expr(i, false) {
                    return Some(h);
                }
            }
        }
        if t.k == K::Num {
            // A time first, maybe followed by its date (`11:42 2024-09-18`).
            if self.numeric(i).is_none() {
                if let Some(h) = self.time_expr(i, false) {
                    return Some(h);
                }
            }
        }
        if let Some(h) = self.kuna(i) {
            return Some(h);
        }
        if let Some(h) = self.day_list(i) {
            return Some(h);
        }
        let core = self.core(i)?;
        Some(self.with_time(core, core.s, i))
    }

    /// The first day of a list or range whose month is written once: `5 و6 يناير`,
    /// `من 5 إلى 7 يناير`, `1 – 2 ذي الحجة 1442هـ` → a mention of `5` (`--01-05`); the second
    /// day and its month are the next mention.
    fn day_list(&self, i: usize) -> Option<Hit> {
        let (n, nd) = self.num(i)?;
        if nd > 2
            || n == 0
            || n > 31
            || self
                .word(i + 1)
                .is_some_and(|w| matches!(w, "st" | "nd" | "rd" | "th"))
        {
            return None;
        }
        if i >= 2
            && self.glued(i)
            && matches!(self.punct(i - 1), Some('.' | ',' | ':' | '/'))
            && self.num(i - 2).is_some()
        {
            return None;
        }
        let k = match (self.punct(i + 1), self.word(i + 1)) {
            (Some('-' | '–'), _) => i + 2,
            (_, Some("و" | "الي" | "حتي" | "او" | "ثم")) => i + 2,
            _ => return None,
        };
        let second = self
            .dmy(k)
            .filter(|c| c.ts == k && c.rel_month.is_none() && c.m.is_some())?;
        if self.num(k).map_or(true, |(d2, _)| d2 <= n) {
            return None;
        }
        let first = Core {
            ts: i,
            te: i + 1,
            s: self.start(i),
            d: Some(n as u8),
            time: None,
            ..second
        };
        let (value, relative) = self.core_value(&first);
        value.as_ref()?;
        Some(Hit {
            s: first.s,
            ts: i,
            te: i + 1,
            value,
            hijri: first.hijri,
            relative,
        })
    }

    /// The KUNA wire dateline's day and month: `الكويت - 24 - 1 (كونا) --` → `24 - 1`.
    fn kuna(&self, i: usize) -> Option<Hit> {
        let (d, dn) = self.num(i)?;
        let (m, mn) = self.num(i + 2)?;
        let dash = matches!(self.punct(i + 1), Some('-' | '–' | '/'));
        let tail = self.punct(i + 3) == Some('(') && self.word(i + 4) == Some("كونا");
        if !dash
            || !tail
            || dn > 2
            || mn > 2
            || !(1..=12).contains(&m)
            || d == 0
            || d > u32::from(days_in_month(2000, m as u8))
        {
            return None;
        }
        let value = Some(format!("--{m:02}-{d:02}"));
        Some(Hit {
            s: self.start(i),
            ts: i,
            te: i + 3,
            value,
            hijri: false,
            relative: false,
        })
    }

    /// A date core at `i`: numeric, day-month(-year), month-day-year, month-year, relative month.
    fn core(&self, i: usize) -> Option<Core> {
        self.numeric(i)
            .or_else(|| self.dmy(i))
            .or_else(|| self.mdy(i))
            .or_else(|| self.this_month(i))
    }

    /// A date core with an optional time after it, as a hit starting at folded byte `s`, token `ts`.
    fn with_time(&self, core: Core, s: usize, ts: usize) -> Hit {
        let mut te = core.te;
        let mut time = core.time;
        if time.is_none() && core.d.is_some() {
            if let Some((e, h, m)) = self.time_after(core.te) {
                te = e;
                time = Some((h, m));
            }
        }
        let (value, relative) = self.core_value(&core);
        let value = match (value, time) {
            (Some(v), Some((h, m))) if v.len() == 10 && !v.starts_with('-') => {
                Some(format!("{v}T{h:02}:{m:02}"))
            }
            (v, _) => v,
        };
        Hit {
            s,
            ts,
            te,
            value,
            hijri: core.hijri,
            relative,
        }
    }

    /// A time right after a date: optional separator, optional `الساعة` (`في الساعة`, `في تمام
    /// الساعة`), then a time. (end, hour, minute)
    fn time_after(&self, j: usize) -> Option<(usize, u8, u8)> {
        let mut k = j;
        if matches!(self.punct(k), Some(',' | '،' | '-' | '–' | '|' | '/' | '—')) {
            k += 1;
        }
        let mut saa = false;
        for phrase in [
            &["الساعه"][..],
            &["في", "الساعه"],
            &["على", "الساعه"],
            &["عند", "الساعه"],
            &["في", "تمام", "الساعه"],
            &["تمام", "الساعه"],
        ] {
            if phrase
                .iter()
                .enumerate()
                .all(|(n, w)| self.word(k + n) == Some(*w))
            {
                k += phrase.len();
                saa = true;
                break;
            }
        }
        let (_, e, h, m) = self.time(k, saa)?;
        Some((e, h, m))
    }

    // --- relative days and weekdays

    /// `اليوم`, `أمس`, `أول من أمس`, `غدًا`, `بعد غد` [+ weekday] [+ time].
    fn relative_day(&self, i: usize) -> Option<Hit> {
        let (cut, head, off, mut e) = self.forms(i).into_iter().find_map(|(cut, w)| {
            let (e, v) = self.lx.rel.num(self, i, Some(w))?;
            Some((cut, w, v, e))
        })?;
        let prev = if i > 0 { self.word(i - 1) } else { None };
        let next_word = self.word(e);
        let next_is_weekday = self.weekday_at(e).is_some();
        if head == "اليوم" && e == i + 1 {
            if matches!(
                prev,
                Some(
                    "ذلك"
                        | "ذات"
                        | "نفس"
                        | "هذا"
                        | "صحيفه"
                        | "جريده"
                        | "موقع"
                        | "قناه"
                        | "برنامج"
                        | "في"
                        | "وفي"
                )
            ) {
                return None;
            }
            if let Some(w) = next_word {
                if !next_is_weekday
                    && (w.starts_with("ال") && w != "الساعه"
                        || matches!(w, "نفسه" | "ذاته" | "عينه"))
                {
                    return None;
                }
            }
            if matches!(self.punct(e), Some(':' | '|')) {
                return None;
            }
            let day_word = matches!(
                prev,
                Some(
                    "صباح"
                        | "مساء"
                        | "ظهر"
                        | "عصر"
                        | "فجر"
                        | "ليل"
                        | "ليله"
                        | "حتى"
                        | "منذ"
                        | "مطلع"
                        | "نهايه"
                        | "بدايه"
                        | "خلال"
                        | "طوال"
                )
            );
            let near_start = i <= 4 && prev.is_some() && !day_word;
            if near_start
                && (e >= self.t.len() || matches!(self.punct(e), Some('-' | '–' | '_' | '—')))
            {
                return None;
            }
        }
        if (head == "الغد" || head == "غد")
            && !next_is_weekday
            && !matches!(
                prev,
                Some(
                    "يوم"
                        | "ويوم"
                        | "صباح"
                        | "مساء"
                        | "ظهر"
                        | "عصر"
                        | "فجر"
                        | "ليل"
                        | "ليله"
                        | "حتى"
                        | "نهار"
                        | "وحتى"
                )
            )
        {
            return None;
        }
        let s = self.start(i) + cut;
        // `أمس الثلاثاء`, `أمس (الجمعة)`; but `أمس ٤ يوليو`-style dates stay apart, and a weekday
        // with its own date (`اليوم الأحد 5 يناير`) is a mention of its own.
        let mut wd_end = None;
        if let Some((we, _)) = self.weekday_at(e) {
            wd_end = Some(we);
        } else if self.punct(e) == Some('(') {
            if let Some((we, _)) = self.weekday_at(e + 1) {
                if self.punct(we) == Some(')') {
                    wd_end = Some(we + 1);
                }
            }
        }
        if let Some(we) = wd_end {
            let own_date = self.weekday_date(we).is_some();
            if !own_date {
                e = we;
            }
        }
        let mut value = self.reference.map(|r| r.add_days(i64::from(off)).iso());
        if let Some((te, h, m)) = self.time_after_relative(e) {
            e = te;
            value = value.map(|v| format!("{v}T{h:02}:{m:02}"));
        }
        Some(Hit {
            s,
            ts: i,
            te: e,
            value,
            hijri: false,
            relative: true,
        })
    }

    /// A time after a relative day: only with `الساعة` or a clock time (`HH:MM`).
    fn time_after_relative(&self, e: usize) -> Option<(usize, u8, u8)> {
        let (te, h, m) = self.time_after(e)?;
        let clock_or_saa =
            (e..te).any(|k| self.punct(k) == Some(':') || self.word(k) == Some("الساعه"));
        clock_or_saa.then_some((te, h, m))
    }

    /// Weekday word at `i` (with a cut clitic): (end, weekday 0 = Sunday).
    fn weekday_at(&self, i: usize) -> Option<(usize, u8)> {
        self.forms(i).into_iter().find_map(|(_, w)| {
            let (e, v) = self.lx.weekdays.num(self, i, Some(w))?;
            Some((e, v as u8))
        })
    }

    /// A date after a weekday at `j` (separator allowed): its core.
    fn weekday_date(&self, j: usize) -> Option<Core> {
        let mut k = j;
        if matches!(self.punct(k), Some(',' | '،' | '-' | '–' | '|' | '—')) {
            k += 1;
        }
        if self.word(k) == Some("الموافق") {
            k += 1;
        }
        let c = self
            .numeric(k)
            .or_else(|| self.dmy(k))
            .or_else(|| self.mdy(k))?;
        (c.d.is_some()).then_some(c)
    }

    /// Weekday [+ date [+ time]] | weekday [+ الماضي/المقبل] [+ time].
    fn weekday_expr(&self, i: usize) -> Option<Hit> {
        let (cut, w) = self
            .forms(i)
            .into_iter()
            .find(|(_, w)| self.lx.weekdays.num(self, i, Some(w)).is_some())?;
        let (e, wd) = self.weekday_at(i)?;
        let s = self.start(i) + cut;
        if let Some(core) = self.weekday_date(e) {
            return Some(self.with_time(core, s, i));
        }
        let prev = if i > 0 { self.word(i - 1) } else { None };
        if w == "الجمعه" && matches!(prev, Some("صلاه" | "خطبه" | "صلوات" | "خطب" | "صلاتي"))
        {
            return None;
        }
        if w == "الاحد" && matches!(self.word(e), Some("عشر")) {
            return None;
        }
        if w == "الاثنين"
            && (matches!(prev, Some("كلا" | "هذين" | "بين" | "احد"))
                || matches!(self.word(e), Some("معا" | "معًا" | "منهما")))
        {
            return None;
        }
        let mut end = e;
        let mut dir = -1;
        if let Some((se, v)) = self.lx.suffix.num(self, e, None) {
            end = se;
            dir = if v > 0 { 1 } else { -1 };
        }
        let mut value = self.reference.map(|r| weekday_resolve(r, wd, dir).iso());
        if let Some((te, h, m)) = self.time_after_relative(end) {
            end = te;
            value = value.map(|v| format!("{v}T{h:02}:{m:02}"));
        }
        Some(Hit {
            s,
            ts: i,
            te: end,
            value,
            hijri: false,
            relative: true,
        })
    }

    // --- times

    /// A time at `i` (after `الساعة` when `saa`), maybe followed by its date.
    fn time_expr(&self, i: usize, saa: bool) -> Option<Hit> {
        let (ts, te, h, m) = self.time(i, saa)?;
        // The date after a time (`11:42 2024-09-18`, `10:24 AM IDT, Sep 17, 2018`).
        let mut k = te;
        if matches!(self.punct(k), Some(',' | '،' | '-' | '–' | '|' | '—')) {
            k += 1;
        }
        if let Some(core) = self
            .numeric(k)
            .or_else(|| self.dmy(k))
            .or_else(|| self.mdy(k))
            .filter(|c| c.d.is_some())
        {
            let (value, relative) = self.core_value(&core);
            let value = match value {
                Some(v) if v.len() == 10 && !v.starts_with('-') => {
                    Some(format!("{v}T{h:02}:{m:02}"))
                }
                v => v,
            };
            return Some(Hit {
                s: self.start(ts),
                ts,
                te: core.te,
                value,
                hijri: core.hijri,
                relative,
            });
        }
        Some(Hit {
            s: self.start(ts),
            ts,
            te,
            value: Some(format!("T{h:02}:{m:02}")),
            hijri: false,
            relative: false,
        })
    }

    /// A time of day at `i`: `10:00`, `21:29:41`, `10:00 ص`, `9 صباحا`, (after الساعة) `9`,
    /// `الثامنة مساء`, `العاشرة والنصف`; then an optional zone. (start, end, hour, minute)
    fn time(&self, i: usize, saa: bool) -> Option<(usize, usize, u8, u8)> {
        let ts = i;
        let mut j = i;
        if matches!(self.word(j), Some("gmt" | "utc"))
            && self.num(j + 1).is_some()
            && self.glued(j + 1)
        {
            j += 1;
        }
        let (mut h, mut m, mut e);
        let mut short_period_ok = true;
        if let Some((hv, nd)) = self.num(j) {
            if nd > 2 || hv > 24 {
                return None;
            }
            h = hv as u8;
            if self.punct(j + 1) == Some(':')
                && self.glued(j + 1)
                && self.glued(j + 2)
                && self.num(j + 2).is_some_and(|(mv, nd)| nd == 2 && mv < 60)
            {
                if j > 0 && self.glued(j) && matches!(self.punct(j - 1), Some(':' | '.' | '/')) {
                    return None;
                }
                m = self.num(j + 2).map_or(0, |x| x.0 as u8);
                e = j + 3;
                if self.punct(e) == Some(':')
                    && self.glued(e)
                    && self.glued(e + 1)
                    && self.num(e + 1).is_some_and(|(sv, nd)| nd == 2 && sv < 61)
                {
                    e += 2;
                    if matches!(self.punct(e), Some('.' | ','))
                        && self.glued(e)
                        && self.glued(e + 1)
                        && self.num(e + 1).is_some()
                    {
                        e += 2;
                    }
                }
                if self.punct(e) == Some(':') && self.glued(e) && self.num(e + 1).is_some() {
                    return None;
                }
                // A score or an index level, not a time: `12:30 نقطة`, `1:30 %`.
                if self.punct(e) == Some('%')
                    || matches!(
                        self.word(e),
                        Some("نقطه" | "نقاط" | "مقابل" | "دقيقه" | "ثانيه" | "هدف" | "اهداف")
                    )
                {
                    return None;
                }
            } else {
                // A bare hour: needs a day period word (not ص/م) or الساعة before it.
                if j > 0
                    && self.glued(j)
                    && matches!(self.punct(j - 1), Some(':' | '.' | '/' | ','))
                {
                    return None;
                }
                m = 0;
                e = j + 1;
                if hv > 23
                    || matches!(
                        self.word(e),
                        Some(
                            "ساعه"
                                | "ساعات"
                                | "دقيقه"
                                | "دقائق"
                                | "يوما"
                                | "يوم"
                                | "ايام"
                                | "شهرا"
                                | "عاما"
                        )
                    )
                {
                    return None;
                }
                let long_period =
                    self.lx.periods.longest(self, e, None).is_some() && !self.short_period(e);
                if !(saa || long_period) {
                    return None;
                }
                short_period_ok = saa;
            }
        } else if saa {
            let (he, hv) = self.lx.hours.num(self, j, None)?;
            h = hv as u8;
            m = 0;
            e = he;
            match self.word(e) {
                Some("والنصف" | "ونصف") => {
                    m = 30;
                    e += 1;
                }
                Some("والربع" | "وربع") => {
                    m = 15;
                    e += 1;
                }
                Some("والثلث" | "وثلث") => {
                    m = 20;
                    e += 1;
                }
                Some("الا") if matches!(self.word(e + 1), Some("ربعا" | "ربع" | "الربع")) =>
                {
                    h = if h == 1 { 12 } else { h - 1 };
                    m = 45;
                    e += 2;
                }
                _ => {}
            }
        } else {
            return None;
        }
        if h > 24 || (h == 24 && m > 0) {
            return None;
        }
        if h == 24 {
            h = 0;
        }
        if let Some((pe, p)) = self.lx.periods.longest(self, e, None) {
            if !self.short_period(e) || short_period_ok || saa {
                e = pe;
                h = apply_period(h, p);
            }
        } else if let Some(p) = self.day_part(e) {
            // `السابعة مساء أمس`: the period belongs to the day that follows, not to the time's span.
            h = apply_period(h, p);
        }
        e = self.zone(e);
        Some((ts, e, h, m))
    }

    /// A part of the day (`صباح`, `مساء`, …) at `i` followed by a relative day or a weekday
    /// (`مساء أمس`, `صباح الأحد`): its period code.
    fn day_part(&self, i: usize) -> Option<&'static str> {
        let p = match self.word(i)? {
            "صباح" | "فجر" => "a",
            "مساء" | "عصر" => "p",
            "ظهر" => "n",
            "ليل" | "ليله" => "l",
            _ => return None,
        };
        let day = self.weekday_at(i + 1).is_some()
            || self
                .forms(i + 1)
                .into_iter()
                .any(|(_, w)| self.lx.rel.longest(self, i + 1, Some(w)).is_some());
        day.then_some(p)
    }

    /// `ص` or `م` at `i`: day periods only right after a clock time or after الساعة.
    fn short_period(&self, i: usize) -> bool {
        matches!(self.word(i), Some("ص" | "م"))
    }

    /// A time zone after a time: `بتوقيت غرينتش`, `(بتوقيت غرينتش)`, `(مكة المكرمة)`, `GMT`,
    /// `GMT+3`. Returns the new end.
    fn zone(&self, e: usize) -> usize {
        let btw = |k: usize| {
            matches!(
                self.word(k),
                Some("بتوقيت" | "توقيت" | "بالتوقيت" | "التوقيت")
            )
        };
        if btw(e) {
            if let Some((z, _)) = self.lx.zones.longest(self, e + 1, None) {
                return z;
            }
            if self.word(e + 1).is_some() {
                return e + 2;
            }
            return e;
        }
        if self.punct(e) == Some('(') {
            let k = if btw(e + 1) { e + 2 } else { e + 1 };
            if let Some((z, _)) = self.lx.zones.longest(self, k, None) {
                if self.punct(z) == Some(')') {
                    return z + 1;
                }
            }
            return e;
        }
        if let Some((z, _)) = self.lx.zones.longest(self, e, None) {
            if self.word(e).is_some_and(|w| w.is_ascii()) {
                let mut z = z;
                if matches!(self.punct(z), Some('+' | '-'))
                    && self.glued(z)
                    && self.glued(z + 1)
                    && self.num(z + 1).is_some()
                {
                    z += 2;
                    if self.punct(z) == Some(':') && self.glued(z) && self.num(z + 1).is_some() {
                        z += 2;
                    }
                }
                return z;
            }
        }
        e
    }

    // --- date cores

    /// Numeric dates: `14-09-2022`, `29/11/2026`, `2023/03/30`, `08.09.2022`, `2015 05 14`,
    /// `2022-09`, ISO stamps `2022-09-08T22:01+0000`, `28/10/1420هـ`.
    fn numeric(&self, i: usize) -> Option<Core> {
        let (a, an) = self.num(i)?;
        // Part of a longer number chain (`1.2.3.4`, `10/20/30/2020`, a decimal)?
        if i >= 2
            && self.glued(i)
            && matches!(self.punct(i - 1), Some('.' | '/' | '-' | ':' | ','))
            && self.glued(i - 1)
            && self.num(i - 2).is_some()
        {
            return None;
        }
        let sep = self.punct(i + 1).filter(|c| matches!(c, '-' | '/' | '.'));
        let (y, m, d, mut e);
        let glued3 = self.glued(i + 1) && self.glued(i + 2);
        match sep {
            Some(sc) if self.num(i + 2).is_some() => {
                let (b, bn) = self.num(i + 2)?;
                let full = self.punct(i + 3) == Some(sc) && self.num(i + 4).is_some();
                let glued5 = glued3 && self.glued(i + 3) && self.glued(i + 4);
                // `5 / 5 / 1446هـ`: spaces around the separators only with a four-digit year.
                let spaced_ok = full
                    && sc != '.'
                    && (an == 4 || self.num(i + 4).is_some_and(|(_, cn)| cn == 4));
                if !glued3 && !spaced_ok {
                    return None;
                }
                if full && (glued5 || spaced_ok) {
                    let (c, cn) = self.num(i + 4)?;
                    if self
                        .punct(i + 5)
                        .is_some_and(|x| matches!(x, '-' | '/' | '.'))
                        && self.glued(i + 5)
                        && self.glued(i + 6)
                        && self.num(i + 6).is_some()
                    {
                        return None;
                    }
                    e = i + 5;
                    if an == 4 && bn <= 2 && cn <= 2 {
                        (y, m, d) = (a as i32, b, c);
                    } else if cn == 4 && an <= 2 && bn <= 2 {
                        if b > 12 && a <= 12 {
                            (y, m, d) = (c as i32, a, b);
                        } else {
                            (y, m, d) = (c as i32, b, a);
                        }
                    } else {
                        return None;
                    }
                } else if sc == '-'
                    && glued3
                    && an == 4
                    && bn == 2
                    && (1..=12).contains(&b)
                    && (1900..=2100).contains(&a)
                {
                    // `2022-09`: a month of a year.
                    if self.num(i + 3).is_some_and(|_| self.glued(i + 3))
                        || (matches!(self.punct(i + 3), Some('-' | '/' | '.'))
                            && self.glued(i + 3)
                            && self.num(i + 4).is_some())
                    {
                        return None;
                    }
                    return Some(Core {
                        ts: i,
                        te: i + 3,
                        s: self.start(i),
                        y: Some(a as i32),
                        m: Some(b as u8),
                        ..Default::default()
                    });
                } else {
                    return None;
                }
            }
            None if an == 4 => {
                // `2015 05 14`: four digits, two, two, separated by spaces.
                let (b, bn) = self.num(i + 1)?;
                let (c, cn) = self.num(i + 2)?;
                if bn != 2
                    || cn != 2
                    || !self.gap(i + 1)
                    || !self.gap(i + 2)
                    || self.num(i + 3).is_some()
                {
                    return None;
                }
                (y, m, d) = (a as i32, b, c);
                e = i + 3;
            }
            _ => return None,
        }
        if m == 0 || m > 12 || d == 0 || d > 31 {
            return None;
        }
        let (m, d) = (m as u8, d as u8);
        // Era marker: `هـ`, `م`.
        let mut hijri = (1300..1600).contains(&y);
        if let Some(w) = self.word(e) {
            match w {
                "ه" | "هجري" | "هجريه" | "للهجره" => {
                    hijri = true;
                    e += 1;
                }
                "م" | "ميلادي" | "ميلاديه" => {
                    hijri = false;
                    e += 1;
                }
                _ => {}
            }
        }
        if !hijri && !(1000..=2999).contains(&y) {
            return None;
        }
        if hijri && !(1..=1700).contains(&y) {
            return None;
        }
        let valid = if hijri {
            hijri_days(y, m, d).is_some()
        } else {
            Date::new(y, m, d).is_some()
        };
        if !valid {
            return None;
        }
        let mut core = Core {
            ts: i,
            te: e,
            s: self.start(i),
            y: Some(y),
            m: Some(m),
            d: Some(d),
            hijri,
            ..Default::default()
        };
        // ISO time: `T22:01`, `T03:16:14+00:00`, `T…Z`.
        if e == i + 5 && self.word(e) == Some("t") && self.glued(e) && self.glued(e + 1) {
            if let Some((_, te, h, mi)) = self.time(e + 1, false) {
                let mut te = te;
                if te == e + 4 || te == e + 6 || te == e + 8 {
                    if self.word(te) == Some("z") && self.glued(te) {
                        te += 1;
                    } else if matches!(self.punct(te), Some('+' | '-'))
                        && self.glued(te)
                        && self.glued(te + 1)
                        && self.num(te + 1).is_some()
                    {
                        te += 2;
                        if self.punct(te) == Some(':')
                            && self.glued(te)
                            && self.num(te + 1).is_some()
                        {
                            te += 2;
                        }
                    }
                }
                core.te = te;
                core.time = Some((h, mi));
            }
        }
        Some(core)
    }

    /// A day number at `i`: `5`, `05`, `14th`, `الـ7`. (end, day)
    fn day_num(&self, i: usize) -> Option<(usize, u8, bool)> {
        let mut j = i;
        if self.word(i) == Some("ال") && self.num(i + 1).is_some() {
            j = i + 1;
        }
        let (n, nd) = self.num(j)?;
        if nd > 2 || n == 0 || n > 31 {
            return None;
        }
        if j == i
            && i >= 2
            && self.glued(i)
            && matches!(self.punct(i - 1), Some('.' | ',' | '٫' | ':' | '/'))
            && self.glued(i - 1)
            && self.num(i - 2).is_some()
        {
            return None;
        }
        let mut e = j + 1;
        let mut suffix = false;
        if self.glued(e) && matches!(self.word(e), Some("st" | "nd" | "rd" | "th")) {
            e += 1;
            suffix = true;
        }
        Some((e, n as u8, suffix))
    }

    /// A month name at `i`, with a paired name of the same month (`آب/أغسطس`, `مايو (أيار)`,
    /// `فبراير شباط`, `يناير-كانون الثاني`). (end, month, hijri)
    fn month(&self, i: usize) -> Option<(usize, u8, bool)> {
        if let Some((e, m)) = self.lx.greg.num(self, i, None) {
            let same = |k: usize| self.lx.greg.num(self, k, None).filter(|&(_, m2)| m2 == m);
            let end = match self.punct(e) {
                Some('/' | '-' | '–' | '\\' | '—') => same(e + 1).map_or(e, |(e2, _)| e2),
                Some('(') => same(e + 1)
                    .filter(|&(e2, _)| self.punct(e2) == Some(')'))
                    .map_or(e, |(e2, _)| e2 + 1),
                Some(_) => e,
                None => same(e).map_or(e, |(e2, _)| e2),
            };
            return Some((end, m as u8, false));
        }
        self.lx
            .hijri
            .num(self, i, None)
            .map(|(e, m)| (e, m as u8, true))
    }

    /// A year at `i` (four digits) with an optional era marker. (end, year, era: Some(true) = هـ)
    fn year(&self, i: usize, hijri: bool) -> Option<(usize, i32, Option<bool>)> {
        let (n, nd) = self.num(i)?;
        if nd != 4 {
            return None;
        }
        let y = n as i32;
        if hijri && !(1..=1700).contains(&y) || !hijri && !(1000..=2999).contains(&y) {
            return None;
        }
        if matches!(self.punct(i + 1), Some('/' | '-' | '.' | ':'))
            && self.glued(i + 1)
            && self.glued(i + 2)
            && self.num(i + 2).is_some()
        {
            return None;
        }
        let mut e = i + 1;
        let mut era = None;
        match self.word(e) {
            Some("م" | "ميلادي" | "ميلاديه") => {
                era = Some(false);
                e += 1;
            }
            Some("ه" | "هجري" | "هجريه" | "للهجره") => {
                era = Some(true);
                e += 1;
            }
            _ => {}
        }
        Some((e, y, era))
    }

    /// The year after a month at `k`: `2020`, `، 2020`, `-2020`, `عام 2020`, `من عام 2020`.
    fn year_after(&self, k: usize, hijri: bool) -> Option<(usize, i32)> {
        let mut j = k;
        if matches!(self.punct(j), Some(',' | '،'))
            || self.punct(j) == Some('-') && self.glued(j) && self.glued(j + 1)
        {
            j += 1;
        } else {
            let min = self.word(j) == Some("من");
            if min {
                j += 1;
            }
            if matches!(self.word(j), Some("عام" | "العام" | "سنه" | "السنه")) {
                j += 1;
            } else if min {
                return None;
            }
        }
        self.year(j, hijri).map(|(e, y, _)| (e, y))
    }

    /// Day (number or ordinal word) [من] month [year]: `٤ يوليو`, `السابع من أكتوبر`,
    /// `28 جمادى الأولى 1448 هـ`, `14th, November 2025`, `15 من الشهر الجاري`.
    fn dmy(&self, i: usize) -> Option<Core> {
        let mut s = self.start(i);
        let (mut j, d, suffix) = if let Some((e, d, suf)) = self.day_num(i) {
            (e, d, suf)
        } else {
            let (cut, e, v) = self.forms(i).into_iter().find_map(|(cut, w)| {
                let (e, v) = self.lx.ordinals.num(self, i, Some(w))?;
                Some((cut, e, v))
            })?;
            s += cut;
            (e, v as u8, false)
        };
        let mut saw_min = false;
        if matches!(self.punct(j), Some('-' | '–')) && self.word(j + 1) == Some("من") {
            j += 2;
            saw_min = true;
        } else if self.word(j) == Some("من") {
            j += 1;
            saw_min = true;
        } else if suffix && matches!(self.punct(j), Some(',' | '،'))
            || self.punct(j) == Some('-')
                && self.glued(j)
                && self.glued(j + 1)
                && self.word(j + 1).is_some()
        {
            j += 1;
        }
        if saw_min && matches!(self.punct(j), Some('-' | '–')) {
            j += 1;
        }
        if saw_min && self.word(j) == Some("شهر") && self.month(j + 1).is_some() {
            j += 1;
        }
        if let Some((k, m, hijri)) = self.month(j) {
            let mut core = Core {
                ts: i,
                te: k,
                s,
                m: Some(m),
                d: Some(d),
                hijri,
                ..Default::default()
            };
            if let Some((e, y)) = self.year_after(k, hijri) {
                core.te = e;
                core.y = Some(y);
            }
            if !hijri && d > days_in_month(2000, m) {
                return None;
            }
            // `صفر` is also "zero" (`فاز 3 صفر`): a day of Safar needs its year.
            if hijri && m == 2 && core.y.is_none() && self.word(j) == Some("صفر") {
                return None;
            }
            return Some(core);
        }
        // `حتى 30 الجاري`: a day of the current month.
        if !saw_min && matches!(self.word(j), Some("الجاري" | "الحالي")) {
            return Some(Core {
                ts: i,
                te: j + 1,
                s,
                d: Some(d),
                rel_month: Some(0),
                ..Default::default()
            });
        }
        if saw_min && self.word(j) == Some("الشهر") {
            if let Some((e, v)) = self.lx.suffix.num(self, j + 1, None) {
                return Some(Core {
                    ts: i,
                    te: e,
                    s,
                    d: Some(d),
                    rel_month: Some(v.signum()),
                    ..Default::default()
                });
            }
        }
        None
    }

    /// Month first: `February 9, 2026`, `سبتمبر 17 2024`, `مارس 21، 2012`, `أكتوبر 2016`,
    /// `يناير الماضي`.
    fn mdy(&self, i: usize) -> Option<Core> {
        let (j, m, hijri) = self.month(i)?;
        let base = Core {
            ts: i,
            te: j,
            s: self.start(i),
            m: Some(m),
            hijri,
            ..Default::default()
        };
        if let Some((k, d, _)) = self.day_num(j).filter(|_| self.word(j) != Some("ال")) {
            let yi = if matches!(self.punct(k), Some(',' | '،')) {
                k + 1
            } else {
                k
            };
            if let Some((e, y, _)) = self.year(yi, hijri) {
                if !hijri && d > days_in_month(2000, m) {
                    return None;
                }
                return Some(Core {
                    te: e,
                    y: Some(y),
                    d: Some(d),
                    ..base
                });
            }
        }
        if let Some((e, y)) = self.year_after(j, hijri) {
            return Some(Core {
                te: e,
                y: Some(y),
                ..base
            });
        }
        if let Some((e, v)) = self.lx.suffix.num(self, j, None) {
            return Some(Core {
                te: e,
                rel_month: Some(v.signum()),
                ..base
            });
        }
        None
    }

    /// `الشهر الماضي`, `الشهر المقبل`, `الشهر الجاري`.
    fn this_month(&self, i: usize) -> Option<Core> {
        let (cut, _) = self.forms(i).into_iter().find(|(_, w)| *w == "الشهر")?;
        let (e, v) = self.lx.suffix.num(self, i + 1, None)?;
        Some(Core {
            ts: i,
            te: e,
            s: self.start(i) + cut,
            rel_month: Some(v.signum()),
            ..Default::default()
        })
    }

    /// The value of a core and whether it is relative.
    fn core_value(&self, c: &Core) -> (Option<String>, bool) {
        if let Some(dir) = c.rel_month {
            let v = self.reference.and_then(|r| {
                if c.hijri {
                    return None;
                }
                let (y, m) = month_resolve(r, c.m, dir);
                match c.d {
                    Some(d) => Date::new(y, m, d).map(Date::iso),
                    None => Some(format!("{y:04}-{m:02}")),
                }
            });
            return (v, true);
        }
        let v = match (c.y, c.m, c.d, c.hijri) {
            (Some(y), Some(m), Some(d), false) => Date::new(y, m, d).map(Date::iso),
            (Some(y), Some(m), Some(d), true) => {
                hijri_days(y, m, d).map(|n| Date::from_days(n).iso())
            }
            (Some(y), Some(m), None, false) => Some(format!("{y:04}-{m:02}")),
            (None, Some(m), Some(d), false) if d <= days_in_month(2000, m) => {
                Some(format!("--{m:02}-{d:02}"))
            }
            _ => None,
        };
        (v, false)
    }

    // --- dual dates

    /// Two full dates of different calendars side by side (`… الموافق …`): same value.
    fn align_duals(&self, hits: &mut [Hit]) {
        for k in 1..hits.len() {
            let (a, b) = (&hits[k - 1], &hits[k]);
            if a.hijri == b.hijri || a.relative || b.relative {
                continue;
            }
            let between_ok = (a.te..b.ts).all(|n| {
                self.punct(n).is_some_and(|c| {
                    matches!(
                        c,
                        ',' | '،' | '-' | '–' | '—' | '|' | '/' | '(' | ')' | '.' | '\\'
                    )
                }) || matches!(
                    self.word(n),
                    Some("الموافق" | "الموافقه" | "ل" | "و" | "م" | "ه")
                )
            });
            if !between_ok || b.ts.saturating_sub(a.te) > 4 {
                continue;
            }
            let day = |h: &Hit| {
                h.value
                    .as_deref()
                    .and_then(|v| v.get(..10))
                    .and_then(Date::parse_iso)
            };
            let (g, h) = if a.hijri { (k, k - 1) } else { (k - 1, k) };
            match (day(&hits[g]), day(&hits[h])) {
                (Some(gd), Some(hd)) if (gd.to_days() - hd.to_days()).abs() <= 2 => {
                    hits[h].value = Some(gd.iso())
                }
                (Some(gd), None) if hits[h].value.is_none() => hits[h].value = Some(gd.iso()),
                (None, Some(hd)) => {
                    let md = hits[g]
                        .value
                        .as_deref()
                        .and_then(|v| v.strip_prefix("--"))
                        .and_then(|v| {
                            let (m, d) = v.split_once('-')?;
                            Some((m.parse::<u8>().ok()?, d.parse::<u8>().ok()?))
                        });
                    if let Some((m, d)) = md {
                        let near = (-2..=2).any(|o| {
                            let x = hd.add_days(o);
                            (x.month, x.day) == (m, d)
                        });
                        if near {
                            hits[g].value = Date::new(hd.year, m, d).or(Some(hd)).map(Date::iso);
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// 24-hour hour for `h` with a day period (`a` am, `p` pm, `n` noon words, `l` night words).
fn apply_period(h: u8, p: &str) -> u8 {
    if h > 12 {
        return h;
    }
    match p {
        "a" => h % 12,
        "p" => h % 12 + 12,
        "n" => {
            if (1..=5).contains(&h) {
                h + 12
            } else {
                h
            }
        }
        "l" => {
            if (6..=11).contains(&h) {
                h + 12
            } else {
                h % 12
            }
        }
        _ => h,
    }
}

/// The weekday `wd` relative to `r`: `dir` < 0 (alone or "last"): the latest on or before `r`;
/// `dir` > 0 ("next"): the earliest after `r`.
fn weekday_resolve(r: Date, wd: u8, dir: i32) -> Date {
    let cur = i64::from(r.weekday());
    let wd = i64::from(wd);
    if dir > 0 {
        let k = (wd - cur).rem_euclid(7);
        r.add_days(if k == 0 { 7 } else { k })
    } else {
        r.add_days(-(cur - wd).rem_euclid(7))
    }
}

/// The month meant by a relative month: `m` None = `الشهر` (the reference's month + `dir`);
/// a named month: last = the latest strictly before the reference's month, next = the earliest
/// strictly after, current = the reference's year.
fn month_resolve(r: Date, m: Option<u8>, dir: i32) -> (i32, u8) {
    match m {
        None => {
            let idx = r.year * 12 + i32::from(r.month) - 1 + dir;
            (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u8)
        }
        Some(m) => {
            let y = r.year;
            match dir.signum() {
                -1 => (if m < r.month { y } else { y - 1 }, m),
                1 => (if m > r.month { y } else { y + 1 }, m),
                _ => (y, m),
            }
        }
    }
}

#[cfg(test)]
#[path = "../tests/dates_battery.rs"]
mod battery;

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(s: &str, r: Option<&str>) -> Vec<DateMention> {
        scan(s, [0, s.len()], r.and_then(Date::parse_iso))
    }

    #[test]
    fn battery() {
        let mut failures = Vec::new();
        for case in battery::CASES {
            let got = whole(case.s, (!case.r.is_empty()).then_some(case.r));
            let got: Vec<(String, Option<String>, bool, bool)> = got
                .iter()
                .map(|m| {
                    (
                        m.text.clone(),
                        m.value.clone(),
                        m.calendar == Calendar::Hijri,
                        m.relative,
                    )
                })
                .collect();
            let want: Vec<(String, Option<String>, bool, bool)> = case
                .m
                .iter()
                .map(|m| {
                    (
                        m.0.to_string(),
                        (!m.1.is_empty()).then(|| m.1.to_string()),
                        m.2,
                        m.3,
                    )
                })
                .collect();
            if got != want {
                failures.push(format!(
                    "{}\n   ref {:?}\n  want {:?}\n   got {:?}",
                    case.s, case.r, want, got
                ));
            }
            for m in whole(case.s, (!case.r.is_empty()).then_some(case.r)) {
                assert_eq!(&case.s[m.span[0]..m.span[1]], m.text);
            }
        }
        let n: usize = battery::CASES.iter().map(|c| c.m.len()).sum();
        assert!(
            battery::CASES.len() >= 150,
            "battery has {} cases",
            battery::CASES.len()
        );
        assert!(
            failures.is_empty(),
            "{} of {} cases ({} expressions) failed:\n{}",
            failures.len(),
            battery::CASES.len(),
            n,
            failures.join("\n")
        );
    }

    /// Prints the mentions of every line of the file named by `MAQAL_DATES_PROBE` (a developer's
    /// tool: `MAQAL_DATES_PROBE=f.txt cargo test --lib probe -- --ignored --nocapture`).
    #[test]
    #[ignore]
    fn probe() {
        let Ok(path) = std::env::var("MAQAL_DATES_PROBE") else {
            return;
        };
        let text = std::fs::read_to_string(path).unwrap();
        let reference = std::env::var("MAQAL_DATES_REF")
            .ok()
            .and_then(|r| Date::parse_iso(&r));
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            println!("{line}");
            for m in whole(line, None).iter().chain(
                reference
                    .map(|r| scan(line, [0, line.len()], Some(r)))
                    .iter()
                    .flatten()
                    .filter(|m| m.relative),
            ) {
                println!(
                    "    [{}] {:?} {:?} rel={}",
                    m.text, m.value, m.calendar, m.relative
                );
            }
        }
    }

    #[test]
    fn spans_are_absolute_and_inside_the_paragraph() {
        let input = "عنوان\n\nوقال أمس الثلاثاء إن الاجتماع في ٤ يوليو.\n\nذيل 5 يناير";
        let a = input.find("وقال").unwrap();
        let b = input[a..].find('\n').unwrap() + a;
        let ms = scan(input, [a, b], Date::parse_iso("2024-06-12"));
        assert_eq!(ms.len(), 2);
        assert_eq!(&input[ms[0].span[0]..ms[0].span[1]], "أمس الثلاثاء");
        assert_eq!(ms[0].value.as_deref(), Some("2024-06-11"));
        assert_eq!(&input[ms[1].span[0]..ms[1].span[1]], "٤ يوليو");
        assert!(ms.iter().all(|m| m.span[0] >= a && m.span[1] <= b));
    }

    #[test]
    fn umm_al_qura_check_dates() {
        let contents = lexicon::FILES
            .iter()
            .find(|(n, _)| *n == "dates_hijri_ummalqura.txt")
            .map_or("", |(_, c)| *c);
        let mut n = 0;
        for line in lexicon::entries(contents) {
            let (h, g) = line.split_once('\t').unwrap();
            let p: Vec<i32> = h.split('-').map(|x| x.parse().unwrap()).collect();
            let got = hijri_to_gregorian(p[0], p[1] as u8, p[2] as u8).map(Date::iso);
            assert_eq!(got.as_deref(), Some(g), "{h}");
            n += 1;
        }
        assert!(n >= 100, "{n} check dates");
        // Known days (KACST / ummulqura.org.sa).
        assert_eq!(hijri_to_gregorian(1446, 6, 1).unwrap().iso(), "2024-12-02");
        assert_eq!(hijri_to_gregorian(1446, 8, 27).unwrap().iso(), "2025-02-26");
        assert!(hijri_to_gregorian(1446, 5, 30).is_none());
        // Outside the KACST range: the tabular calendar; outside 1–1700: nothing.
        assert!(hijri_to_gregorian(1250, 1, 1).is_some());
        assert!(hijri_to_gregorian(1650, 1, 1).is_some());
        assert!(hijri_to_gregorian(0, 1, 1).is_none());
        assert!(hijri_to_gregorian(1800, 1, 1).is_none());
        assert!(hijri_to_gregorian(1445, 13, 1).is_none());
    }

    #[test]
    fn lexicon_files_are_listed_and_folded() {
        for name in [
            "dates_months_gregorian.txt",
            "dates_months_gregorian_extra.txt",
            "dates_months_hijri.txt",
            "dates_months_hijri_extra.txt",
            "dates_weekdays.txt",
            "dates_weekdays_extra.txt",
            "dates_relative_days.txt",
            "dates_relative_suffixes.txt",
            "dates_ordinals.txt",
            "dates_hours.txt",
            "dates_day_periods.txt",
            "dates_time_zones.txt",
            "dates_labels.txt",
            "dates_hijri_ummalqura.txt",
        ] {
            let c = lexicon::FILES
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, c)| *c);
            let c = c.unwrap_or_else(|| panic!("{name} not in lexicon::FILES"));
            let es: Vec<&str> = lexicon::entries(c).collect();
            assert!(!es.is_empty(), "{name}");
            for e in &es {
                let key = e.split('\t').next().unwrap();
                assert_eq!(crate::normalize::fold(key), key, "{name}");
            }
            assert!(
                es.windows(2).all(|w| w[0].as_bytes() < w[1].as_bytes()),
                "{name} sorted/unique"
            );
        }
        // Each month number 1–12 and each weekday 0–6 is there.
        let lx = lexicons();
        for (lex, n) in [(&lx.greg, 12), (&lx.hijri, 12), (&lx.weekdays, 7)] {
            let mut seen = std::collections::HashSet::new();
            for v in &lex.entries {
                seen.insert(v.2);
            }
            assert_eq!(seen.len(), n);
        }
    }

    #[test]
    fn line_coverage_tells_date_lines() {
        let l = "نشر في 17-11-2022 | 21:20";
        let c = line_coverage(l, [0, l.len()], None);
        assert_eq!(c.mentions.len(), 1);
        assert_eq!(c.other_chars, 0);
        assert!(c.is_date_line());
        let l = "تاريخ النشر: ١٣ أكتوبر ٢٠٢٤ - ١٣:٢٥";
        assert!(is_date_line(l, [0, l.len()]));
        let l = "الإثنين 15 ديسمبر 2025 04:24 صـ 24 جمادى آخر 1447 هـ";
        assert!(is_date_line(l, [0, l.len()]));
        let l = "وقال الوزير أمس الثلاثاء إن المحادثات مستمرة";
        let c = line_coverage(l, [0, l.len()], None);
        assert_eq!(c.mentions.len(), 1);
        assert!(!c.is_date_line());
        let l = "عدد القراءات 2129";
        assert!(!is_date_line(l, [0, l.len()]));
        assert!(!is_date_line("", [0, 0]));
    }

    /// Never panics, whatever the input; stays linear.
    #[test]
    fn total_on_hostile_input() {
        let reference = Date::parse_iso("2024-06-12");
        let digits = "7".repeat(1 << 20);
        let slashes = "/".repeat(100_000);
        let mixed = "12/".repeat(50_000);
        let words = "الأحد ".repeat(50_000);
        let dates = "الأحد، 29 نوفمبر 2026 10:00 ص ".repeat(5_000);
        let colons = "1:".repeat(100_000);
        let arabic_digits = "٢٠٢٤-".repeat(50_000);
        for s in [
            &digits,
            &slashes,
            &mixed,
            &words,
            &dates,
            &colons,
            &arabic_digits,
        ] {
            let ms = scan(s, [0, s.len()], reference);
            for m in &ms {
                assert_eq!(&s[m.span[0]..m.span[1]], m.text);
            }
            let _ = line_coverage(s, [0, s.len()], reference);
        }
        assert_eq!(scan(&dates, [0, dates.len()], None).len(), 5_000);
        // Bad spans.
        let s = "٤ يوليو";
        assert!(scan(s, [1, 3], None).is_empty());
        assert!(scan(s, [5, 2], None).is_empty());
        assert!(scan(s, [0, 1000], None).len() == 1);
        assert!(scan(s, [1000, 2000], None).is_empty());
    }

    #[test]
    fn random_bytes_never_panic() {
        // A small deterministic generator (xorshift) over bytes and over date-ish characters.
        let alphabet: Vec<char> = "0123456789٠١٢٣٤٥٦٧٨٩۱۲/-.:،,() TtZz+صمهـ يناير كانون الثاني الأحد أمس اليوم غدا الساعة بتوقيت غرينتش من الموافق جمادى الآخرة شهر الماضي السابع\u{200f}\u{64b}\n".chars().collect();
        let mut x: u64 = 0x9E3779B97F4A7C15;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..3000 {
            let len = (next() % 80) as usize;
            let bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
            let s = String::from_utf8_lossy(&bytes).into_owned();
            let _ = scan(&s, [0, s.len()], Date::parse_iso("2024-06-12"));
            let s: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            for r in [None, Date::parse_iso("2024-02-29")] {
                for m in scan(&s, [0, s.len()], r) {
                    assert_eq!(&s[m.span[0]..m.span[1]], m.text, "{s:?}");
                    assert!(!m.text.is_empty(), "{s:?}");
                }
            }
        }
    }
}
