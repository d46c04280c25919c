//! The `maqal` command-line tool: `maqal parse [FILE|-] [--pretty] [--reference-date YYYY-MM-DD]`
//! and `maqal parse --jsonl` (JSON lines in, one Document per line out, in order).
#![forbid(unsafe_code)]

use clap::{Parser, Subcommand};
use std::io::{self, BufRead, Read, Write};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "maqal", version, about = "Turns the pasted text of an Arabic news article into a structured JSON document (contract v1).")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Parse one article (a file, or - for standard input) and print its Document as JSON.
    ///
    /// Files are decoded first: UTF-8 (with or without BOM), UTF-16 with BOM, windows-1256 and
    /// other legacy encodings are detected; binary files are refused (exit 1). With --jsonl,
    /// standard input is read as JSON lines {"id": ..., "text": ...} and one
    /// {"id": ..., "document": ...} (or {"id": ..., "error": ...}) is written per line, in order.
    Parse {
        /// The file to read; `-` or nothing reads standard input.
        file: Option<String>,
        /// Pretty-print the JSON.
        #[arg(long)]
        pretty: bool,
        /// The day relative dates count from (YYYY-MM-DD).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        reference_date: Option<maqal::Date>,
        /// Read JSON lines from standard input and write one Document per line.
        #[arg(long, conflicts_with = "file")]
        jsonl: bool,
    },
}

fn parse_date(s: &str) -> Result<maqal::Date, String> {
    maqal::Date::parse_iso(s).ok_or_else(|| format!("not a date (YYYY-MM-DD): {s}"))
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let Cmd::Parse { file, pretty, reference_date, jsonl } = cli.cmd;
    let opts = maqal::Options { reference_date };
    if jsonl {
        return jsonl_mode(&opts, pretty);
    }
    let bytes = match file.as_deref() {
        None | Some("-") => {
            let mut b = Vec::new();
            if let Err(e) = io::stdin().lock().read_to_end(&mut b) {
                eprintln!("maqal: cannot read standard input: {e}");
                return ExitCode::from(1);
            }
            b
        }
        Some(path) => match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("maqal: cannot read {path}: {e}");
                return ExitCode::from(1);
            }
        },
    };
    let decoded = maqal::decode(&bytes);
    if decoded.is_binary() {
        let msg = decoded.warning.map(|w| w.message).unwrap_or_default();
        eprintln!("maqal: {}: {msg}", file.as_deref().unwrap_or("-"));
        return ExitCode::from(1);
    }
    let mut doc = maqal::parse_with(&decoded.text, &opts);
    if let Some(w) = decoded.warning {
        doc.warnings.insert(0, w);
    }
    let out = if pretty { serde_json::to_string_pretty(&doc) } else { serde_json::to_string(&doc) }.expect("serialise");
    let mut stdout = io::stdout().lock();
    if writeln!(stdout, "{out}").is_err() {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

#[derive(serde::Deserialize)]
struct Line {
    #[serde(default)]
    id: serde_json::Value,
    text: String,
}

/// The longest JSON line `--jsonl` reads; a longer one is skipped (not held in memory) and
/// answered with an error line.
const MAX_LINE: usize = 64 << 20;

/// One input line of `--jsonl`: its text, or why it cannot be read.
enum Input {
    Line(String),
    Bad(String),
}

/// Reads one line (without its `\n`) into `buf`, keeping at most `MAX_LINE` bytes of it:
/// `None` at the end of the input.
fn read_line(r: &mut impl BufRead, buf: &mut Vec<u8>) -> Option<Input> {
    buf.clear();
    let mut too_long = false;
    let mut any = false;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Some(Input::Bad(format!("unreadable line: {e}"))),
        };
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (part, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (&chunk[..i], i + 1),
            None => (chunk, chunk.len()),
        };
        if buf.len() + part.len() > MAX_LINE {
            too_long = true;
            buf.clear();
        } else if !too_long {
            buf.extend_from_slice(part);
        }
        let ended = done > part.len();
        r.consume(done);
        if ended {
            break;
        }
    }
    if !any {
        return None;
    }
    if too_long {
        return Some(Input::Bad(format!("line longer than {} MB, skipped", MAX_LINE >> 20)));
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Some(match std::str::from_utf8(buf) {
        Ok(s) => Input::Line(s.to_owned()),
        Err(e) => Input::Bad(format!("unreadable line: not UTF-8 ({e})")),
    })
}

fn jsonl_mode(opts: &maqal::Options, pretty: bool) -> ExitCode {
    use rayon::prelude::*;
    let mut stdin = io::BufReader::with_capacity(1 << 20, io::stdin().lock());
    let mut stdout = io::BufWriter::new(io::stdout().lock());
    // Bounded memory: read a batch of lines (at most BATCH lines or BATCH_BYTES bytes, plus one
    // line of at most MAX_LINE), parse them on all cores, write the results in input order.
    const BATCH: usize = 256;
    const BATCH_BYTES: usize = 8 << 20;
    let mut buf = Vec::new();
    loop {
        let mut batch: Vec<Input> = Vec::with_capacity(BATCH);
        let mut bytes = 0;
        while batch.len() < BATCH && bytes < BATCH_BYTES {
            match read_line(&mut stdin, &mut buf) {
                Some(l) => {
                    bytes += match &l {
                        Input::Line(s) => s.len(),
                        Input::Bad(_) => 0,
                    };
                    batch.push(l);
                }
                None => break,
            }
        }
        if batch.is_empty() {
            break;
        }
        let outs: Vec<Option<String>> = batch
            .into_par_iter()
            .map(|l| {
                let l = match l {
                    Input::Line(l) => l,
                    Input::Bad(e) => return Some(serde_json::json!({"id": null, "error": e}).to_string()),
                };
                if l.trim().is_empty() {
                    return None;
                }
                // `{"id": …, "document": …}` with the Document's fields in the contract's order (as
                // `maqal parse` prints them), serialised once, straight from the Document.
                let out = |id: &serde_json::Value, key: &str, value: &dyn erased::Ser| -> String {
                    let mut s = String::from("{\"id\":");
                    if pretty {
                        s = String::from("{\n  \"id\": ");
                    }
                    s.push_str(&serde_json::to_string(id).expect("serialise"));
                    s.push_str(if pretty { ",\n  \"" } else { ",\"" });
                    s.push_str(key);
                    s.push_str(if pretty { "\": " } else { "\":" });
                    let v = value.json(pretty);
                    s.push_str(&if pretty { v.replace('\n', "\n  ") } else { v });
                    s.push_str(if pretty { "\n}" } else { "}" });
                    s
                };
                Some(match serde_json::from_str::<Line>(&l) {
                    Ok(line) => out(&line.id, "document", &maqal::parse_with(&line.text, opts)),
                    Err(e) => {
                        let id = serde_json::from_str::<serde_json::Value>(&l).ok().and_then(|v| v.get("id").cloned()).unwrap_or(serde_json::Value::Null);
                        out(&id, "error", &format!("bad JSON line: {e}"))
                    }
                })
            })
            .collect();
        for o in outs.into_iter().flatten() {
            if writeln!(stdout, "{o}").is_err() {
                return ExitCode::from(1);
            }
        }
    }
    if stdout.flush().is_err() {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

/// A value that serialises to JSON, compact or pretty (object-safe, for `jsonl_mode`).
mod erased {
    pub trait Ser: Sync {
        fn json(&self, pretty: bool) -> String;
    }
    impl<T: serde::Serialize + Sync> Ser for T {
        fn json(&self, pretty: bool) -> String {
            if pretty { serde_json::to_string_pretty(self) } else { serde_json::to_string(self) }.expect("serialise")
        }
    }
}
