//! `make bench`: the batch path. Streams JSON lines made of the fixture articles (500 MB unless
//! `JSONL_MB` says otherwise) into the release CLI's `maqal parse --jsonl` and prints
//! articles/s, MB/s and the CLI's peak resident memory (VmHWM from /proc), with the number of
//! cores it had. The stream is generated on the fly, so it never sits in memory or on disk.

#[path = "../common/peak_rss.rs"]
mod peak_rss;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mb: usize = std::env::var("JSONL_MB").ok().and_then(|v| v.parse().ok()).unwrap_or(500);
    let total = mb << 20;
    let exe = std::env::var("MAQAL_CLI").map(std::path::PathBuf::from).unwrap_or_else(|_| {
        let target = std::env::var("CARGO_TARGET_DIR").map(std::path::PathBuf::from).unwrap_or_else(|_| root.join("target"));
        target.join("release/maqal")
    });
    assert!(exe.exists(), "{} missing: cargo build --release --features cli", exe.display());
    let mut names: Vec<_> = std::fs::read_dir(root.join("seeds")).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
    names.sort();
    let lines: Vec<Vec<u8>> = names
        .iter()
        .map(|p| {
            let text = maqal::decode(&std::fs::read(p).unwrap()).text;
            (serde_json::json!({"id": p.file_stem().unwrap().to_string_lossy(), "text": text}).to_string() + "\n").into_bytes()
        })
        .collect();
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let mut child = Command::new(&exe).args(["parse", "--jsonl"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().expect("run the CLI");
    let pid = child.id();
    let mut stdin = child.stdin.take().unwrap();
    let start = Instant::now();
    let writer = std::thread::spawn(move || {
        let (mut written, mut n, mut text_bytes) = (0usize, 0usize, 0usize);
        let mut chunk = Vec::with_capacity(1 << 20);
        while written < total {
            let l = &lines[n % lines.len()];
            chunk.extend_from_slice(l);
            written += l.len();
            text_bytes += l.len();
            n += 1;
            if chunk.len() >= 1 << 20 {
                stdin.write_all(&chunk).unwrap();
                chunk.clear();
            }
        }
        stdin.write_all(&chunk).unwrap();
        (n, text_bytes)
    });
    let (watcher, peak) = peak_rss::watch(pid);
    let (mut out, mut errors) = (0usize, 0usize);
    for l in BufReader::with_capacity(1 << 20, child.stdout.take().unwrap()).lines() {
        let l = l.unwrap();
        out += 1;
        if l.starts_with("{\"id\":") && l.contains("\"error\":") && !l.contains("\"document\":") {
            errors += 1;
        }
    }
    let (n, bytes) = writer.join().unwrap();
    assert!(child.wait().unwrap().success());
    let secs = start.elapsed().as_secs_f64();
    watcher.join().unwrap();
    let peak = peak.load(std::sync::atomic::Ordering::Relaxed);
    assert_eq!(out, n, "one answer per line");
    assert_eq!(errors, 0);
    println!("## Batch: `maqal parse --jsonl` ({cores} cores)\n");
    println!("| stream | articles | time | articles/s | MB/s | peak RSS |");
    println!("|---|---|---|---|---|---|");
    println!(
        "| {:.0} MB of JSON lines ({} fixtures cycled) | {n} | {secs:.1} s | {:.0} | {:.1} | {:.1} MB |",
        bytes as f64 / 1048576.0,
        names.len(),
        n as f64 / secs,
        bytes as f64 / 1048576.0 / secs,
        peak as f64 / 1048576.0
    );
}

