//! The browser binding: the only file that names wasm_bindgen.
//!
//! JS API (ES module built by wasm-bindgen `--target web`):
//! - `parse(text, options?)` → the Document as a plain object (null, not undefined; objects, not Maps);
//! - `parseJson(text, options?)` → the same Document as a JSON string, byte-identical to the CLI's;
//! - `decode(bytes: Uint8Array)` → `{ text, encoding, warning }` (full module only);
//! - `version()` → the crate version.
//!
//! `options` is a plain object: `{ referenceDate: "YYYY-MM-DD" }`. A malformed option throws.

use wasm_bindgen::prelude::*;

// The generated `pkg/maqal.d.ts` names the contract's types from the hand-written, tested
// `www/maqal-article.d.ts` instead of `any`.
#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"import type { Document, Options, Decoded } from "../maqal-article";
export function parse(text: string, options?: Options | null): Document;
export function parseJson(text: string, options?: Options | null): string;"#;

fn options(value: Option<JsValue>) -> Result<crate::Options, JsValue> {
    let mut opts = crate::Options::default();
    let Some(value) = value.filter(|v| !(v.is_undefined() || v.is_null())) else {
        return Ok(opts);
    };
    let rd = js_sys::Reflect::get(&value, &JsValue::from_str("referenceDate"))?;
    if !(rd.is_undefined() || rd.is_null()) {
        let s = rd.as_string().ok_or_else(|| JsValue::from(js_sys::TypeError::new("referenceDate must be a string YYYY-MM-DD")))?;
        opts.reference_date = Some(crate::Date::parse_iso(&s).ok_or_else(|| {
            JsValue::from(js_sys::RangeError::new(&format!("referenceDate is not a date (YYYY-MM-DD): {s}")))
        })?);
    }
    Ok(opts)
}

fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
}

#[wasm_bindgen(start, skip_typescript)]
fn start() {
    console_error_panic_hook::set_once();
}

/// Parses `text` into the Document (a plain object).
#[wasm_bindgen(unchecked_return_type = "Document")]
pub fn parse(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "Options")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let opts = self::options(options)?;
    to_js(&crate::parse_with(text, &opts))
}

/// Parses `text` into the Document as a JSON string (the CLI's exact bytes).
#[wasm_bindgen(js_name = parseJson)]
pub fn parse_json(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "Options")] options: Option<JsValue>,
) -> Result<String, JsValue> {
    let opts = self::options(options)?;
    serde_json::to_string(&crate::parse_with(text, &opts)).map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
}

/// Reads the bytes of a file as text: `{ text, encoding, warning }`. Not in the small
/// structure-only module (built without the `encodings` feature).
#[cfg(feature = "encodings")]
#[wasm_bindgen(unchecked_return_type = "Decoded")]
pub fn decode(bytes: &[u8]) -> Result<JsValue, JsValue> {
    to_js(&crate::decode(bytes))
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
