//! 1,000 random inputs, the same on every platform: native and WASM must give byte-identical
//! JSON for each (issue 5, determinism). Shared by `tests/web/random_digests.rs` (native: writes
//! the digests of the native JSON) and `tests/web.rs` (WASM: parses the same inputs in Chromium
//! and compares digests).
//!
//! The inputs are made from the fixtures with a fixed pseudo-random generator (SplitMix64), so
//! they need no file: shuffled fixture lines with odd separators, fixtures cut at random bytes
//! (broken UTF-8 included), fixtures with hostile characters spliced in (markers, quotation
//! marks, digits of three scripts, bidi controls, NUL, CR, U+2028), and random strings over an
//! alphabet of Arabic letters, diacritics and punctuation. Every input goes through
//! `maqal::decode` then `maqal::parse`, as a file would.

#![allow(dead_code)]

pub const COUNT: usize = 1000;

/// SplitMix64: tiny, and the same sequence on every target.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// In `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Pieces spliced into fixtures: what breaks parsers of pasted news.
const HOSTILE: &[&str] = &[
    "\n", "\r\n", "\r", "\n\n\n", "\u{2028}", "\t", "   ", "«", "»", "\"", "“", "”", "„", "'", ":", "،", ".", "-", " - ",
    "(", ")", "•", "|", "المصدر:", "المصدر : ", "كلمات دلالية:", "الكلمات المفتاحية", "إقرأ أيضاً:", "اقرأ أيضا", "مقالات مشابهة",
    "شارك", "تعليقات", "قال", "وأضاف", "مشيرًا إلى أن", "يقول", "بحسب", "أمس", "اليوم الثلاثاء", "الأسبوع الماضي",
    "29 نوفمبر 2026", "١٥ رمضان ١٤٤٧ هـ", "2026/11/29", "۱۲:۳۰", "10:00 ص", "كانون الثاني", "جانفي", "غشت",
    "الرئيس الأمريكي", "وزير الخارجية", "د. ", "السيد ", "حماس", "مجلس الأمن", "القاهرة", "(رويترز) -", "#وسم", "@user",
    "\u{202E}", "\u{202C}", "\u{2066}", "\u{2069}", "\u{200B}", "\u{200F}", "\u{FEFF}", "ـــ", "ًّ", "😀", "<b>", "&amp;",
];

const ALPHABET: &[char] = &[
    'ا', 'ب', 'ت', 'ث', 'ج', 'ح', 'خ', 'د', 'ذ', 'ر', 'ز', 'س', 'ش', 'ص', 'ض', 'ط', 'ظ', 'ع', 'غ', 'ف', 'ق', 'ك', 'ل', 'م',
    'ن', 'ه', 'و', 'ي', 'ى', 'ة', 'ء', 'أ', 'إ', 'آ', 'ؤ', 'ئ', 'َ', 'ُ', 'ِ', 'ّ', 'ْ', 'ـ', ' ', ' ', ' ', ' ', '\n', '\n',
    '.', '،', '؛', '؟', ':', '«', '»', '"', '-', '(', ')', '0', '5', '٣', '۷', 'a', 'Z', '\u{200C}', '\u{202B}',
];

/// The inputs, from `fixtures` (name, file bytes) in any order: they are sorted by name first
/// so that every platform builds the same list.
pub fn inputs(fixtures: &[(&str, &[u8])]) -> Vec<Vec<u8>> {
    let mut fx: Vec<(&str, &[u8])> = fixtures.to_vec();
    fx.sort_by(|a, b| a.0.cmp(b.0));
    let texts: Vec<String> = fx.iter().map(|(_, b)| maqal::decode(b).text).collect();
    let lines: Vec<&str> = texts.iter().flat_map(|t| t.lines()).filter(|l| !l.trim().is_empty()).collect();
    let mut rng = Rng::new(0x6D61_7161_6C21);
    let mut out = Vec::with_capacity(COUNT);
    for i in 0..COUNT {
        let bytes = match i % 4 {
            // Shuffled lines of several fixtures, odd separators.
            0 => {
                let n = 1 + rng.below(40);
                let mut s = String::new();
                for _ in 0..n {
                    s.push_str(rng.pick::<&str>(&lines));
                    s.push_str(rng.pick::<&str>(&["\n", "\n\n", "\r\n", " ", "\n \n", "\u{2028}", "\r"]));
                }
                s.into_bytes()
            }
            // A fixture cut between two random bytes: may start or end inside a character.
            1 => {
                let b = fx[rng.below(fx.len())].1;
                let a = rng.below(b.len().max(1));
                let e = (a + 1 + rng.below(6000)).min(b.len());
                b[a.min(e)..e].to_vec()
            }
            // A fixture (or its first part) with hostile pieces spliced in at random places.
            2 => {
                let t = rng.pick(&texts);
                let chars: Vec<char> = t.chars().collect();
                let keep = chars.len().min(400 + rng.below(4000));
                let mut s = String::new();
                for (k, c) in chars[..keep].iter().enumerate() {
                    if k % 7 == 0 && rng.below(6) == 0 {
                        s.push_str(rng.pick::<&str>(HOSTILE));
                    }
                    if rng.below(200) != 0 {
                        s.push(*c);
                    }
                }
                s.into_bytes()
            }
            // Random text over a small alphabet, with hostile pieces.
            _ => {
                let n = rng.below(3000);
                let mut s = String::new();
                for _ in 0..n {
                    if rng.below(25) == 0 {
                        s.push_str(rng.pick::<&str>(HOSTILE));
                    } else {
                        s.push(*rng.pick(ALPHABET));
                    }
                }
                s.into_bytes()
            }
        };
        out.push(bytes);
    }
    out
}

/// The Document JSON for a file's bytes, as the CLI and the page make it (decode, parse, the
/// decoding warning first), compact.
pub fn document_json(bytes: &[u8]) -> String {
    let decoded = maqal::decode(bytes);
    let mut doc = maqal::parse(&decoded.text);
    if let Some(w) = decoded.warning {
        doc.warnings.insert(0, w);
    }
    serde_json::to_string(&doc).expect("a Document serialises")
}

/// FNV-1a, 64 bits: the same digest on every target.
pub fn digest(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
    h
}
