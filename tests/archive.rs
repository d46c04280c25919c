//! README "Processing an archive": the one-machine example, run as written. The shell lines
//! between `<!-- archive-example -->` and the end of the code block after it are taken from
//! README.md and run with bash in a scratch folder holding `articles/` (every fixture file) and
//! `archive.jsonl` (every fixture as a JSON line, several times over), with the CLI on PATH.
//! Every output is checked against the library. Needs GNU parallel (`make test` installs it).
#![cfg(all(feature = "cli", unix))]

use std::path::Path;
use std::process::Command;

fn example() -> String {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let after = readme.split("<!-- archive-example -->").nth(1).expect("README has the archive example marker");
    let block = after.split("```sh\n").nth(1).expect("a ```sh block after the marker");
    block.split("\n```").next().unwrap().to_string()
}

/// The Document JSON the CLI prints for a file (decoding warning first), as the library makes it.
fn expected(bytes: &[u8]) -> Option<String> {
    let d = maqal::decode(bytes);
    if d.is_binary() {
        return None;
    }
    let mut doc = maqal::parse(&d.text);
    if let Some(w) = d.warning {
        doc.warnings.insert(0, w);
    }
    Some(serde_json::to_string(&doc).unwrap() + "\n")
}

#[test]
fn the_readme_archive_example_runs_and_gives_every_document() {
    assert!(
        Command::new("parallel").arg("--version").output().is_ok_and(|o| o.status.success()),
        "GNU parallel is needed for the README's archive example (make test installs it: apt-get install parallel)"
    );
    let dir = std::env::temp_dir().join(format!("maqal-archive-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("articles/deeper")).unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut names: Vec<_> = std::fs::read_dir(&seeds).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
    names.sort();
    let mut jsonl = String::new();
    let mut ids = Vec::new();
    for (i, p) in names.iter().enumerate() {
        let bytes = std::fs::read(p).unwrap();
        // Half of them one folder down: find walks the tree.
        let sub = if i % 2 == 0 { "articles" } else { "articles/deeper" };
        std::fs::write(dir.join(sub).join(p.file_name().unwrap()), &bytes).unwrap();
        let text = maqal::decode(&bytes).text;
        let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
        for copy in 0..20 {
            let id = format!("{stem}#{copy}");
            jsonl.push_str(&serde_json::json!({"id": id, "text": text}).to_string());
            jsonl.push('\n');
            ids.push((id, text.clone()));
        }
    }
    // One binary file: its message goes to out/NAME.err, no .json.
    std::fs::write(dir.join("articles/broken.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    std::fs::write(dir.join("archive.jsonl"), &jsonl).unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_maqal")).parent().unwrap().to_path_buf();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let script = example();
    let out = Command::new("bash").args(["-euo", "pipefail", "-c", &script]).current_dir(&dir).env("PATH", path).output().unwrap();
    assert!(out.status.success(), "the README example failed:\n{script}\n{}", String::from_utf8_lossy(&out.stderr));

    for p in &names {
        let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
        let got = std::fs::read_to_string(dir.join("out").join(format!("{stem}.json"))).unwrap_or_else(|_| panic!("out/{stem}.json missing"));
        assert_eq!(Some(got), expected(&std::fs::read(p).unwrap()), "out/{stem}.json differs from the library's Document");
    }
    assert!(!dir.join("out/broken.json").exists(), "no Document for a binary file");
    assert!(std::fs::read_to_string(dir.join("out/broken.err")).unwrap().contains("not text"), "its message is kept");

    let docs = std::fs::read_to_string(dir.join("documents.jsonl")).unwrap();
    let lines: Vec<&str> = docs.lines().collect();
    assert_eq!(lines.len(), ids.len(), "one output line per input line");
    for (line, (id, text)) in lines.iter().zip(&ids) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["id"], id.as_str(), "in input order");
        assert_eq!(v["document"], serde_json::to_value(maqal::parse(text)).unwrap(), "{id}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
