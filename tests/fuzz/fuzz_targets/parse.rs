//! Arbitrary bytes, decoded as the CLI decodes files, then parsed: the contract's invariants must
//! hold (no panic, nothing lost, spans slice back, paragraphs are paragraph blocks, indexes point
//! at existing items) and the output is deterministic.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../common/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let decoded = maqal::decode(data);
    let doc = maqal::parse(&decoded.text);
    invariants::check(&decoded.text, &doc);
    let again = maqal::parse(&decoded.text);
    assert_eq!(serde_json::to_string(&doc).unwrap(), serde_json::to_string(&again).unwrap());
});
