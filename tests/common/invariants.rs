//! The contract's invariants, checked on one parse: shared by `tests/properties.rs` and the fuzz
//! target (`tests/fuzz/fuzz_targets/parse.rs`).

use maqal::{Document, Kind, Span};

/// The input sliced at a UTF-16 span, or a panic naming what is wrong.
fn slice(input: &[u16], span: Span, what: &str) -> String {
    assert!(span[0] <= span[1] && span[1] <= input.len(), "{what}: span {span:?} outside the input ({} units)", input.len());
    String::from_utf16(&input[span[0]..span[1]]).unwrap_or_else(|_| panic!("{what}: span {span:?} splits a character"))
}

pub fn check(text: &str, doc: &Document) {
    let u16s: Vec<u16> = text.encode_utf16().collect();
    // Blocks: in order, non-overlapping, trimmed, text == slice.
    let mut covered = vec![false; u16s.len()];
    let mut prev_end = 0;
    for b in &doc.blocks {
        let s = slice(&u16s, b.span, "block");
        assert_eq!(s, b.text, "block text differs from its span");
        assert!(b.span[0] >= prev_end, "blocks overlap or are out of order at {:?}", b.span);
        assert!(!s.is_empty() && !s.starts_with(char::is_whitespace) && !s.ends_with(char::is_whitespace), "block not trimmed: {s:?}");
        prev_end = b.span[1];
        covered[b.span[0]..b.span[1]].iter_mut().for_each(|c| *c = true);
        if let Some(i) = b.insert {
            assert!(i < doc.inserts.len(), "block points at insert {i} of {}", doc.inserts.len());
        }
    }
    // Nothing lost: every non-whitespace character lies in a block.
    let mut pos = 0;
    for c in text.chars() {
        let n = c.len_utf16();
        if !c.is_whitespace() {
            assert!(covered[pos], "character {c:?} at unit {pos} is in no block");
        }
        pos += n;
    }
    let texts = |a: &maqal::Article, what: &str| {
        for t in a.headline.iter().chain(a.authors.iter()).chain(a.paragraphs.iter()) {
            assert_eq!(slice(&u16s, t.span, what), t.text, "{what}: Text differs from its span");
        }
        for p in &a.paragraphs {
            assert!(doc.blocks.iter().any(|b| b.span == p.span && b.kind == Kind::Paragraph), "{what}: paragraph {:?} is not a paragraph block", p.span);
        }
        for e in &a.entities {
            for m in &e.mentions {
                slice(&u16s, *m, "mention");
            }
        }
        for q in &a.quotes {
            assert_eq!(slice(&u16s, q.verb.span, "quote verb"), q.verb.text);
            assert_eq!(slice(&u16s, q.content.span, "quote content"), q.content.text);
            if let Some(e) = q.entity {
                assert!(e < a.entities.len(), "quote points at entity {e} of {}", a.entities.len());
            }
        }
        for d in a.dates.iter().chain(a.published.iter()) {
            assert_eq!(slice(&u16s, d.span, "date"), d.text);
        }
    };
    texts(&doc.article, "article");
    for ins in &doc.inserts {
        assert_eq!(slice(&u16s, ins.label.span, "insert label"), ins.label.text);
        texts(&ins.article, "insert");
    }
    for t in doc.tags.iter().chain(doc.source.iter()) {
        assert_eq!(slice(&u16s, t.span, "tag/source"), t.text);
    }
    for r in &doc.related {
        assert_eq!(slice(&u16s, r.title.span, "related"), r.title.text);
        assert!(r.occurrences >= 1);
        if let Some(i) = r.insert {
            assert!(i < doc.inserts.len());
        }
    }
    assert_eq!(doc.stats.paragraphs, doc.article.paragraphs.len());
}

