//! Runs every fixture `seeds/NAME.txt` through `maqal::parse` and compares the pretty JSON with
//! the reviewed `seeds/NAME.json`. Names every failing fixture and shows the first difference.
//!
//! To rewrite the expected files after a deliberate change (then review the diff by reading it):
//! `UPDATE_SEEDS=1 cargo test --test seeds`.

use std::fs;
use std::path::{Path, PathBuf};

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut v: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("seeds/ folder")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    v
}

/// The Document for a fixture file, read the way the CLI reads files.
pub fn document_json(path: &Path) -> String {
    let bytes = fs::read(path).unwrap();
    let decoded = maqal::decode(&bytes);
    let mut doc = maqal::parse(&decoded.text);
    if let Some(w) = decoded.warning {
        doc.warnings.insert(0, w);
    }
    let mut s = serde_json::to_string_pretty(&doc).unwrap();
    s.push('\n');
    s
}

#[test]
fn every_fixture_matches_its_reviewed_json() {
    let update = std::env::var_os("UPDATE_SEEDS").is_some();
    let mut failures = Vec::new();
    let all = fixtures();
    assert!(!all.is_empty(), "no fixtures in seeds/");
    for txt in &all {
        let name = txt.file_stem().unwrap().to_string_lossy().to_string();
        let json_path = txt.with_extension("json");
        let got = document_json(txt);
        if update {
            fs::write(&json_path, &got).unwrap();
            continue;
        }
        let Ok(want) = fs::read_to_string(&json_path) else {
            failures.push(format!("{name}: no seeds/{name}.json (run UPDATE_SEEDS=1 and review it)"));
            continue;
        };
        if got != want {
            let (line, (g, w)) = got
                .lines()
                .zip(want.lines())
                .enumerate()
                .find(|(_, (g, w))| g != w)
                .unwrap_or((got.lines().count().min(want.lines().count()), ("<end>", "<end>")));
            failures.push(format!("{name}: differs at line {}\n    got:  {}\n    want: {}", line + 1, g.trim(), w.trim()));
        }
    }
    println!("{} fixtures checked", all.len());
    assert!(failures.is_empty(), "{} of {} fixtures differ:\n{}", failures.len(), all.len(), failures.join("\n"));
}
