//! Normalisation for matching only: returned text is always the original slice.
//!
//! [`fold_char`] maps one character to its matching form (or drops it); [`Folded`] folds a whole
//! string and keeps a map from every folded byte back to the original byte offset, so a match in
//! the folded text converts back to an exact span of the input.
//!
//! What folds: alef/hamza forms (أ إ آ ٱ → ا), ى → ي, ة → ه, Persian ی/ک → ي/ك, Arabic-Indic and
//! Persian digits → ASCII, ASCII upper case → lower case, every whitespace (NBSP included) → one
//! space; dropped: tatweel, harakat and tanween, Quranic marks, bidi controls, zero-width
//! characters. Colon spacing is handled by the scanners, not here.

/// The matching form of `c`, or `None` when `c` is dropped for matching.
#[inline]
pub fn fold_char(c: char) -> Option<char> {
    // Fast paths: ASCII, and the Arabic letters that fold to themselves (most of the text).
    let u = c as u32;
    if u < 0x80 {
        return Some(match c {
            'A'..='Z' => c.to_ascii_lowercase(),
            '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' => ' ',
            _ => c,
        });
    }
    if is_plain_arabic(u) {
        return Some(c);
    }
    fold_char_slow(c)
}

/// Arabic letters that fold to themselves: ء ؤ ئ ا ب ت … غ ف … و (not أ إ آ ة ى ي, not tatweel).
#[inline]
fn is_plain_arabic(u: u32) -> bool {
    matches!(u, 0x0621 | 0x0624 | 0x0626..=0x0628 | 0x062A..=0x063A | 0x0641..=0x0648)
}

/// Two-byte characters U+0600–U+063F (`[0]`, lead byte D8) and U+0640–U+067F (`[1]`, D9) that
/// fold to themselves, one bit each: the plain Arabic letters and ي (see `is_plain_arabic`).
const SAME_2B: [u64; 2] = {
    let mut m = [0u64; 2];
    let mut u = 0x0600u32;
    while u < 0x0680 {
        if matches!(u, 0x0621 | 0x0624 | 0x0626..=0x0628 | 0x062A..=0x063A | 0x0641..=0x0648 | 0x064A) {
            m[((u - 0x0600) >> 6) as usize] |= 1 << (u & 0x3F);
        }
        u += 1;
    }
    m
};

/// Characters of `s` that are not whitespace (`s.chars().filter(|c| !c.is_whitespace()).count()`).
pub(crate) fn count_non_space(s: &str) -> usize {
    let b = s.as_bytes();
    // One branch-free pass: +1 for a byte that starts a character (not 80–BF: as i8, ≥ −64),
    // −1 for ASCII whitespace (which starts a character too).
    let chars_less_ascii_space: usize =
        b.iter().map(|&x| (x as i8 >= -64) as usize - (x == b' ' || x.wrapping_sub(9) < 5) as usize).sum();
    // Non-ASCII whitespace starts with C2 (U+0085, U+00A0), E1 (U+1680), E2 (U+2000–U+205F) or
    // E3 (U+3000): decoded only when one of those bytes is there.
    let other_space = if memchr::memchr3(0xC2, 0xE1, 0xE2, b).is_some() || memchr::memchr(0xE3, b).is_some() {
        s.chars().filter(|c| !c.is_ascii() && c.is_whitespace()).count()
    } else {
        0
    };
    chars_less_ascii_space - other_space
}

#[inline(never)]
fn fold_char_slow(c: char) -> Option<char> {
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => 'ا',
        'ى' | 'ی' | 'ي' | 'ې' => 'ي',
        'ة' => 'ه',
        'ک' => 'ك',
        '\u{0640}' => return None,                       // tatweel
        '\u{064B}'..='\u{065F}' | '\u{0670}' => return None, // harakat, tanween, superscript alef
        '\u{0610}'..='\u{061A}' | '\u{06D6}'..='\u{06ED}' => return None, // Quranic marks
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
        | '\u{061C}' | '\u{00AD}' => return None,
        '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
        '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
        'A'..='Z' => c.to_ascii_lowercase(),
        c if c.is_whitespace() => ' ',
        c => c,
    })
}

/// Folds a whole string (see the module docs).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`] into `out` (cleared first), reusing its buffer.
pub(crate) fn fold_into(s: &str, out: &mut String) {
    out.clear();
    out.reserve(s.len());
    let b = s.as_bytes();
    // `space` = the last pushed character is a space, or nothing was pushed yet.
    let mut space = true;
    // `s[run..i]` folds to itself and is not pushed yet: copied in one go when the run ends.
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            // ASCII that folds to itself: not upper case, not whitespace, not a second space.
            let same = !matches!(x, b'A'..=b'Z' | 0x09..=0x0D) && (x != b' ' || !space);
            if same {
                space = x == b' ';
                i += 1;
                continue;
            }
        } else if (x == 0xD8 || x == 0xD9) && i + 1 < b.len() {
            // U+0600–U+067F: one bit per character of the lead byte's block.
            if (SAME_2B[(x & 1) as usize] >> (b[i + 1] & 0x3F)) & 1 == 1 {
                space = false;
                i += 2;
                continue;
            }
        }
        // A character that changes: flush the run, push its fold.
        out.push_str(&s[run..i]);
        let Some(c) = s[i..].chars().next() else { break };
        i += c.len_utf8();
        run = i;
        if let Some(f) = fold_char(c) {
            if f == ' ' {
                if space {
                    continue;
                }
                space = true;
            } else {
                space = false;
            }
            out.push(f);
        }
    }
    out.push_str(&s[run..]);
    if out.ends_with(' ') {
        out.pop();
    }
}

/// [`char::is_alphabetic`], fast for ASCII and the Arabic letters.
#[inline]
pub(crate) fn is_alpha(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        c.is_ascii_alphabetic()
    } else if (0x0620..=0x064A).contains(&u) {
        true
    } else {
        c.is_alphabetic()
    }
}

/// [`char::is_alphanumeric`], fast for ASCII and the Arabic letters.
#[inline]
pub(crate) fn is_alnum(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        c.is_ascii_alphanumeric()
    } else if (0x0620..=0x064A).contains(&u) || (0x0660..=0x0669).contains(&u) {
        true
    } else {
        c.is_alphanumeric()
    }
}

/// [`char::is_whitespace`], fast for ASCII and the Arabic letters.
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        matches!(u, 0x09..=0x0D | 0x20)
    } else if u < 0x0600 && u > 0xA0 || (0x0600..0x1680).contains(&u) {
        false
    } else {
        c.is_whitespace()
    }
}

/// A folded string with a map back to the original's byte offsets.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    /// The folded text (runs of whitespace collapsed to one space, no leading/trailing space).
    pub text: String,
    /// `map[i]` = byte offset in the original of the character that produced folded byte `i`;
    /// `map[text.len()]` = the original's end of the last kept character.
    map: Vec<u32>,
    /// Byte offset added to every mapped position (the original's position in a larger input).
    base: usize,
}

impl Folded {
    /// Folds `s`, which starts at byte `base` of the whole input.
    pub fn new(s: &str, base: usize) -> Folded {
        let mut text: Vec<u8> = Vec::with_capacity(s.len());
        let mut map = Vec::with_capacity(s.len() + 1);
        let mut last_end = 0usize;
        let mut space = true;
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let x = b[i];
            // Fast paths (as in `fold_into`): ASCII, and the Arabic letters that fold to themselves.
            if x < 0x80 {
                let f = match x {
                    b'A'..=b'Z' => x | 0x20,
                    0x09..=0x0D => b' ',
                    _ => x,
                };
                if f == b' ' {
                    if !space {
                        space = true;
                        text.push(b' ');
                        map.push(i as u32);
                    }
                } else {
                    space = false;
                    last_end = i + 1;
                    text.push(f);
                    map.push(i as u32);
                }
                i += 1;
                continue;
            }
            if (x == 0xD8 || x == 0xD9) && i + 1 < b.len() && (SAME_2B[(x & 1) as usize] >> (b[i + 1] & 0x3F)) & 1 == 1 {
                text.push(x);
                text.push(b[i + 1]);
                map.push(i as u32);
                map.push(i as u32);
                space = false;
                last_end = i + 2;
                i += 2;
                continue;
            }
            let Some(c) = s[i..].chars().next() else { break };
            let at = i;
            i += c.len_utf8();
            let Some(f) = fold_char(c) else { continue };
            if f == ' ' {
                if space {
                    continue;
                }
                space = true;
            } else {
                space = false;
                last_end = i;
            }
            let n = f.len_utf8();
            let mut buf = [0u8; 4];
            text.extend_from_slice(f.encode_utf8(&mut buf).as_bytes());
            for _ in 0..n {
                map.push(at as u32);
            }
        }
        if text.last() == Some(&b' ') {
            text.pop();
            map.pop();
        }
        map.push(last_end as u32);
        let text = match String::from_utf8(text) {
            Ok(t) => t,
            // Unreachable (only whole characters are pushed); never panics.
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        };
        Folded { text, map, base }
    }

    /// Original byte offset (in the whole input) of folded byte `i` (`i` may equal `text.len()`).
    #[inline]
    pub fn orig(&self, i: usize) -> usize {
        self.base + self.map[i.min(self.map.len() - 1)] as usize
    }

    /// Original byte range (in the whole input) of folded range `start..end`: from the start of
    /// the first character to the end of the last one.
    pub fn orig_range(&self, start: usize, end: usize) -> (usize, usize) {
        if end <= start {
            let p = self.orig(start);
            return (p, p);
        }
        // End of the character that produced folded byte end-1: the start of the next kept
        // original character, or the recorded end, with dropped characters (harakat) that
        // follow the last letter included when they sit before the next kept character.
        let s = self.orig(start);
        let e = if end >= self.text.len() {
            self.base + *self.map.last().unwrap() as usize
        } else {
            self.orig(end)
        };
        (s, e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_letters_and_digits() {
        assert_eq!(fold("إقرأ أيضاً:"), "اقرا ايضا:");
        assert_eq!(fold("مدرســـة ٢٠٢٤"), "مدرسه 2024");
        assert_eq!(fold("  a\u{00A0}\u{00A0}B "), "a b");
        assert_eq!(fold("کتب علی"), "كتب علي");
    }

    /// The folding rules as first written, one match for every character.
    fn fold_char_reference(c: char) -> Option<char> {
        Some(match c {
            'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => 'ا',
            'ى' | 'ی' | 'ي' | 'ې' => 'ي',
            'ة' => 'ه',
            'ک' => 'ك',
            '\u{0640}' => return None,
            '\u{064B}'..='\u{065F}' | '\u{0670}' => return None,
            '\u{0610}'..='\u{061A}' | '\u{06D6}'..='\u{06ED}' => return None,
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
            | '\u{061C}' | '\u{00AD}' => return None,
            '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
            '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
            'A'..='Z' => c.to_ascii_lowercase(),
            c if c.is_whitespace() => ' ',
            c => c,
        })
    }

    #[test]
    fn fast_paths_agree_with_std_for_every_char() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(fold_char(c), fold_char_reference(c), "fold_char {c:?}");
            assert_eq!(is_alpha(c), c.is_alphabetic(), "is_alpha {c:?}");
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "is_alnum {c:?}");
            assert_eq!(is_space(c), c.is_whitespace(), "is_space {c:?}");
        }
    }

    /// `Folded::new` as first written, one `fold_char` per character.
    fn folded_reference(s: &str, base: usize) -> Folded {
        let mut text = String::with_capacity(s.len());
        let mut map = Vec::with_capacity(s.len() + 1);
        let mut last_end = 0usize;
        let mut space = true;
        for (i, c) in s.char_indices() {
            let Some(f) = fold_char_reference(c) else { continue };
            if f == ' ' {
                if space {
                    continue;
                }
                space = true;
            } else {
                space = false;
                last_end = i + c.len_utf8();
            }
            text.push(f);
            for _ in 0..f.len_utf8() {
                map.push(i as u32);
            }
        }
        if text.ends_with(' ') {
            text.pop();
            map.pop();
        }
        map.push(last_end as u32);
        Folded { text, map, base }
    }

    #[test]
    fn fold_and_counts_agree_with_char_by_char() {
        let reference = |s: &str| {
            let mut out = String::new();
            for c in s.chars() {
                if let Some(f) = fold_char_reference(c) {
                    if f == ' ' && (out.is_empty() || out.ends_with(' ')) {
                        continue;
                    }
                    out.push(f);
                }
            }
            if out.ends_with(' ') {
                out.pop();
            }
            out
        };
        let parts = ["إقرأ", " ", "  ", "أيضاً", ":", "\u{00A0}", "ABC", "aZ", "٢٠٢٤", "\t\n", " \t", "ـــ", "کتب", "😀", "\u{2028}", "\u{3000}", "é", "ة", "ی", "\u{200F}", "ٱ", "قال", "\u{064E}", "\u{0640}", "ي", "ى", "؟،"];
        for a in &parts {
            for b in &parts {
                for c in &parts {
                    let s = format!("{a}{b}{c}{a}");
                    assert_eq!(fold(&s), reference(&s), "{s:?}");
                    assert_eq!(Folded::new(&s, 0).text, reference(&s), "{s:?}");
                    let (f, r) = (Folded::new(&s, 3), folded_reference(&s, 3));
                    assert_eq!((&f.text, &f.map, f.base), (&r.text, &r.map, r.base), "{s:?}");
                    assert_eq!(count_non_space(&s), s.chars().filter(|c| !c.is_whitespace()).count(), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn same_2b_is_what_folds_to_itself() {
        for u in 0x0600..0x0680u32 {
            let c = char::from_u32(u).unwrap();
            let bit = (SAME_2B[((u - 0x0600) >> 6) as usize] >> (u & 0x3F)) & 1 == 1;
            if bit {
                assert_eq!(fold_char_reference(c), Some(c), "{c:?}");
            }
        }
    }

    #[test]
    fn maps_back_to_original() {
        let s = "قال  أنتوني بلينكنُ، اليوم";
        let f = Folded::new(s, 10);
        let i = f.text.find("بلينكن").unwrap();
        let (a, b) = f.orig_range(i, i + "بلينكن".len());
        assert_eq!(&s[a - 10..b - 10], "بلينكنُ");
        let i = f.text.find("انتوني").unwrap();
        let (a, b) = f.orig_range(i, i + "انتوني".len());
        assert_eq!(&s[a - 10..b - 10], "أنتوني");
    }
}
