//! Invariants of the contract, for any input: no panic, nothing lost (every non-whitespace
//! character in exactly one block), blocks trimmed and in order, every Text slices back to the
//! input (UTF-16 spans), Articles' paragraphs are blocks of kind `paragraph`, indexes point at
//! existing items, and the output is deterministic.

use maqal::{Document, Kind, Span};
use proptest::prelude::*;

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

fn check_text(text: &str) {
    let doc = maqal::parse(text);
    check(text, &doc);
    let again = maqal::parse(text);
    assert_eq!(serde_json::to_string(&doc).unwrap(), serde_json::to_string(&again).unwrap(), "not deterministic");
}

fn fixtures() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut v: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
    v.sort();
    v.into_iter().map(|p| maqal::decode(&std::fs::read(p).unwrap()).text).collect()
}

#[test]
fn fixtures_keep_the_invariants() {
    for f in fixtures() {
        check_text(&f);
    }
}

#[test]
fn hostile_inputs() {
    let long_word = "ب".repeat(300_000);
    let cases: Vec<String> = vec![
        String::new(),
        " \n\t\r\n ".into(),
        "\u{FEFF}".into(),
        "ًٌٍَُِّْ".repeat(100),
        "\0\0\0".into(),
        "\r\r\r\n\n\r".into(),
        "إقرأ أيضاً:\n".repeat(2000),
        "المصدر:".into(),
        "كلمات دلالية:".into(),
        "«".repeat(10000),
        "\"بلا نهاية ".repeat(1000),
        long_word,
        "\u{202E}مرحبا\u{202C} \u{2067}x\u{2069}".into(),
        "😀\u{200D}👩‍👩‍👧 قال 😀".into(),
        "a\u{2028}b\u{2029}c\u{85}d\u{0B}e\u{0C}f".into(),
        "•".repeat(5000),
        "1- 2- 3- 4-".into(),
        "(رويترز) - (رويترز) -".into(),
    ];
    for c in cases {
        check_text(&c);
    }
}

fn arabicish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "قال", "وأضاف", "بلينكن", "،", ".", ":", "\n", "\n\n", "\r\n", " ", "  ", "\u{00A0}", "المصدر:", "كلمات دلالية:", "إقرأ أيضاً:",
        "مقالات مشابهة", "• ", "1- ", "(رويترز) -", "«", "»", "\"", "كتب", "بقلم", "٤ يوليو", "أمس الثلاثاء", "2024", "😀", "\u{200F}",
        "ً", "ـ", "#غزة", "التعليقات", "الأكثر قراءة", "شارك", "x", "The", "\t", "(للمزيد: عنوان)", "هـ", "/", "-",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_pastes_keep_the_invariants(s in arabicish()) {
        check_text(&s);
    }

    #[test]
    fn any_string_keeps_the_invariants(s in "\\PC{0,200}") {
        check_text(&s);
    }

    #[test]
    fn mutated_fixtures_keep_the_invariants(idx in 0usize..1000, cut in 0usize..100_000, len in 0usize..400, ins in "\\PC{0,30}") {
        let fx = fixtures();
        let f = &fx[idx % fx.len()];
        let mut chars: Vec<char> = f.chars().collect();
        let at = cut % (chars.len() + 1);
        let end = (at + len).min(chars.len());
        chars.splice(at..end, ins.chars());
        let s: String = chars.into_iter().collect();
        check_text(&s);
    }
}
