//! Parse time on adversarial shapes, at three sizes: prints the median time of each and the
//! ratio of the largest to the smallest (a linear parser gives about 4 for 4× the input).
//! Run with `make bench` (or `cargo run --release --example bench_scaling`). No assertions: the
//! figures are for reading.

use std::time::Instant;

fn median_ms(text: &str, runs: usize) -> f64 {
    let mut v: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let doc = maqal::parse(text);
            std::hint::black_box(&doc);
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn seed() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/000_7a5e6daf9c20d335.txt")).unwrap()
}

fn main() {
    // Each shape: a name and a generator giving a text of about `n` bytes.
    let shapes: Vec<(&str, Box<dyn Fn(usize) -> String>)> = vec![
        ("fixture text repeated", Box::new(|n| seed().repeat(n / seed().len() + 1))),
        ("one long line", Box::new(|n| "قال الوزير إن المحادثات مستمرة، وأضاف أن ".repeat(n / 70 + 1))),
        ("blank lines", Box::new(|n| "\n".repeat(n))),
        ("markers in a row", Box::new(|n| "إقرأ أيضاً:\n".repeat(n / 22 + 1))),
        ("a quote never closed", Box::new(|n| format!("قال بلينكن: \"{}", "كلام بلا نهاية، ".repeat(n / 30 + 1)))),
        ("one huge word", Box::new(|n| "ب".repeat(n / 2 + 1))),
        ("related list items", Box::new(|n| format!("مقالات مشابهة\n{}", "• عنوان مقال مشابه عن غزة ومصر وقطر\n".repeat(n / 64 + 1)))),
        ("bullets on one line", Box::new(|n| "• خبر ".repeat(n / 12 + 1))),
        ("speech verbs", Box::new(|n| "وأضاف بلينكن، وتابع، مشيرا إلى أن ".repeat(n / 60 + 1))),
        ("dates", Box::new(|n| "الأحد 29 نوفمبر 2026 10:00 ص ".repeat(n / 45 + 1))),
        // The shapes of quotes.rs's many_verbs_and_open_quotes, timed here instead of in a test.
        ("verb, colon, open quote", Box::new(|n| "وأضاف: \"نعم ".repeat(n / 22 + 1) + "قال الوزير إن الأمر، ")),
        ("quote-first with يقول", Box::new(|n| "«الوضع صعب»، يقول أحمد، ".repeat(n / 40 + 1))),
        ("verb and comma", Box::new(|n| "وقال، ".repeat(n / 11 + 1) + "\"")),
        ("quotation marks only", Box::new(|n| "\"".repeat(n))),
    ];
    let base = 256 * 1024;
    println!("Parse time on adversarial shapes (median of 3 runs, release build, one thread)");
    println!();
    println!("| shape | 256 KB | 512 KB | 1 MB | ratio 1 MB / 256 KB (linear ≈ 4) |");
    println!("|---|---:|---:|---:|---:|");
    for (name, make) in &shapes {
        let times: Vec<f64> = [1, 2, 4].iter().map(|k| median_ms(&make(base * k), 3)).collect();
        println!("| {name} | {:.1} ms | {:.1} ms | {:.1} ms | {:.2} |", times[0], times[1], times[2], times[2] / times[0].max(0.001));
    }
    // The sizes: one 2 MB line, 200k blank lines, 10k markers, a 300k-letter word.
    println!();
    for (name, text) in [
        ("one 2 MB line", "قال الوزير إن المحادثات مستمرة ".repeat(2 * 1024 * 1024 / 55)),
        ("200k blank lines", "\n".repeat(200_000)),
        ("10k markers in a row", "إقرأ أيضاً:\n".repeat(10_000)),
        ("a 300k-letter word", "ب".repeat(300_000)),
    ] {
        println!("{name}: {:.1} ms", median_ms(&text, 3));
    }
}
