#!/usr/bin/env python3
"""Structure on real text: headline, authors, published date, first and last body paragraph.

Rebuilds, from each article of ../shared/data/ant_multisource_eval/ (evaluation only: read at run
time, nothing from it is committed), the paste a reader would make:

    TITLE
    AUTHOR            (when AUTHOR is given and is not an id)
    الأحد 29 نوفمبر 2026 10:00   (the date line, written the Arabic way from TIME)

    TEXT as given

and parses all of them with `maqal parse --jsonl`. Reports the share of articles where
- the headline equals TITLE;
- the authors contain AUTHOR's person (when AUTHOR names a person: the part after a `CITY -` or
  `OUTLET -` prefix, without a parenthesised photo credit; outlets and agencies do not count);
- published.value starts with TIME's date;
- the first and the last body paragraphs equal TEXT's first and last paragraphs that carry no
  chrome marker (read-also lines, copyright lines, separators).
Each target is >= 0.95. Usage: structure.py [path to maqal binary] [--show N]
"""
import email.utils
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(ROOT, "..", "shared", "data", "ant_multisource_eval", "sample.jsonl")

WEEKDAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
OUTLETS = {"العربية.نت", "العربية نت", "سكاي نيوز عربية", "فرانس 24", "القافلة", "قناة العربية", "رويترز", "د ب أ",
           "أ ف ب", "وكالات", "بي بي سي", "CNN", "سي إن إن", "العربية", "الأناضول", "أ ش أ", "مجلة القافلة", "واس", "وام", "كونا", "فرانس برس",
           "البوابة العربية للأخبار التقنية"}
CHROME = ["اقرأ أيض", "اقرأ ايض", "إقرأ أيض", "حقوق النشر", "جميع الحقوق", "جميع المقالات المنشورة", "نقلا عن", "نقلاً عن", "اضغط هنا"]


def date_line(t):
    dt = email.utils.parsedate_to_datetime(t)
    return dt, f"{WEEKDAYS[dt.weekday()]} {dt.day} {MONTHS[dt.month - 1]} {dt.year} {dt.hour:02d}:{dt.minute:02d}"


def person(author):
    a = re.sub(r"\([^)]*\)", "", author).strip()
    if not a or not re.search(r"[\u0621-\u064A]", a):
        return None
    last = re.split(r"\s*[–—-]\s*", a)[-1].strip()
    if not last or last in OUTLETS or "." in last:
        return None
    return last


def is_chrome(p):
    return any(m in p for m in CHROME) or re.fullmatch(r"[-_=*\s]+", p) is not None


def main():
    if not os.path.exists(DATA):
        print(f"eval structure: {DATA} not found (the shared data folder is absent); skipped.")
        return 0
    binary = next((a for a in sys.argv[1:] if not a.startswith("--") and not a.isdigit()), os.path.join(ROOT, "target", "release", "maqal"))
    show = int(sys.argv[sys.argv.index("--show") + 1]) if "--show" in sys.argv else 0
    rows = [json.loads(l) for l in open(DATA, encoding="utf-8")]
    pastes = []
    for r in rows:
        dt, dl = date_line(r["time"])
        lines = [r["title"]]
        if r["author"].strip() and re.search(r"[\u0621-\u064A]", r["author"]):
            lines.append(r["author"].strip())
        lines.append(dl)
        pastes.append("\n".join(lines) + "\n\n" + r["text"])
    inp = "".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(pastes))
    out = subprocess.run([binary, "parse", "--jsonl"], input=inp.encode(), capture_output=True, check=True).stdout.decode()
    docs = [json.loads(l)["document"] for l in out.splitlines()]
    assert len(docs) == len(rows)
    score = {"headline": [0, 0], "authors": [0, 0], "published": [0, 0], "first paragraph": [0, 0], "last paragraph": [0, 0]}
    misses = {k: [] for k in score}

    def count(key, ok, i, detail):
        score[key][1] += 1
        score[key][0] += bool(ok)
        if not ok:
            misses[key].append((rows[i]["docno"], detail))

    for i, (r, d) in enumerate(zip(rows, docs)):
        art = d["article"]
        h = art["headline"]["text"] if art["headline"] else None
        count("headline", h == r["title"].strip(), i, (h, r["title"]))
        p = person(r["author"])
        if p:
            names = [a["text"] for a in art["authors"]]
            count("authors", p in names, i, (names, p))
        dt, _ = date_line(r["time"])
        v = (art["published"] or {}).get("value") or ""
        count("published", v.startswith(dt.strftime("%Y-%m-%d")), i, (v, dt.isoformat()))
        paras = [x.strip() for x in r["text"].split("\n") if x.strip() and not is_chrome(x.strip())]
        got = [x["text"] for x in art["paragraphs"]]
        if paras:
            count("first paragraph", got[:1] == paras[:1], i, ((got[:1] or [""])[0][:80], paras[0][:80]))
            count("last paragraph", got[-1:] == paras[-1:], i, ((got[-1:] or [""])[0][:80], paras[-1][:80]))
    print(f"Structure on {len(rows)} real articles (ant_multisource_eval, evaluation only)")
    print("| part | right | of | share | target |")
    print("|---|---:|---:|---:|---:|")
    ok = True
    for k, (a, n) in score.items():
        share = a / n if n else 1.0
        ok &= share >= 0.95
        print(f"| {k} | {a} | {n} | {share:.3f} | 0.95 |")
    if show:
        for k, m in misses.items():
            for docno, detail in m[:show]:
                print(f"MISS {k} {docno}: {detail}")
    print("all targets met" if ok else "some targets NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
