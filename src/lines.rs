//! Stage 1: candidate blocks. Splits the text into lines (LF, CRLF or CR), trims each to
//! non-whitespace, and splits a line further where a paste glued several blocks on one line: a
//! bulleted list written on one line (`• a • b • c`) and aggregator tickers (headlines joined
//! by runs of three or more spaces). Nothing is classified here.

/// One candidate block: a trimmed byte range of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Unit {
    /// Byte offset of the first non-whitespace character.
    pub start: usize,
    /// Byte offset just past the last non-whitespace character.
    pub end: usize,
    /// True when one or more blank lines (or the start of the text) come before this unit.
    pub blank_before: bool,
    /// True when this unit shares its line with another unit.
    pub piece: bool,
}

/// Trims whitespace off `text[start..end]`; `None` when nothing is left.
pub(crate) fn trim(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    (!t.is_empty()).then(|| (start + lead, start + lead + t.len()))
}

/// Splits `text` into units, in order.
pub(crate) fn split(text: &str) -> Vec<Unit> {
    let bytes = text.as_bytes();
    let mut units = Vec::new();
    let mut pos = 0usize;
    let mut blank = true;
    while pos <= bytes.len() {
        let nl = memchr::memchr2(b'\n', b'\r', &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
        // Also break on the Unicode line and paragraph separators, which are whitespace too.
        let (line_end, next) = {
            let line = &text[pos..nl];
            match find_separator(line) {
                Some(i) => {
                    let c = line[i..].chars().next().unwrap();
                    (pos + i, pos + i + c.len_utf8())
                }
                None => {
                    let mut n = nl + 1;
                    if nl < bytes.len() && bytes[nl] == b'\r' && bytes.get(nl + 1) == Some(&b'\n') {
                        n += 1;
                    }
                    (nl, n)
                }
            }
        };
        match trim(text, pos, line_end) {
            None => blank = true,
            Some((s, e)) => {
                let before = units.len();
                split_line(text, s, e, &mut units);
                if let Some(u) = units.get_mut(before) {
                    u.blank_before = blank;
                }
                if units.len() > before + 1 {
                    for u in &mut units[before..] {
                        u.piece = true;
                    }
                }
                blank = false;
            }
        }
        if next > bytes.len() {
            break;
        }
        pos = next;
    }
    units
}

/// Byte offset of the first U+2028, U+2029, U+0085, VT or FF in `line` (the other line breaks).
fn find_separator(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    // VT and FF are single bytes; U+0085 is C2 85; U+2028/U+2029 are E2 80 A8/A9.
    let first = memchr::memchr3_iter(0x0B, 0x0C, 0xC2, b).find(|&i| b[i] != 0xC2 || b.get(i + 1) == Some(&0x85));
    let limit = first.unwrap_or(b.len());
    let wide = memchr::memchr_iter(0xE2, &b[..limit]).find(|&i| b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xA8 | 0xA9)));
    wide.or(first)
}

/// Whitespace character starting at byte `i` of `s` (a char boundary): its length, else 0.
#[inline]
fn space_at(s: &str, i: usize) -> usize {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        return matches!(b, 0x09..=0x0D | 0x20) as usize;
    }
    // Non-ASCII whitespace starts with C2 (U+0085, U+00A0), E1 (U+1680), E2 (U+2000–U+205F) or
    // E3 (U+3000).
    if !matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3) {
        return 0;
    }
    let c = s[i..].chars().next().unwrap();
    if c.is_whitespace() {
        c.len_utf8()
    } else {
        0
    }
}

fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '●' | '▪' | '■' | '◄' | '►' | '▸' | '◆' | '✓' | '🔹' | '🔸')
}

/// Splits one trimmed line `text[s..e]` into units.
fn split_line(text: &str, s: usize, e: usize, out: &mut Vec<Unit>) {
    let line = &text[s..e];
    let unit = |a: usize, b: usize| Unit { start: a, end: b, blank_before: false, piece: false };
    // A list on one line: two or more bullets, each after whitespace (or at the start).
    let mut cuts: Vec<usize> = Vec::new();
    // Every bullet is a 3-byte (E2 …) or 4-byte (F0 …) character.
    if memchr::memchr2(0xE2, 0xF0, line.as_bytes()).is_some() {
        let mut prev_ws = true;
        for (i, c) in line.char_indices() {
            if is_bullet(c) && prev_ws && i > 0 {
                cuts.push(i);
            }
            prev_ws = c.is_whitespace();
        }
    }
    let starts_with_bullet = line.starts_with(is_bullet);
    // Items are titles, not sentences of a paragraph that uses bullets for emphasis: what comes
    // before the first bullet is a short heading (or nothing), and every item is short.
    let words = |a: usize, b: usize| line[a..b].split_whitespace().count();
    let short_items = cuts.first().is_some_and(|&c| words(0, c) <= 8)
        && cuts.iter().zip(cuts.iter().skip(1).chain(std::iter::once(&line.len()))).all(|(&a, &b)| words(a, b) <= 30);
    if short_items && (cuts.len() >= 2 || (starts_with_bullet && !cuts.is_empty())) {
        let mut a = 0;
        for &c in cuts.iter().chain(std::iter::once(&line.len())) {
            if let Some((x, y)) = trim(text, s + a, s + c) {
                out.push(unit(x, y));
            }
            a = c;
        }
        return;
    }
    // A ticker: segments joined by runs of 3+ whitespace characters, at least 3 segments,
    // each short. Inside a trimmed line, two whitespace characters in a row need a tab, two
    // spaces or a non-ASCII whitespace character (lead byte C2, E1, E2 or E3): without any, no
    // run.
    let lb = line.as_bytes();
    if memchr::memchr3(b'\t', 0xC2, 0xE1, lb).is_none()
        && memchr::memchr2(0xE2, 0xE3, lb).is_none()
        && memchr::memmem::find(lb, b"  ").is_none()
    {
        out.push(unit(s, e));
        return;
    }
    let mut segs: Vec<(usize, usize)> = Vec::new();
    let mut seg_start = 0;
    let mut run_start = None;
    let mut run_len = 0;
    let mut i = 0;
    while i < lb.len() {
        let w = space_at(line, i);
        if w > 0 {
            if run_start.is_none() {
                run_start = Some(i);
                run_len = 0;
            }
            run_len += 1;
            i += w;
        } else {
            if let Some(r) = run_start.take() {
                if run_len >= 3 {
                    segs.push((seg_start, r));
                    seg_start = i;
                }
            }
            // Next char boundary.
            i += 1;
            while i < lb.len() && lb[i] & 0xC0 == 0x80 {
                i += 1;
            }
        }
    }
    segs.push((seg_start, line.len()));
    if segs.len() >= 3 && segs.iter().all(|(a, b)| line[*a..*b].split_whitespace().count() <= 25) {
        for (a, b) in segs {
            if let Some((x, y)) = trim(text, s + a, s + b) {
                out.push(unit(x, y));
            }
        }
        return;
    }
    out.push(unit(s, e));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        split(t).iter().map(|u| &t[u.start..u.end]).collect()
    }

    #[test]
    fn line_endings() {
        assert_eq!(texts("a\r\nb\rc\n\n d \u{00A0}\n"), ["a", "b", "c", "d"]);
        let u = split("a\n\n\nb\nc");
        assert_eq!(u.iter().map(|u| u.blank_before).collect::<Vec<_>>(), [true, true, false]);
        assert!(split("").is_empty());
        assert!(split(" \n\r\n\t").is_empty());
    }

    #[test]
    fn glued_lists_and_tickers() {
        assert_eq!(texts("مقالات مشابهة • عنوان أول • عنوان ثان"), ["مقالات مشابهة", "• عنوان أول", "• عنوان ثان"]);
        assert_eq!(texts("خبر أول    خبر ثان    خبر ثالث"), ["خبر أول", "خبر ثان", "خبر ثالث"]);
        assert_eq!(texts("جملة  عادية"), ["جملة  عادية"]);
    }
}
