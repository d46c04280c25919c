//! Tags: splits tag lines into whole tags.
//!
//! Delimited lists (`،` `,` `|` `;` `/` `•`, hashtags) split on their delimiters. Space-glued
//! lists (`وزير الخارجية الأمريكي حماس وقف إطلاق النار`) are split into multi-word tags by matching
//! the line against the article's own phrases: at each word, the longest run of 2–6 words that
//! also occurs in the headline or a paragraph (inside one clause) is one tag; otherwise the
//! word alone is. Duplicates merge (folded text), first appearance kept.

use crate::model::{Article, Insert, Text};
use crate::normalize::fold;
use crate::hash::{FastMap, FastSet};
use crate::normalize::is_alnum;

const MAX_TAG_WORDS: usize = 6;

fn is_delim(c: char) -> bool {
    matches!(c, '،' | ',' | '|' | ';' | '؛' | '/' | '•' | '·' | '\n')
}

/// Tags from the tag regions (byte ranges of the text after each tags marker).
pub(crate) fn extract(text: &str, regions: &[(usize, usize)], article: &Article, _inserts: &[Insert]) -> Vec<Text> {
    let mut out: Vec<Text> = Vec::new();
    let mut seen = FastSet::default();
    let mut push = |a: usize, b: usize, out: &mut Vec<Text>| {
        let t = text[a..b].trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '-' | '–' | ':' | '"' | '«' | '»'));
        if t.is_empty() {
            return;
        }
        let a = a + text[a..b].find(t).unwrap_or(0);
        if seen.insert(fold(t)) {
            out.push(Text { text: t.to_string(), span: [a, a + t.len()] });
        }
    };
    for &(a, b) in regions {
        let s = &text[a..b];
        if s.contains('#') {
            for (i, w) in words(s) {
                if let Some(tag) = w.strip_prefix('#') {
                    let start = a + i + 1;
                    push(start, start + tag.len(), &mut out);
                }
            }
        } else if s.contains(is_delim) || s.contains(" - ") {
            let mut from = 0;
            let bytes = s.char_indices();
            let mut cuts = Vec::new();
            for (i, c) in bytes {
                if is_delim(c) || (c == '-' && s[..i].ends_with(' ') && s[i + 1..].starts_with(' ')) {
                    cuts.push((i, i + c.len_utf8()));
                }
            }
            cuts.push((s.len(), s.len()));
            for (x, y) in cuts {
                push(a + from, a + x, &mut out);
                from = y;
            }
        } else {
            for (x, y) in glued(s, article) {
                push(a + x, a + y, &mut out);
            }
        }
    }
    out
}

fn words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split_whitespace().map(move |w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
}

fn clean(w: &str) -> String {
    fold(w.trim_matches(|c: char| !is_alnum(c)))
}

/// Splits a space-glued tag line into byte ranges of `s`.
fn glued(s: &str, article: &Article) -> Vec<(usize, usize)> {
    let toks: Vec<(usize, &str)> = words(s).collect();
    let mut ids: FastMap<String, u32> = FastMap::default();
    let tok_ids: Vec<u32> = toks
        .iter()
        .map(|(_, w)| {
            let n = ids.len() as u32;
            *ids.entry(clean(w)).or_insert(n)
        })
        .collect();
    // The n-grams of the tag line (2..=MAX words).
    let mut wanted: FastSet<&[u32]> = FastSet::default();
    for i in 0..tok_ids.len() {
        for n in 2..=MAX_TAG_WORDS.min(tok_ids.len() - i) {
            wanted.insert(&tok_ids[i..i + n]);
        }
    }
    // Which of them the article uses, inside one clause.
    let mut found: FastSet<Vec<u32>> = FastSet::default();
    let texts = article.headline.iter().chain(article.paragraphs.iter());
    for t in texts {
        let mut run: Vec<u32> = Vec::new();
        for w in t.text.split_whitespace() {
            let id = ids.get(&clean(w)).copied();
            match id {
                Some(id) => run.push(id),
                None => run.clear(),
            }
            // Every suffix of the run of length 2..=MAX is an n-gram ending at this word.
            let len = run.len();
            for n in 2..=MAX_TAG_WORDS.min(len) {
                let g = &run[len - n..];
                if wanted.contains(g) {
                    found.insert(g.to_vec());
                }
            }
            if w.ends_with(|c: char| matches!(c, '،' | ',' | '.' | '؛' | ';' | ':' | '!' | '?' | '؟' | '"' | '»' | ')')) {
                run.clear();
            }
            if run.len() > MAX_TAG_WORDS {
                run.remove(0);
            }
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let mut best = 1;
        for n in (2..=MAX_TAG_WORDS.min(toks.len() - i)).rev() {
            if found.contains(&tok_ids[i..i + n]) {
                best = n;
                break;
            }
        }
        let (a, _) = toks[i];
        let (b, w) = toks[i + best - 1];
        out.push((a, b + w.len()));
        i += best;
    }
    out
}
