//! The seed article, as CONTRACT.md's last section reads it: every fact that section names.

use maqal::{EntityKind, Options};

const SEED: &str = include_str!("../seeds/000_7a5e6daf9c20d335.txt");

fn texts(v: &[maqal::Text]) -> Vec<&str> {
    v.iter().map(|t| t.text.as_str()).collect()
}

#[test]
fn structure() {
    let doc = maqal::parse(SEED);
    assert_eq!((doc.lang.as_str(), doc.dir), ("ar", maqal::Dir::Rtl));
    assert!(doc.article.headline.is_none());
    assert_eq!(doc.article.paragraphs.len(), 5);
    assert!(doc.article.paragraphs[0].text.starts_with("قال أنتوني بلينكن"));
    assert!(doc.article.paragraphs[4].text.starts_with("وتابع بلينكن"));
    assert_eq!(doc.stats.paragraphs, 5);
    assert_eq!(doc.source.as_ref().unwrap().text, "الأسبوع");
    assert_eq!(texts(&doc.tags), ["وزير الخارجية الأمريكي", "حماس", "وقف إطلاق النار", "مصر وقطر"]);
    assert_eq!(doc.inserts.len(), 1);
    let ins = &doc.inserts[0];
    assert_eq!(ins.label.text, "إقرأ أيضاً");
    assert_eq!(ins.article.headline.as_ref().unwrap().text, "اتصالات مكثفة لوزير الخارجية لتثبيت وقف إطلاق النار بين إيران وإسرائيل");
    assert_eq!(ins.article.paragraphs.len(), 5);
    assert_eq!(doc.related.len(), 9);
    assert_eq!(doc.related[1].insert, Some(0));
    assert_eq!(doc.related[8].occurrences, 2);
    assert!(doc.related.iter().all(|r| r.label.as_deref() == Some("مقالات مشابهة")));
    for (i, r) in doc.related.iter().enumerate() {
        assert_eq!(r.insert.is_some(), i == 1, "related {i}");
        assert_eq!(r.occurrences, if i == 8 { 2 } else { 1 }, "related {i}");
    }
}

#[test]
fn understanding() {
    let doc = maqal::parse(SEED);
    let a = &doc.article;
    let blinken = a.entities.iter().position(|e| e.name == "أنتوني بلينكن").expect("Blinken");
    let e = &a.entities[blinken];
    assert_eq!(e.kind, EntityKind::Person);
    assert!(e.roles.iter().any(|r| r == "وزير الخارجية الأمريكي"), "{:?}", e.roles);
    assert_eq!(e.mentions.len(), 5);
    let u: Vec<u16> = SEED.encode_utf16().collect();
    let first = e.mentions[0];
    assert_eq!(String::from_utf16(&u[first[0]..first[1]]).unwrap(), "أنتوني بلينكن");
    for name in ["بنيامين نتنياهو", "جو بايدن"] {
        assert!(a.entities.iter().any(|e| e.name == name && e.kind == EntityKind::Person), "{name}");
    }
    let verbs: Vec<&str> = a.quotes.iter().filter(|q| q.entity == Some(blinken) && !q.verb.text.starts_with('م')).map(|q| q.verb.text.as_str()).collect();
    assert_eq!(verbs, ["قال", "وأضاف", "ولفت", "وأضاف", "وتابع"]);
    let date = |v: &[maqal::DateMention], t: &str| v.iter().find(|d| d.text == t).unwrap_or_else(|| panic!("date {t}")).value.clone();
    assert_eq!(date(&a.dates, "أمس الثلاثاء"), None);
    assert_eq!(date(&a.dates, "السابع من أكتوبر").as_deref(), Some("--10-07"));
    let ins = &doc.inserts[0].article;
    assert_eq!(date(&ins.dates, "٤ يوليو").as_deref(), Some("--07-04"));
    assert_eq!(date(&ins.dates, "٥ يوليو").as_deref(), Some("--07-05"));

    let with_ref = maqal::parse_with(SEED, &Options { reference_date: maqal::Date::parse_iso("2024-06-12") });
    assert_eq!(date(&with_ref.article.dates, "أمس الثلاثاء").as_deref(), Some("2024-06-11"));
}
