//! Last stage: converts every byte span of a [`Document`] into UTF-16 code units.
//!
//! Offsets are looked up through checkpoints every 64 bytes, so the cost is linear in the input
//! plus at most 64 bytes of scanning per span, and memory is one `u32` per 64 input bytes.

use crate::model::{Article, Document, Span};

const STEP: usize = 64;

/// Byte offset → UTF-16 offset converter for one input.
pub(crate) struct Utf16Index<'a> {
    text: &'a str,
    checkpoints: Vec<u32>,
}

impl<'a> Utf16Index<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let mut checkpoints = Vec::with_capacity(text.len() / STEP + 2);
        let mut units = 0u32;
        let bytes = text.as_bytes();
        let mut next = 0usize;
        for (i, &b) in bytes.iter().enumerate() {
            if i == next {
                checkpoints.push(units);
                next += STEP;
            }
            // Count UTF-16 units per byte: lead bytes count 1 (2 for 4-byte sequences),
            // continuation bytes count 0. A checkpoint inside a character is never used directly.
            if b & 0xC0 != 0x80 {
                units += if b >= 0xF0 { 2 } else { 1 };
            }
        }
        if bytes.len() == next {
            checkpoints.push(units);
        }
        Utf16Index { text, checkpoints }
    }

    /// UTF-16 offset of byte offset `b` (which must be a char boundary, else it is rounded down).
    pub(crate) fn units(&self, b: usize) -> usize {
        let b = b.min(self.text.len());
        let cp = b / STEP;
        let mut units = self.checkpoints[cp] as usize;
        let bytes = self.text.as_bytes();
        let start = cp * STEP;
        // The checkpoint counts lead bytes before `start`; a character straddling `start` was
        // counted already, and its continuation bytes count 0 here.
        for &byte in &bytes[start..b] {
            if byte & 0xC0 != 0x80 {
                units += if byte >= 0xF0 { 2 } else { 1 };
            }
        }
        units
    }

    fn span(&self, s: &mut Span) {
        s[0] = self.units(s[0]);
        s[1] = self.units(s[1]);
    }
}

fn article(ix: &Utf16Index, a: &mut Article) {
    if let Some(h) = &mut a.headline {
        ix.span(&mut h.span);
    }
    for t in a.authors.iter_mut().chain(a.paragraphs.iter_mut()) {
        ix.span(&mut t.span);
    }
    if let Some(p) = &mut a.published {
        ix.span(&mut p.span);
    }
    for e in &mut a.entities {
        for m in &mut e.mentions {
            ix.span(m);
        }
    }
    for q in &mut a.quotes {
        ix.span(&mut q.verb.span);
        ix.span(&mut q.content.span);
    }
    for d in &mut a.dates {
        ix.span(&mut d.span);
    }
}

/// Converts every span of `doc` (byte offsets into `text`) to UTF-16 units.
pub(crate) fn convert(doc: &mut Document, text: &str) {
    if text.is_ascii() {
        return; // bytes == UTF-16 units
    }
    let ix = Utf16Index::new(text);
    article(&ix, &mut doc.article);
    for ins in &mut doc.inserts {
        ix.span(&mut ins.label.span);
        article(&ix, &mut ins.article);
    }
    if let Some(s) = &mut doc.source {
        ix.span(&mut s.span);
    }
    for t in &mut doc.tags {
        ix.span(&mut t.span);
    }
    for r in &mut doc.related {
        ix.span(&mut r.title.span);
    }
    for b in doc.boilerplate.iter_mut().chain(doc.blocks.iter_mut()) {
        ix.span(&mut b.span);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_naive_count() {
        let s = "ab😀قال x\u{FEFF}y ٤ يوليو 😀😀 end".repeat(9);
        let ix = Utf16Index::new(&s);
        for (b, _) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
            assert_eq!(ix.units(b), s[..b].encode_utf16().count(), "byte {b}");
        }
    }
}
