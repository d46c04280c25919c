#!/usr/bin/env python3
"""`make bench`: the size budget and what the two WASM modules are made of, as markdown.

Usage: size.py PKG_DIR RAW_DIR. PKG_DIR holds the shipped modules (after wasm-bindgen and
`wasm-opt -Oz`); RAW_DIR holds `maqal_structure.raw.wasm` and `maqal.raw.wasm` as cargo built them
(with function names), which `twiggy` breaks down by crate. The lexicons' share of the data is
measured from `src/lexicon/` itself.
"""
import csv, glob, gzip, io, os, re, subprocess, sys

pkg, raw = sys.argv[1], sys.argv[2]
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
gz = lambda b: len(gzip.compress(b, 9))
rd = lambda p: open(p, 'rb').read()
KB = lambda n: f"{n / 1024:,.0f} KB"

print("## Size\n")
s, f = rd(f"{pkg}/maqal_structure_bg.wasm"), rd(f"{pkg}/maqal_bg.wasm")
code = [p for p in sorted(glob.glob(f"{root}/www/*.html") + glob.glob(f"{root}/www/*.js") + glob.glob(f"{root}/www/*.css"))] + [f"{pkg}/maqal.js", f"{pkg}/maqal_structure.js"]
code_gz = sum(gz(rd(p)) for p in code)
sample = gz(rd(f"{root}/www/sample.txt")) if os.path.exists(f"{root}/www/sample.txt") else 0
total = gz(s) + gz(f) + code_gz
print("| what | raw | gzipped | target |\n|---|---|---|---|")
print(f"| structure module `maqal_structure_bg.wasm` (what the page needs to show the structure) | {KB(len(s))} | **{KB(gz(s))}** | ≤ 300 KB gz {'✓' if gz(s) <= 300 * 1024 else '✗'} |")
print(f"| full module `maqal_bg.wasm` (entities, quotes, legacy encodings) | {KB(len(f))} | {KB(gz(f))} | – |")
print(f"| page code: {len(code)} HTML/JS/CSS files incl. glue (each gzipped) | {KB(sum(len(rd(p)) for p in code))} | {KB(code_gz)} | – |")
print(f"| everything the page loads (both modules + code; the sample article adds {KB(sample)}) | | **{KB(total)}** | ≤ 1 MB gz {'✓' if total <= 1024 * 1024 else '✗'} |")

lex = {"ent_*": 0, "quote_*": 0, "dates_*": 0, "structure markers, stop words": 0}
for p in glob.glob(f"{root}/src/lexicon/*.txt"):
    n = os.path.basename(p)
    k = "ent_*" if n.startswith("ent_") else "quote_*" if n.startswith("quote_") else "dates_*" if n.startswith("dates_") else "structure markers, stop words"
    lex[k] += len(rd(p))

def breakdown(path):
    out = subprocess.run(["twiggy", "top", "--format", "csv", path], capture_output=True, text=True, check=True).stdout
    groups = {}
    for row in csv.DictReader(io.StringIO(out)):
        name, size = row["Name"], int(row["ShallowSize"])
        if name.startswith("data segment"):
            g = "data (.rodata: lexicons, tables)"
        elif "function names" in name or name.startswith("custom section"):
            continue  # stripped by wasm-bindgen / wasm-opt
        else:
            m = re.match(r"^<?(?:&)?([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::", name.lstrip("<"))
            g = m.group(1) if m else "other code (std, glue, unnamed)"
            if g in ("core", "alloc", "std", "dlmalloc", "compiler_builtins"):
                g = "core/alloc/std"
        groups[g] = groups.get(g, 0) + size
    return groups

try:
    bs = breakdown(f"{raw}/maqal_structure.raw.wasm")
    bf = breakdown(f"{raw}/maqal.raw.wasm")
except (FileNotFoundError, subprocess.CalledProcessError) as e:
    print(f"\n(no breakdown: {e}; `cargo install twiggy` and `make build`)")
    sys.exit(0)
print("\nWhat the modules are made of (twiggy, before `wasm-opt -Oz`, shallow bytes; names stripped):\n")
print("| part | structure module | full module |\n|---|---|---|")
keys = sorted(set(bs) | set(bf), key=lambda k: -bf.get(k, 0))
for k in keys:
    if max(bs.get(k, 0), bf.get(k, 0)) < 4096:
        continue
    print(f"| {k} | {KB(bs.get(k, 0))} | {KB(bf.get(k, 0))} |")
small = sum(v for k, v in bf.items() if max(bs.get(k, 0), v) < 4096)
print(f"| everything else (each < 4 KB) | | {KB(small)} |")
print("\nLexicon files in the data (raw bytes, in the full module; the structure module has only the last two):\n")
print("| lexicons | raw | gzipped alone |\n|---|---|---|")
for k, v in lex.items():
    files = [p for p in glob.glob(f"{root}/src/lexicon/*.txt") if (k == "structure markers, stop words" and not re.match(r"(ent|quote|dates)_", os.path.basename(p))) or os.path.basename(p).startswith(k.rstrip('*'))]
    print(f"| {k} | {KB(v)} | {KB(gz(b''.join(rd(p) for p in files)))} |")
