//! WASM == native, in a real browser: for every fixture `seeds/NAME.txt` with an expected
//! `seeds/NAME.json`, the core compiled to wasm32 and run in headless Chromium must give the
//! JSON that the native test (`tests/seeds.rs`) checks, byte for byte.
//!
//! Run with `make test` (or `make test-wasm`): it first writes `tests/web/fixtures.rs` (a list of
//! `include_str!` pairs, one per fixture, generated from `seeds/`), then runs
//! `cargo test --target wasm32-unknown-unknown --features wasm --test web`.
//!
//! The check goes through `maqal::parse` + `serde_json::to_string`, exactly the body of the
//! binding's `parseJson` (src/wasm.rs); the page tests (tests/e2e) call the exported `parseJson`
//! itself on every fixture too.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

// `FIXTURES: &[(&str, &str, &str)]` = (name, input text, expected JSON).
include!("web/fixtures.rs");

/// The expected file as the native test reads it: pretty or compact JSON, trailing newline optional.
fn same_json(expected: &str, doc: &maqal::Document) -> Result<(), String> {
    let expected = expected.strip_suffix('\n').unwrap_or(expected);
    let compact = serde_json::to_string(doc).unwrap();
    if expected == compact {
        return Ok(());
    }
    let pretty = serde_json::to_string_pretty(doc).unwrap();
    if expected == pretty {
        return Ok(());
    }
    let got = if expected.starts_with("{\n") { pretty } else { compact };
    let at = expected.bytes().zip(got.bytes()).position(|(a, b)| a != b).unwrap_or(expected.len().min(got.len()));
    let from = expected.floor_char_boundary_compat(at.saturating_sub(80));
    let from_got = got.as_str().floor_char_boundary_compat(at.saturating_sub(80));
    Err(format!(
        "differs at byte {at}\n  expected: …{}\n  got:      …{}",
        &expected[from..(at + 80).min(expected.len()).max(from)].chars().take(160).collect::<String>(),
        &got[from_got..].chars().take(160).collect::<String>()
    ))
}

trait FloorBoundary {
    fn floor_char_boundary_compat(&self, i: usize) -> usize;
}
impl FloorBoundary for str {
    fn floor_char_boundary_compat(&self, mut i: usize) -> usize {
        i = i.min(self.len());
        while !self.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

#[wasm_bindgen_test]
fn every_fixture_parses_in_wasm_as_natively() {
    let mut failed = Vec::new();
    let mut checked = 0;
    for (name, text, expected) in FIXTURES {
        checked += 1;
        if let Err(e) = same_json(expected, &maqal::parse(text)) {
            failed.push(format!("seeds/{name}.json: {e}"));
        }
    }
    assert!(checked > 0 || FIXTURES.is_empty());
    assert!(failed.is_empty(), "{} of {checked} fixtures differ in WASM:\n{}", failed.len(), failed.join("\n"));
}

#[wasm_bindgen_test]
fn the_seed_parses_and_spans_slice_back() {
    let text = include_str!("../seeds/000_7a5e6daf9c20d335.txt");
    let doc = maqal::parse(text);
    assert_eq!(doc.version, 1);
    assert_eq!(doc.lang, "ar");
    let utf16: Vec<u16> = text.encode_utf16().collect();
    for b in &doc.blocks {
        let [s, e] = b.span;
        assert_eq!(String::from_utf16(&utf16[s..e]).unwrap(), b.text, "block span is UTF-16 and slices back");
    }
}

#[wasm_bindgen_test]
fn decode_reads_utf16_and_windows_1256_and_refuses_binary() {
    let mut le = vec![0xFF, 0xFE];
    for u in "مرحبا بالعالم".encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
    }
    let d = maqal::decode(&le);
    assert_eq!(d.text, "مرحبا بالعالم");
    assert_eq!(d.encoding, "utf-16le");
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    assert!(maqal::decode(png).is_binary());
}
