//! Tags. Placeholder.
