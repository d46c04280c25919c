//! Every lexicon file has a header saying where it comes from and under which licence, and its
//! entries are folded, sorted by bytes and unique.

#[test]
fn lexicon_files_are_sorted_unique_folded() {
    let mut problems = Vec::new();
    for (name, contents) in maqal::lexicon_files() {
        let header: Vec<&str> = contents.lines().take_while(|l| l.starts_with('#')).collect();
        let h = header.join("\n").to_lowercase();
        let names_licence = ["licen", "mit", "apache", "cc by", "cc-by", "unicode-3", "bsd"].iter().any(|w| h.contains(w));
        let names_source = ["source", "from", "written for", "generated", "cldr", "geonames"].iter().any(|w| h.contains(w));
        if !(names_licence && names_source) {
            problems.push(format!("{name}: header must name the source and the licence"));
        }
        let entries: Vec<&str> = contents.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
        if entries.is_empty() {
            problems.push(format!("{name}: no entries"));
        }
        for w in entries.windows(2) {
            if w[0].as_bytes() >= w[1].as_bytes() {
                problems.push(format!("{name}: not sorted/unique at {:?} >= {:?}", w[0], w[1]));
            }
        }
        for e in &entries {
            // The key part of a line (before a TAB) must be folded.
            let key = e.split('\t').next().unwrap();
            if maqal::fold(key) != key {
                problems.push(format!("{name}: entry not folded: {key:?} (folded: {:?})", maqal::fold(key)));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
