//! The `maqal` command line, as the contract describes it: exit codes, files and stdin, decoding
//! warnings, `--pretty`, `--reference-date`, and `--jsonl` streaming in order.
#![cfg(feature = "cli")]

use std::io::Write;
use std::process::{Command, Output, Stdio};

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/000_7a5e6daf9c20d335.txt");

fn maqal(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_maqal"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run maqal");
    // The CLI may exit before reading its input (usage errors): a broken pipe is fine then.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

fn tmp_file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("maqal-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn parses_a_file_like_the_library() {
    let out = maqal(&["parse", SEED], b"");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(SEED).unwrap();
    let want = serde_json::to_string(&maqal::parse(&text)).unwrap() + "\n";
    assert_eq!(String::from_utf8(out.stdout).unwrap(), want);
}

#[test]
fn stdin_pretty_and_reference_date() {
    let text = std::fs::read(SEED).unwrap();
    let out = maqal(&["parse", "-", "--pretty", "--reference-date", "2024-06-12"], &text);
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.starts_with("{\n  \"version\": 1,"), "pretty JSON: {}", &s[..40.min(s.len())]);
    let doc: serde_json::Value = serde_json::from_str(&s).unwrap();
    let opts = maqal::Options { reference_date: maqal::Date::parse_iso("2024-06-12") };
    let lib = serde_json::to_value(maqal::parse_with(std::str::from_utf8(&text).unwrap(), &opts)).unwrap();
    assert_eq!(doc, lib);
}

#[test]
fn windows_1256_file_is_decoded_with_a_warning() {
    let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode("قال الوزير إن المحادثات مستمرة.");
    let p = tmp_file("cp1256.txt", &bytes);
    let out = maqal(&["parse", p.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["warnings"][0]["code"], "decoded-windows-1256");
    assert_eq!(doc["article"]["paragraphs"][0]["text"], "قال الوزير إن المحادثات مستمرة.");
}

#[test]
fn binary_and_missing_files_exit_1_with_one_line() {
    let p = tmp_file("image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01");
    let out = maqal(&["parse", p.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("not text"), "{err}");
    assert!(out.stdout.is_empty());
    let out = maqal(&["parse", "/nonexistent/file.txt"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8(out.stderr).unwrap().lines().count(), 1);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(maqal(&["parse", "--no-such-flag"], b"").status.code(), Some(2));
    assert_eq!(maqal(&["parse", "-", "--reference-date", "2024-13-40"], b"x").status.code(), Some(2));
    assert_eq!(maqal(&["frobnicate"], b"").status.code(), Some(2));
    let help = maqal(&["parse", "--help"], b"");
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8(help.stdout).unwrap().contains("--jsonl"));
}

#[test]
fn jsonl_keeps_order_and_reports_bad_lines() {
    let mut input = String::new();
    for i in 0..600 {
        if i == 7 {
            input.push_str("{\"id\": 7, \"text\": oops}\n");
        } else {
            input.push_str(&serde_json::json!({"id": i, "text": format!("خبر رقم {i}\n\nقال الوزير إن العدد {i} مهم جدا في هذه المرحلة.")}).to_string());
            input.push('\n');
        }
    }
    let out = maqal(&["parse", "--jsonl"], input.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 600);
    for (i, l) in lines.iter().enumerate() {
        if i == 7 {
            assert!(l["error"].as_str().unwrap().contains("bad JSON"), "{l}");
        } else {
            assert_eq!(l["id"], i);
            assert_eq!(l["document"]["article"]["headline"]["text"], format!("خبر رقم {i}"));
        }
    }
}

/// `--jsonl` streams: a 64 MB stream of JSON lines (articles padded with blank space, so that
/// the debug build reads them fast, and short ones) goes through with a peak resident size well
/// under the stream's size, and every line is answered in order — lines that are not UTF-8 or not
/// JSON included. (`make bench` reports the peak RSS of the release build on a 500 MB stream.)
#[test]
#[cfg(target_os = "linux")]
fn jsonl_streams_in_bounded_memory() {
    use std::io::{BufRead, BufReader};
    let seed = std::fs::read_to_string(SEED).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_maqal"))
        .args(["parse", "--jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run maqal");
    let pid = child.id();
    let mut stdin = child.stdin.take().unwrap();
    const TOTAL: usize = 64 << 20;
    let writer = std::thread::spawn(move || {
        let padding = " ".repeat(120_000);
        let (mut written, mut i) = (0usize, 0usize);
        while written < TOTAL {
            let line = match i % 50 {
                7 => b"{\"id\": 7, \"text\": \xff\xfe}\n".to_vec(),
                8 => b"{\"id\": 8, \"text\": oops}\n".to_vec(),
                _ if i % 2 == 0 => {
                    let text = format!("{}{padding}", &seed[..seed.char_indices().nth(400).unwrap().0]);
                    (serde_json::json!({"id": i, "text": text}).to_string() + "\n").into_bytes()
                }
                _ => (serde_json::json!({"id": i, "text": "خبر قصير"}).to_string() + "\n").into_bytes(),
            };
            written += line.len();
            if stdin.write_all(&line).is_err() {
                break;
            }
            i += 1;
        }
        i
    });
    let peak = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let watcher = {
        let peak = peak.clone();
        std::thread::spawn(move || {
            // VmHWM is the process's high-water mark: the last reading before it exits is its peak.
            while let Ok(s) = std::fs::read_to_string(format!("/proc/{pid}/status")) {
                if let Some(kb) = s.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.trim().trim_end_matches(" kB").trim().parse::<usize>().ok()) {
                    peak.store(kb * 1024, std::sync::atomic::Ordering::Relaxed);
                }
                if s.lines().any(|l| l.starts_with("State:") && l.contains('Z')) {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
        })
    };
    let mut answered = 0usize;
    for (k, line) in BufReader::new(child.stdout.take().unwrap()).lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
        match k % 50 {
            7 => assert!(v["error"].as_str().unwrap().contains("not UTF-8"), "line {k}: {v}"),
            8 => assert!(v["error"].as_str().unwrap().contains("bad JSON"), "line {k}: {v}"),
            _ => assert_eq!(v["id"], k, "line {k} answered in order"),
        }
        answered += 1;
    }
    let sent = writer.join().unwrap();
    assert!(child.wait().unwrap().success());
    watcher.join().unwrap();
    let peak = peak.load(std::sync::atomic::Ordering::Relaxed);
    assert_eq!(answered, sent, "one answer per line");
    assert!(peak > 0, "peak RSS read from /proc");
    assert!(peak < TOTAL * 3 / 4, "peak RSS {} MB for a {} MB stream: --jsonl must not hold the stream", peak >> 20, TOTAL >> 20);
    eprintln!("--jsonl: {sent} lines, {} MB, peak RSS {} MB (debug build)", TOTAL >> 20, peak >> 20);
}
