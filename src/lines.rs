//! Stage 1: candidate blocks. Placeholder.
