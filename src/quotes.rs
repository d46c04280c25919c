//! Attributed speech (contract: Quote). Placeholder until the understanding work lands.

use crate::model::{Entity, Quote, Text};

/// Quotes in `paragraphs` (byte spans into `input`); `entity` indexes `entities`.
pub(crate) fn extract(input: &str, paragraphs: &[Text], entities: &[Entity]) -> Vec<Quote> {
    let _ = (input, paragraphs, entities);
    Vec::new()
}
