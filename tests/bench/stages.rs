//! Throughput of each stage and of the full parse, in MB/s of input, on the fixtures (each
//! seed parsed as its own article) and on a 10 MB synthetic paste; beside the floor (a memchr
//! newline count over the same bytes). Prints a markdown table; no assertions.
//!
//! `cargo run --release --features cli --example bench_stages` (or `make bench`). `BENCH_MB=…`
//! changes the size of the synthetic paste; `BENCH_PROFILE=structure` (or `features`, `parse`)
//! only loops that stage over the fixtures for 10 s, for `perf record`. The criterion version is
//! `cargo bench` (tests/bench/criterion.rs).
//!
//! Then, side by side: `dom_smoothie` (Readability's algorithm in Rust, a dev-dependency) on the
//! same fixtures wrapped as simple HTML pages; the 1 MB and 10 MB pastes (scaling); the peak
//! memory of one parse of the 10 MB paste (resident-set growth, measured in a child process of
//! this example: the crate forbids `unsafe`, so no counting allocator). Last, the figures beside
//! the targets, as a markdown table, also written to `$CARGO_TARGET_DIR/bench-report.md`
//! (`target/bench-report.md` by default).

#[path = "corpus.rs"]
mod corpus;

use maqal::structure::bench;
use maqal::{Document, Text};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Best (least disturbed) seconds of `f` over runs totalling at least `budget`, at least 3 runs.
fn time(budget: Duration, mut f: impl FnMut()) -> f64 {
    let mut v = Vec::new();
    let start = Instant::now();
    while v.len() < 3 || (start.elapsed() < budget && v.len() < 1000) {
        let t = Instant::now();
        f();
        v.push(t.elapsed().as_secs_f64());
    }
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[0]
}

fn paragraph_sets(doc: &Document) -> Vec<Vec<Text>> {
    std::iter::once(doc.article.paragraphs.clone()).chain(doc.inserts.iter().map(|i| i.article.paragraphs.clone())).collect()
}

struct Row {
    stage: &'static str,
    fixtures: f64,
    synthetic: f64,
}

/// A field of /proc/self/status in bytes (`VmRSS`, `VmHWM`); 0 where there is no /proc.
fn proc_status_bytes(field: &str) -> usize {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix(field)?.strip_prefix(':')?.trim().strip_suffix("kB")?.trim().parse::<usize>().ok()))
        .map_or(0, |kb| kb * 1024)
}

/// Child mode (`BENCH_PEAK_MB=n`): builds the n MB synthetic paste, resets the resident-set
/// high-water mark, parses it once and prints `input_bytes rss_before hwm_after`.
fn peak_child(mb: usize) {
    let big = corpus::synthetic(mb << 20);
    // Warm the lexicons (built once per process, not per parse) on a small text.
    let mut cut = big.len().min(64 * 1024);
    while !big.is_char_boundary(cut) {
        cut -= 1;
    }
    black_box(maqal::parse(&big[..cut]));
    // Writing 5 to clear_refs resets VmHWM to the current VmRSS (Linux ≥ 4.0).
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let before = proc_status_bytes("VmRSS");
    let doc = maqal::parse(black_box(&big));
    let hwm = proc_status_bytes("VmHWM");
    black_box(&doc);
    println!("{} {} {} {}", big.len(), before, hwm, reset);
}

/// Peak memory of one parse of the `mb` MB paste, as a multiple of the input: (VmHWM − VmRSS
/// before the parse) / input bytes, read in a child process. `None` without /proc.
fn peak_multiple(mb: usize) -> Option<f64> {
    let exe = std::env::current_exe().ok()?;
    let out = std::process::Command::new(exe).env("BENCH_PEAK_MB", mb.to_string()).output().ok()?;
    let line = String::from_utf8_lossy(&out.stdout).to_string();
    let v: Vec<&str> = line.split_whitespace().collect();
    let (input, before, hwm): (f64, f64, f64) = (v.first()?.parse().ok()?, v.get(1)?.parse().ok()?, v.get(2)?.parse().ok()?);
    if v.get(3) != Some(&"true") || hwm == 0.0 {
        return None;
    }
    Some((hwm - before).max(0.0) / input)
}

/// dom_smoothie on one HTML page: the time is Readability::new (HTML parsing) + parse.
fn smoothie(html: &str) -> usize {
    match dom_smoothie::Readability::new(html, None, None).and_then(|mut r| r.parse()) {
        Ok(a) => a.text_content.len(),
        Err(_) => 0,
    }
}

fn main() {
    if let Some(mb) = std::env::var("BENCH_PEAK_MB").ok().and_then(|s| s.parse().ok()) {
        peak_child(mb);
        return;
    }
    // `BENCH_PROFILE=structure|parse` loops that stage over the fixtures for 10 s (for `perf`).
    if let Ok(stage) = std::env::var("BENCH_PROFILE") {
        let fx = corpus::fixtures();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            for (_, t) in &fx {
                match stage.as_str() {
                    "structure" => drop(black_box(bench::structure(t))),
                    "features" => drop(black_box(bench::features(t))),
                    _ => drop(black_box(maqal::parse(t))),
                }
            }
        }
        return;
    }
    let fx = corpus::fixtures();
    let fx_bytes = corpus::fixture_bytes(&fx);
    let mb: usize = std::env::var("BENCH_MB").ok().and_then(|s| s.parse().ok()).unwrap_or(10);
    let big = corpus::synthetic(mb << 20);
    let budget = Duration::from_millis(1500);
    let texts: Vec<&str> = fx.iter().map(|(_, t)| t.as_str()).collect();

    // Inputs of the later stages, computed once.
    let fx_docs: Vec<Document> = texts.iter().map(|t| bench::structure(t)).collect();
    let fx_paras: Vec<Vec<Vec<Text>>> = fx_docs.iter().map(paragraph_sets).collect();
    let big_doc = bench::structure(&big);
    let big_paras = paragraph_sets(&big_doc);

    let big_full = maqal::parse(&big);
    let fx_full: Vec<Document> = texts.iter().map(|t| maqal::parse(t)).collect();

    let fx_run = |f: &dyn Fn(usize, &str)| {
        time(budget, || {
            for (i, t) in texts.iter().enumerate() {
                f(i, t);
            }
        })
    };
    let big_run = |f: &dyn Fn(&str)| time(budget, || f(&big));
    let mut rows: Vec<Row> = Vec::new();
    let mut row = |stage: &'static str, a: f64, b: f64| rows.push(Row { stage, fixtures: a, synthetic: b });

    row("floor: memchr newline count", fx_run(&|_, t| {
        black_box(corpus::newline_floor(black_box(t)));
    }), big_run(&|t| {
        black_box(corpus::newline_floor(black_box(t)));
    }));
    row("lang", fx_run(&|_, t| {
        black_box(bench::lang(t));
    }), big_run(&|t| {
        black_box(bench::lang(t));
    }));
    row("lines", fx_run(&|_, t| {
        black_box(bench::lines(t));
    }), big_run(&|t| {
        black_box(bench::lines(t));
    }));
    row("lines + features", fx_run(&|_, t| {
        black_box(bench::features(t));
    }), big_run(&|t| {
        black_box(bench::features(t));
    }));
    row("structure (stages 1–4)", fx_run(&|_, t| {
        black_box(bench::structure(t));
    }), big_run(&|t| {
        black_box(bench::structure(t));
    }));
    row("entities", fx_run(&|i, t| {
        for p in &fx_paras[i] {
            black_box(bench::entities(t, p));
        }
    }), big_run(&|t| {
        for p in &big_paras {
            black_box(bench::entities(t, p));
        }
    }));
    row("quotes (given entities)", fx_run(&|i, t| {
        black_box(bench::quotes(t, &fx_paras[i][0], &fx_full[i].article.entities));
    }), big_run(&|t| {
        black_box(bench::quotes(t, &big_paras[0], &big_full.article.entities));
    }));
    row("dates of paragraphs", fx_run(&|i, t| {
        for p in &fx_paras[i] {
            black_box(bench::dates(t, p));
        }
    }), big_run(&|t| {
        for p in &big_paras {
            black_box(bench::dates(t, p));
        }
    }));
    row("utf16 spans", fx_run(&|i, t| {
        let mut d = fx_docs[i].clone();
        bench::utf16(t, &mut d);
        black_box(d);
    }), big_run(&|t| {
        let mut d = big_doc.clone();
        bench::utf16(t, &mut d);
        black_box(d);
    }));
    row("serde_json of the Document", fx_run(&|i, _| {
        black_box(serde_json::to_string(&fx_full[i]).unwrap());
    }), big_run(&|_| {
        black_box(serde_json::to_string(&big_full).unwrap());
    }));
    row("full parse (maqal::parse)", fx_run(&|_, t| {
        black_box(maqal::parse(t));
    }), big_run(&|t| {
        black_box(maqal::parse(t));
    }));
    row("full parse + JSON (the CLI's work)", fx_run(&|_, t| {
        black_box(serde_json::to_string(&maqal::parse(t)).unwrap());
    }), big_run(&|t| {
        black_box(serde_json::to_string(&maqal::parse(t)).unwrap());
    }));

    // Side by side: dom_smoothie on the fixtures as HTML pages (the synthetic paste as one HTML
    // page is not a page anyone has: fixtures only). MB/s are of the plain text, as for Maqal.
    let htmls: Vec<String> = texts.iter().map(|t| corpus::as_html(t)).collect();
    let html_bytes: usize = htmls.iter().map(String::len).sum();
    let smoothie_secs = time(budget, || {
        for h in &htmls {
            black_box(smoothie(black_box(h)));
        }
    });

    // Scaling: the full parse of a 1 MB and a 10 MB paste (best of repeated runs each).
    let one = corpus::synthetic(1 << 20);
    let ten = corpus::synthetic(10 << 20);
    let t1 = time(budget, || drop(black_box(maqal::parse(black_box(&one)))));
    let t10 = time(Duration::from_millis(3000), || drop(black_box(maqal::parse(black_box(&ten)))));
    let peak = peak_multiple(10);

    let floor = (rows[0].fixtures, rows[0].synthetic);
    let full = rows.iter().find(|r| r.stage.starts_with("full parse (")).map(|r| (r.fixtures, r.synthetic)).unwrap();
    println!("Throughput per stage (release build, one thread, best of repeated runs)");
    println!();
    println!(
        "Corpora: fixtures = the {} seeds/*.txt parsed one by one ({:.0} KB in all); synthetic = them joined and repeated to {:.1} MB, parsed as one paste.",
        fx.len(),
        fx_bytes as f64 / 1024.0,
        big.len() as f64 / (1 << 20) as f64
    );
    println!();
    println!("| stage | fixtures MB/s | × floor | share of parse | synthetic MB/s | × floor | share of parse |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for r in &rows {
        let mbs = |secs: f64, bytes: usize| bytes as f64 / secs / 1e6;
        println!(
            "| {} | {:.1} | {:.0} | {:.0}% | {:.1} | {:.0} | {:.0}% |",
            r.stage,
            mbs(r.fixtures, fx_bytes),
            r.fixtures / floor.0,
            100.0 * r.fixtures / full.0,
            mbs(r.synthetic, big.len()),
            r.synthetic / floor.1,
            100.0 * r.synthetic / full.1,
        );
    }
    println!();
    println!("Targets: full parse ≥ 100 MB/s, structure alone ≥ 300 MB/s (MB = 10^6 bytes).");

    // ---- the figures beside their targets ----
    let mbs = |secs: f64, bytes: usize| bytes as f64 / secs / 1e6;
    let stage = |name: &str| rows.iter().find(|r| r.stage.starts_with(name)).map(|r| (r.fixtures, r.synthetic)).unwrap();
    let structure = stage("structure");
    let yes = |ok: bool| if ok { "yes" } else { "**no**" };
    let smoothie_ratio = smoothie_secs / full.0;
    let structure_ratio = smoothie_secs / structure.0;
    let scaling = t10 / t1;
    let mut md = String::new();
    md.push_str("## Maqal benchmark report\n\n");
    md.push_str(&format!(
        "Release build, one thread; best of repeated runs. Fixtures: the {} `seeds/*.txt` parsed one by one ({:.0} KB); synthetic: them joined and repeated to {:.1} MB, parsed as one paste. MB = 10^6 bytes of input text.\n\n",
        fx.len(),
        fx_bytes as f64 / 1024.0,
        big.len() as f64 / (1 << 20) as f64
    ));
    md.push_str("| figure | fixtures | synthetic | target | met |\n|---|---:|---:|---:|---|\n");
    md.push_str(&format!(
        "| full parse, MB/s | {:.1} | {:.1} | ≥ 100 | {} |\n",
        mbs(full.0, fx_bytes),
        mbs(full.1, big.len()),
        yes(mbs(full.0, fx_bytes) >= 100.0 && mbs(full.1, big.len()) >= 100.0)
    ));
    md.push_str(&format!(
        "| structure alone, MB/s | {:.1} | {:.1} | ≥ 300 | {} |\n",
        mbs(structure.0, fx_bytes),
        mbs(structure.1, big.len()),
        yes(mbs(structure.0, fx_bytes) >= 300.0 && mbs(structure.1, big.len()) >= 300.0)
    ));
    md.push_str(&format!(
        "| floor (memchr newline count), MB/s | {:.0} | {:.0} | — | |\n",
        mbs(floor.0, fx_bytes),
        mbs(floor.1, big.len())
    ));
    md.push_str(&format!("| full parse as a multiple of the floor | {:.0}× | {:.0}× | — | |\n", full.0 / floor.0, full.1 / floor.1));
    md.push_str(&format!("| structure as a multiple of the floor | {:.0}× | {:.0}× | — | |\n", structure.0 / floor.0, structure.1 / floor.1));
    md.push_str(&format!(
        "| dom_smoothie 0.19 on the fixtures as HTML ({:.0} KB), MB/s of text | {:.2} | — | — | |\n",
        html_bytes as f64 / 1024.0,
        mbs(smoothie_secs, fx_bytes)
    ));
    md.push_str(&format!("| Maqal full parse vs dom_smoothie (times faster) | {:.1}× | — | ≥ 10× | {} |\n", smoothie_ratio, yes(smoothie_ratio >= 10.0)));
    md.push_str(&format!("| Maqal structure alone vs dom_smoothie (times faster) | {:.1}× | — | — | |\n", structure_ratio));
    md.push_str(&format!(
        "| scaling: 10 MB paste time / 1 MB paste time | — | {:.1}× ({:.0} ms / {:.0} ms) | ≤ 11× | {} |\n",
        scaling,
        t10 * 1e3,
        t1 * 1e3,
        yes(scaling <= 11.0)
    ));
    match peak {
        Some(p) => md.push_str(&format!("| peak memory of one 10 MB parse, multiple of the input | — | {:.1}× | ≤ 10× | {} |\n", p, yes(p <= 10.0))),
        None => md.push_str("| peak memory of one 10 MB parse, multiple of the input | — | not measured (no /proc) | ≤ 10× | |\n"),
    }
    md.push_str(
        "\nWhat each returns: Maqal gives the whole Document (every line's kind, headline, authors, published date, paragraphs, source, tags, related titles, inserted articles; with the full parse also entities with roles, quotes with speakers, dates with ISO values; spans in UTF-16 units). dom_smoothie gives a Readability `Article` (title, byline, excerpt, site name, dir, lang, published time, the cleaned content as HTML and as text): it needs HTML, so its input here is the paste wrapped one `<p>` per line, and it does not type the lines nor read the story.\n",
    );
    md.push_str("\nPeak memory: growth of the resident set (VmHWM after the parse − VmRSS before it, in a child process), which counts only pages touched for the first time.\n");
    println!();
    print!("{md}");
    let target = std::env::var("CARGO_TARGET_DIR").map(std::path::PathBuf::from).unwrap_or_else(|_| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let path = target.join("bench-report.md");
    if std::fs::create_dir_all(&target).and_then(|_| std::fs::write(&path, &md)).is_ok() {
        println!("\n(written to {})", path.display());
    }
}
