//! Throughput of each stage and of the full parse, in MB/s of input, on the fixtures (each
//! seed parsed as its own article) and on a 10 MB synthetic paste; beside the floor (a memchr
//! newline count over the same bytes). Prints a markdown table; no assertions.
//!
//! `cargo run --release --example bench_stages` (or `make bench`). `BENCH_MB=…` changes the
//! size of the synthetic paste; `BENCH_PROFILE=structure` (or `features`, `parse`) only loops
//! that stage over the fixtures for 10 s, for `perf record`. The criterion version is `cargo bench` (tests/bench/criterion.rs).

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

fn main() {
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
}
