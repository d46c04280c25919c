//! Stage 2: classify blocks, assemble the Document. Placeholder: every line is a paragraph.

use crate::model::*;

pub(crate) fn parse(text: &str, options: &Options) -> Document {
    let _ = options;
    let (lang, dir) = crate::lang::detect(text);
    let mut doc = Document { version: CONTRACT_VERSION, lang: lang.into(), dir, ..Default::default() };
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let start = pos + (line.len() - line.trim_start().len());
            let span = [start, start + trimmed.len()];
            doc.blocks.push(Block { kind: Kind::Paragraph, text: trimmed.into(), span, insert: None });
            doc.article.paragraphs.push(Text { text: trimmed.into(), span });
        }
        pos += line.len();
    }
    doc
}
