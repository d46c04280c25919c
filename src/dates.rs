//! Date expressions (contract: DateMention). Placeholder until the understanding work lands.

use crate::model::{Date, DateMention, Span};

/// Finds the date expressions in `input[span]`. Returned spans are absolute **byte** offsets into
/// `input`. Relative expressions resolve against `reference` when given, else their value is `None`.
pub(crate) fn scan(input: &str, span: Span, reference: Option<Date>) -> Vec<DateMention> {
    let _ = (input, span, reference);
    Vec::new()
}
