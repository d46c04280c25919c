//! The `maqal` command line, as the contract describes it: exit codes, files and stdin, decoding
//! warnings, `--pretty`, `--reference-date`, and `--jsonl` streaming in order.
#![cfg(feature = "cli")]

use std::io::Write;
use std::process::{Command, Output, Stdio};

#[path = "common/peak_rss.rs"]
#[cfg(target_os = "linux")]
mod peak_rss;

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
    let stdout = String::from_utf8(out.stdout).unwrap();
    // Each line is `{"id":…,"document":…}` with the Document exactly as `maqal parse` prints it.
    let first = stdout.lines().next().unwrap();
    let text = serde_json::json!({"id": 0, "text": format!("خبر رقم 0\n\nقال الوزير إن العدد 0 مهم جدا في هذه المرحلة.")});
    let alone = maqal(&["parse", "-"], text["text"].as_str().unwrap().as_bytes());
    assert_eq!(first, format!("{{\"id\":0,\"document\":{}}}", String::from_utf8(alone.stdout).unwrap().trim_end()));
    let lines: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
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
    let (watcher, peak) = peak_rss::watch(pid);
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

/// Hostile files (issue 5): each gives a Document (exit 0, with a warning saying how it was read
/// when that matters) or one plain-language line on stderr (exit 1). Never a panic, never a hang.
#[test]
fn hostile_files_give_a_document_or_one_plain_line() {
    let short = "اتفاق جديد بين البلدين\n\nقال وزير الخارجية في القاهرة اليوم إن المحادثات مستمرة مع الأطراف كافة لضمان التهدئة.\n\nالمصدر: الأهرام";
    let utf16le: Vec<u8> = short.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let utf16be: Vec<u8> = short.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
    let cp1256 = |s: &str| -> Vec<u8> {
        // The Arabic letters of these texts in windows-1256 (a small table is enough here).
        let table = "ءآأؤإئابةتثجحخدذرزسشصض×طظعغـفقكàلâمنهوçèéêëىيîïًٌٍَôُِ÷ّùْûü";
        s.chars()
            .map(|c| match table.chars().position(|t| t == c) {
                Some(i) => 0xC1 + i as u8,
                None if c.is_ascii() => c as u8,
                None => b'?',
            })
            .collect()
    };
    let mut mixed = short.as_bytes().to_vec();
    mixed.extend_from_slice(b"\n\n");
    mixed.extend(cp1256("فقرة بترميز آخر في الملف نفسه."));
    // UTF-8 read as windows-1256 and saved again as UTF-8 (FORMATS.md §3.6).
    let mojibake: String = short
        .bytes()
        .map(|b| match b {
            0x80..=0xFF => {
                let table = "€پ‚ƒ„…†‡ˆ‰ٹ‹Œچژڈگ‘’“”•–—ک™ڑ›œ\u{200C}\u{200D}ں\u{00A0}،¢£¤¥¦§¨©ھ«¬\u{00AD}®¯°±²³´µ¶·¸¹؛»¼½¾؟ہءآأؤإئابةتثجحخدذرزسشصض×طظعغـفقكàلâمنهوçèéêëىيîïًٌٍَôُِ÷ّùْûü\u{200E}\u{200F}ے";
                table.chars().nth((b - 0x80) as usize).unwrap_or('?')
            }
            _ => b as char,
        })
        .collect();
    let mut invalid = short.as_bytes().to_vec();
    invalid.splice(40..40, [0xC3, 0x28, 0xFF]);
    // Over 50 MB: a short article, then blank space (cheap to read, so the debug build is quick).
    let mut huge = short.as_bytes().to_vec();
    huge.extend(std::iter::repeat_n(b' ', 51 << 20));
    huge.extend_from_slice("\n\nفقرة في آخر الملف الكبير بعد فراغ طويل جدا.".as_bytes());
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x04\0\0\0\x04\x08\x02\0\0\0".to_vec();
    let zip = b"PK\x03\x04\x14\0\0\0\x08\0article.txt".to_vec();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.txt", vec![], "document"),
        ("spaces.txt", " \n\t\r\n \u{a0}\u{2003}\n".as_bytes().to_vec(), "document"),
        ("diacritics.txt", "ًٌٍَُِّْ ًٌٍَُِّْ\nَُِ".as_bytes().to_vec(), "document"),
        ("nul.txt", [short.as_bytes(), &[0u8; 64]].concat(), "refused"),
        ("invalid-utf8.txt", invalid, "document:invalid-utf-8-replaced|mixed-encoding"),
        ("utf16le-bom.txt", [&[0xFF, 0xFE][..], &utf16le].concat(), "document:decoded-utf-16"),
        ("utf16le.txt", utf16le, "document:decoded-utf-16"),
        ("utf16be-bom.txt", [&[0xFE, 0xFF][..], &utf16be].concat(), "document:decoded-utf-16"),
        ("utf16be.txt", utf16be, "document:decoded-utf-16"),
        ("cp1256.txt", cp1256(short), "document:decoded-windows-1256"),
        ("mixed.txt", mixed, "document:mixed-encoding"),
        ("mojibake.txt", mojibake.into_bytes(), "document:mojibake"),
        ("image.png", png, "refused"),
        ("archive.zip", zip, "refused"),
        ("huge.txt", huge, "document"),
    ];
    for (name, bytes, want) in cases {
        let path = tmp_file(name, &bytes);
        let out = maqal(&["parse", path.to_str().unwrap()], b"");
        let stderr = String::from_utf8_lossy(&out.stderr);
        if want == "refused" {
            assert_eq!(out.status.code(), Some(1), "{name}: refused with exit 1");
            assert!(out.stdout.is_empty(), "{name}: nothing on stdout");
            assert_eq!(stderr.lines().count(), 1, "{name}: one line: {stderr}");
            assert!(stderr.contains("not text") && !stderr.contains("panicked"), "{name}: a plain message: {stderr}");
            continue;
        }
        assert_eq!(out.status.code(), Some(0), "{name}: a Document (stderr: {stderr})");
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(doc["version"], 1, "{name}");
        if let Some(codes) = want.strip_prefix("document:") {
            let first = doc["warnings"][0]["code"].as_str().unwrap_or("none");
            assert!(codes.split('|').any(|c| doc["warnings"].as_array().unwrap().iter().any(|w| w["code"] == c)), "{name}: warning {codes}, got {first}");
        }
        if name.starts_with("utf16") || name == "cp1256.txt" {
            assert_eq!(doc["article"]["paragraphs"][0]["text"], short.split("\n\n").nth(1).unwrap(), "{name}: decoded");
        }
        if name == "huge.txt" {
            let blocks = doc["blocks"].as_array().unwrap();
            assert_eq!(blocks.last().unwrap()["text"], "فقرة في آخر الملف الكبير بعد فراغ طويل جدا.", "{name}: parsed to its end");
        }
    }
}
