//! Invariants of the contract, for any input: no panic, nothing lost (every non-whitespace
//! character in exactly one block), blocks trimmed and in order, every Text slices back to the
//! input (UTF-16 spans), Articles' paragraphs are blocks of kind `paragraph`, indexes point at
//! existing items, and the output is deterministic.

mod common;

use common::invariants::check;
use proptest::prelude::*;

fn check_text(text: &str) {
    let doc = maqal::parse(text);
    check(text, &doc);
    let again = maqal::parse(text);
    assert_eq!(serde_json::to_string(&doc).unwrap(), serde_json::to_string(&again).unwrap(), "not deterministic");
}

fn fixtures() -> &'static [String] {
    static FIXTURES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    FIXTURES.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let mut v: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
        v.sort();
        v.into_iter().map(|p| maqal::decode(&std::fs::read(p).unwrap()).text).collect()
    })
}

#[test]
fn fixtures_keep_the_invariants() {
    for f in fixtures() {
        check_text(f);
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

/// Found by `mutated_fixtures_keep_the_invariants` (idx 832, cut 66263, len 0, ins "' "): an
/// integer overflow in quotes when a quotation mark after an organisation name never closes.
#[test]
fn regression_quote_mark_never_closed_after_a_name() {
    let fx = fixtures();
    let f = &fx[832 % fx.len()];
    let mut chars: Vec<char> = f.chars().collect();
    let at = 66263 % (chars.len() + 1);
    chars.splice(at..at, "' ".chars());
    check_text(&chars.into_iter().collect::<String>());
    check_text("قالت صحيفة \"نيويورك");
    check_text("وقال المتحدث باسم شركة «");
}

fn arabicish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "قال", "وأضاف", "بلينكن", "،", ".", ":", "\n", "\n\n", "\r\n", " ", "  ", "\u{00A0}", "المصدر:", "كلمات دلالية:", "إقرأ أيضاً:",
        "مقالات مشابهة", "• ", "1- ", "(رويترز) -", "«", "»", "\"", "كتب", "بقلم", "٤ يوليو", "أمس الثلاثاء", "2024", "😀", "\u{200F}",
        "ً", "ـ", "#غزة", "التعليقات", "الأكثر قراءة", "شارك", "x", "The", "\t", "(للمزيد: عنوان)", "هـ", "/", "-",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

/// 300 cases a property; random locally (new inputs every run), a fixed seed under CI so that a
/// submission's result does not depend on luck. Failures found locally become regression tests.
fn config() -> ProptestConfig {
    let mut c = ProptestConfig::with_cases(300);
    if std::env::var_os("CI").is_some() {
        c.rng_seed = proptest::test_runner::RngSeed::Fixed(20_261_129);
    }
    c
}

proptest! {
    #![proptest_config(config())]

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
