//! WASM == native, in a real browser: for every fixture `seeds/NAME.txt` with an expected
//! `seeds/NAME.json`, the core compiled to wasm32 and run in headless Chromium must give the
//! JSON that the native test (`tests/seeds.rs`) checks, byte for byte.
//!
//! Run with `make test` (or `make test-wasm`): it first writes `tests/web/fixtures.rs` (one entry
//! per fixture, generated from `seeds/`, with the native CLI's output for it), then runs
//! `cargo test --target wasm32-unknown-unknown --features wasm --test web`.
//!
//! The check goes through `maqal::decode` + `maqal::parse` + serde_json, the same calls as the
//! binding's `decode` and `parseJson` (src/wasm.rs); the page tests (tests/e2e) call the exported
//! `decode` and `parseJson` themselves on every fixture too.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

// `FIXTURES: &[(&str, &[u8], &str, &str)]` = (name, input file bytes, reviewed JSON, the native
// CLI's JSON for the same file).
include!("web/fixtures.rs");

// `RANDOM_DIGESTS: &[(usize, u64)]` = (input length, FNV-1a of the native JSON) for each input
// of `tests/common/random_inputs.rs`, written by `make fixtures` (tests/web/random_digests.rs).
include!("web/random.rs");

#[path = "common/random_inputs.rs"]
mod random_inputs;

/// The Document JSON for a fixture file, made exactly as the native harness (`tests/seeds.rs`)
/// makes it: bytes → `decode` → `parse` (the decoding warning first) → pretty JSON + newline.
fn document_json(bytes: &[u8]) -> String {
    let decoded = maqal::decode(bytes);
    let mut doc = maqal::parse(&decoded.text);
    if let Some(w) = decoded.warning {
        doc.warnings.insert(0, w);
    }
    let mut s = serde_json::to_string_pretty(&doc).unwrap();
    s.push('\n');
    s
}

fn first_difference(got: &str, want: &str) -> String {
    let (line, (g, w)) = got
        .lines()
        .zip(want.lines())
        .enumerate()
        .find(|(_, (g, w))| g != w)
        .unwrap_or((got.lines().count().min(want.lines().count()), ("<end>", "<end>")));
    format!("differs at line {}\n    got:  {}\n    want: {}", line + 1, g.trim(), w.trim())
}

#[wasm_bindgen_test]
fn every_fixture_parses_in_wasm_as_natively() {
    let (mut not_native, mut not_reviewed) = (Vec::new(), Vec::new());
    for (name, bytes, reviewed, native) in FIXTURES {
        let got = document_json(bytes);
        if got != *native {
            not_native.push(format!("seeds/{name}.txt: WASM differs from native: {}", first_difference(&got, native)));
        } else if got != *reviewed {
            not_reviewed.push(format!("seeds/{name}.json: {}", first_difference(&got, reviewed)));
        }
    }
    console_log!("{} fixtures compared with the native CLI and their reviewed JSON", FIXTURES.len());
    assert!(
        not_native.is_empty(),
        "{} of {} fixtures parse differently in WASM than natively:\n{}",
        not_native.len(),
        FIXTURES.len(),
        not_native.join("\n")
    );
    assert!(
        not_reviewed.is_empty(),
        "WASM == native for every fixture, but {} of {} differ from their reviewed JSON (as in the native tests/seeds.rs):\n{}",
        not_reviewed.len(),
        FIXTURES.len(),
        not_reviewed.join("\n")
    );
}

#[wasm_bindgen_test]
fn a_thousand_random_inputs_give_the_native_json_byte_for_byte() {
    let fx: Vec<(&str, &[u8])> = FIXTURES.iter().map(|(n, b, _, _)| (*n, *b)).collect();
    let inputs = random_inputs::inputs(&fx);
    assert_eq!(inputs.len(), RANDOM_DIGESTS.len(), "as many inputs as native digests (run `make fixtures`)");
    let mut differ = Vec::new();
    let mut bytes = 0;
    for (i, (input, (len, want))) in inputs.iter().zip(RANDOM_DIGESTS).enumerate() {
        assert_eq!(input.len(), *len, "input {i} is not the one the native side made: the generator differs between targets");
        bytes += input.len();
        let got = random_inputs::digest(&random_inputs::document_json(input));
        if got != *want {
            differ.push(format!("input {i} ({len} bytes): WASM JSON digest {got:016x}, native {want:016x} \
                 (native JSON: `cargo run --example random_digests -- --show {i}`)"));
        }
    }
    console_log!("{} random inputs ({} bytes) parsed in WASM and compared with the native JSON", inputs.len(), bytes);
    assert!(differ.is_empty(), "{} of {} random inputs parse differently in WASM:\n{}", differ.len(), inputs.len(), differ.join("\n"));
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
