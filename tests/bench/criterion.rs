//! `cargo bench`: criterion throughput (bytes/s) of each stage and of the full parse, on the
//! fixtures (each seed parsed as its own article) and on a 10 MB synthetic paste, beside the
//! floor (a memchr newline count over the same bytes), and dom_smoothie on the fixtures as HTML
//! pages. `make bench` prints the same figures as a markdown table faster, with the targets
//! (tests/bench/stages.rs). `BENCH_MB=…` changes the synthetic size.

#[path = "corpus.rs"]
mod corpus;

use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use maqal::structure::bench;
use std::hint::black_box;
use std::time::Duration;

fn stages(g: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>, texts: &[&str]) {
    let docs: Vec<maqal::Document> = texts.iter().map(|t| bench::structure(t)).collect();
    let full: Vec<maqal::Document> = texts.iter().map(|t| maqal::parse(t)).collect();
    g.bench_function("floor: memchr newlines", |b| b.iter(|| texts.iter().map(|t| corpus::newline_floor(black_box(t))).sum::<usize>()));
    g.bench_function("lang", |b| b.iter(|| texts.iter().map(|t| bench::lang(black_box(t)).len()).sum::<usize>()));
    g.bench_function("lines", |b| b.iter(|| texts.iter().map(|t| bench::lines(black_box(t))).sum::<usize>()));
    g.bench_function("lines + features", |b| b.iter(|| texts.iter().map(|t| bench::features(black_box(t))).sum::<usize>()));
    g.bench_function("structure", |b| b.iter(|| texts.iter().map(|t| bench::structure(black_box(t)).blocks.len()).sum::<usize>()));
    g.bench_function("entities", |b| {
        b.iter(|| texts.iter().zip(&docs).map(|(t, d)| bench::entities(t, &d.article.paragraphs)).sum::<usize>())
    });
    g.bench_function("quotes", |b| {
        b.iter(|| texts.iter().zip(&full).map(|(t, d)| bench::quotes(t, &d.article.paragraphs, &d.article.entities)).sum::<usize>())
    });
    g.bench_function("dates", |b| b.iter(|| texts.iter().zip(&docs).map(|(t, d)| bench::dates(t, &d.article.paragraphs)).sum::<usize>()));
    g.bench_function("utf16", |b| {
        b.iter(|| {
            for (t, d) in texts.iter().zip(&docs) {
                let mut d = d.clone();
                bench::utf16(t, &mut d);
                black_box(d);
            }
        })
    });
    g.bench_function("serde_json", |b| b.iter(|| full.iter().map(|d| serde_json::to_string(d).unwrap().len()).sum::<usize>()));
    g.bench_function("full parse", |b| b.iter(|| texts.iter().map(|t| maqal::parse(black_box(t)).blocks.len()).sum::<usize>()));
}

/// dom_smoothie (Readability in Rust) on the fixtures wrapped as HTML pages; throughput counted
/// in bytes of the plain text, as for Maqal.
fn smoothie(c: &mut Criterion) {
    let fx = corpus::fixtures();
    let htmls: Vec<String> = fx.iter().map(|(_, t)| corpus::as_html(t)).collect();
    let mut g = c.benchmark_group("fixtures");
    g.throughput(Throughput::Bytes(corpus::fixture_bytes(&fx) as u64));
    g.bench_function("dom_smoothie (as HTML)", |b| {
        b.iter(|| {
            htmls
                .iter()
                .map(|h| dom_smoothie::Readability::new(black_box(h.as_str()), None, None).and_then(|mut r| r.parse()).map_or(0, |a| a.text_content.len()))
                .sum::<usize>()
        })
    });
    g.finish();
}

fn fixtures(c: &mut Criterion) {
    let fx = corpus::fixtures();
    let texts: Vec<&str> = fx.iter().map(|(_, t)| t.as_str()).collect();
    let mut g = c.benchmark_group("fixtures");
    g.throughput(Throughput::Bytes(corpus::fixture_bytes(&fx) as u64));
    stages(&mut g, &texts);
    g.finish();
}

fn synthetic(c: &mut Criterion) {
    let mb: usize = std::env::var("BENCH_MB").ok().and_then(|s| s.parse().ok()).unwrap_or(10);
    let big = corpus::synthetic(mb << 20);
    let mut g = c.benchmark_group("synthetic");
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(10));
    stages(&mut g, &[big.as_str()]);
    g.finish();
}

criterion_group!(benches, fixtures, smoothie, synthetic);
criterion_main!(benches);
