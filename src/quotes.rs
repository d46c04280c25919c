//! Attributed speech (contract: Quote): who said what, with which verb.
//!
//! One pass per paragraph. The paragraph is cut into tokens (words, quotation marks, other
//! punctuation); a single scan pairs the quotation marks (`«…»`, `"…"`, `“…”`, reversed and
//! mismatched pairs, nested quotes, unclosed quotes) so that every token knows whether it lies
//! inside quoted speech. Speech verbs outside quoted speech (`قال`, `وأضاف`, `يقول`, participles
//! such as `مشيرًا`) then each give one quote: the attribution after the verb (speaker, appositive,
//! circumstance, colon, complementiser) is read within a bounded window of tokens, and the content
//! runs to the closing mark, or to the next speech verb, a hedge tail (`حسب قوله`) or the end of the
//! paragraph. Quote-first forms (`"…"، يقول X`) take the content before the verb. A quote left open
//! at the end of a paragraph continues into the next one when that one reopens or closes it.
//!
//! Every step looks at a bounded number of tokens around a position, so the cost is linear in the
//! length of the text; nothing here can panic on any input. Speakers resolve to the article's
//! entities (mention overlapping the speaker phrase, else a name containing it); an unnamed or
//! pronoun subject (`وأضاف`, `وقال سموه`) takes the previous speaker.

use crate::model::{Entity, EntityKind, Quote, Text};
use crate::normalize::{fold, fold_char, fold_into, is_alnum, is_space};
use std::borrow::Cow;
use crate::hash::{FastMap, FastSet};
use std::sync::OnceLock;

/// Quotes in `paragraphs` (byte spans into `input`); `entity` indexes `entities`.
pub(crate) fn extract(input: &str, paragraphs: &[Text], entities: &[Entity]) -> Vec<Quote> {
    let ents = EntityIndex::new(input, entities);
    let mut run = Run { input, lex: lex(), ents: &ents, drafts: Vec::new(), prev: None, recent: Vec::new(), carry: None, at: 0 };
    for p in paragraphs {
        let (s, e) = (p.span[0], p.span[1]);
        if s >= e || e > input.len() || !input.is_char_boundary(s) || !input.is_char_boundary(e) {
            run.carry = None;
            continue;
        }
        run.paragraph(s, e);
    }
    run.finish()
}

// ---------------------------------------------------------------------------------------------
// Lexicons

struct Lex {
    /// Verb forms → their class, the form and the preposition they take (`""` for none); past
    /// before present before weak when a form is in two lists.
    bare: FastMap<&'static str, (VClass, &'static str, &'static str)>,
    participles: FastMap<&'static str, &'static str>,
    compl: FastSet<&'static str>,
    titles: FastSet<&'static str>,
    roles: FastSet<&'static str>,
    orgs: FastSet<&'static str>,
    circ: FastSet<&'static str>,
    channels: FastSet<&'static str>,
    honorifics: FastSet<&'static str>,
    pronouns: FastSet<&'static str>,
    fillers: FastSet<&'static str>,
    tails: FastSet<&'static str>,
    /// The first word of every tail.
    tail_heads: FastSet<&'static str>,
    objects: FastSet<&'static str>,
}

fn lexicon_file(name: &str) -> &'static str {
    crate::lexicon::FILES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c).unwrap_or("")
}

fn set(names: &[&str]) -> FastSet<&'static str> {
    names
        .iter()
        .flat_map(|n| crate::lexicon::entries(lexicon_file(n)))
        .map(|e| e.split('\t').next().unwrap_or(e))
        .collect()
}

fn map(name: &str) -> FastMap<&'static str, &'static str> {
    crate::lexicon::entries(lexicon_file(name))
        .map(|e| match e.split_once('\t') {
            Some((k, v)) => (k, v.trim()),
            None => (e, ""),
        })
        .collect()
}

fn lex() -> &'static Lex {
    static LEX: OnceLock<Lex> = OnceLock::new();
    LEX.get_or_init(|| Lex {
        bare: {
            let mut bare = FastMap::default();
            for (name, class) in [("quote_verbs_past.txt", VClass::Past), ("quote_verbs_present.txt", VClass::Present), ("quote_verbs_weak.txt", VClass::Weak)] {
                for (k, p) in map(name) {
                    bare.entry(k).or_insert((class, k, p));
                }
            }
            bare
        },
        participles: map("quote_participles.txt"),
        compl: set(&["quote_complementisers.txt"]),
        titles: set(&["quote_titles.txt"]),
        // Nationality adjectives of the entity lexicon, when that file is there, end role phrases too.
        roles: set(&["quote_roles.txt", "ent_nisba.txt"]),
        orgs: set(&["quote_orgs.txt"]),
        circ: set(&["quote_circumstances.txt"]),
        channels: set(&["quote_channels.txt"]),
        honorifics: set(&["quote_honorifics.txt"]),
        pronouns: set(&["quote_pronouns.txt"]),
        fillers: set(&["quote_fillers.txt"]),
        tails: set(&["quote_tails.txt"]),
        tail_heads: set(&["quote_tails.txt"]).into_iter().map(|t| t.split(' ').next().unwrap_or(t)).collect(),
        objects: set(&["quote_objects.txt"]),
    })
}

/// Verbs that report speech when prefixed (`وتابع`) but alone mostly mean something else
/// (`تابع الوزير موقف …` = followed up): without a prefix they need a complementiser.
const UNPREFIXED_WEAK: &[&str] = &["تابع", "تابعت", "تابعوا", "يتابع", "تتابع"];

/// Heads of partitive speaker phrases (`عدد من السكان`, `أحد المسؤولين`), folded.
const QUANTIFIERS: &[&str] = &["عدد", "بعض", "احد", "احدي", "كثير", "الاف", "مئات", "عشرات", "غالبيه", "معظم", "اغلب", "مجموعه"];

/// What kind of speech word a token is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum VClass {
    /// Past tense, introduces a quote on its own (`قال`, `وأضاف`).
    Past,
    /// Present tense (`يقول`), also used in quote-first inversions.
    Present,
    /// Needs a complementiser, a colon or a quotation mark (`أعلن`, `كشف`).
    Weak,
    /// A participle (`مشيرًا`): same speaker as before.
    Participle,
}

/// A speech word: its class, whether it carries a و / ف prefix, its bare form and the
/// preposition it takes (`""` for none).
#[derive(Clone, Copy, Debug)]
struct Verb {
    class: VClass,
    prefixed: bool,
    base: &'static str,
    prep: &'static str,
}

impl Lex {
    /// The speech word a folded token is, if any.
    fn verb(&self, f: &str) -> Option<Verb> {
        if let Some(v) = self.bare_verb(f, false) {
            return Some(v);
        }
        if let Some((k, p)) = self.participles.get_key_value(f) {
            return Some(Verb { class: VClass::Participle, prefixed: false, base: k, prep: p });
        }
        let rest = f.strip_prefix('و').or_else(|| f.strip_prefix('ف'))?;
        self.bare_verb(rest, true)
    }

    /// The speech word of a token, with `تابع` alone (also "followed up") needing a complementiser.
    fn speech(&self, f: &str) -> Option<Verb> {
        let mut v = self.verb(f)?;
        if !v.prefixed && UNPREFIXED_WEAK.contains(&v.base) {
            v.class = VClass::Weak;
        }
        Some(v)
    }

    fn bare_verb(&self, f: &str, prefixed: bool) -> Option<Verb> {
        self.bare.get(f).map(|&(class, base, prep)| Verb { class, prefixed, base, prep })
    }

    fn is_any_verb(&self, f: &str) -> bool {
        self.verb(f).is_some()
    }

    fn is_participle(&self, f: &str) -> bool {
        self.participles.contains_key(f)
    }
}

// ---------------------------------------------------------------------------------------------
// Tokens

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tk {
    Word,
    Mark,
    Punct,
}

/// Where a quotation mark sits: after a boundary and before a letter (opens), after a letter and
/// before a boundary (closes), or undecided.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ctx {
    Open,
    Close,
    Ambig,
}

/// A token's folded form: borrowed from the input when folding leaves the word as it is (most
/// words), owned otherwise.
#[derive(Debug)]
struct F<'a>(std::borrow::Cow<'a, str>);

impl F<'_> {
    fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for F<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<&str> for F<'_> {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

#[derive(Debug)]
struct Tok<'a> {
    k: Tk,
    /// Absolute byte offsets.
    s: usize,
    e: usize,
    /// The character of a mark or punctuation token.
    c: char,
    ctx: Ctx,
    /// Folded form of a word (the character itself for punctuation).
    f: F<'a>,
}

fn is_word_char(c: char) -> bool {
    is_alnum(c) || (fold_char(c).is_none() && !is_space(c))
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06FA}'..='\u{06FF}')
}

fn is_double_mark(c: char) -> bool {
    matches!(c, '"' | '«' | '»' | '“' | '”' | '„' | '‟' | '＂')
}

fn is_single_mark(c: char) -> bool {
    matches!(c, '\'' | '‘' | '’' | '‚' | '‛')
}

fn is_boundary(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => is_space(c) || !is_word_char(c),
    }
}

/// Splits `input[s..e]` into tokens.
fn tokenize<'a>(input: &'a str, s: usize, e: usize) -> Vec<Tok<'a>> {
    let text = &input[s..e];
    let mut toks = Vec::new();
    let mut scratch = String::new();
    let mut word: Option<usize> = None;
    let mut prev: Option<char> = None;
    let mut it = text.char_indices().peekable();
    let mut flush = |toks: &mut Vec<Tok<'a>>, word: &mut Option<usize>, end: usize| {
        if let Some(ws) = word.take() {
            // Leading characters that fold to nothing (bidi marks, tatweel) are not the word.
            let mut a = ws;
            for (i, c) in text[ws..end].char_indices() {
                if fold_char(c).is_some() {
                    a = ws + i;
                    break;
                }
                a = ws + i + c.len_utf8();
            }
            if a < end {
                let w = &text[ws..end];
                fold_into(w, &mut scratch);
                if !scratch.is_empty() {
                    let f = if scratch == w { Cow::Borrowed(w) } else { Cow::Owned(scratch.clone()) };
                    toks.push(Tok { k: Tk::Word, s: s + a, e: s + end, c: ' ', ctx: Ctx::Ambig, f: F(f) });
                }
            }
        }
    };
    while let Some((i, c)) = it.next() {
        let next = it.peek().map(|&(_, n)| n);
        let end = i + c.len_utf8();
        if is_space(c) {
            flush(&mut toks, &mut word, i);
        } else if c == '\'' && next == Some('\'') {
            // `''` is one double quotation mark.
            it.next();
            let after = it.peek().map(|&(_, n)| n);
            let ctx = match (is_boundary(prev), is_boundary(after)) {
                (true, false) => Ctx::Open,
                (false, true) => Ctx::Close,
                _ => Ctx::Ambig,
            };
            flush(&mut toks, &mut word, i);
            toks.push(Tok { k: Tk::Mark, s: s + i, e: s + i + 2, c: '"', ctx, f: F(Cow::Borrowed("\"")) });
            prev = Some('\'');
            continue;
        } else if is_double_mark(c) || is_single_mark(c) {
            let single = is_single_mark(c);
            let ctx = match (is_boundary(prev), is_boundary(next)) {
                (true, false) => Ctx::Open,
                (false, true) => Ctx::Close,
                _ => Ctx::Ambig,
            };
            // Single quotes are quotation marks only next to Arabic letters, on the inside.
            let is_mark = !single
                || match ctx {
                    Ctx::Open => next.is_some_and(is_arabic_letter),
                    Ctx::Close => prev.is_some_and(|p| is_arabic_letter(p) || p == '.' || p == '!' || p == '؟'),
                    Ctx::Ambig => false,
                };
            if single && !is_mark && word.is_some() && ctx == Ctx::Ambig {
                // An apostrophe inside a Latin word (O'Brien) stays in the word.
            } else {
                flush(&mut toks, &mut word, i);
                let k = if is_mark { Tk::Mark } else { Tk::Punct };
                toks.push(Tok { k, s: s + i, e: s + end, c, ctx, f: F(Cow::Borrowed(&text[i..end])) });
            }
        } else if is_word_char(c) {
            if word.is_none() {
                word = Some(i);
            }
        } else {
            flush(&mut toks, &mut word, i);
            toks.push(Tok { k: Tk::Punct, s: s + i, e: s + end, c, ctx: Ctx::Ambig, f: F(Cow::Borrowed(&text[i..end])) });
        }
        prev = Some(c);
    }
    flush(&mut toks, &mut word, text.len());
    toks
}

// ---------------------------------------------------------------------------------------------
// Quotation marks

const NONE: usize = usize::MAX;
const OPEN_END: usize = usize::MAX - 1;

/// The quotation-mark structure of one paragraph.
struct Marks {
    /// For a top-level opening mark: its closing mark's index, or [`OPEN_END`]; else [`NONE`].
    close: Vec<usize>,
    /// For a top-level closing mark: its opening mark's index; else [`NONE`].
    open: Vec<usize>,
    /// 0 outside quoted speech, 1 inside a closed quote, 2 inside a quote left open.
    inside: Vec<u8>,
    /// With a virtual opening mark before the paragraph: the index of the mark closing it.
    lead_close: Option<usize>,
    /// The first top-level mark is a closing mark with nothing open: its index.
    stray_first: Option<usize>,
}

fn mirror(a: char, b: char) -> bool {
    matches!((a, b), ('«', '»') | ('»', '«') | ('“', '”') | ('”', '“') | ('„', '“') | ('‘', '’') | ('’', '‘'))
}

fn opening_char(c: char) -> bool {
    matches!(c, '«' | '“' | '„' | '‘' | '‚')
}

/// Pairs the quotation marks in one scan; `start_open` starts inside a quote opened earlier.
fn analyze(toks: &[Tok], start_open: bool) -> Marks {
    let n = toks.len();
    let mut m = Marks {
        close: vec![NONE; n],
        open: vec![NONE; n],
        inside: vec![0; n],
        lead_close: None,
        stray_first: None,
    };
    // Stack of (token index or NONE for the virtual opener, mark char).
    let mut stack: Vec<(usize, char)> = Vec::new();
    if start_open {
        stack.push((NONE, '"'));
    }
    let mut seen = false;
    let mut regions: Vec<(usize, usize)> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if t.k != Tk::Mark {
            continue;
        }
        let c = t.c;
        match stack.last().copied() {
            None => {
                if t.ctx == Ctx::Close {
                    if !seen {
                        m.stray_first = Some(i);
                    }
                    seen = true;
                    continue;
                }
                seen = true;
                stack.push((i, c));
            }
            Some((oi, oc)) => {
                let nest = stack.len() < 3
                    && c != oc
                    && !mirror(oc, c)
                    && (t.ctx == Ctx::Open || (t.ctx == Ctx::Ambig && opening_char(c)));
                if nest {
                    stack.push((i, c));
                } else {
                    stack.pop();
                    if stack.is_empty() {
                        regions.push((oi, i));
                    }
                }
            }
        }
    }
    if let Some(&(oi, _)) = stack.first() {
        regions.push((oi, OPEN_END));
    }
    for (o, c) in regions {
        let from = if o == NONE { 0 } else { o + 1 };
        let (to, v) = if c == OPEN_END { (n, 2) } else { (c, 1) };
        for x in m.inside.iter_mut().take(to).skip(from) {
            *x = v;
        }
        if o == NONE {
            if c != OPEN_END {
                m.lead_close = Some(c);
                m.open[c] = NONE;
            }
        } else {
            m.close[o] = c;
            if c != OPEN_END {
                m.open[c] = o;
            }
        }
    }
    m
}

// ---------------------------------------------------------------------------------------------
// Entities

struct EntityIndex<'a> {
    entities: &'a [Entity],
    /// (start, end, entity) of every mention, sorted by start.
    mentions: Vec<(usize, usize, usize)>,
    /// Folded name of every entity.
    names: Vec<String>,
    /// Folded word → entities whose name contains it.
    by_word: FastMap<String, Vec<usize>>,
}

/// Which entities a speaker phrase may resolve to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Pick {
    People,
    NotPlace,
    Any,
}

fn kind_rank(k: EntityKind) -> u8 {
    match k {
        EntityKind::Person => 0,
        EntityKind::Organization => 1,
        EntityKind::Place => 2,
    }
}

impl<'a> EntityIndex<'a> {
    fn new(input: &str, entities: &'a [Entity]) -> Self {
        let mut mentions = Vec::new();
        for (i, e) in entities.iter().enumerate() {
            for m in &e.mentions {
                if m[0] < m[1] && m[1] <= input.len() {
                    mentions.push((m[0], m[1], i));
                }
            }
        }
        mentions.sort_unstable();
        let names: Vec<String> = entities.iter().map(|e| fold(&e.name)).collect();
        let mut by_word: FastMap<String, Vec<usize>> = FastMap::default();
        for (i, n) in names.iter().enumerate() {
            for w in n.split(' ') {
                let v = by_word.entry(w.to_string()).or_default();
                if v.last() != Some(&i) {
                    v.push(i);
                }
            }
        }
        EntityIndex { entities, mentions, names, by_word }
    }

    /// The best entity with a mention overlapping `a..b`: people first, then organisations;
    /// a place only when its mention covers the whole range (`قالت مصر`).
    fn overlapping(&self, a: usize, b: usize, pick: Pick) -> Option<usize> {
        if a >= b {
            return None;
        }
        let hi = self.mentions.partition_point(|m| m.0 < b);
        let mut best: Option<(u8, std::cmp::Reverse<usize>, usize)> = None;
        for &(s, e, i) in self.mentions[..hi].iter().rev().take(64) {
            if e <= a {
                continue;
            }
            let Some(ent) = self.entities.get(i) else { continue };
            let ok = match (pick, ent.kind) {
                (_, EntityKind::Person) => true,
                (Pick::People, _) => false,
                (_, EntityKind::Organization) => true,
                (Pick::NotPlace, EntityKind::Place) => false,
                (Pick::Any, EntityKind::Place) => s <= a && e >= b,
            };
            if !ok {
                continue;
            }
            let overlap = e.min(b) - s.max(a);
            let key = (kind_rank(ent.kind), std::cmp::Reverse(overlap), i);
            if best.map_or(true, |b| key < b) {
                best = Some(key);
            }
        }
        best.map(|k| k.2)
    }

    /// An entity whose folded name contains the folded phrase as whole words (or the reverse for
    /// a person's full name inside the phrase).
    fn by_name(&self, phrase: &str) -> Option<usize> {
        if phrase.is_empty() {
            return None;
        }
        let words: Vec<&str> = phrase.split(' ').collect();
        let mut best: Option<(u8, usize)> = None;
        let mut consider = |i: usize| {
            let (Some(name), Some(ent)) = (self.names.get(i), self.entities.get(i)) else { return };
            let ok = contains_words(name, phrase)
                || (ent.kind == EntityKind::Person && name.contains(' ') && contains_words(phrase, name));
            if ok {
                let key = (kind_rank(ent.kind), i);
                if best.map_or(true, |b| key < b) {
                    best = Some(key);
                }
            }
        };
        for w in &words {
            if let Some(list) = self.by_word.get(*w) {
                for &i in list.iter().take(64) {
                    consider(i);
                }
            }
        }
        best.map(|b| b.1)
    }
}

/// `hay` contains `needle` as a run of whole words (both folded, single spaces).
fn contains_words(hay: &str, needle: &str) -> bool {
    if needle.is_empty() || needle.len() > hay.len() {
        return false;
    }
    let mut from = 0;
    while let Some(p) = hay[from..].find(needle) {
        let a = from + p;
        let b = a + needle.len();
        let left = a == 0 || hay.as_bytes()[a - 1] == b' ';
        let right = b == hay.len() || hay.as_bytes()[b] == b' ';
        if left && right {
            return true;
        }
        from = a + hay[a..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

// ---------------------------------------------------------------------------------------------
// The run over an article

#[derive(Clone, Debug, Default)]
struct Speaker {
    name: Option<String>,
    entity: Option<usize>,
    /// Folded role words the text gave this speaker (`وزير الخارجيه الامريكي`): a later bare
    /// `الوزير` is this speaker.
    role: String,
}

#[derive(Debug)]
struct Draft {
    speaker: Speaker,
    verb: (usize, usize),
    start: usize,
    end: usize,
    direct: bool,
}

enum Carry {
    /// The draft's direct quote is still open at the end of its paragraph.
    Open(usize),
    /// The draft ended on a colon: its content is the next paragraph.
    Pending(usize),
}

struct Run<'a> {
    input: &'a str,
    lex: &'static Lex,
    ents: &'a EntityIndex<'a>,
    drafts: Vec<Draft>,
    prev: Option<Speaker>,
    /// The last few named speakers, most recent last.
    recent: Vec<Speaker>,
    carry: Option<Carry>,
    /// Byte position of the speech word being read.
    at: usize,
}

/// A speaker phrase: word tokens `a..b` (inside quotation marks when `quoted`).
#[derive(Clone, Copy, Debug)]
struct Np {
    a: usize,
    b: usize,
}

/// What the attribution after a verb leads to.
#[derive(Debug)]
struct Fwd {
    np: Option<Np>,
    /// Token where the content begins (may be `toks.len()` when `pending`).
    at: usize,
    pending: bool,
    /// Came from `قال X، <content>` with no other signal.
    via_comma: bool,
    /// A role in apposition (`بلينكن، وزير الخارجية الأمريكي،`).
    appos: Option<Np>,
}

/// The content of one found quote, before its end is known.
#[derive(Debug)]
enum Body {
    /// Between quotation marks: start byte, closing mark token (or [`OPEN_END`]).
    Direct(usize, usize),
    /// Reported: runs from the start byte to the next statement.
    Indirect(usize),
    /// Fixed range (quote-first forms).
    Fixed(usize, usize, bool),
    /// The next paragraph.
    Pending,
}

struct Found {
    draft: usize,
    /// Where the statement before this one ends (byte).
    boundary: usize,
    body: Body,
}

fn is_clause_punct(c: char) -> bool {
    matches!(c, '،' | ',' | '.' | ':' | '؛' | ';' | '!' | '؟' | '?' | '-' | '–' | '—' | '(' | ')' | '…' | '[' | ']')
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '؟' | '?' | '؛' | ';' | '…')
}

fn is_comma(c: char) -> bool {
    matches!(c, '،' | ',' | '-' | '–' | '—')
}

fn is_prep(f: &str) -> bool {
    matches!(f, "الي" | "علي" | "عن" | "من")
}

impl<'a> Run<'a> {
    fn finish(self) -> Vec<Quote> {
        let input = self.input;
        let mut out = Vec::with_capacity(self.drafts.len());
        for d in self.drafts {
            let (mut s, mut e) = (d.start.min(input.len()), d.end.min(input.len()));
            // Trim whitespace (and, at the end, the comma joining the next statement).
            while s < e {
                let Some(c) = input[s..e].chars().next() else { break };
                if c.is_whitespace() || fold_char(c).is_none() {
                    s += c.len_utf8();
                } else {
                    break;
                }
            }
            while s < e {
                let Some(c) = input[s..e].chars().next_back() else { break };
                if c.is_whitespace() || matches!(c, '،' | ',' | '؛' | ';' | '-' | '–' | '—' | ':') {
                    e -= c.len_utf8();
                } else {
                    break;
                }
            }
            if s >= e || !input.is_char_boundary(s) || !input.is_char_boundary(e) {
                continue;
            }
            out.push(Quote {
                speaker: d.speaker.name,
                entity: d.speaker.entity,
                verb: Text { text: input[d.verb.0..d.verb.1].to_string(), span: [d.verb.0, d.verb.1] },
                content: Text { text: input[s..e].to_string(), span: [s, e] },
                direct: d.direct,
            });
        }
        out
    }

    fn paragraph(&mut self, ps: usize, pe: usize) {
        let toks = tokenize(self.input, ps, pe);
        let n = toks.len();
        if n == 0 {
            return;
        }
        let lex = self.lex;
        let mut found: Vec<Found> = Vec::new();
        let mut skip_to = 0usize;
        let mut marks = analyze(&toks, false);

        // A quote carried over from the previous paragraph.
        match self.carry.take() {
            Some(Carry::Open(d)) => {
                if toks[0].k == Tk::Mark && toks[0].ctx != Ctx::Close && marks.close[0] != NONE {
                    // The paragraph reopens the quote: it runs on to this paragraph's closing mark.
                    let c = marks.close[0];
                    if c == OPEN_END {
                        self.drafts[d].end = pe;
                        self.carry = Some(Carry::Open(d));
                        skip_to = n;
                    } else {
                        self.drafts[d].end = toks[c].s;
                        skip_to = c + 1;
                    }
                } else if let Some(k) = marks.stray_first {
                    // The paragraph closes the quote opened before.
                    if toks[..k].iter().all(|t| t.k != Tk::Mark) {
                        marks = analyze(&toks, true);
                        self.drafts[d].end = toks[k].s;
                        skip_to = k + 1;
                    }
                }
            }
            Some(Carry::Pending(d)) => {
                if toks[0].k == Tk::Mark && marks.close[0] != NONE {
                    let c = marks.close[0];
                    self.drafts[d].start = toks[0].e;
                    self.drafts[d].direct = true;
                    if c == OPEN_END {
                        self.drafts[d].end = pe;
                        self.carry = Some(Carry::Open(d));
                        skip_to = n;
                    } else {
                        self.drafts[d].end = toks[c].s;
                        skip_to = c + 1;
                    }
                } else {
                    self.drafts[d].start = toks[0].s;
                    found.push(Found { draft: d, boundary: toks[0].s, body: Body::Indirect(toks[0].s) });
                }
            }
            None => {}
        }

        // Sentence starts (index of the first token of each token's sentence).
        let mut sent_start = vec![0usize; n];
        let mut cur = 0usize;
        for (i, t) in toks.iter().enumerate() {
            sent_start[i] = cur;
            if t.k == Tk::Punct && is_terminator(t.c) {
                cur = i + 1;
            }
        }

        // Hedge tails (byte positions where a statement ends early).
        let mut tails: Vec<usize> = Vec::new();
        for i in 0..n {
            // Every tail starts with one of a few words: skip the joins elsewhere.
            if !lex.tail_heads.contains(toks[i].f.as_str()) {
                continue;
            }
            for len in (1..=5usize).rev() {
                if i + len > n || (len == 1 && toks[i].k != Tk::Word) {
                    continue;
                }
                if lex.tails.contains(join(&toks[i..i + len]).as_str()) {
                    tails.push(toks[i].s);
                    break;
                }
            }
        }

        let mut soft_broken = false;
        let mut i = skip_to;
        while i < n {
            let t = &toks[i];
            if t.k != Tk::Word {
                i += 1;
                continue;
            }
            let Some(v) = lex.speech(&t.f) else {
                i += 1;
                continue;
            };
            // `مضيفة` (ة) is a participle, `مضيفه` (ه, "its host") is not.
            if v.class == VClass::Participle && v.base.ends_with('ه') && self.input[t.s..t.e].trim_end_matches(|c: char| fold_char(c).is_none()).ends_with('ه') {
                i += 1;
                continue;
            }
            let inside = marks.inside[i];
            if inside == 1 || (inside == 2 && !soft_broken && !breaks_open_quote(&toks, i, v)) {
                i += 1;
                continue;
            }
            if inside == 2 && !soft_broken {
                // A new statement inside a quote left open: the quote ends with the sentence before.
                soft_broken = true;
                let cut = toks[i - 1].e;
                for f in found.iter_mut() {
                    if let Body::Direct(_, c) = &mut f.body {
                        if *c == OPEN_END {
                            *c = NONE;
                            self.drafts[f.draft].end = cut;
                        }
                    }
                }
                if let Some(Carry::Open(d)) = self.carry {
                    self.drafts[d].end = self.drafts[d].end.min(cut);
                    self.carry = None;
                }
            }
            match self.verb_at(&toks, &marks, &sent_start, i, v, &found) {
                Some((f, next)) => {
                    found.push(f);
                    i = next.max(i + 1);
                }
                None => i += 1,
            }
        }

        // Ends of reported speech: the next statement, a hedge tail or the paragraph's end.
        let mut bounds: Vec<usize> = found.iter().map(|f| f.boundary).collect();
        bounds.sort_unstable();
        for f in &found {
            let d = &mut self.drafts[f.draft];
            match f.body {
                Body::Indirect(s) => {
                    let b = bounds.get(bounds.partition_point(|&b| b <= s)).copied().unwrap_or(pe);
                    let t = tails.get(tails.partition_point(|&t| t <= s)).copied().unwrap_or(pe);
                    d.start = s;
                    d.end = b.min(t).min(pe);
                    d.direct = false;
                }
                Body::Direct(s, c) => {
                    d.start = s;
                    d.direct = true;
                    if c == OPEN_END {
                        d.end = pe;
                        self.carry = Some(Carry::Open(f.draft));
                    } else if c != NONE {
                        d.end = toks.get(c).map_or(pe, |t| t.s);
                    }
                }
                Body::Fixed(s, e, direct) => {
                    d.start = s;
                    d.end = e;
                    d.direct = direct;
                }
                Body::Pending => {
                    d.start = pe;
                    d.end = pe;
                    self.carry = Some(Carry::Pending(f.draft));
                }
            }
        }
    }

    /// Reads the quote of the speech word at token `vi`; returns it and the token to go on from.
    fn verb_at(
        &mut self,
        toks: &[Tok],
        marks: &Marks,
        sent_start: &[usize],
        vi: usize,
        v: Verb,
        found: &[Found],
    ) -> Option<(Found, usize)> {
        let lex = self.lex;
        let vt = &toks[vi];
        if v.class == VClass::Participle {
            // `لافتة` is also a banner: only with what a speech participle takes.
            if vt.f.starts_with("لافت") {
                let nf = toks.get(vi + 1).map_or("", |t| t.f.as_str());
                if !(nf == "الي" || lex.compl.contains(nf)) {
                    return None;
                }
            }
            let fwd = self.forward(toks, marks, vi, v, false)?;
            let boundary = self.boundary(toks, vi).unwrap_or(vt.s);
            self.at = vt.s;
            let speaker = self.speaker(toks, None, false);
            return Some(self.emit(toks, marks, vi, boundary, speaker, fwd));
        }

        let clause = self.boundary(toks, vi);
        let after_comma = vi > 0 && toks[vi - 1].k == Tk::Punct && is_comma(toks[vi - 1].c);
        let after_quote = {
            let j = if after_comma { vi - 1 } else { vi };
            j > 0 && toks[j - 1].k == Tk::Mark && marks.open[j - 1] != NONE
        };

        // Quote-first: `"…"، يقول X.` / `…، يضيف X.`
        if after_quote || (after_comma && v.class == VClass::Present) {
            if let Some(r) = self.inversion(toks, marks, sent_start, vi, found) {
                return Some(r);
            }
        }

        let (boundary, allow_np, subject) = match clause {
            Some(b) => (b, true, None),
            None if v.prefixed => (toks[self.skip_fillers_back(toks, vi)].s, true, None),
            None => {
                // Not inside the reported speech of a statement begun earlier in the sentence.
                let sent_lo = toks[sent_start[vi]].s;
                if found.last().is_some_and(|f| self.drafts[f.draft].verb.0 >= sent_lo) {
                    return None;
                }
                let (b, np) = self.svo_subject(toks, vi)?;
                (b, false, Some(np))
            }
        };
        self.at = vt.s;
        match self.forward(toks, marks, vi, v, allow_np) {
            Some(mut fwd) => {
                if subject.is_some() {
                    fwd.np = subject;
                }
                if fwd.np.is_none() && v.prefixed {
                    fwd.np = self.kana_subject(toks, sent_start[vi], vi);
                }
                if fwd.np.is_none() && !v.prefixed && after_comma {
                    // `المتحدث باسم الشركة، أحمد عبدالهادي، أكد أن …`
                    fwd.np = self.comma_subject(toks, vi);
                }
                if fwd.np.is_none() && v.class == VClass::Weak && v.base.starts_with('ي') {
                    // `ويذكر أن …`, `يعتقد أن …`: impersonal, nobody's statement.
                    return None;
                }
                let mut speaker = self.speaker(toks, fwd.np, false);
                if let Some(ap) = fwd.appos {
                    if speaker.name.is_some() {
                        let words = toks[ap.a..ap.b.min(toks.len())].iter().filter(|t| t.k == Tk::Word);
                        for w in words {
                            speaker.role.push(' ');
                            speaker.role.push_str(&w.f);
                        }
                    }
                }
                Some(self.emit(toks, marks, vi, boundary, speaker, fwd))
            }
            None => {
                // `الوضع خطير، قال الوزير.`
                if after_comma || after_quote {
                    if let Some(r) = self.inversion(toks, marks, sent_start, vi, found) {
                        return Some(r);
                    }
                }
                // A named subject of `أعلنت الوزارة …` is the speaker of a participle after it.
                if allow_np && v.class == VClass::Weak {
                    let b = self.collect_np(toks, vi + 1);
                    if b > vi + 1 && b - (vi + 1) <= 6 {
                        let sp = self.speaker(toks, Some(Np { a: vi + 1, b }), true);
                        let head = toks[vi + 1].f.as_str();
                        if sp.entity.is_some() || (sp.name.is_some() && (lex.titles.contains(head) || lex.orgs.contains(head))) {
                            self.prev = Some(sp);
                        }
                    }
                }
                None
            }
        }
    }

    fn emit(&mut self, toks: &[Tok], marks: &Marks, vi: usize, boundary: usize, speaker: Speaker, fwd: Fwd) -> (Found, usize) {
        let n = toks.len();
        let vt = &toks[vi];
        let (body, next) = if fwd.pending {
            (Body::Pending, n)
        } else {
            let at = fwd.at.min(n);
            if at < n && toks[at].k == Tk::Mark && marks.close[at] != NONE {
                let c = marks.close[at];
                // `أن "الإصلاحات" بدأت …`: a quoted word inside reported speech.
                let partial = c != OPEN_END && toks.get(c + 1).is_some_and(|t| t.k == Tk::Word && self.lex.speech(&t.f).is_none());
                if partial {
                    (Body::Indirect(toks[at].s), at + 1)
                } else {
                    (Body::Direct(toks[at].e, c), if c == OPEN_END { n } else { c + 1 })
                }
            } else if at < n {
                (Body::Indirect(toks[at].s), at)
            } else {
                (Body::Indirect(vt.e), n)
            }
        };
        self.remember(&speaker);
        let d = self.drafts.len();
        self.drafts.push(Draft { speaker, verb: (vt.s, vt.e), start: vt.e, end: vt.e, direct: false });
        (Found { draft: d, boundary, body }, next)
    }

    /// Makes `speaker` the previous one and keeps it among the recent named speakers.
    fn remember(&mut self, speaker: &Speaker) {
        self.prev = Some(speaker.clone());
        if speaker.name.is_none() {
            return;
        }
        if let Some(k) = self.recent.iter().position(|r| r.name == speaker.name && r.entity == speaker.entity) {
            let mut old = self.recent.remove(k);
            if speaker.role.len() > old.role.len() {
                old.role = speaker.role.clone();
            }
            self.recent.push(old);
        } else {
            self.recent.push(speaker.clone());
            if self.recent.len() > 8 {
                self.recent.remove(0);
            }
        }
    }

    /// Where the statement before a clause-initial verb ends (start of any filler before it), or
    /// `None` when the verb does not start a clause.
    fn boundary(&self, toks: &[Tok], vi: usize) -> Option<usize> {
        let j = self.skip_fillers_back(toks, vi);
        let b = toks[j].s;
        if j == 0 {
            return Some(b);
        }
        let p = &toks[j - 1];
        match p.k {
            Tk::Mark => Some(b),
            Tk::Punct if is_clause_punct(p.c) => {
                if matches!(p.c, '،' | ',') && j >= 2 {
                    // `ومن جهته، قال`: the filler before the comma belongs to this statement.
                    let k = self.skip_fillers_back(toks, j - 1);
                    if k < j - 1 {
                        return Some(toks[k].s);
                    }
                }
                Some(b)
            }
            _ => None,
        }
    }

    /// Index of the first of the filler words right before `j` (`j` when none).
    fn skip_fillers_back(&self, toks: &[Tok], mut j: usize) -> usize {
        for _ in 0..3 {
            let mut moved = false;
            for len in (1..=4usize).rev() {
                if j < len || toks[j - len..j].iter().any(|t| t.k != Tk::Word) {
                    continue;
                }
                if self.lex.fillers.contains(join(&toks[j - len..j]).as_str()) {
                    j -= len;
                    moved = true;
                    break;
                }
            }
            if !moved {
                break;
            }
        }
        j
    }

    /// The previous speaker; before any, the person mentioned last before the speech word.
    fn previous(&self) -> Speaker {
        if let Some(p) = self.prev.as_ref().filter(|p| p.name.is_some()) {
            return p.clone();
        }
        let ents = self.ents;
        let hi = ents.mentions.partition_point(|m| m.0 < self.at);
        let last = ents.mentions[..hi].iter().rev().take(256).find(|m| {
            m.1 <= self.at && ents.entities.get(m.2).is_some_and(|e| e.kind == EntityKind::Person)
        });
        match last.and_then(|m| ents.entities.get(m.2).map(|e| (m.2, e))) {
            Some((i, e)) => Speaker { name: Some(e.name.clone()), entity: Some(i), role: String::new() },
            None => Speaker::default(),
        }
    }

    /// `المتحدث باسم الشركة، أحمد عبدالهادي، أكد أن`: the name before the comma is the subject
    /// (a person entity, or a name after a role).
    fn comma_subject(&self, toks: &[Tok], vi: usize) -> Option<Np> {
        let lex = self.lex;
        let b = vi.checked_sub(1)?;
        let mut a = b;
        while a > 0 && b - a < 5 && toks[a - 1].k == Tk::Word {
            a -= 1;
        }
        if a == b || (a > 0 && !(toks[a - 1].k == Tk::Punct && matches!(toks[a - 1].c, '،' | ','))) {
            return None;
        }
        let end = toks[b - 1].e;
        let person = self.ents.overlapping(toks[a].s, end, Pick::People).is_some_and(|i| {
            let hi = self.ents.mentions.partition_point(|m| m.0 < end);
            self.ents.mentions[..hi].iter().rev().take(64).any(|m| m.2 == i && m.1 == end)
        });
        if person {
            return Some(Np { a, b });
        }
        // The segment before is a role.
        let mut r = a.checked_sub(1)?;
        while r > 0 && toks[r - 1].k == Tk::Word && a - r < 12 {
            r -= 1;
        }
        let role = toks.get(r).is_some_and(|t| lex.titles.contains(t.f.as_str()) || lex.honorifics.contains(t.f.as_str()));
        (role && (r == 0 || toks[r - 1].k == Tk::Punct) && self.name_like(toks, a, b)).then_some(Np { a, b })
    }

    /// `وكان الصفدي قد التقى …، وشدد على …`: the subject of the sentence an unnamed verb
    /// continues.
    fn kana_subject(&self, toks: &[Tok], ss: usize, vi: usize) -> Option<Np> {
        let first = toks.get(ss).filter(|t| t.k == Tk::Word)?;
        if !matches!(first.f.as_str(), "وكان" | "كان" | "وكانت" | "كانت") {
            return None;
        }
        let a = ss + 1;
        let mut b = a;
        while b < vi && b - a < 6 && toks[b].k == Tk::Word && toks[b].f != "قد" {
            if self.lex.is_any_verb(&toks[b].f) {
                return None;
            }
            b += 1;
        }
        (b > a && b < vi && toks[b].f == "قد").then_some(Np { a, b })
    }

    /// `الوزير قال إن` / `وكان الوزير قد قال إن`: a short subject before an unprefixed verb.
    fn svo_subject(&self, toks: &[Tok], vi: usize) -> Option<(usize, Np)> {
        let lex = self.lex;
        let mut j = vi;
        while j > 0 && toks[j - 1].k == Tk::Word && matches!(toks[j - 1].f.as_str(), "قد" | "لقد") {
            j -= 1;
        }
        let b = j;
        let mut a = j;
        while a > 0 && b - a < 6 {
            let t = &toks[a - 1];
            if t.k != Tk::Word || lex.fillers.contains(t.f.as_str()) {
                break;
            }
            if lex.is_any_verb(&t.f) || lex.compl.contains(t.f.as_str()) || is_prep(&t.f) || lex.circ.contains(t.f.as_str()) {
                return None;
            }
            a -= 1;
        }
        if a == b {
            return None;
        }
        // The subject starts a clause.
        let starts_clause = a == 0
            || match toks[a - 1].k {
                Tk::Word => lex.fillers.contains(toks[a - 1].f.as_str()),
                Tk::Mark => true,
                Tk::Punct => is_clause_punct(toks[a - 1].c),
            };
        if !starts_clause {
            return None;
        }
        let mut h = a;
        while h < b && lex.honorifics.contains(toks[h].f.as_str()) {
            h += 1;
        }
        let first = toks.get(h).map_or("", |t| t.f.as_str());
        let titled = lex.titles.contains(first) || lex.orgs.contains(first);
        let end = toks[b - 1].e;
        let named = self.ents.overlapping(toks[a].s, end, Pick::NotPlace).is_some_and(|i| {
            let hi = self.ents.mentions.partition_point(|m| m.0 < end);
            self.ents.mentions[..hi].iter().rev().take(64).any(|m| m.2 == i && m.1 == end)
        });
        if !(titled || named) {
            return None;
        }
        let bstart = if a > 0 && toks[a - 1].k == Tk::Word && lex.fillers.contains(toks[a - 1].f.as_str()) { a - 1 } else { a };
        Some((toks[bstart].s, Np { a, b }))
    }

    /// A word that looks like part of a name: not a role word, not a function word.
    fn nameish(&self, f: &str) -> bool {
        let lex = self.lex;
        !(f.starts_with("ال")
            || f.starts_with("لل")
            || lex.titles.contains(f)
            || lex.roles.contains(f)
            || lex.orgs.contains(f)
            || lex.circ.contains(f)
            || lex.compl.contains(f)
            || lex.honorifics.contains(f)
            || is_prep(f)
            || f == "في")
    }

    /// Words of a speaker phrase from `start`: returns the index after it.
    fn collect_np(&self, toks: &[Tok], start: usize) -> usize {
        let lex = self.lex;
        let n = toks.len();
        let mut i = start;
        let role_mode = toks
            .get(start)
            .is_some_and(|t| t.k == Tk::Word && (lex.titles.contains(t.f.as_str()) || lex.honorifics.contains(t.f.as_str())));
        let mut named = false;
        while i < n && i - start < 14 {
            let t = &toks[i];
            if t.k == Tk::Punct && t.c == '.' && i > start && toks[i - 1].e == t.s && matches!(toks[i - 1].f.as_str(), "د" | "م" | "ا") {
                i += 1;
                continue;
            }
            if t.k != Tk::Word {
                break;
            }
            let f = t.f.as_str();
            let next = toks.get(i + 1).filter(|t| t.k == Tk::Word).map_or("", |t| t.f.as_str());
            if lex.compl.contains(f)
                || lex.is_any_verb(f)
                || matches!(f, "الذي" | "التي" | "الذين" | "وهو" | "وهي" | "وهم" | "بينما" | "حيث" | "قوله" | "قولها")
            {
                break;
            }
            if f == "علي" {
                // `علي` written with ي is a name (`عبدالله علي اليحيا`); the preposition is `على`.
                let maqsura = self.input[t.s..t.e].ends_with('ى');
                if maqsura || lex.compl.contains(next) || next.is_empty() {
                    break;
                }
                i += 1;
                continue;
            }
            if i > start && lex.objects.contains(f) {
                break;
            }
            if f == "الي" || f == "عن" {
                // `المبعوث الأمريكي إلى الشرق الأوسط X`, `النائب عن كتلة الوفاق X`.
                if role_mode && !named && i > start && !next.is_empty() && !lex.compl.contains(next) && self.name_ahead(toks, i + 2) {
                    i += 1;
                    continue;
                }
                break;
            }
            if f == "من" && (lex.compl.contains(next) || next.is_empty()) {
                break;
            }
            if lex.circ.contains(format!("{f} {next}").as_str()) {
                break;
            }
            if f == "في" && role_mode && !named && i > start {
                // `الخبير في الشأن الإيراني X`, `المتحدث باسم وزارة الصحة في غزة X`.
                if lex.orgs.contains(next) || (!next.is_empty() && self.name_ahead(toks, i + 2)) {
                    i += 1;
                    continue;
                }
                break;
            }
            // `لـCNN`, `لـ«الشرق»`, `لصحيفتي …`: an audience or a medium.
            if i > start && self.input[t.s..t.e].starts_with("لـ") {
                break;
            }
            if i > start && (named || !role_mode) {
                if let Some(rest) = f.strip_prefix('ل') {
                    let medium = ["صحيف", "قنا", "وكال", "موقع", "شبك", "اذاع", "مجل", "جريد"];
                    if lex.channels.contains(rest) || medium.iter().any(|m| rest.starts_with(m)) {
                        break;
                    }
                }
            }
            // `قال الشاهد للمحكمة`: an audience, unless inside a role (`الأمين العام للأمم المتحدة`).
            if lex.circ.contains(f) || (i > start && f.starts_with("لل") && (named || !role_mode)) {
                break;
            }
            if i > start && self.nameish(f) {
                named = true;
            }
            i += 1;
        }
        i
    }

    /// A name-like word follows within a few words from `i` (before any stop).
    fn name_ahead(&self, toks: &[Tok], i: usize) -> bool {
        for t in toks.iter().skip(i).take(6) {
            let f = t.f.as_str();
            if t.k != Tk::Word
                || self.lex.compl.contains(f)
                || self.lex.is_any_verb(f)
                || is_prep(f)
                || (self.lex.circ.contains(f) && f != "في")
            {
                return false;
            }
            if self.nameish(&t.f) {
                return true;
            }
        }
        false
    }

    /// A quotation-mark pair at `i` that names a channel or a medium (`لـ«الشرق الأوسط»`,
    /// `ببرنامج "الحكاية"`) rather than opening the quote: returns the index after its closing mark.
    fn name_region(&self, toks: &[Tok], marks: &Marks, i: usize, in_circ: bool) -> Option<usize> {
        let c = *marks.close.get(i)?;
        if c == NONE || c == OPEN_END || c <= i {
            return None;
        }
        let words = toks[i + 1..c].iter().filter(|t| t.k == Tk::Word).count();
        if words == 0 || words > 6 {
            return None;
        }
        let after = toks.get(c + 1)?;
        if after.k == Tk::Punct && is_terminator(after.c) {
            return None;
        }
        let before_channel = i > 0 && toks[i - 1].k == Tk::Word && {
            let f = toks[i - 1].f.as_str();
            let bare = f.strip_prefix('ل').or_else(|| f.strip_prefix('ب')).unwrap_or(f);
            self.lex.channels.contains(f) || self.lex.orgs.contains(f) || self.lex.orgs.contains(bare)
        };
        let continues = matches!(after.k, Tk::Punct) && matches!(after.c, '،' | ',' | ':')
            || (after.k == Tk::Word && (self.lex.circ.contains(after.f.as_str()) || self.lex.compl.contains(after.f.as_str())));
        if before_channel || (in_circ && (words <= 4 || continues)) {
            Some(c + 1)
        } else {
            None
        }
    }

    /// Skips a circumstance or appositive from `i` to the next comma, colon, complementiser, the
    /// verb's preposition or a quotation mark opening the quote.
    fn skip_segment(&self, toks: &[Tok], marks: &Marks, mut i: usize, limit: usize, prep: &str) -> usize {
        // A relative clause (`، التي كانت توصف بأنها …،`) runs to its comma.
        let relative = toks.get(i).is_some_and(|t| matches!(t.f.as_str(), "الذي" | "التي" | "الذين" | "اللذين" | "اللتين"));
        let lex = self.lex;
        let n = toks.len();
        while i < n && i < limit {
            let t = &toks[i];
            match t.k {
                Tk::Punct => {
                    if t.c == '(' {
                        if let Some(j) = close_paren(toks, i) {
                            i = j;
                            continue;
                        }
                    }
                    if t.c == '.' && i > 0 && toks[i - 1].e == t.s && matches!(toks[i - 1].f.as_str(), "د" | "م") {
                        i += 1;
                        continue;
                    }
                    if is_clause_punct(t.c) {
                        return i;
                    }
                    i += 1;
                }
                Tk::Mark => match self.name_region(toks, marks, i, true) {
                    Some(j) => i = j,
                    None => return i,
                },
                Tk::Word => {
                    let f = t.f.as_str();
                    let next = toks.get(i + 1).map_or("", |t| t.f.as_str());
                    if !relative
                        && (lex.compl.contains(f)
                            || (is_prep(f) && lex.compl.contains(next))
                            || lex.is_participle(f)
                            || (!prep.is_empty() && f == prep))
                    {
                        return i;
                    }
                    i += 1;
                }
            }
        }
        i
    }

    /// Reads the attribution after the speech word at `vi` up to where the content begins.
    fn forward(&self, toks: &[Tok], marks: &Marks, vi: usize, v: Verb, allow_np: bool) -> Option<Fwd> {
        let lex = self.lex;
        let n = toks.len();
        let limit = vi + if v.class == VClass::Weak { 24 } else { 48 };
        let mut i = vi + 1;
        let mut np = None;
        let mut tentative = false;
        if allow_np && i < n {
            if toks[i].k == Tk::Mark {
                // `وأضاف "بلينكن"، خلال …: "…"`: a short quoted name right after the verb.
                let c = marks.close[i];
                if c != NONE && c != OPEN_END && c > i + 1 {
                    let words = toks[i + 1..c].iter().filter(|t| t.k == Tk::Word).count();
                    let after_ok = toks
                        .get(c + 1)
                        .is_some_and(|t| (t.k == Tk::Punct && matches!(t.c, '،' | ',' | ':')) || t.k == Tk::Word);
                    let person = self.ents.overlapping(toks[i + 1].s, toks[c - 1].e, Pick::People).is_some();
                    if (1..=3).contains(&words) && after_ok && toks[i + 1..c].iter().all(|t| t.k == Tk::Word) {
                        np = Some(Np { a: i + 1, b: c });
                        tentative = !person;
                        i = c + 1;
                    }
                }
            } else {
                // `وقال له أحد المتابعين:`: an object pronoun before the subject.
                if matches!(toks[i].f.as_str(), "له" | "لها" | "لهم" | "لي" | "لنا") {
                    i += 1;
                }
                let a = i;
                let b = self.collect_np(toks, a);
                if b > a {
                    np = Some(Np { a, b });
                    i = b;
                    // `صحيفة "نيويورك تايمز"`, `شركة … اليابانية "نينتندو"`: the quoted name
                    // belongs to the speaker.
                    let first = toks[a].f.as_str();
                    let lf = toks[b - 1].f.as_str();
                    let bare = lf.strip_prefix('ل').or_else(|| lf.strip_prefix('ب')).unwrap_or(lf);
                    let names_org = lex.orgs.contains(lf)
                        || lex.channels.contains(lf)
                        || lex.orgs.contains(bare)
                        || (lex.orgs.contains(first) && !lex.titles.contains(first));
                    if b < n && toks[b].k == Tk::Mark && names_org {
                        if let Some(j) = self.name_region(toks, marks, b, false).or_else(|| {
                            let c = marks.close[b];
                            let short = c != NONE && c != OPEN_END && c > b && toks[b + 1..c].iter().filter(|t| t.k == Tk::Word).count() <= 4;
                            let goes_on = toks.get(c.wrapping_add(1)).is_some_and(|t| {
                                (t.k == Tk::Punct && matches!(t.c, '،' | ',')) || (t.k == Tk::Word && lex.compl.contains(t.f.as_str()))
                            });
                            (short && goes_on).then(|| c + 1)
                        }) {
                            np = Some(Np { a, b: j });
                            i = j;
                        }
                    }
                }
            }
        }
        let comma_content = matches!(v.class, VClass::Past | VClass::Present) && !tentative;
        let mut after_colon = false;
        let mut free_skip = false;
        let mut appos: Option<Np> = None;
        let result = loop {
            if i >= n {
                if after_colon {
                    break Some(Fwd { np, at: n, pending: true, via_comma: false, appos });
                }
                break None;
            }
            if i > limit {
                break None;
            }
            let t = &toks[i];
            match t.k {
                Tk::Punct if t.c == ':' => {
                    after_colon = true;
                    i += 1;
                    if i < n && toks[i].k == Tk::Word && lex.compl.contains(toks[i].f.as_str()) {
                        i += 1;
                    }
                    if i >= n {
                        continue;
                    }
                    break Some(Fwd { np, at: i, pending: false, via_comma: false, appos });
                }
                Tk::Punct if matches!(t.c, '،' | ',' | '-' | '–' | '—') => {
                    if free_skip {
                        // An unknown prepositional phrase, then a new clause: not an attribution.
                        break None;
                    }
                    i += 1;
                    let Some(w) = toks.get(i) else { break None };
                    if w.k != Tk::Word {
                        continue;
                    }
                    let f = w.f.as_str();
                    let next = toks.get(i + 1).map_or("", |t| t.f.as_str());
                    if lex.compl.contains(f) || (is_prep(f) && lex.compl.contains(next)) || lex.is_participle(f) || f == v.prep {
                        continue;
                    }
                    let known = lex.circ.contains(f)
                        || lex.circ.contains(format!("{f} {next}").as_str())
                        || lex.titles.contains(f)
                        || lex.orgs.contains(f)
                        || lex.honorifics.contains(f)
                        || matches!(f, "الذي" | "التي" | "الذين" | "وهو" | "وهي" | "وهم");
                    let cap = (i + 16).min(limit);
                    let end = self.skip_segment(toks, marks, i, cap, v.prep);
                    // `X، <segment>، إن …` / `X، <segment>: …`: the segment is an appositive.
                    let shaped = end > i
                        && toks.get(end).is_some_and(|t| {
                            t.k == Tk::Punct
                                && (t.c == ':'
                                    || (matches!(t.c, '،' | ',' | '-' | '–' | '—')
                                        && toks.get(end + 1).is_some_and(|u| {
                                            lex.compl.contains(u.f.as_str())
                                                || (is_prep(&u.f) && toks.get(end + 2).is_some_and(|x| lex.compl.contains(x.f.as_str())))
                                        })))
                        });
                    let person = end > i && self.ents.overlapping(toks[i].s, toks[end - 1].e, Pick::People).is_some();
                    let names_role = !lex.circ.contains(f)
                        && np.is_some_and(|np| self.role_only(toks, np))
                        && (person
                            || (self.name_like(toks, i, end)
                                && (lex.honorifics.contains(f) || np.is_some_and(|np| self.definite_head(toks, np)))));
                    if known || shaped || names_role {
                        if end >= cap && end < n {
                            break None;
                        }
                        // `المدير العام للديوان، محمد النوري، إن`: the name comes in the appositive.
                        if names_role {
                            np = Some(Np { a: i, b: end });
                        } else if lex.titles.contains(f) && appos.is_none() {
                            appos = Some(Np { a: i, b: end });
                        }
                        i = end;
                        continue;
                    }
                    if comma_content && !free_skip {
                        break Some(Fwd { np, at: i, pending: false, via_comma: true, appos });
                    }
                    break None;
                }
                Tk::Punct if t.c == '(' => match close_paren(toks, i) {
                    Some(j) => i = j,
                    None => break None,
                },
                Tk::Punct => break None,
                Tk::Mark => {
                    if let Some(j) = self.name_region(toks, marks, i, false) {
                        i = j;
                        continue;
                    }
                    if free_skip {
                        break None;
                    }
                    // `ذكرت تحقيقات لصحيفتي "أوبزرفر" … أن`: before a complementiser, a short
                    // quoted name.
                    if v.class == VClass::Weak {
                        let c = marks.close[i];
                        if c != NONE && c != OPEN_END && c > i {
                            let words = toks[i + 1..c].iter().filter(|t| t.k == Tk::Word).count();
                            if words <= 6 && toks.get(c + 1).is_some_and(|t| t.k == Tk::Word || (t.k == Tk::Punct && matches!(t.c, '،' | ','))) {
                                i = c + 1;
                                continue;
                            }
                        }
                    }
                    if marks.close[i] != NONE {
                        break Some(Fwd { np, at: i, pending: false, via_comma: false, appos });
                    }
                    // A stray mark (`مضيفة" إنه …`): step over it.
                    i += 1;
                    continue;
                }
                Tk::Word => {
                    let f = t.f.as_str();
                    let next = toks.get(i + 1).map_or("", |t| t.f.as_str());
                    if lex.compl.contains(f) {
                        break Some(Fwd { np, at: i + 1, pending: false, via_comma: false, appos });
                    }
                    if is_prep(f) && lex.compl.contains(next) {
                        break Some(Fwd { np, at: i + 2, pending: false, via_comma: false, appos });
                    }
                    if f == "و" {
                        // `لصحيفتي "الغارديان" و"لوموند"`
                        i += 1;
                        continue;
                    }
                    if matches!(f, "الذي" | "التي" | "الذين" | "اللذين" | "اللتين") {
                        // `قال عدد من السكان الذين تحدثوا للقناة إن …`
                        let cap = (i + 14).min(limit);
                        let j = self.skip_segment(toks, marks, i + 1, cap, v.prep);
                        if j >= cap && j < n {
                            break None;
                        }
                        i = j;
                        continue;
                    }
                    if lex.objects.contains(f) && matches!(v.class, VClass::Past | VClass::Present | VClass::Participle) {
                        // `وأكد الوزير ضرورة …`
                        break Some(Fwd { np, at: i, pending: false, via_comma: false, appos });
                    }
                    if lex.is_participle(f) || matches!(f, "قوله" | "قولها" | "قولهم") {
                        // `وتابع قائلا:` / `وأضاف مؤكدا أن` / `مضيفا قوله:`: part of the attribution.
                        i += 1;
                        continue;
                    }
                    if f == "عن" && v.base.starts_with("نقل") {
                        // `ونقلت رويترز عن مسؤول قوله إن`: the speaker is the one quoted.
                        let b = self.collect_np(toks, i + 1);
                        if b > i + 1 {
                            np = Some(Np { a: i + 1, b });
                            i = b;
                            while i < n && matches!(toks[i].f.as_str(), "قوله" | "قولها" | "قولهم") {
                                i += 1;
                            }
                            continue;
                        }
                        break None;
                    }
                    if !v.prep.is_empty() && f == v.prep && v.class != VClass::Weak {
                        break Some(Fwd { np, at: i + 1, pending: false, via_comma: false, appos });
                    }
                    // `للمحكمة`, `لقناة …`: the audience, skipped like a circumstance.
                    let audience = f.starts_with('ل') && f.chars().count() > 3 && !lex.is_any_verb(f);
                    let circ = audience || lex.circ.contains(f) || lex.circ.contains(format!("{f} {next}").as_str());
                    if circ || is_prep(f) {
                        if !circ {
                            free_skip = true;
                        }
                        let cap = (i + 14).min(limit);
                        let j = self.skip_segment(toks, marks, i + 1, cap, v.prep);
                        if j >= cap && j < n {
                            break None;
                        }
                        i = j;
                        continue;
                    }
                    if v.class == VClass::Participle && i == vi + 1 {
                        // `مؤكدا ضرورة …`
                        break Some(Fwd { np, at: i, pending: false, via_comma: false, appos });
                    }
                    break None;
                }
            }
        };
        if tentative && !matches!(&result, Some(f) if !f.via_comma) {
            // The quoted words after the verb were the quote itself, not its speaker.
            if v.class == VClass::Weak {
                return None;
            }
            return Some(Fwd { np: None, at: vi + 1, pending: false, via_comma: false, appos: None });
        }
        result
    }

    /// Quote-first forms: the verb follows the content and its speaker follows the verb.
    fn inversion(&mut self, toks: &[Tok], marks: &Marks, sent_start: &[usize], vi: usize, found: &[Found]) -> Option<(Found, usize)> {
        let lex = self.lex;
        let n = toks.len();
        if !matches!(lex.verb(&toks[vi].f).map(|v| v.class), Some(VClass::Past | VClass::Present)) {
            return None;
        }
        let mut j = vi;
        if j > 0 && toks[j - 1].k == Tk::Punct && is_comma(toks[j - 1].c) {
            j -= 1;
        }
        if j == vi && !(j > 0 && toks[j - 1].k == Tk::Mark) {
            return None;
        }
        let a = vi + 1;
        let b = self.collect_np(toks, a);
        if b == a || b - a > 6 {
            return None;
        }
        let mut k = b;
        while let Some(t) = toks.get(k) {
            match t.k {
                Tk::Punct if is_terminator(t.c) || matches!(t.c, '،' | ',') => break,
                Tk::Mark if marks.close[k] != NONE => break,
                Tk::Word if matches!(t.f.as_str(), "الذي" | "التي" | "الذين" | "وهو" | "وهي" | "وهم" | "بينما" | "حيث") => break,
                Tk::Word if lex.circ.contains(t.f.as_str()) => {
                    let k2 = self.skip_segment(toks, marks, k + 1, k + 20, "");
                    if k2 <= k || toks.get(k2).is_some_and(|t| t.k == Tk::Word) {
                        return None;
                    }
                    k = k2;
                }
                _ => return None,
            }
        }
        // `، يقول X، إن …` is a forward frame after all.
        if toks.get(k).is_some_and(|t| t.k == Tk::Punct && matches!(t.c, '،' | ',')) {
            let w = toks.get(k + 1).map_or("", |t| t.f.as_str());
            if lex.compl.contains(w) {
                return None;
            }
        }
        let (s, e, direct, bstart) = if j > 0 && toks[j - 1].k == Tk::Mark && marks.open[j - 1] != NONE {
            let o = marks.open[j - 1];
            (toks[o].e, toks[j - 1].s, true, toks[o].s)
        } else {
            let ss = sent_start[j.min(n - 1)];
            // At least a few words of content, not a filler (`من جهتها، …`).
            let words = toks[ss..j].iter().filter(|t| t.k == Tk::Word).count();
            if ss >= j || words < 3 || self.skip_fillers_back(toks, j) == ss || lex.circ.contains(toks[ss].f.as_str()) {
                return None;
            }
            (toks[ss].s, toks[j].s, false, toks[ss].s)
        };
        // No other statement inside this one.
        if found.last().is_some_and(|f| f.boundary >= bstart || self.drafts[f.draft].verb.0 >= bstart) {
            return None;
        }
        self.at = toks[vi].s;
        let speaker = self.speaker(toks, Some(Np { a, b }), false);
        self.remember(&speaker);
        let d = self.drafts.len();
        let vt = &toks[vi];
        self.drafts.push(Draft { speaker, verb: (vt.s, vt.e), start: s, end: e, direct });
        Some((Found { draft: d, boundary: bstart, body: Body::Fixed(s, e, direct) }, k))
    }

    /// Splits the words of a speaker phrase (honorifics already dropped) into the role before
    /// the name and the name: returns (the phrase names an organisation, index of the name's first
    /// word; `ws.len()` when there is only a role).
    fn role_split(&self, ws: &[&Tok], quoted: &[bool]) -> (bool, usize) {
        let lex = self.lex;
        let Some(first) = ws.first().map(|t| t.f.as_str()) else { return (false, 0) };
        if lex.orgs.contains(first) && !lex.titles.contains(first) {
            return (true, 0);
        }
        if !lex.titles.contains(first) {
            return (false, 0);
        }
        // The role: title, genitives, adjectives, `باسم …`, `للوكالة …`, `في الشأن …`.
        let mut force = false;
        let mut j = 0;
        while j < ws.len() {
            let f = ws[j].f.as_str();
            // `المتحدث باسم الحركة` but `القيادي في الحركة باسم نعيم` (a given name).
            if f == "باسم" && j > 0 {
                let pf = ws[j - 1].f.as_str();
                if !(lex.titles.contains(pf) || matches!(pf, "الرسمي" | "الرسميه")) {
                    break;
                }
            }
            let listed = lex.titles.contains(f) || lex.orgs.contains(f) || lex.roles.contains(f);
            let lam_org = f.strip_prefix('ل').is_some_and(|r| lex.orgs.contains(r));
            let next_al = ws.get(j + 1).is_some_and(|t| t.f.starts_with("ال") || lex.orgs.contains(t.f.as_str()));
            let cont = j == 0
                || force
                || quoted.get(j).copied().unwrap_or(false)
                || listed
                || lam_org
                || f.starts_with("ال")
                || f.starts_with("لل")
                || f.starts_with("وال")
                || (matches!(f, "الي" | "في" | "عن") && (next_al || j + 2 < ws.len()));
            if !cont {
                break;
            }
            force = (listed && !f.starts_with("ال")) || lam_org || matches!(f, "الي" | "في" | "عن");
            j += 1;
        }
        while j < ws.len() && lex.honorifics.contains(ws[j].f.as_str()) {
            j += 1;
        }
        (false, j)
    }

    /// The first word of `np` after honorifics is definite (`المدير …`, not `مسؤول …`).
    fn definite_head(&self, toks: &[Tok], np: Np) -> bool {
        toks[np.a.min(toks.len())..np.b.min(toks.len())]
            .iter()
            .find(|t| t.k == Tk::Word && !self.lex.honorifics.contains(t.f.as_str()))
            .is_some_and(|t| t.f.starts_with("ال"))
    }

    /// Tokens `a..b` read as a person's name: a few words, after any honorific or title, with no
    /// function word among them (`المهندس سامر القضاة`, not `طالبا عدم الكشف عن هويته`).
    fn name_like(&self, toks: &[Tok], a: usize, b: usize) -> bool {
        let words: Vec<&Tok> = toks[a.min(toks.len())..b.min(toks.len())].iter().filter(|t| t.k == Tk::Word).collect();
        let mut h = 0;
        while h < words.len() && (self.lex.honorifics.contains(words[h].f.as_str()) || self.lex.titles.contains(words[h].f.as_str())) {
            h += 1;
        }
        let rest = &words[h..];
        (1..=4).contains(&rest.len())
            && rest.iter().all(|t| !is_prep(&t.f) && !matches!(t.f.as_str(), "في" | "لدي" | "مع") && !self.lex.is_any_verb(&t.f))
            && self.nameish(&rest[0].f)
    }

    /// The phrase `np` is a role without a name (`المدير العام للديوان الوطني للزيت`).
    fn role_only(&self, toks: &[Tok], np: Np) -> bool {
        let (words, quoted) = np_words(toks, np);
        let mut h = 0;
        while h < words.len() && self.lex.honorifics.contains(words[h].f.as_str()) {
            h += 1;
        }
        let ws = &words[h..];
        if ws.is_empty() {
            return true;
        }
        let (org, from) = self.role_split(ws, &quoted[h..]);
        !org && from >= ws.len()
    }

    /// The speaker of a phrase: an entity's full name, else the phrase read without honorifics
    /// and roles; the previous speaker for none or a pronoun. `quiet`: do not fall back.
    fn speaker(&self, toks: &[Tok], np: Option<Np>, quiet: bool) -> Speaker {
        let none = Speaker::default();
        let prev = || if quiet { Speaker::default() } else { self.previous() };
        let Some(np) = np else { return prev() };
        let lex = self.lex;
        let (words, quoted) = np_words(toks, np);
        if words.is_empty() {
            return prev();
        }
        if words.iter().any(|t| lex.pronouns.contains(t.f.as_str())) {
            return prev();
        }
        let mut h = 0;
        while h < words.len() && lex.honorifics.contains(words[h].f.as_str()) {
            h += 1;
        }
        let ws = &words[h..];
        if ws.is_empty() {
            return prev();
        }
        let first = ws[0].f.as_str();
        // `وأضاف المصدر` after `قال مصدر`: the same speaker.
        if ws.len() == 1 && !quiet {
            if let (Some(head), Some(p)) = (first.strip_prefix("ال"), self.prev.as_ref()) {
                if p.name.as_deref().is_some_and(|n| contains_words(&fold(n), head)) {
                    return p.clone();
                }
            }
        }
        let (org, name_from) = self.role_split(ws, &quoted[h..]);
        let role_only = !org && name_from >= ws.len();
        // `وأكد الوزير الأردني` after `قال … وزير الخارجية … أيمن الصفدي`: that speaker; else the
        // person last mentioned with that title among the entities' roles.
        if role_only && !quiet && ws.iter().all(|t| t.f.starts_with("ال")) {
            let head = first.strip_prefix("ال").unwrap_or(first);
            let ent_fits = |i: usize| {
                self.ents.entities.get(i).is_some_and(|e| {
                    e.kind == EntityKind::Person && e.roles.iter().any(|x| contains_words(&fold(x), head))
                })
            };
            let fits = |r: &Speaker| contains_words(&r.role, head) || r.entity.is_some_and(ent_fits);
            if let Some(r) = self.recent.iter().rev().find(|r| fits(r)) {
                return r.clone();
            }
            let at = ws[0].s;
            let best = (0..self.ents.entities.len())
                .filter(|&i| ent_fits(i))
                .filter_map(|i| {
                    let last = self.ents.entities[i].mentions.iter().filter(|m| m[1] <= at).map(|m| m[0]).max()?;
                    Some((last, i))
                })
                .max();
            if let Some((_, i)) = best {
                return Speaker { name: Some(self.ents.entities[i].name.clone()), entity: Some(i), role: String::new() };
            }
            if ws.len() == 1 {
                // A bare title after a speaker introduced without any role: assume the same one.
                if let Some(p) = self.prev.as_ref().filter(|p| p.name.is_some() && p.role.is_empty() && p.entity.is_none()) {
                    return p.clone();
                }
            }
        }
        let (mut na, mut nb) = (name_from, ws.len());
        if na >= nb {
            na = 0;
        } else if !org {
            // Function words end a name (`ميلودي دينغ من جامعة سيدني`), not a partitive
            // (`عدد من سكان الحي`).
            let partitive = QUANTIFIERS.contains(&ws[na].f.as_str());
            if let Some(k) = (na + 1..nb).find(|&k| matches!(ws[k].f.as_str(), "من" | "في" | "لدي" | "عن" | "الي" | "مع")) {
                if !(partitive && ws[k].f == "من") {
                    nb = k;
                }
            }
            // A role after the name (`بلينكن وزير الخارجية`).
            // A definite title closing the phrase may be a family name (`كامل الوزير`).
            let cut = (na + 1..nb).find(|&k| {
                let f = ws[k].f.as_str();
                lex.titles.contains(f) && (!f.starts_with("ال") || k + 1 < nb)
            });
            if let Some(k) = cut {
                nb = k;
            }
        }
        let (s, e) = (ws[na].s, ws[nb - 1].e);
        let (ws0, ws1) = (ws[0].s, ws[ws.len() - 1].e);
        let folded: String = ws[na..nb].iter().map(|t| t.f.as_str()).collect::<Vec<_>>().join(" ");
        // A role alone (`المتحدث باسم حماس`) is not the organisation it names.
        let ent = if role_only {
            self.ents.overlapping(ws0, ws1, Pick::People)
        } else {
            self.ents
                .overlapping(s, e, Pick::Any)
                .or_else(|| self.ents.overlapping(ws0, ws1, Pick::People))
                .or_else(|| self.ents.by_name(&folded))
        };
        let role = if !org && name_from > 0 && name_from < ws.len() {
            ws[..name_from].iter().map(|t| t.f.as_str()).collect::<Vec<_>>().join(" ")
        } else {
            String::new()
        };
        if let Some((i, ent)) = ent.and_then(|i| self.ents.entities.get(i).map(|e| (i, e))) {
            return Speaker { name: Some(ent.name.clone()), entity: Some(i), role };
        }
        let name = clean_name(&self.input[s..e]);
        if name.is_empty() {
            return none;
        }
        Speaker { name: Some(name), entity: None, role }
    }
}

/// The words of a speaker phrase, each with whether it stands between quotation marks
/// (`لمجموعة "سوليد كابيتال"`).
fn np_words<'t, 'a>(toks: &'t [Tok<'a>], np: Np) -> (Vec<&'t Tok<'a>>, Vec<bool>) {
    let mut words = Vec::new();
    let mut quoted = Vec::new();
    let mut inside = false;
    for t in &toks[np.a.min(toks.len())..np.b.min(toks.len())] {
        match t.k {
            Tk::Mark => inside = !inside,
            Tk::Word => {
                words.push(t);
                quoted.push(inside);
            }
            Tk::Punct => {}
        }
    }
    (words, quoted)
}

/// Whether a verb inside a quote left open starts a new statement after all (`… . وأضاف`).
fn breaks_open_quote(toks: &[Tok], i: usize, v: Verb) -> bool {
    v.prefixed
        && matches!(v.class, VClass::Past | VClass::Present)
        && i > 0
        && toks[i - 1].k == Tk::Punct
        && is_terminator(toks[i - 1].c)
}

/// The index after the `)` closing the `(` at `i`, within a few tokens.
fn close_paren(toks: &[Tok], i: usize) -> Option<usize> {
    toks.iter()
        .enumerate()
        .skip(i + 1)
        .take(12)
        .find(|(_, t)| t.k == Tk::Punct && t.c == ')')
        .map(|(j, _)| j + 1)
}

/// A speaker phrase as written, without quotation marks, whitespace runs collapsed.
fn clean_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split(|c: char| c.is_whitespace() || is_double_mark(c) || is_single_mark(c)) {
        if !w.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    out
}

/// Folded forms of tokens joined by single spaces.
fn join(toks: &[Tok]) -> String {
    let mut s = String::new();
    for (i, t) in toks.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(&t.f);
    }
    s
}

#[cfg(test)]
#[path = "../tests/quotes_set.rs"]
mod set;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, EntityKind, Text};

    const SEED: &str = include_str!("../seeds/000_7a5e6daf9c20d335.txt");

    /// Paragraph Texts (byte spans) of the blocks of `text` separated by blank lines.
    pub(crate) fn paragraphs(text: &str) -> Vec<Text> {
        let mut out = Vec::new();
        let mut pos = 0;
        for chunk in text.split("\n\n") {
            let lead = chunk.len() - chunk.trim_start().len();
            let t = chunk.trim();
            if !t.is_empty() {
                let s = pos + lead;
                out.push(Text { text: t.to_string(), span: [s, s + t.len()] });
            }
            pos += chunk.len() + 2;
        }
        out
    }

    fn blinken(input: &str, paras: &[Text]) -> Entity {
        let end = paras.last().map_or(0, |p| p.span[1]);
        let mut mentions = Vec::new();
        let full = "أنتوني بلينكن";
        let mut from = 0;
        while let Some(p) = input[from..end].find("بلينكن") {
            let s = from + p;
            let e = s + "بلينكن".len();
            if input[..e].ends_with(full) {
                mentions.push([e - full.len(), e]);
            } else {
                mentions.push([s, e]);
            }
            from = e;
        }
        Entity {
            name: full.to_string(),
            kind: EntityKind::Person,
            roles: vec!["وزير الخارجية الأمريكي".to_string()],
            mentions,
        }
    }

    #[test]
    fn seed_quotes() {
        let paras: Vec<Text> = paragraphs(SEED).into_iter().take(5).collect();
        assert!(paras[4].text.starts_with("وتابع بلينكن"));
        let ent = blinken(SEED, &paras);
        assert_eq!(ent.mentions.len(), 5);
        let quotes = extract(SEED, &paras, &[ent]);
        for q in &quotes {
            assert_eq!(&SEED[q.verb.span[0]..q.verb.span[1]], q.verb.text);
            assert_eq!(&SEED[q.content.span[0]..q.content.span[1]], q.content.text);
        }
        let got: Vec<(&str, &str, bool)> = quotes
            .iter()
            .map(|q| (q.verb.text.as_str(), q.content.text.split(' ').next().unwrap_or(""), q.direct))
            .collect();
        assert_eq!(
            got,
            vec![
                ("قال", "نعمل", false),
                ("وأضاف", "علينا", true),
                ("ولفت", "الولايات", false),
                ("وأضاف", "سنقوم", false),
                ("مشيرًا", "العالم", false),
                ("مؤكدًا", "الولايات", false),
                ("وتابع", "لقد", false),
                ("مشددًا", "ينبغي", false),
            ]
        );
        for q in &quotes {
            assert_eq!(q.speaker.as_deref(), Some("أنتوني بلينكن"));
            assert_eq!(q.entity, Some(0));
        }
        assert!(quotes[1].content.text.ends_with("في المنطقة"));
        assert!(quotes[3].content.text.ends_with("سد الفجوات"));
        assert!(quotes[0].content.text.ends_with("لوقف إطلاق النار."));
    }

    #[test]
    fn seed_without_entities_reads_the_phrase() {
        let paras: Vec<Text> = paragraphs(SEED).into_iter().take(5).collect();
        let quotes = extract(SEED, &paras, &[]);
        assert_eq!(quotes.len(), 8);
        assert_eq!(quotes[0].speaker.as_deref(), Some("أنتوني بلينكن"));
        assert_eq!(quotes[1].speaker.as_deref(), Some("بلينكن"));
        assert!(quotes.iter().all(|q| q.entity.is_none()));
    }

    #[test]
    fn insert_paragraphs_have_no_quotes() {
        let paras: Vec<Text> = paragraphs(SEED).into_iter().skip(9).take(5).collect();
        assert!(paras[0].text.starts_with("أجرى"));
        assert!(extract(SEED, &paras, &[]).is_empty());
    }

    #[test]
    fn quote_set_f1() {
        set::check(|text, spans| {
            let paras: Vec<Text> =
                spans.iter().map(|&(s, e)| Text { text: text[s..e].to_string(), span: [s, e] }).collect();
            extract(text, &paras, &[])
                .into_iter()
                .map(|q| {
                    assert_eq!(&text[q.content.span[0]..q.content.span[1]], q.content.text);
                    assert_eq!(&text[q.verb.span[0]..q.verb.span[1]], q.verb.text);
                    (q.speaker, q.verb.text, q.content.text, q.direct)
                })
                .collect()
        });
    }

    #[test]
    fn total_on_hostile_input() {
        let long_open = format!("قال الوزير: \"{}", "كلام ".repeat(20000));
        let inputs = [
            "",
            "\"",
            "«»",
            "قال",
            "وأضاف:",
            "قال: \"",
            "\"\"\"\"\"\"",
            "’‘'",
            "قال د.",
            "، يقول",
            "\u{200F}قال\u{200F} \u{064E}",
            long_open.as_str(),
        ];
        for s in inputs {
            let paras = paragraphs(s);
            let qs = extract(s, &paras, &[]);
            for q in qs {
                assert_eq!(&s[q.content.span[0]..q.content.span[1]], q.content.text);
            }
        }
        // Spans that do not fit the input are skipped, not trusted.
        let bad = [Text { text: String::new(), span: [3, 1] }, Text { text: String::new(), span: [0, 999] }];
        assert!(extract("قال", &bad, &[]).is_empty());
    }

    /// Many speech verbs and quotation marks that never close: the whole paragraph is read and
    /// every span slices back. (The cost per byte on these shapes is `make bench`'s
    /// `bench_scaling`, which times them at three sizes; tests never time.)
    #[test]
    fn many_verbs_and_open_quotes() {
        let units: [(&str, &str); 5] = [
            ("وأضاف: \"نعم ", "قال الوزير إن الأمر، "),
            ("قال الوزير إن الأمر، ", ""),
            ("«الوضع صعب»، يقول أحمد، ", ""),
            ("وقال، ", "\""),
            ("\"", ""),
        ];
        for (unit, tail) in units {
            let para = unit.repeat(3000) + tail;
            let paras = paragraphs(&para);
            for q in extract(&para, &paras, &[]) {
                assert_eq!(&para[q.content.span[0]..q.content.span[1]], q.content.text);
                assert!(q.content.span[1] <= para.len());
            }
        }
    }
}
