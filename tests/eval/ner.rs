//! NER measurement: `cargo run --release --example eval_ner`.
//!
//! Reads, at run time, `../shared/data/anercorp/ANERCorp.txt` (test part: the tokens after the
//! first 125,102) and `../shared/data/wojood_sample/test.txt`, joins the tokens into article-like
//! texts (sentences end at "."; 4 sentences a paragraph, 3 paragraphs a text, paragraphs separated
//! by a blank line), parses each text with the public API `maqal::parse`, maps every entity
//! mention (UTF-16 span) back to the tokens it covers and scores exact token spans:
//! ANERcorp PERS/LOC/ORG (MISC ignored); Wojood PERS, ORG, GPE+LOC and OCC (against `roles`).
//! Nothing from these corpora is stored in the repository. Prints "absent" and exits 0 when the
//! data is not there.

use std::collections::{HashMap, HashSet};
use std::path::Path;

type Span = (usize, usize, &'static str);

#[derive(Default)]
struct Counts {
    tp: HashMap<&'static str, usize>,
    fp: HashMap<&'static str, usize>,
    fn_: HashMap<&'static str, usize>,
}

impl Counts {
    fn add(&mut self, gold: &HashSet<Span>, pred: &HashSet<Span>, types: &[&'static str]) {
        for ty in types {
            let g: HashSet<_> = gold.iter().filter(|s| s.2 == *ty).collect();
            let p: HashSet<_> = pred.iter().filter(|s| s.2 == *ty).collect();
            let tp = g.intersection(&p).count();
            *self.tp.entry(ty).or_default() += tp;
            *self.fp.entry(ty).or_default() += p.len() - tp;
            *self.fn_.entry(ty).or_default() += g.len() - tp;
        }
    }

    fn print(&self, title: &str, types: &[&'static str], micro_over: &[&'static str]) {
        println!("\n{title}");
        println!("  {:<8} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}", "type", "P", "R", "F1", "tp", "fp", "fn");
        let get = |m: &HashMap<&'static str, usize>, t: &str| m.get(t).copied().unwrap_or(0);
        for ty in types {
            row(ty, get(&self.tp, ty), get(&self.fp, ty), get(&self.fn_, ty));
        }
        let (mut a, mut b, mut c) = (0, 0, 0);
        for ty in micro_over {
            a += get(&self.tp, ty);
            b += get(&self.fp, ty);
            c += get(&self.fn_, ty);
        }
        row("micro", a, b, c);
    }
}

fn row(ty: &str, tp: usize, fp: usize, fn_: usize) {
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    println!("  {ty:<8} {p:6.3} {r:6.3} {f:6.3} {tp:6} {fp:6} {fn_:6}");
}

/// One token with its tags (several when entities nest, as in Wojood).
struct Tok {
    word: String,
    tags: Vec<String>,
}

/// Gold spans of `types` (BIO, per type independently so nested tags work).
fn gold_spans(toks: &[Tok], map: &dyn Fn(&str) -> Option<&'static str>) -> HashSet<Span> {
    let mut out = HashSet::new();
    let mut open: HashMap<&'static str, usize> = HashMap::new();
    for (k, t) in toks.iter().enumerate() {
        let mut here: HashMap<&'static str, &str> = HashMap::new();
        for tag in &t.tags {
            if let Some((bi, ty)) = tag.split_once('-') {
                if let Some(ty) = map(ty) {
                    // B wins over I when GPE and LOC merge
                    let e = here.entry(ty).or_insert(bi);
                    if bi == "B" {
                        *e = "B";
                    }
                }
            }
        }
        let keys: Vec<&'static str> = open.keys().copied().collect();
        for ty in keys {
            if here.get(ty) != Some(&"I") {
                let s = open.remove(ty).unwrap();
                out.insert((s, k, ty));
            }
        }
        for (ty, bi) in here {
            if bi == "B" || !open.contains_key(ty) {
                if let Some(s) = open.remove(ty) {
                    out.insert((s, k, ty));
                }
                open.insert(ty, k);
            }
        }
    }
    for (ty, s) in open {
        out.insert((s, toks.len(), ty));
    }
    out
}

/// Builds the texts: (text, token byte spans, token range).
fn texts(toks: &[Tok], sentence_end: &dyn Fn(usize) -> bool) -> Vec<(String, Vec<(usize, usize)>, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let start = i;
        let mut text = String::new();
        let mut spans = Vec::new();
        for p in 0..3 {
            if i >= toks.len() {
                break;
            }
            if p > 0 {
                text.push_str("\n\n");
            }
            let ps = text.len();
            let mut sentences = 0;
            while i < toks.len() {
                if text.len() > ps {
                    text.push(' ');
                }
                let s = text.len();
                text.push_str(&toks[i].word);
                spans.push((s, text.len()));
                i += 1;
                if sentence_end(i - 1) {
                    sentences += 1;
                    if sentences == 4 {
                        break;
                    }
                }
            }
        }
        out.push((text, spans, start..i));
    }
    out
}

fn to_tokens(spans: &[(usize, usize)], a: usize, b: usize) -> Option<(usize, usize)> {
    let s = spans.iter().position(|t| t.1 > a)?;
    let e = spans.iter().rposition(|t| t.0 < b)?;
    (s <= e).then_some((s, e + 1))
}

/// Predicted spans of one text (person → PERS, place → LOC, organization → ORG, roles → OCC).
fn predict(text: &str, spans: &[(usize, usize)]) -> HashSet<Span> {
    let doc = maqal::parse(text);
    let mut arts = vec![&doc.article];
    arts.extend(doc.inserts.iter().map(|i| &i.article));
    let mut out = HashSet::new();
    for art in arts {
        for e in &art.entities {
            let ty = match e.kind {
                maqal::EntityKind::Person => "PERS",
                maqal::EntityKind::Place => "LOC",
                maqal::EntityKind::Organization => "ORG",
            };
            for m in &e.mentions {
                if let Some(r) = maqal::byte_range(text, *m) {
                    if let Some((a, b)) = to_tokens(spans, r.start, r.end) {
                        out.insert((a, b, ty));
                    }
                }
            }
            for role in &e.roles {
                for (pos, _) in text.match_indices(role.as_str()) {
                    if let Some((a, b)) = to_tokens(spans, pos, pos + role.len()) {
                        out.insert((a, b, "OCC"));
                    }
                }
            }
        }
    }
    out
}

/// Aggregated error categories (counts only, no tokens): for each gold span missed and each
/// predicted span wrong, how it relates to the other side.
fn categorise(gold: &HashSet<Span>, gmisc: &HashSet<Span>, pred: &HashSet<Span>, cats: &mut HashMap<String, usize>) {
    let len = |s: &Span| match s.1 - s.0 { 1 => "1w", 2 => "2w", _ => "3w+" };
    for g in gold {
        if pred.contains(g) {
            continue;
        }
        let ov: Vec<&Span> = pred.iter().filter(|p| p.0 < g.1 && g.0 < p.1).collect();
        let what = if ov.is_empty() {
            "missed".to_string()
        } else if let Some(p) = ov.iter().find(|p| p.0 == g.0 && p.1 == g.1) {
            format!("as {}", p.2)
        } else if let Some(p) = ov.iter().find(|p| p.2 == g.2) {
            if p.0 >= g.0 && p.1 <= g.1 {
                "cut short".into()
            } else if p.0 <= g.0 && p.1 >= g.1 {
                "too long".into()
            } else {
                "crossing".into()
            }
        } else {
            format!("overlap {}", ov[0].2)
        };
        *cats.entry(format!("FN {} {} {}", g.2, len(g), what)).or_default() += 1;
    }
    for p in pred {
        if gold.contains(p) {
            continue;
        }
        let ov: Vec<&Span> = gold.iter().filter(|g| g.0 < p.1 && p.0 < g.1).collect();
        let what = if let Some(g) = ov.iter().find(|g| g.0 == p.0 && g.1 == p.1) {
            format!("gold {}", g.2)
        } else if let Some(g) = ov.iter().find(|g| g.2 == p.2) {
            if g.0 >= p.0 && g.1 <= p.1 { "too long".into() } else if p.0 >= g.0 && p.1 <= g.1 { "cut short".into() } else { "crossing".into() }
        } else if let Some(g) = ov.first() {
            format!("overlap {}", g.2)
        } else if gmisc.iter().any(|g| g.0 < p.1 && p.0 < g.1) {
            "on MISC".into()
        } else {
            "spurious".into()
        };
        *cats.entry(format!("FP {} {} {}", p.2, len(p), what)).or_default() += 1;
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("shared").join("data");
    let t0 = std::time::Instant::now();

    // ANERcorp
    let aner = root.join("anercorp").join("ANERCorp.txt");
    match std::fs::read_to_string(&aner) {
        Err(_) => println!("ANERcorp absent ({}): skipped", aner.display()),
        Ok(raw) => {
            let all: Vec<Tok> = raw
                .lines()
                .filter(|l| !l.trim().is_empty())
                .filter_map(|l| l.trim_end().rsplit_once(' '))
                .map(|(w, t)| Tok { word: w.to_string(), tags: vec![t.to_string()] })
                .collect();
            let test = &all[125_102.min(all.len())..];
            let map = |t: &str| match t {
                "PERS" | "PER" => Some("PERS"),
                "LOC" => Some("LOC"),
                "ORG" => Some("ORG"),
                _ => None,
            };
            let mut c = Counts::default();
            let mut cats: HashMap<String, usize> = HashMap::new();
            let misc = |t: &str| if t.ends_with("MISC") { Some("MISC") } else { None };
            for (text, spans, range) in texts(test, &|k| test[k].word == ".") {
                let gold = gold_spans(&test[range.clone()], &map);
                let pred: HashSet<Span> = predict(&text, &spans).into_iter().filter(|s| s.2 != "OCC").collect();
                c.add(&gold, &pred, &["PERS", "LOC", "ORG"]);
                let gmisc = gold_spans(&test[range.clone()], &misc);
                categorise(&gold, &gmisc, &pred, &mut cats);
                // missed people: is a word of theirs part of another person span (found or not) in the text?
                let toks = &test[range];
                for g in &gold {
                    if g.2 != "PERS" || pred.iter().any(|p| p.0 < g.1 && g.0 < p.1) {
                        continue;
                    }
                    let words: Vec<&str> = toks[g.0..g.1].iter().map(|t| t.word.as_str()).collect();
                    let in_found = pred.iter().any(|p| p.2 == "PERS" && toks[p.0..p.1].iter().any(|t| words.iter().any(|w| t.word.ends_with(w))));
                    let in_gold = gold.iter().any(|o| o != g && o.2 == "PERS" && o.1 - o.0 > g.1 - g.0 && toks[o.0..o.1].iter().any(|t| words.iter().any(|w| t.word.ends_with(w))));
                    let k = if in_found { "shares a word with a found person" } else if in_gold { "shares a word with a longer missed gold person" } else { "alone" };
                    *cats.entry(format!("MISSED PERS {}w: {k}", (g.1 - g.0).min(3))).or_default() += 1;
                }
            }
            c.print(&format!("ANERcorp test part ({} tokens), exact token spans", test.len()), &["PERS", "LOC", "ORG"], &["PERS", "LOC", "ORG"]);
            if std::env::var("NER_CATS").is_ok() {
                let mut v: Vec<_> = cats.into_iter().collect();
                v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                println!("\n  error categories (counts only)");
                for (k, n) in v {
                    println!("  {n:6}  {k}");
                }
            }
        }
    }

    // Wojood sample
    let woj = root.join("wojood_sample").join("test.txt");
    match std::fs::read_to_string(&woj) {
        Err(_) => println!("Wojood sample absent ({}): skipped", woj.display()),
        Ok(raw) => {
            let mut toks = Vec::new();
            let mut ends = HashSet::new();
            for l in raw.lines() {
                let p: Vec<&str> = l.split_whitespace().collect();
                if p.is_empty() {
                    if !toks.is_empty() {
                        ends.insert(toks.len() - 1);
                    }
                    continue;
                }
                if p[0] == "$#$" {
                    continue;
                }
                toks.push(Tok { word: p[0].to_string(), tags: p[1..].iter().map(|s| s.to_string()).collect() });
            }
            let map = |t: &str| match t {
                "PERS" => Some("PERS"),
                "ORG" => Some("ORG"),
                "GPE" | "LOC" => Some("LOC"),
                "OCC" => Some("OCC"),
                _ => None,
            };
            let mut c = Counts::default();
            for (text, spans, range) in texts(&toks, &|k| ends.contains(&k)) {
                let gold = gold_spans(&toks[range], &map);
                let pred = predict(&text, &spans);
                c.add(&gold, &pred, &["PERS", "ORG", "LOC", "OCC"]);
            }
            c.print(&format!("Wojood sample test ({} tokens), exact token spans; LOC = GPE+LOC, OCC = roles", toks.len()), &["PERS", "ORG", "LOC", "OCC"], &["PERS", "ORG", "LOC"]);
        }
    }
    println!("\n({:.1} s)", t0.elapsed().as_secs_f64());
}
