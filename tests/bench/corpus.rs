//! The benchmark corpora, shared by `bench_stages` (tests/bench/stages.rs) and the criterion
//! bench (tests/bench/criterion.rs).
//!
//! - fixtures: every `seeds/*.txt`, each parsed as its own article (a typical paste);
//! - synthetic: the fixtures joined by blank lines and repeated to 10 MB, parsed as one text
//!   (a huge paste: an archive dump, a whole site's text).

#![allow(dead_code)]

use std::path::Path;

/// The seed articles, in name order: (name, text).
pub fn fixtures() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("seeds/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect()
}

/// The fixtures joined by blank lines and repeated to at least `bytes` bytes.
pub fn synthetic(bytes: usize) -> String {
    let joined: String = fixtures().iter().map(|(_, t)| t.trim_end().to_string() + "\n\n").collect();
    let mut out = String::with_capacity(bytes + joined.len());
    while out.len() < bytes {
        out.push_str(&joined);
    }
    out
}

/// Total bytes of the fixtures.
pub fn fixture_bytes(fx: &[(String, String)]) -> usize {
    fx.iter().map(|(_, t)| t.len()).sum()
}

/// The floor: newlines counted with memchr.
pub fn newline_floor(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count()
}

/// An article wrapped as a simple HTML page (title, one `<p>` per line), for Readability-class
/// extractors.
pub fn as_html(text: &str) -> String {
    fn esc(s: &str) -> String {
        s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
    }
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let title = lines.next().unwrap_or("");
    let mut html = format!("<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\"><title>{}</title></head><body><article><h1>{}</h1>\n", esc(title), esc(title));
    for l in lines {
        html.push_str("<p>");
        html.push_str(&esc(l));
        html.push_str("</p>\n");
    }
    html.push_str("</article></body></html>\n");
    html
}
