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
