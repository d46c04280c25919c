//! A small, fast, non-cryptographic hasher for the crate's maps and sets (FxHash: the rustc
//! compiler's hash, a multiply and a rotate per word).
//!
//! The keys are words and short phrases of the input; the standard SipHash protects a map
//! against inputs crafted to collide, which costs ~6% of a parse here. The parser's maps are
//! per-document and bounded by its length, so a collision flood can only slow one parse; keep
//! the standard hasher for anything that outlives a parse and takes keys from many documents.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// `HashMap` with [`FxHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
/// `HashSet` with [`FxHasher`].
pub(crate) type FastSet<T> = HashSet<T, BuildHasherDefault<FxHasher>>;

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// The FxHash hasher (word at a time).
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, mut bytes: &[u8]) {
        while bytes.len() >= 8 {
            self.add(u64::from_le_bytes(bytes[..8].try_into().unwrap()));
            bytes = &bytes[8..];
        }
        if bytes.len() >= 4 {
            self.add(u32::from_le_bytes(bytes[..4].try_into().unwrap()) as u64);
            bytes = &bytes[4..];
        }
        for &b in bytes {
            self.add(b as u64);
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // A final mix spreads the last word into the high bits, which hashbrown uses to pick
        // groups: without it, large word maps collide (measured on the entity lexicon).
        let h = self.hash;
        (h ^ (h >> 29)).wrapping_mul(0xBF58_476D_1CE4_E5B9) ^ (h >> 32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_work() {
        let mut m: FastMap<String, usize> = FastMap::default();
        for (i, w) in ["قال", "الوزير", "إن", "قال"].iter().enumerate() {
            m.entry(w.to_string()).or_insert(i);
        }
        assert_eq!(m.len(), 3);
        assert_eq!(m["قال"], 0);
        let s: FastSet<&[u32]> = [&[1u32, 2][..], &[1, 2, 3][..], &[1, 2][..]].into_iter().collect();
        assert_eq!(s.len(), 2);
    }
}
