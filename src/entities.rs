//! Named entities (contract: Entity): people with their roles, places and organisations.
//!
//! Rules over gazetteers, in one linear pass per paragraph plus one propagation pass:
//! 1. every paragraph is folded ([`Folded`]) and cut into tokens (words, numbers, punctuation;
//!    a change of script also cuts, so `وDell` gives `و` + `Dell`);
//! 2. candidates: gazetteer phrases (places, organisations, well-known people), with the clitics
//!    و ف ب ل ك (and `لل` = ل + ال) stripped from the first word; people after a title phrase
//!    (`رئيس الوزراء الإسرائيلي بنيامين نتنياهو`), an honorific (`السيد`, `د.`), a speech verb
//!    (`قال بلينكن`) or a given name; organisations after a head (`وزارة`, `حركة`, `وكالة` …);
//!    places after a head (`مدينة`, `محافظة` …); Latin-script names (`CNN`) as organisations;
//!    also: a name before its role in apposition (`X، وزير …`), two unknown foreign-looking words
//!    (nameness model), a quoted name after an organisation head (`شركة « … »`), a head + place or
//!    ruler's name as one organisation (`جامعة طوكيو`, `مطار الملك خالد`);
//!    in a person context (title, honorific, speech verb, nationality, a given name) the word after a
//!    given name continues the name even when unknown (`السيد أحمد عويضة`); `X بن` before a found
//!    name joins it (`عبدالعزيز بن تركي الفيصل`); a name right after a place head is the place
//!    (`قرية أبو غوش`, `شارع الشيخ محمد بن زايد`), as are compound village names (`قرية كفر عانة`);
//!    places and organisations right after an event head are part of the event (`كأس آسيا`); a lone
//!    city name the place lists do not know needs a place context (`في`، `قرب`، a dateline, a list);
//!    `السعودية`/`سورية` agreeing with the noun before them are adjectives;
//! 3. the best non-overlapping candidates win (specific before generic, longer before shorter);
//!    then lists: a name-like run joined to a chosen person by `،` or `و` is a person too;
//! 4. every word-level part of a found name is then a mention wherever it occurs in the article
//!    (`بلينكن`, `لبلينكن`; a lone part takes a known name word beside it), and mentions group into
//!    entities named by their longest form;
//! 5. roles: the title phrase before the name, or one in apposition after any mention.
//!
//! Word lists: `src/lexicon/ent_*.txt` (see their headers for sources and licences). All loops are
//! bounded by a constant number of lookups per token: cost is linear in the text.

use crate::lexicon;
use crate::model::{Entity, EntityKind, Text};
use crate::normalize::Folded;
use std::collections::HashMap as StdHashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// FxHash-style hasher: a few multiply-rotate steps per 8 bytes, much faster than SipHash on the
/// short word keys looked up here (no untrusted-key DoS concern: keys are words of one article,
/// and every loop is bounded anyway).
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut h = self.0;
        let mut c = bytes.chunks_exact(8);
        for w in &mut c {
            h = (h.rotate_left(5) ^ u64::from_le_bytes(w.try_into().unwrap_or([0; 8]))).wrapping_mul(K);
        }
        let r = c.remainder();
        if !r.is_empty() {
            let mut b = [0u8; 8];
            b[..r.len()].copy_from_slice(r);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(K);
        }
        self.0 = h;
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    #[inline]
    fn finish(&self) -> u64 {
        // final avalanche, so that the low bits (the bucket index) depend on every byte
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^ (h >> 33)
    }
}

type HashMap<K, V> = StdHashMap<K, V, BuildHasherDefault<FxHasher>>;

fn new_map<K, V>(cap: usize) -> HashMap<K, V> {
    HashMap::with_capacity_and_hasher(cap, Default::default())
}

// ---------------------------------------------------------------------------------------------
// Lexicon

const GIVEN: u32 = 1;
const GIVEN_AMB: u32 = 1 << 1;
const PEOPLE: u32 = 1 << 2;
const TITLE: u32 = 1 << 3;
const HONOR: u32 = 1 << 4;
const SPEECH: u32 = 1 << 5;
const ORG_HEAD: u32 = 1 << 6;
const ORG: u32 = 1 << 7;
const PLACE_HEAD: u32 = 1 << 8;
const NISBA: u32 = 1 << 9;
const PLACE: u32 = 1 << 10;
const CITY: u32 = 1 << 11;
const PART: u32 = 1 << 12;
const COMMON: u32 = 1 << 13;
const SURNAME: u32 = 1 << 14;
const DESC_HEAD: u32 = 1 << 15;
const EVENT: u32 = 1 << 16;

const LEX_FILES: &[(&str, u32)] = &[
    ("ent_given.txt", GIVEN),
    ("ent_given_ambiguous.txt", GIVEN_AMB),
    ("ent_people.txt", PEOPLE),
    ("ent_titles.txt", TITLE),
    ("ent_honorifics.txt", HONOR),
    ("ent_speech.txt", SPEECH),
    ("ent_org_heads.txt", ORG_HEAD),
    ("ent_orgs.txt", ORG),
    ("ent_place_heads.txt", PLACE_HEAD),
    ("ent_nisba.txt", NISBA),
    ("ent_places.txt", PLACE),
    ("ent_cities.txt", CITY),
    ("ent_name_parts.txt", PART),
    ("ent_common.txt", COMMON),
    ("ent_surnames.txt", SURNAME),
    ("ent_descriptor_heads.txt", DESC_HEAD),
    ("ent_event_heads.txt", EVENT),
];

/// Words that link the parts of a name (`بن`, `عبد`, `أبو`, `آل`), folded.
const CONNECTORS: &[&str] = &["ابن", "ابو", "ابي", "ابا", "ال", "بن", "بنت", "عبد", "ام"];

/// Definite words that end a role or organisation phrase (time words, relative pronouns).
const PHRASE_STOPS: &[&str] = &[
    "الان", "اليوم", "الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "الماضي", "الماضيه",
    "المقبل", "المقبله", "القادم", "القادمه", "الجاري", "الخميس", "الجمعه", "السبت", "الاحد",
    "الاثنين", "الثلاثاء", "الاربعاء", "الي", "الا", "الف", "اللذان", "اللتان",
];

/// Indefinite words that may continue a role phrase (`وزير خارجية مصر`, `المتحدث باسم`).
const ROLE_WORDS: &[&str] = &[
    "خارجيه", "دفاع", "داخليه", "وزراء", "حكومه", "مجلس", "لجنه", "باسم", "لشؤون", "لشئون", "عام",
    "اعلي", "سابق", "الاسبق", "عسكري", "حزب", "حركه", "جيش", "منظمه", "وزاره", "هيئه", "مكتب",
    "شؤون", "شئون", "رئيس", "باعمال", "ماليه", "عدل", "اقتصاد", "خزانه", "صحه", "تعليم", "اعلام",
];

/// Nameness both words need for an unknown two-word name.
const FOREIGN_MIN: i32 = 100;

/// Particles inside foreign names (جان مارك دو لا سابليير، فان نيستلروي).
const FOREIGN_LINKS: &[&str] = &["دو", "دي", "دا", "دوس", "ديل", "دير", "فان", "فون", "لا", "لو", "ده"];

/// Ordinals that may follow a ruler's or pope's name (`عبدالله الثاني`, `محمد السادس`).
const ORDINALS: &[&str] = &[
    "الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع",
    "العاشر", "عشر",
];

struct Lex {
    map: HashMap<&'static str, u32>,
    /// Nameness model: character n-gram → weight × 100 (`ent_nameness.txt`).
    nameness: HashMap<&'static str, i32>,
    /// The same n-grams (2 to 4 characters, each in U+0001..U+FFFF) packed 16 bits a character
    /// into one integer: no string hashing or comparing per lookup.
    grams: HashMap<u64, i32>,
    /// The word-length features `#0` … `#9`.
    lens: [i32; 10],
    bias: i32,
    /// Longest phrase (in words) among places, organisations and people.
    max_words: usize,
}

fn lex() -> &'static Lex {
    static LEX: OnceLock<Lex> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut map: HashMap<&'static str, u32> = new_map(24_000);
        let mut max_words = 1;
        for (name, flag) in LEX_FILES {
            let Some((_, contents)) = lexicon::FILES.iter().find(|(n, _)| n == name) else { continue };
            for e in lexicon::entries(contents) {
                *map.entry(e).or_insert(0) |= *flag;
                if flag & (ORG | PLACE | CITY | PEOPLE) != 0 {
                    max_words = max_words.max(e.split(' ').count());
                }
            }
        }
        let mut nameness = new_map(12_000);
        let mut bias = 0;
        if let Some((_, contents)) = lexicon::FILES.iter().find(|(n, _)| *n == "ent_nameness.txt") {
            for e in lexicon::entries(contents) {
                let Some((f, w)) = e.rsplit_once(' ') else { continue };
                let Ok(w) = w.parse::<i32>() else { continue };
                if f == "^bias" {
                    bias = w;
                } else {
                    nameness.insert(f, w);
                }
            }
        }
        let mut grams = new_map(nameness.len());
        let mut lens = [0; 10];
        for (&f, &w) in &nameness {
            if let Some(k) = f.strip_prefix('#').and_then(|d| d.parse::<usize>().ok()).filter(|&d| d < 10 && f.len() == 2) {
                lens[k] = w;
            }
            // Every key, the length features too: a word may hold "#5" as an n-gram.
            if let Some(key) = pack(f.chars()) {
                grams.insert(key, w);
            }
        }
        Lex { map, nameness, grams, lens, bias, max_words: max_words.min(8) }
    })
}

/// A 2- to 4-character n-gram packed 16 bits a character (None for other lengths, NUL or
/// characters above U+FFFF, which then go through the string map).
fn pack(chars: impl Iterator<Item = char>) -> Option<u64> {
    let mut key = 0u64;
    let mut n = 0;
    for c in chars {
        let u = c as u32;
        if n == 4 || u == 0 || u > 0xFFFF {
            return None;
        }
        key |= (u as u64) << (16 * n);
        n += 1;
    }
    (n >= 2).then_some(key)
}

impl Lex {
    /// Nameness score of a folded word (> 0: looks like part of a person's name): the same sum
    /// as [`Lex::nameness_str`], over packed n-grams.
    fn nameness(&self, w: &str) -> i32 {
        // The characters of "^" + w + "$", cut where `nameness_str` cuts long words.
        let mut cs = [0u32; 48];
        let (mut len, mut chars) = (1usize, 1usize);
        cs[0] = '^' as u32;
        for c in w.chars() {
            let n = c.len_utf8();
            if len + n + 1 > 96 || chars + 3 > 48 {
                break;
            }
            let u = c as u32;
            if u == 0 || u > 0xFFFF {
                return self.nameness_str(w);
            }
            cs[chars] = u;
            len += n;
            chars += 1;
        }
        cs[chars] = '$' as u32;
        chars += 1;
        let mut total = self.bias;
        for n in 2..=4 {
            for a in 0..(chars + 1).saturating_sub(n) {
                let mut key = 0u64;
                for (j, &u) in cs[a..a + n].iter().enumerate() {
                    key |= (u as u64) << (16 * j);
                }
                total += self.grams.get(&key).copied().unwrap_or(0);
            }
        }
        total + self.lens[(chars - 2).min(9)]
    }

    /// Nameness over string n-grams: for words with characters the packed keys cannot hold.
    fn nameness_str(&self, w: &str) -> i32 {
        // "^" + w + "$" in a stack buffer (long words are cut: they are scored on their start)
        let mut buf = [0u8; 96];
        let mut idx = [0usize; 48];
        let mut len = 0;
        let mut chars = 0;
        buf[0] = b'^';
        idx[0] = 0;
        len += 1;
        chars += 1;
        for c in w.chars() {
            let n = c.len_utf8();
            if len + n + 1 > buf.len() || chars + 3 > idx.len() {
                break;
            }
            idx[chars] = len;
            c.encode_utf8(&mut buf[len..len + n]);
            len += n;
            chars += 1;
        }
        idx[chars] = len;
        buf[len] = b'$';
        len += 1;
        chars += 1;
        idx[chars] = len;
        let Ok(s) = std::str::from_utf8(&buf[..len]) else { return self.bias };
        let mut total = self.bias;
        for n in 2..=4 {
            for a in 0..(chars + 1).saturating_sub(n) {
                total += self.nameness.get(&s[idx[a]..idx[a + n]]).copied().unwrap_or(0);
            }
        }
        const LENS: [&str; 10] = ["#0", "#1", "#2", "#3", "#4", "#5", "#6", "#7", "#8", "#9"];
        let wl = (chars - 2).min(9);
        total + self.nameness.get(LENS[wl]).copied().unwrap_or(0)
    }

    #[inline]
    fn get(&self, s: &str) -> u32 {
        self.map.get(s).copied().unwrap_or(0)
    }
}

// ---------------------------------------------------------------------------------------------
// Tokens

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Script {
    Arabic,
    Latin,
    Digit,
    Punct,
}

#[derive(Clone, Debug)]
struct Tok {
    /// Folded byte range in its paragraph's folded text.
    s: usize,
    e: usize,
    script: Script,
    /// Paragraph index.
    para: usize,
    /// The token is glued to the previous one (no space between), e.g. `و` + `Dell`.
    glued: bool,
}

fn script_of(c: char) -> Script {
    if c.is_ascii_digit() {
        Script::Digit
    } else if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) {
        Script::Latin
    } else if ('\u{0621}'..='\u{064A}').contains(&c) || ('\u{066E}'..='\u{06D3}').contains(&c) || ('\u{06FA}'..='\u{06FF}').contains(&c) {
        Script::Arabic
    } else if c.is_alphanumeric() {
        Script::Latin
    } else {
        Script::Punct
    }
}

fn tokenize(text: &str, para: usize, out: &mut Vec<Tok>) {
    let mut cur: Option<(usize, Script)> = None;
    let mut prev_end: Option<usize> = None;
    let push = |s: usize, e: usize, script: Script, out: &mut Vec<Tok>, prev_end: &mut Option<usize>| {
        let glued = *prev_end == Some(s);
        out.push(Tok { s, e, script, para, glued });
        *prev_end = Some(e);
    };
    for (i, c) in text.char_indices() {
        let sc = if c == ' ' { None } else { Some(script_of(c)) };
        if let Some((start, cs)) = cur {
            if sc != Some(cs) || cs == Script::Punct {
                push(start, i, cs, out, &mut prev_end);
                cur = None;
            }
        }
        if let Some(sc) = sc {
            if cur.is_none() {
                cur = Some((i, sc));
            }
        }
    }
    if let Some((start, cs)) = cur {
        push(start, text.len(), cs, out, &mut prev_end);
    }
}

/// One way to read a word: the clitic prefix length (folded bytes) and the stem.
#[derive(Clone, Debug)]
struct Variant {
    prefix: usize,
    stem: String,
    /// The stem is `ال` + the rest after a `لل` prefix: not a slice of the text.
    rebuilt: bool,
    /// Lexicon flags of the stem.
    flag: u32,
}

fn starts_with_any(w: &str, letters: &[char]) -> Option<char> {
    let c = w.chars().next()?;
    letters.contains(&c).then_some(c)
}

/// The readings of a folded Arabic word: as is, and with the proclitics و/ف then ب/ل/ك removed.
fn variants(w: &str) -> Vec<Variant> {
    let mut out = vec![Variant { prefix: 0, stem: w.to_string(), rebuilt: false, flag: 0 }];
    let letters = w.chars().count();
    let mut bases = vec![(0usize, w)];
    if letters >= 4 {
        if let Some(c) = starts_with_any(w, &['و', 'ف']) {
            let n = c.len_utf8();
            out.push(Variant { prefix: n, stem: w[n..].to_string(), rebuilt: false, flag: 0 });
            bases.push((n, &w[n..]));
        }
    }
    for (p, b) in bases {
        if b.chars().count() < 4 {
            continue;
        }
        if let Some(c) = starts_with_any(b, &['ب', 'ل', 'ك']) {
            let n = c.len_utf8();
            let rest = &b[n..];
            if c == 'ل' && rest.starts_with('ل') && !rest.starts_with("ال") {
                out.push(Variant { prefix: p + n, stem: format!("ا{rest}"), rebuilt: true, flag: 0 });
            } else {
                out.push(Variant { prefix: p + n, stem: rest.to_string(), rebuilt: false, flag: 0 });
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Candidates

#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
enum Kind {
    Person,
    Place,
    Org,
}

#[derive(Clone, Debug)]
struct Cand {
    /// Token range (end exclusive).
    a: usize,
    b: usize,
    /// Clitic prefix bytes (folded) stripped from token `a`.
    prefix: usize,
    kind: Kind,
    score: u32,
    /// Which rule found it (for measurement).
    src: &'static str,
}

struct Doc<'a> {
    input: &'a str,
    folded: Vec<Folded>,
    toks: Vec<Tok>,
    /// Flags of each token's readings: (variant, flags).
    vars: Vec<Vec<Variant>>,
    /// Nameness score of each token as written (0 for non-Arabic tokens).
    nameness: Vec<i32>,
}

impl<'a> Doc<'a> {
    fn word(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => &self.folded[t.para].text[t.s..t.e],
            None => "",
        }
    }

    fn is_word(&self, i: usize) -> bool {
        i < self.toks.len() && matches!(self.toks[i].script, Script::Arabic | Script::Latin)
    }

    fn is_arabic(&self, i: usize) -> bool {
        i < self.toks.len() && self.toks[i].script == Script::Arabic
    }

    /// Flags of the word as written (no clitic removed).
    fn flags(&self, i: usize) -> u32 {
        self.vars.get(i).and_then(|v| v.first()).map(|v| v.flag).unwrap_or(0)
    }

    /// The first reading (as written first, then clitics removed) that has one of `mask`.
    fn reading(&self, i: usize, mask: u32) -> Option<&Variant> {
        self.vars.get(i)?.iter().find(|v| v.flag & mask != 0)
    }

    /// Tokens `i` and `i + 1` are in the same paragraph with only a space between them.
    fn joined(&self, i: usize) -> bool {
        let (a, b) = (&self.toks[i], self.toks.get(i + 1));
        match b {
            Some(b) => a.para == b.para && !b.glued && b.s == a.e + 1,
            None => false,
        }
    }

    fn punct(&self, i: usize) -> Option<&str> {
        (i < self.toks.len() && self.toks[i].script == Script::Punct).then(|| self.word(i))
    }

    /// Original byte range of tokens a..b, skipping `prefix` folded bytes of token a.
    fn orig(&self, a: usize, b: usize, prefix: usize) -> (usize, usize) {
        let ta = &self.toks[a];
        let tb = &self.toks[b - 1];
        let f = &self.folded[ta.para];
        f.orig_range(ta.s + prefix, tb.e)
    }

    fn text(&self, a: usize, b: usize, prefix: usize) -> &'a str {
        let (s, e) = self.orig(a, b, prefix);
        self.input.get(s..e).unwrap_or("")
    }
}

fn is_definite(w: &str) -> bool {
    w.starts_with("ال") && w.chars().count() > 3
}

/// `لل…`/`بال…`/`وال…`-type words: a proclitic then the article.
fn is_prefixed_definite(d: &Doc, i: usize) -> bool {
    d.vars[i].iter().any(|v| v.prefix > 0 && is_definite(&v.stem))
}

fn is_phrase_stop(w: &str) -> bool {
    PHRASE_STOPS.contains(&w)
}

/// Can the word continue a role phrase?
fn role_continues(d: &Doc, i: usize) -> bool {
    if !d.is_arabic(i) {
        return false;
    }
    let w = d.word(i);
    if is_phrase_stop(w) {
        return false;
    }
    let f = d.flags(i);
    if f & NISBA != 0 || ROLE_WORDS.contains(&w) {
        return true;
    }
    if is_definite(w) {
        // الرئيس الأسد: a definite word that is a name ends the title
        return !(f & SURNAME != 0 || (f & (COMMON | PART) == 0 && d.nameness[i] > 150 && !(i + 1 < d.toks.len() && d.joined(i) && is_definite(d.word(i + 1)))));
    }
    // للشرق، للوكالة، والهجرة (و + ال only for a ministry's second portfolio)
    for v in &d.vars[i][1..] {
        if is_definite(&v.stem) && !is_phrase_stop(&v.stem) {
            let first = d.word(i).chars().next();
            if first == Some('و') || first == Some('ف') {
                return d.flags_of_stem(&v.stem) & (TITLE | COMMON) == 0 || v.stem == "الهجره";
            }
            return true;
        }
    }
    f & (PLACE | CITY | ORG) != 0
}

impl<'a> Doc<'a> {
    fn flags_of_stem(&self, s: &str) -> u32 {
        lex().get(s)
    }
}

/// A title phrase starting at `i` (the head may carry و/ف only when `allow_clitic`): its end.
fn role_phrase(d: &Doc, i: usize, allow_clitic: bool) -> Option<(usize, usize)> {
    if !d.is_arabic(i) {
        return None;
    }
    let prefix = if d.flags(i) & TITLE != 0 {
        0
    } else if allow_clitic {
        let v = d.vars[i].iter().find(|v| v.prefix > 0 && lex().get(&v.stem) & TITLE != 0)?;
        if !matches!(d.word(i).chars().next(), Some('و') | Some('ف')) || v.prefix > 2 {
            return None;
        }
        v.prefix
    } else {
        return None;
    };
    let mut j = i + 1;
    while j < d.toks.len() && j < i + 10 && d.joined(j - 1) && role_continues(d, j) {
        j += 1;
    }
    Some((prefix, j))
}

/// Does the word look like part of a name (for continuing a name)?
fn name_continues(d: &Doc, i: usize, prev_given: bool) -> bool {
    if !d.is_word(i) {
        return false;
    }
    if d.toks[i].script == Script::Latin {
        return false;
    }
    let w = d.word(i);
    let f = d.flags(i);
    if f & (TITLE | HONOR | SPEECH | NISBA | ORG_HEAD | PLACE_HEAD) != 0 {
        return false;
    }
    if prev_given && ORDINALS.contains(&w) {
        return true;
    }
    // علي هذا، علي النحو: the preposition على written with ي
    if w == "علي" && d.joined(i) && d.is_arabic(i + 1) && d.flags(i + 1) & COMMON != 0 && d.flags(i + 1) & (GIVEN | PART | SURNAME | PEOPLE) == 0 {
        return false;
    }
    // بوش وبلير: a second name joined by و starts a new name
    if w.starts_with('و') && f & (GIVEN | PART | PEOPLE) == 0 && d.vars[i][1..].iter().any(|v| v.flag & (GIVEN | PART | SURNAME | PEOPLE) != 0) {
        return false;
    }
    // دو، دي، فان، فون، لا inside foreign names, when a name word follows
    if FOREIGN_LINKS.contains(&w) {
        return d.joined(i) && i + 1 < d.toks.len() && d.is_arabic(i + 1) && d.flags(i + 1) & (COMMON | TITLE | NISBA) == 0 && (d.flags(i + 1) & (PART | GIVEN) != 0 || d.nameness[i + 1] > 0);
    }
    if f & (GIVEN | PART | GIVEN_AMB | PEOPLE | SURNAME) != 0 && (f & COMMON == 0 || prev_given) {
        return true;
    }
    if f & COMMON != 0 || is_phrase_stop(w) {
        return false;
    }
    if is_definite(w) {
        // family names: البوسعيدي، الظواهري
        return f & (PLACE | CITY | ORG) == 0 && w.chars().count() >= 5 && (f & SURNAME != 0 || d.nameness[i] > if prev_given && i > 0 && d.flags(i - 1) & GIVEN != 0 { -100 } else { 0 } || (w.ends_with('ي') && d.nameness[i] > -150));
    }
    // a clitic on a common word ends the name (بوقف، لإقناع); after a given name an unknown
    // definite reading with a name-like whole word does not (given + فالنتينو: ف + الن…)
    if d.vars[i][1..].iter().any(|v| lex().get(&v.stem) & (COMMON | TITLE | NISBA) != 0 || (is_definite(&v.stem) && !(prev_given && lex().get(&v.stem) == 0 && d.nameness[i] > 150))) {
        return false;
    }
    if accusative(d, i) {
        return false;
    }
    f & (PLACE | CITY | ORG) == 0 && w.chars().count() >= 2 && d.nameness[i] > if prev_given { -100 } else { 0 }
}

/// An indefinite accusative noun or adjective (درسا، عرضا جديدا): a word ending in
/// tanween alif whose base is a known common word, or followed by another such word.
fn accusative(d: &Doc, i: usize) -> bool {
    let w = d.word(i);
    if !w.ends_with('ا') || w.chars().count() < 4 || d.flags(i) & (GIVEN | PART | SURNAME | PEOPLE | GIVEN_AMB) != 0 {
        return false;
    }
    let base = &w[..w.len() - 'ا'.len_utf8()];
    if lex().get(base) & (COMMON | TITLE | NISBA) != 0 {
        return true;
    }
    d.joined(i) && i + 1 < d.toks.len() && d.is_arabic(i + 1) && {
        let x = d.word(i + 1);
        x.ends_with('ا') && !is_definite(x) && d.flags(i + 1) & (GIVEN | PART | SURNAME | PEOPLE) == 0 && x.chars().count() >= 4
    }
}

/// A definite family name of the nisba shape (الدمنهوري، الزبيدي) that the lists do not know as a word.
fn nisba_family(d: &Doc, i: usize) -> bool {
    d.is_arabic(i) && {
        let w = d.word(i);
        is_definite(w) && w.ends_with('ي') && w.chars().count() >= 5 && d.flags(i) & (COMMON | NISBA | PLACE | CITY | ORG | TITLE) == 0 && d.nameness[i] > -150
    }
}

/// Token `a` comes right after the head or inner word of an event name (كأس آسيا، دوري أبطال أوروبا).
fn after_event(d: &Doc, a: usize) -> bool {
    a > 0 && d.joined(a - 1) && d.is_arabic(a - 1) && d.vars[a - 1].iter().any(|v| v.flag & EVENT != 0)
}

const CITY_CTX: bool = true;

/// A place name of the feminine nisba shape (السعودية، سورية) that agrees with the noun before it: an adjective.
fn nisba_adjective(d: &Doc, i: usize, stem: &str) -> bool {
    let Some(masc) = stem.strip_suffix('ه') else { return false };
    if !masc.ends_with('ي') || lex().get(masc) & NISBA == 0 || i == 0 || !d.joined(i - 1) || !d.is_arabic(i - 1) {
        return false;
    }
    let p = d.word(i - 1);
    let pf = d.flags(i - 1);
    is_definite(p) == is_definite(stem) && !PLACE_CUES.contains(&p) && pf & (PLACE | CITY | ORG | TITLE | SPEECH | PLACE_HEAD | ORG_HEAD | PEOPLE | GIVEN) == 0 && !is_phrase_stop(p)
}

/// Token `a` follows a place head, maybe with an honorific or title between (شارع الشيخ محمد بن زايد).
fn after_place_head(d: &Doc, a: usize) -> bool {
    let mut k = a;
    if k >= 2 && d.joined(k - 1) && d.flags(k - 1) & (HONOR | TITLE) != 0 {
        k -= 1;
    }
    k > 0 && d.joined(k - 1) && d.is_arabic(k - 1) && d.vars[k - 1].iter().any(|v| v.flag & PLACE_HEAD != 0)
}

/// First words of compound place names (كفر عانة، بيت لحم، عين الحلوة، دير البلح).
const PLACE_COMPOUNDS: &[&str] = &["كفر", "بيت", "عين", "دير", "تل", "بئر", "بير", "خربه", "برج", "راس", "جسر", "باب", "سيدي", "مرج", "قصر"];

/// Words after which a place name is expected (في، من، إلى، قرب، شمال …).
const PLACE_CUES: &[&str] = &[
    "في", "من", "الي", "عن", "قرب", "نحو", "حول", "داخل", "خارج", "شمال", "جنوب", "شرق", "غرب", "وسط",
    "شمالي", "جنوبي", "شرقي", "غربي", "ضواحي", "انحاء", "ارجاء", "مدينه", "بلده", "عاصمه", "محافظه",
    "ولايه", "اقليم", "منطقه", "مقاطعه", "قريه", "بين", "وفي", "ومن", "والي", "الى", "مدينتي", "بمدينه",
    "مدن", "بمدن", "محافظات", "بمحافظات", "ولايات", "مناطق", "بمناطق", "حي", "احياء", "بلدات", "قري",
    "منطقتي", "محافظتي", "بمحافظه", "بولايه", "عاصمتها", "مدينتا",
];

/// A lone city name is read as a place: after ب (بغداد → ببغداد) or a place cue, at the start of a
/// paragraph (a dateline), or before `،` and a known place (أربيل، العراق).
fn city_context(d: &Doc, i: usize, prefix: usize) -> bool {
    if prefix > 0 && (d.word(i).starts_with('ب') || d.word(i).starts_with("وب")) {
        return true;
    }
    if i == 0 || d.toks[i - 1].para != d.toks[i].para || d.punct(i - 1).is_some() {
        return true;
    }
    if PLACE_CUES.contains(&d.word(i - 1)) {
        return true;
    }
    // a list of places: أسيوط وسوهاج
    if d.joined(i) && d.is_arabic(i + 1) && d.word(i + 1).starts_with('و') && d.vars[i + 1][1..].iter().any(|v| v.flag & (PLACE | CITY) != 0) {
        return true;
    }
    d.punct(i + 1).is_some_and(|p| p == "،" || p == "," || p == "(" || p == "-") && i + 2 < d.toks.len() && d.is_arabic(i + 2) && d.vars[i + 2].iter().any(|v| v.flag & (PLACE | CITY) != 0)
}

/// A word the lists know as part of a name (not a mere look-alike).
fn known_part(d: &Doc, i: usize) -> bool {
    d.is_arabic(i) && {
        let f = d.flags(i);
        f & (PART | GIVEN | GIVEN_AMB | SURNAME | PEOPLE) != 0 && f & (COMMON | TITLE | NISBA | PLACE | CITY | ORG) == 0
    }
}

/// Can the word start a name? `strong`: the context already says a person follows.
fn name_starts(d: &Doc, i: usize, strong: bool) -> bool {
    if !d.is_arabic(i) {
        return false;
    }
    let w = d.word(i);
    let f = d.flags(i);
    if f & (TITLE | HONOR | SPEECH | NISBA | ORG_HEAD | PLACE_HEAD) != 0 || is_phrase_stop(w) {
        return false;
    }
    if f & (GIVEN | PEOPLE) != 0 {
        return true;
    }
    if CONNECTORS.contains(&w) {
        return d.joined(i) && name_continues(d, i + 1, false);
    }
    if f & GIVEN_AMB != 0 {
        return d.joined(i) && (known_part(d, i + 1) || (strong && name_continues(d, i + 1, true)));
    }
    if f & COMMON != 0 || f & (PLACE | CITY | ORG) != 0 {
        return false;
    }
    // بواشنطن، لدينا: a proclitic on a place, a common word or a definite word
    if d.vars[i][1..].iter().any(|v| v.flag & (PLACE | CITY | ORG | COMMON | NISBA | TITLE) != 0 || is_definite(&v.stem)) {
        return false;
    }
    if is_definite(w) {
        // الرئيس الأسد، الشيخ الخراساني
        return strong && f & (PLACE | CITY | ORG) == 0 && (f & SURNAME != 0 || d.nameness[i] > 300);
    }
    if !strong {
        return f & PART != 0;
    }
    name_continues(d, i, false)
}

/// After a speech verb: a definite family name standing alone (وقال الزبيدي، وأشار الكناني).
fn speech_family_name(d: &Doc, i: usize) -> bool {
    if !d.is_arabic(i) {
        return false;
    }
    let w = d.word(i);
    let f = d.flags(i);
    is_definite(w)
        && w.chars().count() >= 5
        && f & (COMMON | PLACE | CITY | ORG | NISBA | TITLE | HONOR | SPEECH | ORG_HEAD | DESC_HEAD | PLACE_HEAD) == 0
        && !is_phrase_stop(w)
        && (f & (SURNAME | PART) != 0 || (w.ends_with('ي') && d.nameness[i] > 0))
        // the article on a common word or a head (التقرير، الوزارة); plurals (المحققون)
        && lex().get(&w["ال".len()..]) & (COMMON | TITLE | ORG_HEAD | DESC_HEAD | PLACE_HEAD | NISBA | SPEECH) == 0
        && (f & (SURNAME | PART) != 0 || !(w.ends_with("ين") || w.ends_with("ون") || w.ends_with("ات")))
        // not the subject of a longer definite phrase (وقال المصدر العسكري)
        && !(d.joined(i) && i + 1 < d.toks.len() && d.is_arabic(i + 1) && is_definite(d.word(i + 1)) && d.flags(i + 1) & (NISBA | COMMON) != 0)
}

/// A list item after a person (`، Y` or `وY`): the end of its name run and the clitic prefix, when
/// the words look like a person's name.
fn list_item(d: &Doc, i: usize, prefix: usize) -> Option<(usize, usize)> {
    if !d.is_arabic(i) {
        return None;
    }
    let v = d.vars[i].iter().find(|v| v.prefix == prefix && !v.rebuilt)?;
    let bad = COMMON | TITLE | NISBA | PLACE | CITY | ORG | SPEECH | HONOR | ORG_HEAD | PLACE_HEAD | DESC_HEAD;
    if v.flag & bad != 0 || is_phrase_stop(&v.stem) || is_definite(&v.stem) || v.stem.chars().count() < 2 {
        return None;
    }
    let named = v.flag & (GIVEN | PEOPLE | PART | SURNAME | GIVEN_AMB) != 0;
    if !named && (if prefix == 0 { d.nameness[i] } else { lex().nameness(&v.stem) }) <= 0 {
        return None;
    }
    let e = name_run(d, i);
    if e <= i || CONNECTORS.contains(&v.stem.as_str()) && e < i + 2 {
        return None;
    }
    if e >= i + 2 || (named && v.flag & GIVEN_AMB == 0 && (e >= d.toks.len() || !d.joined(e - 1))) {
        Some((e, prefix))
    } else {
        None
    }
}

/// In a context that says a person follows (a title, an honorific): the word after a given name
/// continues the name even when the lists do not know it (السيد أحمد عويضة), and a definite
/// nisba after a given name is a family name (ماهر المصري).
fn strong_continues(d: &Doc, k: usize) -> bool {
    if k == 0 || k >= d.toks.len() || !d.joined(k - 1) || !d.is_arabic(k) || !d.is_arabic(k - 1) {
        return false;
    }
    let pf = d.flags(k - 1);
    if pf & GIVEN == 0 || pf & COMMON != 0 {
        return false;
    }
    let w = d.word(k);
    let f = d.flags(k);
    if is_phrase_stop(w) || w.chars().count() < 3 || CONNECTORS.contains(&w) || FOREIGN_LINKS.contains(&w) {
        return false;
    }
    if f & (COMMON | TITLE | HONOR | SPEECH | ORG_HEAD | PLACE_HEAD | DESC_HEAD | PLACE | CITY | ORG | EVENT) != 0 {
        return false;
    }
    if f & NISBA != 0 {
        return STRONG_NISBA && is_definite(w) && w.ends_with('ي') && !(d.joined(k) && k + 1 < d.toks.len() && d.is_arabic(k + 1) && is_definite(d.word(k + 1)) && d.flags(k + 1) & NISBA != 0);
    }
    if d.vars[k][1..].iter().any(|v| v.flag & (COMMON | TITLE | NISBA | PLACE | CITY | ORG) != 0 || is_definite(&v.stem)) {
        return false;
    }
    // لخروج، بعد: an unknown word behind a proclitic is mostly not a name
    if STRONG_CLITIC && f & (PART | GIVEN | GIVEN_AMB | SURNAME | PEOPLE) == 0 && d.vars[k].len() > 1 && d.nameness[k] <= -150 {
        return false;
    }
    !accusative(d, k) && d.nameness[k] > STRONG_MIN
}

const STRONG_NISBA: bool = true;
const STRONG_CLITIC: bool = true;
const STRONG_MIN: i32 = -250;

/// [`name_run`], then [`strong_continues`] while it holds.
fn name_run_strong(d: &Doc, i: usize) -> usize {
    let mut e = name_run(d, i);
    while e > i && e < i + 6 && strong_continues(d, e) {
        e = name_run(d, e).max(e + 1);
    }
    e
}

/// The name run starting at `i`: end token (exclusive).
fn name_run(d: &Doc, i: usize) -> usize {
    let mut j = i;
    let mut prev_given = false;
    while j < d.toks.len() && j < i + 6 {
        if j > i && !d.joined(j - 1) {
            break;
        }
        let w = d.word(j);
        if CONNECTORS.contains(&w) {
            // بن حمد، عبد العاطي، أبو مازن: the connector needs a following word
            if d.joined(j) && j + 1 < d.toks.len() && d.is_arabic(j + 1) {
                let n = d.word(j + 1);
                let nf = d.flags(j + 1);
                if CONNECTORS.contains(&n) && n != "ال" && d.joined(j + 1) && j + 2 < d.toks.len() && d.is_arabic(j + 2) && d.flags(j + 2) & (TITLE | HONOR | NISBA | SPEECH) == 0 && !is_phrase_stop(d.word(j + 2)) {
                    j += 3;
                    prev_given = false;
                    continue;
                }
                if nf & (TITLE | HONOR | NISBA | SPEECH) == 0 && !is_phrase_stop(n) && (nf & COMMON == 0 || is_definite(n) || nf & (GIVEN | GIVEN_AMB | PART) != 0) {
                    j += 2;
                    prev_given = false;
                    continue;
                }
            }
            break;
        }
        if j == i || name_continues(d, j, prev_given) {
            prev_given = d.flags(j) & (GIVEN | GIVEN_AMB) != 0 || w.starts_with("عبد");
            j += 1;
        } else {
            break;
        }
    }
    j
}

fn candidates(d: &Doc) -> Vec<Cand> {
    let lx = lex();
    let n = d.toks.len();
    let mut out = Vec::new();
    for i in 0..n {
        if !d.is_word(i) {
            continue;
        }
        // Latin-script names: organisations (CNN, Dell, IBM)
        if d.toks[i].script == Script::Latin {
            if i == 0 || d.toks[i - 1].script != Script::Latin || !d.joined(i - 1) {
                let orig = d.text(i, i + 1, 0);
                // acronyms only (CNN, IBM): other Latin words are too often titles, terms or names
                if orig.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) && (2..=6).contains(&orig.chars().count()) {
                    let mut j = i + 1;
                    while j < n && j < i + 4 && d.toks[j].script == Script::Latin && d.joined(j - 1) {
                        j += 1;
                    }
                    out.push(Cand { a: i, b: j, prefix: 0, kind: Kind::Org, score: 30, src: "latin" });
                }
            }
            continue;
        }
        // gazetteer phrases, longest first
        let mut found = false;
        for v in &d.vars[i] {
            let mut j = i + 1;
            let mut best: Option<(usize, u32)> = None;
            loop {
                let key: std::borrow::Cow<str> = if j == i + 1 {
                    std::borrow::Cow::Borrowed(v.stem.as_str())
                } else if v.rebuilt {
                    let t = &d.toks[i];
                    let f = &d.folded[t.para];
                    std::borrow::Cow::Owned(format!("{}{}", v.stem, &f.text[t.e..d.toks[j - 1].e]))
                } else {
                    let t = &d.toks[i];
                    let f = &d.folded[t.para];
                    std::borrow::Cow::Borrowed(&f.text[t.s + v.prefix..d.toks[j - 1].e])
                };
                let fl = lx.get(&key);
                if fl & (PLACE | CITY | ORG | PEOPLE) != 0 {
                    best = Some((j, fl));
                }
                if j >= n || j - i >= lx.max_words || !d.joined(j - 1) || !d.is_word(j) {
                    break;
                }
                j += 1;
            }
            if let Some((b, fl)) = best {
                let words = b - i;
                let (kind, base) = if fl & PEOPLE != 0 {
                    (Kind::Person, 88)
                } else if fl & ORG != 0 && fl & PLACE == 0 {
                    (Kind::Org, if words > 1 { 82 } else { 62 })
                } else if fl & PLACE != 0 {
                    (Kind::Place, if words > 1 { 80 } else { 60 })
                } else {
                    (Kind::Place, if words > 1 { 70 } else { 48 })
                };
                // a single common word or name part read as a city is too weak
                let clitic = d.word(i).chars().next();
                let weak = words == 1
                    && fl & CITY != 0
                    && fl & (PLACE | ORG) == 0
                    && v.prefix > 0
                    && (d.flags(i) & (PART | GIVEN) != 0 || matches!(clitic, Some('ك') | Some('ف')) || d.nameness[i] < -150)
                    // ف + ل + a three-letter company name: a short organisation behind clitics is a word
                    || (words == 1 && fl & PLACE == 0 && v.prefix > 0 && v.stem.chars().count() <= 3);
                // a lone city name the place lists do not know needs a place context
                let weak = weak || (CITY_CTX && words == 1 && fl & CITY != 0 && fl & (PLACE | ORG | PEOPLE) == 0 && !city_context(d, i, v.prefix));
                // السعودية، سورية after a noun of the same definiteness are adjectives (التوجهات السعودية، ليرة سورية)
                let weak = weak || (words == 1 && v.prefix == 0 && fl & (PLACE | CITY) != 0 && nisba_adjective(d, i, &v.stem));
                let mut b = b;
                if kind == Kind::Person && b < n && d.joined(b - 1) && name_continues(d, b, true) {
                    b = name_run(d, b - 1).max(b);
                }
                // الملك حسين، البابا فرنسيس: the title is a role, not part of the name
                let mut a = i;
                let mut prefix = v.prefix;
                if kind == Kind::Person && words >= 2 && lx.get(&v.stem) & (TITLE | HONOR) != 0 {
                    a = i + 1;
                    prefix = 0;
                }
                if !weak {
                    let src = if fl & PEOPLE != 0 { "gaz-person" } else if kind == Kind::Org { "gaz-org" } else if fl & PLACE != 0 { "gaz-place" } else { "gaz-city" };
                    out.push(Cand { a, b, prefix, kind, score: base + words as u32, src });
                    found = true;
                }
            }
            if found {
                break;
            }
        }
        // people after a title phrase
        if let Some((prefix, k)) = role_phrase(d, i, true) {
            let mut k2 = k;
            while k2 < n && d.is_arabic(k2) && d.flags(k2) & HONOR != 0 && d.joined(k2 - 1) {
                k2 += 1;
                if d.punct(k2) == Some(".") {
                    k2 += 1;
                }
            }
            // a lone indefinite head (رئيس قسم، مسؤول كبير، مدير عام) is mostly a construct:
            // only a known name follows it as a person; الفريق + a definite word is a team
            let lone = k == i + 1 && !is_definite(d.vars[i].iter().find(|v| v.prefix == prefix).map(|v| v.stem.as_str()).unwrap_or(""));
            let team = matches!(d.word(k - 1), "الفريق" | "والفريق" | "للفريق") && k2 < n && is_definite(d.word(k2));
            if k2 < n && k2 > i && !team && d.toks[k2].para == d.toks[i].para && (d.joined(k2 - 1) || d.punct(k2 - 1) == Some(".")) && name_starts(d, k2, !lone) && !accusative(d, k2) {
                let e = name_run_strong(d, k2);
                if e > k2 {
                    let _ = prefix;
                    out.push(Cand { a: k2, b: e, prefix: 0, kind: Kind::Person, score: 85, src: "title" });
                }
            }
        }
        let f = d.flags(i);
        // honorifics: السيد X، د. X
        // م (after a year: AD) and أ are honorifics only with their dot
        let single = matches!(d.word(i), "م" | "ا");
        if d.reading(i, HONOR).is_some() && (!single || d.punct(i + 1) == Some(".")) {
            let mut k = i + 1;
            if d.punct(k) == Some(".") {
                k += 1;
            }
            if k < n && d.toks[k].para == d.toks[i].para && name_starts(d, k, true) {
                let e = name_run_strong(d, k);
                if e > k {
                    out.push(Cand { a: k, b: e, prefix: 0, kind: Kind::Person, score: 66, src: "honorific" });
                }
            }
        }
        // speech verbs: قال X
        if f & SPEECH != 0 && d.joined(i) && (name_starts(d, i + 1, false) || (i + 1 < n && d.nameness[i + 1] > 50 && name_starts(d, i + 1, true)) || speech_family_name(d, i + 1)) {
            let e = name_run_strong(d, i + 1);
            out.push(Cand { a: i + 1, b: e, prefix: 0, kind: Kind::Person, score: 64, src: "speech" });
        }
        // given names, with و/ف/ل/ب removed from the first word
        if let Some(v) = d.reading(i, GIVEN | GIVEN_AMB).filter(|v| v.prefix == 0 || (v.prefix == 'و'.len_utf8() && d.word(i).starts_with('و'))) {
            let vf = v.flag;
            let strong = vf & GIVEN != 0 && vf & (PLACE | ORG) == 0;
            let e = if strong { name_run_strong(d, i) } else { name_run(d, i) };
            // a given name alone is too often an ordinary word or someone unnamed: it needs a second
            // word, and an ambiguous one (علي، أكبر، رمضان) a known name part or a connector
            let _ = strong;
            let ok = e >= i + 2 && (vf & GIVEN != 0 || known_part(d, i + 1) || CONNECTORS.contains(&d.word(i + 1)) || d.flags(i + 1) & (GIVEN | GIVEN_AMB) != 0 || nisba_family(d, i + 1));
            // أبو بكر، بن علي: the name after a connector belongs to the kunya or the nasab
            let after_connector = i > 0 && v.prefix == 0 && d.joined(i - 1) && CONNECTORS.contains(&d.word(i - 1));
            if ok && (i == 0 || d.flags(i - 1) & NISBA == 0) && !after_connector {
                out.push(Cand { a: i, b: e.max(i + 1), prefix: v.prefix, kind: Kind::Person, score: if e > i + 1 { 56 } else { 50 }, src: if e > i + 1 { "given+" } else { "given1" } });
            }
        } else if let Some(v) = d.reading(i, SURNAME) {
            // a well-known surname alone (بوش، مبارك)
            if v.flag & (COMMON | PLACE | ORG) == 0 {
                out.push(Cand { a: i, b: i + 1, prefix: v.prefix, kind: Kind::Person, score: 55, src: "surname" });
            }
        } else if matches!(d.word(i), "عبد" | "وعبد") && d.joined(i) && d.is_arabic(i + 1) && is_definite(d.word(i + 1)) && d.flags(i + 1) & (NISBA | TITLE) == 0 && !is_phrase_stop(d.word(i + 1)) {
            // عبد الكريم الخطابي
            let p = if d.word(i).starts_with('و') { 'و'.len_utf8() } else { 0 };
            let e = name_run(d, i);
            out.push(Cand { a: i, b: e.max(i + 2), prefix: p, kind: Kind::Person, score: 54, src: "abd" });
        } else if matches!(d.word(i), "ابو" | "ابا" | "وابو" | "وابا" | "ابي") && d.joined(i) && name_continues(d, i + 1, true) {
            // a kunya: أبو مازن، أبا هريرة
            let p = if d.word(i).starts_with('و') { 'و'.len_utf8() } else { 0 };
            let e = name_run_strong(d, i + 1);
            out.push(Cand { a: i, b: e, prefix: p, kind: Kind::Person, score: 52, src: "kunya" });
        } else if f & NISBA != 0 && is_definite(d.word(i)) && !d.word(i).ends_with("ين") && !d.word(i).ends_with("ون") && !accusative(d, i + 1) && d.joined(i) && i + 1 < n && d.nameness[i + 1] > 50 && name_starts(d, i + 1, true) && !is_definite(d.word(i + 1)) {
            // a nationality then a name: الفرنسي ديدييه ديشان
            let e = name_run_strong(d, i + 1);
            out.push(Cand { a: i + 1, b: e, prefix: 0, kind: Kind::Person, score: 60, src: "nisba" });
        } else if f & PART != 0 && f & COMMON == 0 && d.joined(i) && i + 1 < n && d.is_arabic(i + 1) && !is_definite(d.word(i + 1)) && d.flags(i + 1) & COMMON == 0 && (d.flags(i + 1) & (PART | GIVEN) != 0 || d.nameness[i + 1] > 100) && d.nameness[i] > 0 {
            let e = name_run(d, i);
            if e >= i + 2 {
                out.push(Cand { a: i, b: e, prefix: 0, kind: Kind::Person, score: 40, src: "parts" });
            }
        }
        // a name right before its role in apposition (كمال الدوري، مدير الشركة …)
        if f & TITLE != 0 && !is_definite(d.word(i)) && i > 0 {
            if let Some((0, re)) = role_phrase(d, i, false) {
                let comma = d.punct(i - 1).is_some_and(|p| p == "،" || p == ",");
                let end = if comma { i - 1 } else { i };
                if re >= i + 2 && end > 0 && (comma || d.joined(i - 1)) {
                    let mut a = end;
                    let mut known = false;
                    while a > 0 && end - a < 4 && d.is_arabic(a - 1) && (a == end || d.joined(a - 1)) {
                        let k = a - 1;
                        let w = d.word(k);
                        let fk = d.flags(k);
                        if fk & (COMMON | TITLE | NISBA | SPEECH | HONOR | PLACE | CITY | ORG | ORG_HEAD | DESC_HEAD | PLACE_HEAD) != 0 || is_phrase_stop(w) || accusative(d, k) {
                            break;
                        }
                        if d.vars[k][1..].iter().any(|v| v.flag & (COMMON | TITLE | NISBA | PLACE | CITY | ORG) != 0) {
                            break;
                        }
                        let namey = fk & (GIVEN | PART | SURNAME | PEOPLE) != 0 || CONNECTORS.contains(&w) || d.nameness[k] > 0;
                        if !namey || (is_definite(w) && fk & (SURNAME | PART) == 0 && !nisba_family(d, k)) {
                            break;
                        }
                        known |= fk & (GIVEN | PART | SURNAME | PEOPLE) != 0 || d.nameness[k] > 200;
                        a = k;
                    }
                    while a < end && CONNECTORS.contains(&d.word(a)) {
                        a += 1;
                    }
                    if end >= a + 2 && known && !(a > 0 && d.joined(a - 1) && d.flags(a - 1) & (ORG_HEAD | DESC_HEAD | PLACE_HEAD) != 0) {
                        out.push(Cand { a, b: end, prefix: 0, kind: Kind::Person, score: 44, src: "appos" });
                    }
                }
            }
        }
        // two foreign-looking words the lists do not know (a Finnish or Greek full name)
        if f & (COMMON | PLACE | CITY | ORG | NISBA | TITLE | SPEECH | HONOR | ORG_HEAD | PLACE_HEAD | DESC_HEAD) == 0
            && d.is_arabic(i)
            && !is_definite(d.word(i))
            && d.vars[i][1..].iter().all(|v| v.flag == 0 && !is_definite(&v.stem))
            && d.nameness[i] > FOREIGN_MIN
            && (i == 0 || !d.joined(i - 1) || d.flags(i - 1) & (ORG_HEAD | DESC_HEAD | PLACE_HEAD) == 0)
            && !(i > 0 && d.punct(i - 1).is_some_and(|p| matches!(p, "«" | "»" | "\"" | "“" | "”")))
            && !d.word(i + 1).starts_with('و')
            && d.joined(i)
            && d.is_arabic(i + 1)
            && !is_definite(d.word(i + 1))
            && d.flags(i + 1) & (COMMON | PLACE | CITY | ORG | NISBA | TITLE | SPEECH | HONOR | ORG_HEAD | PLACE_HEAD | DESC_HEAD) == 0
            && d.nameness[i + 1] > FOREIGN_MIN
            && !accusative(d, i)
            && !accusative(d, i + 1)
            // حلا سحريا: an accusative noun and its adjective
            && !(d.word(i).ends_with('ا') && d.word(i + 1).ends_with("يا"))
        {
            let e = name_run(d, i);
            if e >= i + 2 {
                out.push(Cand { a: i, b: e, prefix: 0, kind: Kind::Person, score: 35, src: "foreign2" });
            }
        }
        // organisation heads. Describing heads (شركة، صحيفة، حركة، وكالة …) + a name: the entity
        // is the name (شركة مايكروسوفت → مايكروسوفت); institutional heads (وزارة، مجلس، منظمة …)
        // + a specific phrase: the whole (وزارة الخارجية الأمريكية، مجلس الأمن الدولي).
        if let Some(v) = d.reading(i, ORG_HEAD | DESC_HEAD) {
            let head_definite = is_definite(&v.stem);
            let desc = v.flag & DESC_HEAD != 0;
            let media = matches!(v.stem.as_str(), "صحيفه" | "جريده" | "مجله" | "قناه" | "اذاعه" | "تلفزيون" | "نادي" | "فريق");
            let mut desc_found = false;
            // a quoted name: شركة « نور للتقنية »، مؤسسة " أفق "
            if !head_definite && d.punct(i + 1).is_some_and(|p| matches!(p, "«" | "\"" | "“" | "'")) {
                let k = i + 2;
                let mut j = k;
                while j < n && j < k + 5 && d.is_word(j) && d.toks[j].para == d.toks[i].para {
                    j += 1;
                }
                if j > k && d.punct(j).is_some_and(|p| matches!(p, "»" | "\"" | "”" | "'")) {
                    out.push(Cand { a: k, b: j, prefix: 0, kind: Kind::Org, score: 92, src: "org-quoted" });
                    desc_found = true;
                }
            }
            if !desc_found && desc && !head_definite && d.joined(i) && i + 1 < n {
                // the name after a describing head
                let k = i + 1;
                let mut j = k;
                if d.toks[k].script == Script::Latin {
                    while j < n && j < k + 4 && d.toks[j].script == Script::Latin && (j == k || d.joined(j - 1)) {
                        j += 1;
                    }
                } else if d.is_arabic(k) {
                    let w = d.word(k);
                    let fk = d.flags(k);
                    let namey = |t: usize| {
                        let ft = d.flags(t);
                        ft & (ORG | PLACE | CITY) != 0
                            || (ft & (COMMON | NISBA | TITLE | SPEECH | ORG_HEAD) == 0 && !is_phrase_stop(d.word(t)) && !is_prefixed_definite(d, t) && d.nameness[t] > -100)
                    };
                    if is_definite(w) {
                        if media && fk & (NISBA | COMMON) == 0 && !is_phrase_stop(w) {
                            j = k + 1;
                        } else if media && fk & ORG != 0 {
                            j = k + 1;
                        }
                    } else if namey(k) {
                        j = k + 1;
                        while j < n && j < k + 3 && d.joined(j - 1) && d.is_arabic(j) && !is_definite(d.word(j)) && namey(j) && d.flags(j) & (PLACE | CITY) == 0 {
                            j += 1;
                        }
                    }
                }
                if j > k {
                    out.push(Cand { a: k, b: j, prefix: 0, kind: Kind::Org, score: 73, src: "org-name" });
                    desc_found = true;
                }
            }
            if !desc_found && v.flag & ORG_HEAD != 0 {
                let mut j = i + 1;
                let mut specific = false;
                let mut content = false;
                let mut inner = false;
                while j < n && j < i + 7 && d.joined(j - 1) && d.is_arabic(j) {
                    let w = d.word(j);
                    let fj = d.flags(j);
                    if is_phrase_stop(w) || fj & (SPEECH | TITLE) != 0 && !is_definite(w) {
                        break;
                    }
                    if fj & NISBA != 0 {
                        specific |= content;
                        j += 1;
                        continue;
                    }
                    if fj & (ORG | PLACE | CITY) != 0 && !is_definite(w) {
                        specific = true;
                        content = true;
                        inner |= j == i + 1;
                        j += 1;
                        continue;
                    }
                    // مطار الملك خالد، جامعة الأمير سلطان: a ruler's name
                    if j > i + 1 && !is_definite(w) && d.flags(j - 1) & TITLE != 0 && is_definite(d.word(j - 1)) && fj & (GIVEN | GIVEN_AMB | PART | PEOPLE | SURNAME) != 0 && fj & COMMON == 0 {
                        specific = true;
                        content = true;
                        inner = true;
                        j += 1;
                        continue;
                    }
                    if is_definite(w) && !head_definite {
                        content = true;
                        specific |= fj & (ORG | PLACE) != 0;
                        j += 1;
                        continue;
                    }
                    // للطاقة، للأمم: a lam-prefixed definite word makes the name specific
                    if j > i + 1 && content && is_prefixed_definite(d, j) && w.starts_with('ل') {
                        specific = true;
                        j += 1;
                        continue;
                    }
                    break;
                }
                if content && specific {
                    // a longer name around a place or a ruler wins over them (جامعة طوكيو،
                    // بنك الكويت الوطني، مطار الملك خالد)
                    let score = if inner && j >= i + 3 { 92 } else { 72 };
                    out.push(Cand { a: i, b: j, prefix: v.prefix, kind: Kind::Org, score, src: "org-head" });
                }
            }
        }
        // place heads: مدينة X، محافظة X
        if d.reading(i, PLACE_HEAD).is_some() && d.joined(i) && d.is_arabic(i + 1) {
            let w = d.word(i + 1);
            let fj = d.flags(i + 1);
            // compound village names and names after a place head: قرية كفر عانة، قرية بيت نبالا،
            // قرية أبو غوش، شارع محمد بن زايد
            let second_ok = |k: usize| k < n && d.joined(k - 1) && d.is_arabic(k) && !is_phrase_stop(d.word(k)) && d.flags(k) & (TITLE | SPEECH | NISBA | ORG_HEAD | PLACE_HEAD) == 0 && (d.flags(k) & COMMON == 0 || is_definite(d.word(k)));
            if PLACE_COMPOUNDS.contains(&w) && second_ok(i + 2) {
                out.push(Cand { a: i + 1, b: i + 3, prefix: 0, kind: Kind::Place, score: 46, src: "place-head" });
            } else if fj & (PLACE | CITY) == 0 && (matches!(w, "ابو" | "ام" | "بني") || fj & (GIVEN | PEOPLE) != 0) && name_starts(d, i + 1, true) {
                let e = name_run(d, i + 1);
                if e >= i + 3 {
                    out.push(Cand { a: i + 1, b: e, prefix: 0, kind: Kind::Place, score: 46, src: "place-head" });
                }
            }
            let looks = fj & (PLACE | CITY) != 0 || d.nameness[i + 1] > if is_definite(w) { 0 } else { -50 };
            if looks && fj & (COMMON | NISBA | TITLE | ORG_HEAD | PLACE_HEAD | SPEECH) == 0 && !is_phrase_stop(w) && !is_prefixed_definite(d, i + 1) && (!is_definite(w) || fj & PART == 0) {
                let mut e = i + 2;
                if d.joined(i + 1) && d.is_arabic(e) && d.flags(e) & (PLACE | CITY) != 0 {
                    e += 1;
                }
                out.push(Cand { a: i + 1, b: e, prefix: 0, kind: Kind::Place, score: 45, src: "place-head" });
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Entities

struct Ent {
    kind: Kind,
    /// Folded words of the longest form.
    words: Vec<String>,
    name: String,
    roles: Vec<String>,
    mentions: Vec<(usize, usize)>,
    first: usize,
}

/// People, places and organisations named in `paragraphs` (Texts whose spans are byte offsets
/// into `input`), in order of first mention; mention spans are absolute byte offsets.
pub(crate) fn extract(input: &str, paragraphs: &[Text]) -> Vec<Entity> {
    let lx = lex();
    let mut doc = Doc { input, folded: Vec::new(), toks: Vec::new(), vars: Vec::new(), nameness: Vec::new() };
    for (p, t) in paragraphs.iter().enumerate() {
        let [s, e] = t.span;
        let Some(slice) = input.get(s..e) else {
            doc.folded.push(Folded::new("", s.min(input.len())));
            continue;
        };
        let f = Folded::new(slice, s);
        tokenize(&f.text, p, &mut doc.toks);
        doc.folded.push(f);
    }
    doc.vars = doc
        .toks
        .iter()
        .map(|t| {
            let w = &doc.folded[t.para].text[t.s..t.e];
            if t.script == Script::Arabic {
                variants(w).into_iter().map(|mut v| {
                    v.flag = lx.get(&v.stem);
                    v
                }).collect()
            } else {
                vec![Variant { prefix: 0, stem: w.to_string(), rebuilt: false, flag: lx.get(w) }]
            }
        })
        .collect();
    for i in 0..doc.toks.len() {
        let w = &doc.folded[doc.toks[i].para].text[doc.toks[i].s..doc.toks[i].e];
        if w == "علي" || w == "الي" || w == "وعلي" || w == "والي" {
            let orig = doc.text(i, i + 1, 0);
            if orig.trim_end_matches(|c: char| ('\u{064B}'..='\u{065F}').contains(&c)).ends_with('ى') {
                for v in doc.vars[i].iter_mut() {
                    if v.flag & (GIVEN | GIVEN_AMB | PART) != 0 {
                        v.flag = (v.flag & !(GIVEN | GIVEN_AMB | PART)) | COMMON;
                    }
                }
            }
        }
    }
    // words repeat: each distinct word is scored once
    let mut seen: HashMap<&str, i32> = new_map(doc.toks.len() / 2 + 1);
    let mut nameness = Vec::with_capacity(doc.toks.len());
    for t in &doc.toks {
        if t.script != Script::Arabic {
            nameness.push(0);
            continue;
        }
        let w = &doc.folded[t.para].text[t.s..t.e];
        let v = *seen.entry(w).or_insert_with(|| {
            // a definite family name (السنيورة) is judged on the word after the article
            if is_definite(w) {
                lx.nameness(&w["ال".len()..])
            } else {
                lx.nameness(w)
            }
        });
        nameness.push(v);
    }
    drop(seen);
    doc.nameness = nameness;
    let d = &doc;
    let n = d.toks.len();

    // 3. best non-overlapping candidates
    let mut cands = candidates(d);
    cands.retain(|c| c.kind == Kind::Person || !after_event(d, c.a));
    // a name right after a place head names the place (قرية أبو غوش، شارع محمد بن زايد)
    cands.retain(|c| c.kind != Kind::Person || c.prefix != 0 || !after_place_head(d, c.a));
    // a name after بن/بنت is the end of a longer name (عبدالعزيز بن تركي الفيصل): the person starts
    // at the name before the connector
    for c in cands.iter_mut() {
        while c.kind == Kind::Person && c.prefix == 0 && c.a >= 2 && d.joined(c.a - 1) && d.joined(c.a - 2) && matches!(d.word(c.a - 1), "بن" | "ابن" | "بنت") && d.is_arabic(c.a - 2) && {
            let f = d.flags(c.a - 2);
            f & (COMMON | TITLE | HONOR | NISBA | SPEECH | PLACE | CITY | ORG | ORG_HEAD | PLACE_HEAD | DESC_HEAD) == 0 && !is_definite(d.word(c.a - 2)) && (f & (GIVEN | GIVEN_AMB | PART | PEOPLE) != 0 || d.nameness[c.a - 2] > 0)
        } {
            c.a -= 2;
        }
    }
    cands.sort_by(|x, y| y.score.cmp(&x.score).then((y.b - y.a).cmp(&(x.b - x.a))).then(x.a.cmp(&y.a)));
    let mut taken = vec![usize::MAX; n];
    let mut chosen: Vec<Cand> = Vec::new();
    for c in cands {
        if c.b <= c.a || (c.a..c.b).any(|k| taken[k] != usize::MAX) {
            continue;
        }
        for k in c.a..c.b {
            taken[k] = chosen.len();
        }
        chosen.push(c);
    }
    chosen.sort_by_key(|c| c.a);

    // 3b. lists of people: after a person, a name-like run joined by a comma or و is a person too
    // (سامر الخطيب وهالة منصور، ونادر عيسى)
    let mut q = 0;
    let before = chosen.len();
    while q < chosen.len() {
        let c = &chosen[q];
        q += 1;
        if c.kind != Kind::Person || c.b >= n {
            continue;
        }
        let b = c.b;
        let (start, prefix) = if d.punct(b).is_some_and(|p| p == "،" || p == ",") {
            (b + 1, 0)
        } else if d.joined(b - 1) && d.word(b).starts_with('و') {
            (b, 'و'.len_utf8())
        } else {
            continue;
        };
        if let Some((e, prefix)) = list_item(d, start, prefix) {
            if (start..e).all(|k| taken[k] == usize::MAX) && d.toks[start].para == d.toks[b - 1].para {
                for k in start..e {
                    taken[k] = chosen.len();
                }
                chosen.push(Cand { a: start, b: e, prefix, kind: Kind::Person, score: 0, src: "list" });
            }
        }
    }
    if chosen.len() > before {
        chosen.sort_by_key(|c| c.a);
        for (ci, c) in chosen.iter().enumerate() {
            for k in c.a..c.b {
                taken[k] = ci;
            }
        }
    }

    // 4. entities from the chosen mentions; the longest form names each
    let mut ents: Vec<Ent> = Vec::new();
    let words_of = |c: &Cand| -> Vec<String> {
        (c.a..c.b).map(|k| if k == c.a { d.vars[k].iter().find(|v| v.prefix == c.prefix).map(|v| v.stem.clone()).unwrap_or_default() } else { d.word(k).to_string() }).collect()
    };
    let mut ment: Vec<(usize, usize, usize, usize, &'static str)> = Vec::new(); // (a, b, prefix, entity, rule)
    // every contiguous word sequence of every entity's longest form → the first such entity;
    // full forms → entity. Names have at most a few words, so this stays linear.
    let mut sub_of: HashMap<(Kind, Vec<String>), usize> = new_map(64);
    let mut full: HashMap<(Kind, Vec<String>), usize> = new_map(64);
    for c in &chosen {
        let w = words_of(c);
        let idx = if let Some(&e) = sub_of.get(&(c.kind, w.clone())) {
            e
        } else {
            // a longer form of an earlier entity: the entity takes it
            let mut found = None;
            'search: for a in 0..w.len() {
                for b in (a + 1..=w.len()).rev() {
                    if let Some(&e) = full.get(&(c.kind, w[a..b].to_vec())) {
                        found = Some(e);
                        break 'search;
                    }
                }
            }
            match found {
                Some(e) => {
                    full.remove(&(c.kind, ents[e].words.clone()));
                    ents[e].words = w.clone();
                    e
                }
                None => {
                    ents.push(Ent { kind: c.kind, words: w.clone(), name: String::new(), roles: Vec::new(), mentions: Vec::new(), first: c.a });
                    ents.len() - 1
                }
            }
        };
        full.insert((c.kind, ents[idx].words.clone()), idx);
        let ew = ents[idx].words.clone();
        for a in 0..ew.len() {
            for b in a + 1..=ew.len() {
                sub_of.entry((c.kind, ew[a..b].to_vec())).or_insert(idx);
            }
        }
        ment.push((c.a, c.b, c.prefix, idx, c.src));
    }

    // propagation: word-level parts of people, whole forms of everything, anywhere in the article
    let mut parts: HashMap<Vec<String>, usize> = new_map(64);
    let mut max_len = 1;
    for (ei, e) in ents.iter().enumerate() {
        let w = &e.words;
        max_len = max_len.max(w.len());
        parts.insert(w.clone(), ei);
        if e.kind != Kind::Person {
            continue;
        }
        for a in 0..w.len() {
            for b in a + 1..=w.len() {
                if (a, b) == (0, w.len()) {
                    continue;
                }
                let sub = &w[a..b];
                if CONNECTORS.contains(&sub[0].as_str()) || CONNECTORS.contains(&sub[sub.len() - 1].as_str()) {
                    continue;
                }
                // the word after a connector (لادن of بن لادن، الله of عبد الله) or a
                // compound's second word is no name on its own
                if sub.len() == 1 && (a > 0 && CONNECTORS.contains(&w[a - 1].as_str()) || matches!(sub[0].as_str(), "الله" | "الدين" | "الرحمن")) {
                    continue;
                }
                if sub.len() == 1 {
                    let s = &sub[0];
                    let f = lx.get(s);
                    if s.chars().count() < 3 || f & (COMMON | GIVEN_AMB | NISBA | TITLE | ORG | PLACE) != 0 || ORDINALS.contains(&s.as_str()) {
                        continue;
                    }
                }
                parts.entry(sub.to_vec()).or_insert(ei);
            }
        }
    }
    // first words of every propagated form: most tokens are rejected here without allocating
    let firsts: HashMap<String, ()> = {
        let mut m = new_map(parts.len());
        for k in parts.keys() {
            if let Some(f) = k.first() {
                m.insert(f.clone(), ());
            }
        }
        m
    };
    let mut i = 0;
    while i < n {
        if taken[i] != usize::MAX || !d.is_word(i) {
            i += 1;
            continue;
        }
        let mut hit: Option<(usize, usize, usize)> = None;
        'outer: for v in &d.vars[i] {
            if !firsts.contains_key(v.stem.as_str()) {
                continue;
            }
            let mut seq = vec![v.stem.clone()];
            let mut j = i + 1;
            let mut best = None;
            loop {
                if let Some(&ei) = parts.get(&seq) {
                    best = Some((j, ei));
                }
                if j >= n || seq.len() >= max_len || !d.joined(j - 1) || taken[j] != usize::MAX || !d.is_word(j) {
                    break;
                }
                seq.push(d.word(j).to_string());
                j += 1;
            }
            if let Some((b, ei)) = best {
                hit = Some((b, v.prefix, ei));
                break 'outer;
            }
        }
        if hit.is_some_and(|h| ents[h.2].kind != Kind::Person && (after_event(d, i) || (h.0 == i + 1 && h.1 == 0 && nisba_adjective(d, i, d.word(i))))) {
            hit = None;
        }
        if let Some((mut b, prefix, ei)) = hit {
            // a given name of a known person followed by other name words is someone else with
            // the same given name (محمد of محمد سعيد, then محمد الكناني): the whole run is the mention
            if b == i + 1 && ents[ei].kind == Kind::Person && d.vars[i].iter().any(|v| v.prefix == prefix && v.flag & (GIVEN | GIVEN_AMB) != 0) && b < n && d.joined(i) && taken[b] == usize::MAX && name_continues(d, b, true) {
                let e = name_run(d, i);
                let mut e2 = b;
                while e2 < e && taken[e2] == usize::MAX {
                    e2 += 1;
                }
                b = e2;
            }
            // a lone part of a person's name with a known name word before or after it that
            // is not part of the found form: the whole run is the mention (X بوش with another
            // given name, عباس Y)
            let mut a = i;
            let mut prefix = prefix;
            if b == i + 1 && ents[ei].kind == Kind::Person && prefix == 0 {
                if i > 0 && taken[i - 1] == usize::MAX && d.joined(i - 1) && name_starts(d, i - 1, true) && !is_definite(d.word(i - 1)) && (known_part(d, i - 1) || d.nameness[i - 1] > 100) && !(i > 1 && d.joined(i - 2) && CONNECTORS.contains(&d.word(i - 2))) {
                    a = i - 1;
                    prefix = 0;
                }
                if b < n && d.joined(b - 1) && taken[b] == usize::MAX && (known_part(d, b) || d.nameness[b] > 100) && !is_definite(d.word(b)) && name_continues(d, b, true) {
                    b += 1;
                }
            }
            for k in a..b {
                taken[k] = usize::MAX - 1;
            }
            ment.push((a, b, prefix, ei, "propagated"));
            i = b;
        } else {
            i += 1;
        }
    }

    // roles in apposition after any person mention (X، وزير الخارجية …), and title phrases
    // placed right before a mention that a gazetteer found (الرئيس الأمريكي جو بايدن)
    for &(a, b, _, ei, _) in &ment {
        if ents[ei].kind != Kind::Person {
            continue;
        }
        let mut h = a;
        while h > 0 && d.is_arabic(h - 1) && d.flags(h - 1) & HONOR != 0 && d.joined(h - 1) {
            h -= 1;
        }
        if h > 0 && d.punct(h - 1) == Some(".") && h > 1 && d.flags(h - 2) & HONOR != 0 {
            h -= 2;
        }
        for r in a.saturating_sub(10)..h {
            if d.toks[r].para != d.toks[a].para {
                continue;
            }
            if let Some((p, e)) = role_phrase(d, r, true) {
                if e == h && e - r >= 2 {
                    let t = d.text(r, e, p).to_string();
                    push_role(&mut ents[ei].roles, &t);
                    break;
                }
            }
        }
        let mut k = b;
        if d.punct(k).is_some_and(|p| p == "،" || p == ",") {
            k += 1;
        } else if !(k > 0 && k < n && d.joined(k - 1)) {
            continue;
        }
        if k < n && d.toks[k].para == d.toks[b - 1].para {
            if let Some((0, e)) = role_phrase(d, k, false) {
                if e - k >= 2 && !(e < n && d.joined(e - 1) && name_starts(d, e, true) && d.flags(e) & (GIVEN | PEOPLE) != 0) {
                    let r = d.text(k, e, 0).to_string();
                    push_role(&mut ents[ei].roles, &r);
                }
            }
        }
    }

    // names: the longest form as written at its first occurrence
    ment.sort_by_key(|m| (m.0, m.1));
    for &(a, b, prefix, ei, _src) in &ment {
        let e = &mut ents[ei];
        let (s, t) = d.orig(a, b, prefix);
        #[cfg(test)]
        SOURCES.with(|v| v.borrow_mut().push((s, t, _src)));
        e.mentions.push((s, t));
        e.first = e.first.min(a);
        let words: Vec<String> = (a..b).map(|k| if k == a { d.vars[k].iter().find(|v| v.prefix == prefix).map(|v| v.stem.clone()).unwrap_or_default() } else { d.word(k).to_string() }).collect();
        if e.name.is_empty() && words == e.words {
            let rebuilt = d.vars[a].iter().any(|v| v.prefix == prefix && v.rebuilt);
            let txt = input.get(s..t).unwrap_or("");
            e.name = if rebuilt { format!("ا{txt}") } else { txt.to_string() };
        }
    }
    let mut order: Vec<usize> = (0..ents.len()).filter(|&i| !ents[i].mentions.is_empty()).collect();
    order.sort_by_key(|&i| ents[i].mentions.iter().map(|m| m.0).min().unwrap_or(usize::MAX));
    order
        .into_iter()
        .map(|i| {
            let e = &ents[i];
            let mut mentions: Vec<[usize; 2]> = e.mentions.iter().map(|&(s, t)| [s, t]).collect();
            mentions.sort();
            mentions.dedup();
            let name = if e.name.is_empty() { e.words.join(" ") } else { e.name.clone() };
            Entity {
                name,
                kind: match e.kind {
                    Kind::Person => EntityKind::Person,
                    Kind::Place => EntityKind::Place,
                    Kind::Org => EntityKind::Organization,
                },
                roles: e.roles.clone(),
                mentions,
            }
        })
        .collect()
}

#[cfg(test)]
thread_local! {
    /// Which rule found each mention (byte span), for the measurement harness.
    pub(crate) static SOURCES: std::cell::RefCell<Vec<(usize, usize, &'static str)>> = const { std::cell::RefCell::new(Vec::new()) };
}


fn push_role(roles: &mut Vec<String>, r: &str) {
    let r = r.trim();
    if !r.is_empty() && roles.len() < 16 && !roles.iter().any(|x| x == r) {
        roles.push(r.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../seeds/000_7a5e6daf9c20d335.txt");

    /// Paragraphs = non-empty lines of `text` (byte spans), optionally only those in `range`.
    fn paras(text: &str) -> Vec<Text> {
        let mut out = Vec::new();
        let mut pos = 0;
        for line in text.split_inclusive('\n') {
            let t = line.trim();
            if !t.is_empty() {
                let s = pos + line.find(t).unwrap_or(0);
                out.push(Text { text: t.to_string(), span: [s, s + t.len()] });
            }
            pos += line.len();
        }
        out
    }

    fn seed_main() -> Vec<Text> {
        paras(SEED).into_iter().take(5).collect()
    }

    fn seed_insert() -> Vec<Text> {
        let all = paras(SEED);
        let i = all.iter().position(|t| t.text.starts_with("أجرى")).unwrap();
        all[i..i + 5].to_vec()
    }

    fn find<'a>(ents: &'a [Entity], name: &str) -> &'a Entity {
        ents.iter().find(|e| e.name == name).unwrap_or_else(|| {
            panic!("no entity {name}; got {:?}", ents.iter().map(|e| (&e.name, e.kind)).collect::<Vec<_>>())
        })
    }

    fn texts(input: &str, e: &Entity) -> Vec<String> {
        e.mentions.iter().map(|m| input[m[0]..m[1]].to_string()).collect()
    }

    #[test]
    fn seed_people() {
        let ents = extract(SEED, &seed_main());
        let b = find(&ents, "أنتوني بلينكن");
        assert_eq!(b.kind, EntityKind::Person);
        assert_eq!(b.roles, vec!["وزير الخارجية الأمريكي"]);
        assert_eq!(b.mentions.len(), 5, "{:?}", texts(SEED, b));
        assert_eq!(texts(SEED, b)[0], "أنتوني بلينكن");
        assert!(texts(SEED, b)[1..].iter().all(|m| m == "بلينكن"));
        let n = find(&ents, "بنيامين نتنياهو");
        assert_eq!(n.kind, EntityKind::Person);
        assert_eq!(n.roles, vec!["رئيس الوزراء الإسرائيلي"]);
        let j = find(&ents, "جو بايدن");
        assert_eq!(j.roles, vec!["الرئيس الأمريكي"]);
        assert_eq!(ents[0].name, "أنتوني بلينكن");
    }

    #[test]
    fn seed_places_and_orgs() {
        let ents = extract(SEED, &seed_main());
        for p in ["مصر", "قطر", "إسرائيل", "الولايات المتحدة الأمريكية"] {
            assert_eq!(find(&ents, p).kind, EntityKind::Place, "{p}");
        }
        let g = find(&ents, "قطاع غزة");
        assert_eq!(g.kind, EntityKind::Place);
        let gm = texts(SEED, g);
        assert!(gm.iter().filter(|m| *m == "غزة").count() >= 2, "{gm:?}");
        assert!(gm.contains(&"قطاع غزة".to_string()));
        assert_eq!(find(&ents, "حماس").kind, EntityKind::Organization);
        assert_eq!(find(&ents, "حماس").mentions.len(), 5);
        assert_eq!(find(&ents, "مجلس الأمن").kind, EntityKind::Organization);
        // clitics: وإسرائيل… no: "من إسرائيل لقطاع غزة" → قطاع without ل
        assert!(gm.contains(&"قطاع غزة".to_string()));
        // nationality adjectives are not places, and the bare الوزير is nothing
        assert!(ents.iter().all(|e| !e.name.starts_with("الأمريكي") && !e.name.starts_with("الإسرائيلي")));
        // every mention is a name without clitics
        for e in &ents {
            for m in texts(SEED, e) {
                assert!(!m.starts_with('و') || e.name.starts_with('و'), "{m}");
            }
        }
    }

    #[test]
    fn seed_insert_entities() {
        let ents = extract(SEED, &seed_insert());
        let b = find(&ents, "بدر عبد العاطي");
        assert_eq!(b.kind, EntityKind::Person);
        assert_eq!(b.roles, vec!["وزير الخارجية والهجرة"]);
        assert_eq!(texts(SEED, b).iter().filter(|m| *m == "عبد العاطي").count(), 2);
        let a = find(&ents, "عباس عراقجي");
        assert_eq!(a.roles, vec!["وزير الخارجية الإيراني"]);
        assert_eq!(find(&ents, "بدر بن حمد البوسعيدي").kind, EntityKind::Person);
        assert_eq!(find(&ents, "جان نويل بارو").roles, vec!["وزير الخارجية الفرنسي"]);
        let w = find(&ents, "ستيف ويتكوف");
        assert_eq!(w.roles, vec!["مبعوث الرئيس الأمريكي الخاص للشرق الأوسط"]);
        assert_eq!(w.mentions.len(), 3);
        let g = find(&ents, "رافائيل جروسي");
        assert_eq!(g.roles, vec!["المدير العام للوكالة الدولية للطاقة الذرية"]);
        assert_eq!(find(&ents, "الوكالة الدولية للطاقة الذرية").kind, EntityKind::Organization);
        assert_eq!(find(&ents, "الشرق الأوسط").kind, EntityKind::Place);
        assert_eq!(find(&ents, "مصر").kind, EntityKind::Place);
        assert_eq!(find(&ents, "إيران").kind, EntityKind::Place);
        assert_eq!(find(&ents, "إسرائيل").kind, EntityKind::Place);
        // clitic forms: وإسرائيل → إسرائيل; بالشرق الأوسط → الشرق الأوسط
        let i = find(&ents, "إسرائيل");
        assert!(texts(SEED, i).iter().all(|m| m == "إسرائيل"));
        let names: Vec<&str> = ents.iter().map(|e| e.name.as_str()).collect();
        assert!(!names.contains(&"الوزير"), "{names:?}");
        assert!(!names.iter().any(|n| n.contains("رئيس الجمهورية")), "{names:?}");
    }

    #[test]
    #[ignore]
    fn dump_seed() {
        for ps in [seed_main(), seed_insert()] {
            for e in extract(SEED, &ps) {
                println!("{:?} {} roles={:?} {:?}", e.kind, e.name, e.roles, texts(SEED, &e));
            }
            println!("--");
        }
    }

    #[test]
    #[ignore]
    fn dump_nameness() {
        let t = std::env::var("W").unwrap_or_default();
        for w in t.split_whitespace() {
            let f = crate::normalize::fold(w);
            println!("{w} {} flags={:b}", lex().nameness(&f), lex().get(&f));
        }
    }

    #[test]
    #[ignore]
    fn dump_text() {
        let t = std::env::var("T").unwrap_or_else(|_| "وقال المستشار الألماني أولاف شولتس إن. وأكد رئيس الوزراء البريطاني كير ستارمر. وقال شولتس".into());
        SOURCES.with(|v| v.borrow_mut().clear());
        for e in extract(&t, &paras(&t)) {
            println!("{:?} {} roles={:?} {:?}", e.kind, e.name, e.roles, texts(&t, &e));
        }
        println!("{:?}", SOURCES.with(|v| v.borrow().iter().map(|x| (t[x.0..x.1].to_string(), x.2)).collect::<Vec<_>>()));
    }

    #[test]
    fn clitics_and_parts() {
        let t = "التقى أنتوني بلينكن بالقاهرة. وقال لبلينكن إن وإسرائيل ترفض.";
        let ents = extract(t, &paras(t));
        let b = find(&ents, "أنتوني بلينكن");
        assert_eq!(texts(t, b), vec!["أنتوني بلينكن", "بلينكن"]);
        assert_eq!(texts(t, find(&ents, "القاهرة")), vec!["القاهرة"]);
        assert_eq!(texts(t, find(&ents, "إسرائيل")), vec!["إسرائيل"]);
    }

    #[test]
    fn total_on_odd_input() {
        let odd = ["", " ", "،،،", "د.", "الرئيس", "قال", "وزارة", "بن بن بن بن", "aB Cd", "مدينة", "\u{200F}\u{064B}"];
        for s in odd {
            let _ = extract(s, &paras(s));
            let p = [Text { text: String::new(), span: [0, s.len() + 5] }];
            let _ = extract(s, &p);
        }
        let long = "قال الرئيس الأمريكي جو بايدن، وزير الخارجية ".repeat(2000);
        let ents = extract(&long, &paras(&long));
        assert!(!ents.is_empty());
    }

    /// Pseudo-random texts from entity-rich pieces: never panics, spans are valid and in order,
    /// every mention lies inside a paragraph.
    #[test]
    fn fuzz_spans_are_valid() {
        let pieces = [
            "قال", "الرئيس", "الأمريكي", "جو", "بايدن", "بن", "عبد", "العاطي", "و", "وإسرائيل", "بالقاهرة",
            "للولايات", "المتحدة", "،", ".", "د", "السيد", "وزارة", "الخارجية", "شركة", "CNN", "Dell", "وDell",
            "مدينة", "غزة", "قطاع", "أبو", "مازن", "\u{064E}", "\u{200F}", "ـ", "  ", "\n", "\n\n", "«", "»", "\"",
            "الوكالة", "الدولية", "للطاقة", "الذرية", "علي", "على", "دو", "لا", "٤", "2024", "بلينكن", "لبلينكن",
        ];
        let mut seed: u64 = 0x9E3779B97F4A7C15;
        for _ in 0..300 {
            let mut t = String::new();
            let len = (seed % 60) as usize + 1;
            for _ in 0..len {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                t.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
                if (seed >> 20) % 3 != 0 {
                    t.push(' ');
                }
            }
            let ps = paras(&t);
            for e in extract(&t, &ps) {
                assert!(!e.mentions.is_empty());
                assert!(!e.name.is_empty(), "{t:?} {:?}", e.mentions);
                for m in &e.mentions {
                    assert!(m[0] < m[1] && t.is_char_boundary(m[0]) && t.is_char_boundary(m[1]), "{t:?} {m:?}");
                    assert!(ps.iter().any(|p| p.span[0] <= m[0] && m[1] <= p.span[1]), "{t:?} {m:?}");
                }
            }
        }
    }

    /// The packed n-gram score is the string one, for every word of the fixtures and odd words.
    #[test]
    fn packed_nameness_is_the_string_nameness() {
        let lex = lex();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let mut words: Vec<String> = ["", "a", "#5", "x#9y", "ب\u{0}ت", "😀محمد", "ب".repeat(60).as_str(), "ابن", "ماكرون"].iter().map(|s| s.to_string()).collect();
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "txt") {
                let t = crate::decode(&std::fs::read(p).unwrap()).text;
                words.extend(crate::normalize::fold(&t).split(|c: char| !c.is_alphanumeric()).map(str::to_string));
            }
        }
        for w in &words {
            assert_eq!(lex.nameness(w), lex.nameness_str(w), "{w:?}");
        }
    }

    /// A large input is read whole (its speed and linearity are `make bench`'s, not a test's).
    #[test]
    fn large_input() {
        let unit = SEED.split("المصدر:").next().unwrap();
        let big = unit.repeat(400); // ~300 KB
        let ents = extract(&big, &paras(&big));
        let blinken = ents.iter().find(|e| e.name == "أنتوني بلينكن").expect("Blinken");
        assert!(blinken.mentions.len() >= 400, "mentions to the end: {}", blinken.mentions.len());
    }

    /// ANERcorp test-part measurement (reads ../shared/data at run time; never shipped).
    /// `cargo test --lib entities -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn anercorp_f1() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/anercorp/ANERCorp.txt");
        let Ok(raw) = std::fs::read_to_string(path) else {
            eprintln!("ANERcorp not found at {path}: skipped");
            return;
        };
        let toks: Vec<(String, String)> = raw
            .lines()
            .filter(|l| !l.trim().is_empty())
            .filter_map(|l| l.trim_end().rsplit_once(' ').map(|(w, t)| (w.to_string(), t.to_string())))
            .collect();
        let part = if std::env::var("ANER_TRAIN").is_ok() { &toks[..125_102] } else { &toks[125_102..] };
        let r = crate::entities::eval::score_bio(part, |text, paras| extract(text, paras));
        r.print("ANERcorp");
    }
    /// Entity extraction time over all of ANERcorp (read at run time; speed only).
    /// `cargo test --release --lib entities::tests::bench_extract -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn bench_extract() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/anercorp/ANERCorp.txt");
        let Ok(raw) = std::fs::read_to_string(path) else { return };
        let words: Vec<&str> = raw.lines().filter_map(|l| l.trim_end().rsplit_once(' ').map(|x| x.0)).collect();
        let text = words.chunks(60).map(|c| c.join(" ")).collect::<Vec<_>>().join("\n");
        let docs: Vec<&str> = text.split('\n').collect::<Vec<_>>().chunks(12).map(|_| "").collect();
        let _ = docs;
        let lines: Vec<&str> = text.split('\n').collect();
        let arts: Vec<String> = lines.chunks(12).map(|c| c.join("\n")).collect();
        let _ = extract("", &[]);
        let t0 = std::time::Instant::now();
        let mut n = 0;
        for _ in 0..3 {
            for a in &arts {
                n += extract(a, &paras(a)).len();
            }
        }
        let dt = t0.elapsed().as_secs_f64() / 3.0;
        println!("extract over ANERcorp ({} KB, {} texts): {:.3} s per pass, {:.1} MB/s ({n})", text.len() / 1024, arts.len(), dt, text.len() as f64 / dt / 1e6);
    }

    /// Wojood sample test file: PERS, ORG, GPE+LOC (per type, nested tags allowed) and OCC
    /// against roles. `cargo test --release --lib entities::tests::wojood_f1 -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn wojood_f1() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/wojood_sample/test.txt");
        let Ok(raw) = std::fs::read_to_string(path) else {
            eprintln!("Wojood sample not found at {path}: skipped");
            return;
        };
        let mut toks: Vec<(String, Vec<String>)> = Vec::new();
        for l in raw.lines() {
            let p: Vec<&str> = l.split_whitespace().collect();
            if p.is_empty() {
                if toks.last().is_some_and(|t| t.0 != ".") {
                    toks.push((".".into(), vec!["O".into()])); // sentence end for the text builder
                }
                continue;
            }
            if p[0] == "$#$" {
                continue;
            }
            toks.push((p[0].to_string(), p[1..].iter().map(|s| s.to_string()).collect()));
        }
        println!("Wojood sample test: {} tokens", toks.len());
        for (ty, srcs) in [("PERS", &["PERS"][..]), ("ORG", &["ORG"][..]), ("LOC", &["GPE", "LOC"][..])] {
            let one: Vec<(String, String)> = toks
                .iter()
                .map(|(w, tags)| {
                    let mut tag = "O".to_string();
                    for t in tags {
                        if let Some((bi, x)) = t.split_once('-') {
                            if srcs.contains(&x) && (tag == "O" || bi == "B") {
                                tag = format!("{bi}-{ty}");
                            }
                        }
                    }
                    (w.clone(), tag)
                })
                .collect();
            let r = crate::entities::eval::score_bio(&one, |text, paras| extract(text, paras));
            let (tp, fp, fn_) = (r.tp[ty], r.fp[ty], r.fn_[ty]);
            if std::env::var("WOJOOD_ERRORS").is_ok_and(|v| v == ty) {
                for e in &r.errors {
                    if e.contains(ty) {
                        println!("{e}");
                    }
                }
            }
            let p = tp as f64 / (tp + fp).max(1) as f64;
            let rc = tp as f64 / (tp + fn_).max(1) as f64;
            println!("  {ty:<5} P {p:.3} R {rc:.3} F1 {:.3}  (tp {tp} fp {fp} fn {fn_})", if p + rc > 0.0 { 2.0 * p * rc / (p + rc) } else { 0.0 });
        }
        // OCC against roles: role strings located in the text, as token spans
        let one: Vec<(String, String)> = toks
            .iter()
            .map(|(w, tags)| {
                let t = tags.iter().find(|t| t.ends_with("-OCC")).map(|t| t.replace("OCC", "ORG")).unwrap_or_else(|| "O".into());
                (w.clone(), t)
            })
            .collect();
        let r = crate::entities::eval::score_bio(&one, |text, paras| {
            extract(text, paras)
                .into_iter()
                .flat_map(|e| e.roles.into_iter().collect::<Vec<_>>())
                .map(|role| {
                    let mentions: Vec<[usize; 2]> = text.match_indices(role.as_str()).map(|(i, _)| [i, i + role.len()]).collect();
                    Entity { name: role, kind: EntityKind::Organization, roles: vec![], mentions }
                })
                .collect()
        });
        let (tp, fp, fn_) = (r.tp["ORG"], r.fp["ORG"], r.fn_["ORG"]);
        let p = tp as f64 / (tp + fp).max(1) as f64;
        let rc = tp as f64 / (tp + fn_).max(1) as f64;
        println!("  OCC~roles P {p:.3} R {rc:.3} F1 {:.3}  (tp {tp} fp {fp} fn {fn_})", if p + rc > 0.0 { 2.0 * p * rc / (p + rc) } else { 0.0 });
    }
}


/// Scoring helpers shared by the ignored ANERcorp test (the example `eval_ner` has its own copy).
#[cfg(test)]
pub(crate) mod eval {
    use super::*;
    use std::collections::HashSet;

    pub(crate) struct Report {
        pub tp: HashMap<&'static str, usize>,
        pub fp: HashMap<&'static str, usize>,
        pub fn_: HashMap<&'static str, usize>,
        pub errors: Vec<String>,
        pub by_src: HashMap<&'static str, (usize, usize)>,
        pub fp_cats: HashMap<String, usize>,
    }

    impl Report {
        pub(crate) fn print(&self, title: &str) {
            println!("{title}: type      P      R      F    tp   fp   fn");
            let (mut t, mut p, mut f) = (0, 0, 0);
            for ty in ["PERS", "LOC", "ORG"] {
                let (a, b, c) = (self.tp[ty], self.fp[ty], self.fn_[ty]);
                t += a;
                p += b;
                f += c;
                line(ty, a, b, c);
            }
            line("micro", t, p, f);
            let mut srcs: Vec<_> = self.by_src.iter().collect();
            srcs.sort();
            for (s, (tp, fp)) in srcs {
                println!("  rule {s:<12} tp {tp:5} fp {fp:5}");
            }
            if std::env::var("NER_CATS").is_ok() {
                let mut v: Vec<_> = self.fp_cats.iter().collect();
                v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
                for (k, n) in v {
                    println!("  FP {n:4} {k}");
                }
            }
            if std::env::var("NER_ERRORS").is_ok() {
                for e in &self.errors {
                    println!("{e}");
                }
            }
        }
    }

    fn line(ty: &str, tp: usize, fp: usize, fn_: usize) {
        let p = tp as f64 / (tp + fp).max(1) as f64;
        let r = tp as f64 / (tp + fn_).max(1) as f64;
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        println!("  {ty:<6} {p:6.3} {r:6.3} {f:6.3} {tp:5} {fp:4} {fn_:4}");
    }

    /// Joins BIO tokens into texts (sentences end at "."; 4 sentences a paragraph, 3 paragraphs a
    /// text), runs `ex` and scores exact token spans of PERS/LOC/ORG.
    pub(crate) fn score_bio(toks: &[(String, String)], ex: impl Fn(&str, &[Text]) -> Vec<Entity>) -> Report {
        let mut rep = Report { tp: Default::default(), fp: Default::default(), fn_: Default::default(), errors: Vec::new(), by_src: Default::default(), fp_cats: Default::default() };
        for ty in ["PERS", "LOC", "ORG"] {
            rep.tp.insert(ty, 0);
            rep.fp.insert(ty, 0);
            rep.fn_.insert(ty, 0);
        }
        let mut i = 0;
        while i < toks.len() {
            // one text
            let mut text = String::new();
            let mut paras = Vec::new();
            let mut spans: Vec<(usize, usize)> = Vec::new();
            let start_tok = i;
            'text: for _p in 0..3 {
                let ps = text.len();
                let mut sentences = 0;
                while i < toks.len() {
                    if text.len() > ps {
                        text.push(' ');
                    }
                    let s = text.len();
                    text.push_str(&toks[i].0);
                    spans.push((s, text.len()));
                    i += 1;
                    if toks[i - 1].0 == "." {
                        sentences += 1;
                        if sentences == 4 {
                            break;
                        }
                    }
                }
                paras.push(Text { text: text[ps..].to_string(), span: [ps, text.len()] });
                if i >= toks.len() {
                    break 'text;
                }
                text.push_str("\n\n");
            }
            let part = &toks[start_tok..i];
            let gold = bio_spans(part);
            SOURCES.with(|v| v.borrow_mut().clear());
            let ents = ex(&text, &paras);
            let srcs: Vec<(usize, usize, &'static str)> = SOURCES.with(|v| v.borrow().clone());
            let mut pred = HashSet::new();
            let mut pred_src: HashMap<(usize, usize, &'static str), &'static str> = Default::default();
            for e in &ents {
                let ty = match e.kind {
                    EntityKind::Person => "PERS",
                    EntityKind::Place => "LOC",
                    EntityKind::Organization => "ORG",
                };
                for m in &e.mentions {
                    let a = spans.iter().position(|s| s.1 > m[0]);
                    let b = spans.iter().rposition(|s| s.0 < m[1]);
                    if let (Some(a), Some(b)) = (a, b) {
                        pred.insert((a, b + 1, ty));
                        let src = srcs.iter().find(|s| s.0 == m[0] && s.1 == m[1]).map(|s| s.2).unwrap_or("?");
                        pred_src.insert((a, b + 1, ty), src);
                    }
                }
            }
            for g in &gold {
                if g.2 == "MISC" {
                    continue;
                }
                if pred.contains(g) {
                    *rep.tp.get_mut(g.2).unwrap() += 1;
                } else {
                    *rep.fn_.get_mut(g.2).unwrap() += 1;
                    let other = pred.iter().find(|p| p.0 < g.1 && g.0 < p.1);
                    rep.errors.push(format!("FN {} [{}] got {:?} ctx: {}", g.2, words(part, g.0, g.1), other.map(|o| format!("{} [{}]", o.2, words(part, o.0, o.1))), words(part, g.0.saturating_sub(4), (g.1 + 2).min(part.len()))));
                }
            }
            for p in &pred {
                let src = pred_src.get(p).copied().unwrap_or("?");
                let e = rep.by_src.entry(src).or_insert((0, 0));
                if gold.contains(p) {
                    e.0 += 1;
                } else {
                    e.1 += 1;
                }
                if !gold.contains(p) {
                    *rep.fp.get_mut(p.2).unwrap() += 1;
                    let ov: Vec<&(usize, usize, &str)> = gold.iter().filter(|g| g.0 < p.1 && p.0 < g.1).collect();
                    let cat = if let Some(g) = ov.iter().find(|g| g.0 == p.0 && g.1 == p.1) {
                        format!("gold {}", g.2)
                    } else if let Some(g) = ov.iter().find(|g| g.2 == p.2) {
                        if g.0 >= p.0 && g.1 <= p.1 { format!("too long L{} R{}", g.0 - p.0, p.1 - g.1) } else if p.0 >= g.0 && p.1 <= g.1 { format!("cut short L{} R{}", p.0 - g.0, g.1 - p.1) } else { "crossing".to_string() }
                    } else if let Some(g) = ov.first() {
                        format!("overlap {}", g.2)
                    } else {
                        "spurious".to_string()
                    };
                    *rep.fp_cats.entry(format!("{src:<12} {} {}w {cat}", p.2, (p.1 - p.0).min(3))).or_default() += 1;
                    let ctx = words(part, p.0.saturating_sub(3), (p.1 + 2).min(part.len()));
                    let g = gold.iter().find(|g| g.0 < p.1 && p.0 < g.1);
                    rep.errors.push(format!("FP {} {} [{}] gold {:?} ctx: {}", p.2, src, words(part, p.0, p.1), g.map(|g| g.2), ctx));
                }
            }
        }
        rep
    }

    fn words(t: &[(String, String)], a: usize, b: usize) -> String {
        t[a..b].iter().map(|x| x.0.as_str()).collect::<Vec<_>>().join(" ")
    }

    pub(crate) fn bio_spans(t: &[(String, String)]) -> HashSet<(usize, usize, &'static str)> {
        let mut out = HashSet::new();
        let mut cur: Option<(usize, &'static str)> = None;
        let ty_of = |s: &str| -> &'static str {
            match s {
                "PERS" | "PER" => "PERS",
                "LOC" => "LOC",
                "ORG" => "ORG",
                _ => "MISC",
            }
        };
        for (k, (_, tag)) in t.iter().enumerate() {
            let (bi, ty) = match tag.split_once('-') {
                Some((b, ty)) => (b, ty_of(ty)),
                None => ("O", "MISC"),
            };
            let cont = bi == "I" && cur.is_some_and(|c| c.1 == ty);
            if !cont {
                if let Some((s, cty)) = cur.take() {
                    out.insert((s, k, cty));
                }
                if bi == "B" || bi == "I" {
                    cur = Some((k, ty));
                }
            }
        }
        if let Some((s, cty)) = cur {
            out.insert((s, t.len(), cty));
        }
        out
    }
}
