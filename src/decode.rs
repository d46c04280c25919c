//! Stage 0 for files: bytes → text. BOMs, UTF-16 without BOM, windows-1256 and other legacy
//! encodings (guessed with chardetng, decoded with encoding_rs), binary refused.

use crate::model::Warning;

/// The text of a file and how it was read.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Decoded {
    /// The decoded text, without a leading BOM. Empty when the bytes are binary.
    pub text: String,
    /// The encoding used (`"utf-8"`, `"utf-16le"`, `"utf-16be"`, `"windows-1256"`, …), or
    /// `"binary"` when the bytes are not text.
    pub encoding: String,
    /// Set when the reader should know how the text was read (code `decoded-windows-1256`,
    /// `decoded-utf-16`, `invalid-utf-8-replaced`) or that it was refused (code `binary`).
    pub warning: Option<Warning>,
}

impl Decoded {
    /// True when the bytes were refused as binary (`encoding == "binary"`).
    pub fn is_binary(&self) -> bool {
        self.encoding == "binary"
    }
}

#[cfg(feature = "encodings")]
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1F\x8B", "a gzip archive"),
    (b"\x7FELF", "a program"),
    (b"\0asm", "a WebAssembly module"),
    (b"RIFF", "a media file"),
    (b"BM", "a BMP image"),
    (b"7z\xBC\xAF", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\xD0\xCF\x11\xE0", "an old Office document"),
];

#[cfg(feature = "encodings")]
fn binary(what: &str) -> Decoded {
    Decoded {
        text: String::new(),
        encoding: "binary".into(),
        warning: Some(Warning::new(
            "binary",
            format!("This file is not text ({what}); open a .txt, .md or .html file."),
        )),
    }
}

#[cfg(feature = "encodings")]
fn utf16(bytes: &[u8], le: bool) -> Decoded {
    let enc = if le { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE };
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let mut text = text.into_owned();
    if text.starts_with('\u{FEFF}') {
        text.remove(0);
    }
    Decoded {
        text,
        encoding: if le { "utf-16le" } else { "utf-16be" }.into(),
        warning: Some(Warning::new(
            "decoded-utf-16",
            if had_errors {
                "The file was read as UTF-16; some broken characters were replaced."
            } else {
                "The file was read as UTF-16."
            },
        )),
    }
}

/// UTF-16 without a BOM: most code units of Arabic or Latin text have a zero or 0x06 high byte.
#[cfg(feature = "encodings")]
fn sniff_utf16(bytes: &[u8]) -> Option<bool> {
    let n = bytes.len().min(4096) / 2;
    if n < 4 {
        return None;
    }
    let (mut even0, mut odd0) = (0usize, 0usize);
    for i in 0..n {
        let (a, b) = (bytes[2 * i], bytes[2 * i + 1]);
        if a == 0 || a == 6 {
            even0 += 1;
        }
        if b == 0 || b == 6 {
            odd0 += 1;
        }
    }
    if odd0 * 10 >= n * 9 && even0 * 10 < n * 5 {
        Some(true) // little endian: high bytes at odd positions
    } else if even0 * 10 >= n * 9 && odd0 * 10 < n * 5 {
        Some(false)
    } else {
        None
    }
}

#[cfg(feature = "encodings")]
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    let controls = sample
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)))
        .count();
    controls * 100 > sample.len() * 2 || sample.contains(&0)
}

/// Reads the bytes of a file as text.
///
/// UTF-8 (with or without BOM) is taken as it is; UTF-16 with a BOM, or without one when the
/// byte pattern is clear, is decoded; other bytes are guessed with chardetng (windows-1256 for
/// Arabic) and decoded with encoding_rs. Binary files (images, archives, programs, anything with
/// NUL bytes that is not UTF-16) give an empty text, `encoding: "binary"` and a warning.
///
/// ```
/// let d = maqal::decode(&[0xC7, 0xE1, 0xDE, 0xC7, 0xE5, 0xD1, 0xC9]); // "القاهرة" in windows-1256
/// assert_eq!(d.text, "القاهرة");
/// assert_eq!(d.encoding, "windows-1256");
/// assert_eq!(d.warning.unwrap().code, "decoded-windows-1256");
/// ```
#[cfg(feature = "encodings")]
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return from_utf8ish(rest);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, false);
    }
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) && (magic.len() > 2 || looks_binary(bytes)) {
            return binary(what);
        }
    }
    if let Some(le) = sniff_utf16(bytes) {
        return utf16(bytes, le);
    }
    if looks_binary(bytes) {
        return binary("it contains control bytes");
    }
    from_utf8ish(bytes)
}

#[cfg(feature = "encodings")]
fn from_utf8ish(bytes: &[u8]) -> Decoded {
    match std::str::from_utf8(bytes) {
        Ok(s) => Decoded { text: s.to_string(), encoding: "utf-8".into(), warning: None },
        Err(_) => {
            // A few broken sequences in otherwise valid UTF-8 (a truncated download, one bad
            // byte) read better as UTF-8 with replacements than as a legacy encoding.
            let invalid = count_invalid_utf8(bytes);
            let multibyte = bytes.iter().filter(|b| (0xC2..=0xF4).contains(*b)).count();
            if invalid * 20 <= multibyte && multibyte > 0 {
                return Decoded {
                    text: String::from_utf8_lossy(bytes).into_owned(),
                    encoding: "utf-8".into(),
                    warning: Some(Warning::new(
                        "invalid-utf-8-replaced",
                        format!("The file is UTF-8 with {invalid} broken byte sequence(s); they were replaced with �."),
                    )),
                };
            }
            if let Some(d) = mixed(bytes) {
                return d;
            }
            let enc = guess_legacy(bytes);
            let (text, _) = enc.decode_without_bom_handling(bytes);
            let name = enc.name().to_ascii_lowercase();
            Decoded {
                text: text.into_owned(),
                warning: Some(Warning::new(
                    &format!("decoded-{name}"),
                    format!("The file is not UTF-8; it was read as {}.", enc.name()),
                )),
                encoding: name,
            }
        }
    }
}

#[cfg(feature = "encodings")]
fn guess_legacy(bytes: &[u8]) -> &'static encoding_rs::Encoding {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    det.guess(None, chardetng::Utf8Detection::Deny)
}

/// A paste of pastes: lines of valid UTF-8 with non-ASCII letters beside lines that are not
/// UTF-8 (one windows-1256 paragraph in a UTF-8 page). Each line is read in its own encoding.
#[cfg(feature = "encodings")]
fn mixed(bytes: &[u8]) -> Option<Decoded> {
    let (mut utf8_lines, mut bad_lines) = (0usize, Vec::new());
    for line in bytes.split(|&b| b == b'\n') {
        match std::str::from_utf8(line) {
            Ok(l) if !l.is_ascii() => utf8_lines += 1,
            Ok(_) => {}
            Err(_) => bad_lines.push(line),
        }
    }
    if utf8_lines == 0 || bad_lines.is_empty() {
        return None;
    }
    let legacy = guess_legacy(&bad_lines.concat());
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            text.push('\n');
        }
        match std::str::from_utf8(line) {
            Ok(l) => text.push_str(l),
            Err(_) => text.push_str(&legacy.decode_without_bom_handling(line).0),
        }
    }
    Some(Decoded {
        text,
        encoding: "utf-8".into(),
        warning: Some(Warning::new(
            "mixed-encoding",
            format!("Most of the file is UTF-8; {} line(s) were in {} and were read as such.", bad_lines.len(), legacy.name()),
        )),
    })
}

#[cfg(feature = "encodings")]
fn count_invalid_utf8(mut bytes: &[u8]) -> usize {
    let mut n = 0;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(_) => return n,
            Err(e) => {
                n += 1;
                let skip = e.valid_up_to() + e.error_len().unwrap_or(bytes.len() - e.valid_up_to()).max(1);
                bytes = &bytes[skip.min(bytes.len())..];
            }
        }
    }
}

#[cfg(all(test, feature = "encodings"))]
mod tests {
    use super::*;

    #[test]
    fn boms_and_utf16() {
        let s = "مقال عربي قصير";
        let mut le = vec![0xFF, 0xFE];
        le.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
        let d = decode(&le);
        assert_eq!((d.text.as_str(), d.encoding.as_str()), (s, "utf-16le"));
        let be: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode(&be).text, s);
        let mut u8bom = b"\xEF\xBB\xBF".to_vec();
        u8bom.extend(s.as_bytes());
        let d = decode(&u8bom);
        assert_eq!((d.text.as_str(), d.warning), (s, None));
    }

    #[test]
    fn binary_refused() {
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").is_binary());
        assert!(decode(b"PK\x03\x04\x14\0\0\0").is_binary());
        assert!(decode(b"abc\0def\0\0\x01\x02").is_binary());
        assert!(!decode(b"BMW news").is_binary());
    }

    #[test]
    fn mojibake_detected() {
        let arabic = "القاهرة تستضيف القمة العربية";
        let moji: String = encoding_rs::WINDOWS_1256.decode_without_bom_handling(arabic.as_bytes()).0.into_owned();
        assert!(looks_like_mojibake(&moji.repeat(2)));
        assert!(!looks_like_mojibake(arabic));
        assert!(!looks_like_mojibake("ط"));
    }

    #[test]
    fn mixed_utf8_and_windows_1256_lines() {
        let mut b = "عنوان الخبر بالعربية\n".as_bytes().to_vec();
        b.extend(encoding_rs::WINDOWS_1256.encode("قال الوزير إن المحادثات مستمرة.").0.iter());
        b.extend("\nفقرة أخرى بترميز UTF-8".as_bytes());
        let d = decode(&b);
        assert_eq!(d.text, "عنوان الخبر بالعربية\nقال الوزير إن المحادثات مستمرة.\nفقرة أخرى بترميز UTF-8");
        assert_eq!(d.warning.unwrap().code, "mixed-encoding");
    }

    #[test]
    fn mostly_utf8_with_one_bad_byte() {
        let mut b = "نص عربي طويل بما يكفي لنعرف أنه UTF-8".as_bytes().to_vec();
        b.push(0xFF);
        let d = decode(&b);
        assert_eq!(d.encoding, "utf-8");
        assert_eq!(d.warning.unwrap().code, "invalid-utf-8-replaced");
    }
}

/// True when a good share of the text looks like Arabic UTF-8 that was read as windows-1256
/// (`ط§ظ„`): `ط` or `ظ` followed by a character that windows-1256 puts at 0x80–0xBF.
pub(crate) fn looks_like_mojibake(text: &str) -> bool {
    let b = text.as_bytes();
    // U+0600–U+06FF are the characters with lead byte D8–DB.
    let arabic = b.iter().filter(|&&x| (0xD8..=0xDB).contains(&x)).count();
    // `ط` is D8 B7, `ظ` is D8 B8; the character after it starts 2 bytes on.
    let pairs = memchr::memchr_iter(0xD8, b)
        .filter(|&i| matches!(b.get(i + 1), Some(0xB7 | 0xB8)))
        .filter(|&i| text.get(i + 2..).and_then(|s| s.chars().next()).is_some_and(is_1256_high))
        .count();
    pairs >= 6 && pairs * 20 >= arabic
}

/// Characters windows-1256 maps from bytes 0x80–0xBF (the UTF-8 continuation range).
fn is_1256_high(c: char) -> bool {
    matches!(c,
        '€' | 'پ' | '‚' | 'ƒ' | '„' | '…' | '†' | '‡' | 'ˆ' | '‰' | 'ٹ' | '‹' | 'Œ' | 'چ' | 'ژ' | 'ڈ'
        | 'گ' | '‘' | '’' | '“' | '”' | '•' | '–' | '—' | 'ک' | '™' | 'ڑ' | '›' | 'œ' | '\u{200C}' | '\u{200D}' | 'ں'
        | '\u{00A0}' | '،' | '¢' | '£' | '¤' | '¥' | '¦' | '§' | '¨' | '©' | 'ھ' | '«' | '¬' | '\u{00AD}' | '®' | '¯'
        | '°' | '±' | '²' | '³' | '´' | 'µ' | '¶' | '·' | '¸' | '¹' | '؛' | '»' | '¼' | '½' | '¾' | '؟')
}
