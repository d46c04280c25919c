# Maqal — the two commands: `make serve` (build the page and serve it) and `make test` (every test:
# Rust, WASM in headless Chromium, the page in Chromium). Each installs what is missing, idempotently.
# CI (`.ci/run`) runs `make test` on a fresh clone as root.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PORT ?= 8080
E2E := tests/e2e
NODE_STAMP := $(E2E)/node_modules/.package-lock.json
WASM_OPT := $(E2E)/node_modules/.bin/wasm-opt
WASM_TARGET := wasm32-unknown-unknown
WASM_RAW := $(or $(CARGO_TARGET_DIR),target)/$(WASM_TARGET)/release/maqal.wasm
# The modules before wasm-bindgen and wasm-opt, with their function names (make bench's size table).
RAW_DIR := $(or $(CARGO_TARGET_DIR),target)
PKG := www/pkg
SEED := seeds/000_7a5e6daf9c20d335.txt
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM

.PHONY: help build serve test test-native test-wasm test-e2e fixtures install-tools \
        tools-rust tools-wasm-bindgen tools-npm tools-browser size eval bench fuzz clean

help:
	@echo "make serve   build the page and serve www/ on http://127.0.0.1:$(PORT)/ (PORT=… to change)"
	@echo "make test    every test: native Rust, WASM in headless Chromium, the page end to end"
	@echo "make build   just the page: WASM + glue into www/pkg/, the sample into www/"
	@echo "make install-tools   what build/test need (wasm32 target, wasm-bindgen-cli, npm packages, Chromium)"

# ---------------------------------------------------------------- tools (idempotent)
install-tools: tools-rust tools-wasm-bindgen tools-npm tools-browser

tools-rust:
	@command -v cargo >/dev/null || { echo "error: cargo not found; install Rust with rustup (https://rustup.rs)" >&2; exit 1; }
	@rustup target list --installed | grep -qx $(WASM_TARGET) || rustup target add $(WASM_TARGET)

# The CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock ("schema version" errors
# otherwise). 0.2.130's packaged lock names a crate version the registry may not serve: retry unlocked.
tools-wasm-bindgen: tools-rust
	@want=$$(cargo pkgid -p wasm-bindgen | sed 's/.*[#@]//'); \
	have=$$(wasm-bindgen --version 2>/dev/null | awk '{print $$2}' || true); \
	runner=$$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $$2}' || true); \
	if [ "$$want" != "$$have" ] || [ "$$want" != "$$runner" ]; then \
	  echo "installing wasm-bindgen-cli $$want (found: $${have:-none}); this compiles for a few minutes"; \
	  cargo install wasm-bindgen-cli --version "=$$want" --locked || \
	  cargo install wasm-bindgen-cli --version "=$$want"; \
	fi

tools-npm: $(NODE_STAMP)

$(NODE_STAMP): $(E2E)/package.json $(E2E)/package-lock.json
	@command -v npm >/dev/null || { echo "error: npm not found; install Node.js 20+ (Debian: apt-get install nodejs npm)" >&2; exit 1; }
	cd $(E2E) && npm ci --no-audit --no-fund
	@touch $@

# Chromium + its WebDriver for the browser tests and GNU parallel for the README's archive example
# (tests/archive.rs) (required), and an Arabic font so screenshots
# show Arabic in Noto (installed when root; otherwise only a warning: DejaVu also shapes Arabic).
tools-browser:
	@missing=""; \
	[ -x "$(CHROMIUM)" ] || missing="$$missing chromium"; \
	command -v chromedriver >/dev/null || missing="$$missing chromium-driver"; \
	command -v parallel >/dev/null || missing="$$missing parallel"; \
	font=""; fc-list 2>/dev/null | grep -qE 'Noto (Naskh|Sans) Arabic' || font="fonts-noto-core"; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  if [ -n "$$missing$$font" ]; then \
	    echo "installing:$$missing $$font"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing $$font; \
	  fi; \
	elif [ -n "$$missing" ]; then \
	  echo "error: the browser tests need:$$missing (Debian/Ubuntu: sudo apt-get install$$missing $$font)." >&2; \
	  echo "       Set CHROMIUM=/path/to/chromium if it lives elsewhere. The tests are never skipped." >&2; \
	  exit 1; \
	elif [ -n "$$font" ]; then \
	  echo "note: no Noto Arabic font; screenshots will use another font (sudo apt-get install fonts-noto-core)"; \
	fi

# ---------------------------------------------------------------- build
# Two modules: maqal_structure (no entities, quotes or legacy encodings: what the page needs to
# show the structure, loaded first) and maqal (everything, loaded right after).
build: tools-rust tools-wasm-bindgen tools-npm
	rm -rf $(PKG).tmp && mkdir -p $(PKG).tmp
	cargo build --lib --release --target $(WASM_TARGET) --no-default-features --features wasm
	cp $(WASM_RAW) $(RAW_DIR)/maqal_structure.raw.wasm
	wasm-bindgen --target web --out-dir $(PKG).tmp --out-name maqal_structure $(WASM_RAW)
	$(WASM_OPT) -Oz $(PKG).tmp/maqal_structure_bg.wasm -o $(PKG).tmp/maqal_structure_bg.wasm
	cargo build --lib --release --target $(WASM_TARGET) --features wasm
	cp $(WASM_RAW) $(RAW_DIR)/maqal.raw.wasm
	wasm-bindgen --target web --out-dir $(PKG).tmp --out-name maqal $(WASM_RAW)
	$(WASM_OPT) -Oz $(PKG).tmp/maqal_bg.wasm -o $(PKG).tmp/maqal_bg.wasm
	rm -rf $(PKG) && mv $(PKG).tmp $(PKG)
	cp $(SEED) www/sample.txt
	@$(MAKE) --no-print-directory size

# The size budget (issue 6): the structure module <= 300 KB gzipped, everything the page loads
# (both modules, html, js, css) <= 1 MB gzipped. `make test` fails above either.
STRUCTURE_BUDGET := 307200
TOTAL_BUDGET := 1048576
size:
	@gz() { gzip -9c "$$@" | wc -c; }; \
	s_raw=$$(wc -c < $(PKG)/maqal_structure_bg.wasm); s_gz=$$(gz $(PKG)/maqal_structure_bg.wasm); \
	f_raw=$$(wc -c < $(PKG)/maqal_bg.wasm); f_gz=$$(gz $(PKG)/maqal_bg.wasm); \
	code=0; for f in www/*.html www/*.js www/*.css $(PKG)/maqal.js $(PKG)/maqal_structure.js; do code=$$((code + $$(gz $$f))); done; \
	total=$$((s_gz + f_gz + code)); \
	echo "size: maqal_structure_bg.wasm $$s_raw B raw, $$s_gz B gz (budget $(STRUCTURE_BUDGET)); maqal_bg.wasm $$f_raw B raw, $$f_gz B gz"; \
	echo "size: page code (html, js, css, glue; each file gzipped) $$code B; everything the page loads $$total B gz (budget $(TOTAL_BUDGET))"; \
	if [ $$s_gz -gt $(STRUCTURE_BUDGET) ]; then echo "error: the structure module is over its budget" >&2; exit 1; fi; \
	if [ $$total -gt $(TOTAL_BUDGET) ]; then echo "error: the page is over its budget" >&2; exit 1; fi

serve: build
	@echo "Maqal: http://127.0.0.1:$(PORT)/"
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory www

# ---------------------------------------------------------------- tests
# Every stage runs even when an earlier one fails (the e2e needs the build); any failure fails
# the whole, named on the last line.
test: install-tools
	@failed=""; \
	$(MAKE) --no-print-directory test-native || failed="$$failed test-native"; \
	$(MAKE) --no-print-directory test-wasm || failed="$$failed test-wasm"; \
	if $(MAKE) --no-print-directory build; then \
	  $(MAKE) --no-print-directory test-e2e || failed="$$failed test-e2e"; \
	else failed="$$failed build(e2e not run)"; fi; \
	if [ -n "$$failed" ]; then echo "make test: FAILED:$$failed" >&2; exit 1; fi

test-native:
	cargo test --features cli --no-fail-fast

# tests/web/fixtures.rs: every seeds/NAME.txt that has a seeds/NAME.json, as (name, file bytes,
# reviewed JSON, native JSON): the native JSON is what the CLI built here prints (`maqal parse
# FILE --pretty`, into tests/web/native/), so a failure says whether WASM differs from native or
# both differ from the reviewed file.
CLI_BIN := $(abspath $(or $(CARGO_TARGET_DIR),target))/debug/maqal
fixtures:
	cargo build --quiet --features cli --bin maqal
	@mkdir -p tests/web/native; out=tests/web/fixtures.rs; tmp=$$out.tmp; \
	{ echo "// Generated by \`make fixtures\` from seeds/ — do not edit, not committed."; \
	  echo "const FIXTURES: &[(&str, &[u8], &str, &str)] = &["; \
	  for j in seeds/*.json; do [ -e "$$j" ] || continue; n=$$(basename "$$j" .json); \
	    [ -f "seeds/$$n.txt" ] || continue; \
	    $(CLI_BIN) parse "seeds/$$n.txt" --pretty > "tests/web/native/$$n.json"; \
	    echo "    (\"$$n\", include_bytes!(\"../../seeds/$$n.txt\"), include_str!(\"../../seeds/$$n.json\"), include_str!(\"native/$$n.json\")),"; \
	  done; echo "];"; } > $$tmp; \
	cmp -s $$tmp $$out && rm $$tmp || mv $$tmp $$out; \
	echo "tests/web/fixtures.rs: $$(grep -c include_bytes $$out) fixtures"
	cargo run --quiet --example random_digests > tests/web/random.rs.tmp
	@cmp -s tests/web/random.rs.tmp tests/web/random.rs && rm tests/web/random.rs.tmp || mv tests/web/random.rs.tmp tests/web/random.rs; \
	echo "tests/web/random.rs: $$(grep -c '^    (' tests/web/random.rs) digests of native JSON for random inputs"

test-wasm: tools-rust tools-wasm-bindgen tools-browser fixtures
	CHROMEDRIVER=$$(command -v chromedriver) WASM_BINDGEN_TEST_TIMEOUT=300 \
	  cargo test --target $(WASM_TARGET) --features wasm --test web

test-e2e: tools-npm tools-browser
	@test -f $(PKG)/maqal_bg.wasm || { echo "error: run make build first" >&2; exit 1; }
	cli=$(abspath $(or $(CARGO_TARGET_DIR),target))/debug/maqal; \
	cd $(E2E) && MAQAL_CLI=$$cli node --test --test-concurrency=1 *.spec.js

# ---------------------------------------------------------------- evaluation
# Accuracy on real data, read from ../shared/data at run time (each step says so and passes when
# the folder is absent): structure on 300 real articles, then every eval_* example (NER).
eval:
	cargo build --release --features cli
	python3 tests/eval/structure.py target/release/maqal
	@ex=$$(grep -oE '^name *= *"eval_[a-z0-9_]+"' Cargo.toml | sed 's/.*"\(.*\)"/\1/' || true); \
	for e in $$ex; do cargo run --release --features cli --example $$e; done

# Ten minutes of fuzzing (nightly + cargo-fuzz, installed when missing) on every core; crashes
# land in tests/fuzz/artifacts/ and become regression tests in tests/properties.rs. No sanitizer:
# the crate forbids `unsafe`, so what fuzzing can find is panics (overflow checks are on), hangs
# and broken invariants, and without ASan it runs several times as many inputs.
fuzz:
	@rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
	mkdir -p tests/fuzz/corpus && cp -n seeds/*.txt tests/fuzz/corpus/ || true
	cargo +nightly fuzz run --sanitizer none --fuzz-dir tests/fuzz parse tests/fuzz/corpus -- \
	  -max_total_time=$${FUZZ_SECONDS:-600} -max_len=8192 -rss_limit_mb=4096 -fork=$${FUZZ_JOBS:-$$(nproc)}

# Every figure of the performance issue, with its target: the bench_* examples (stages, floor,
# dom_smoothie, scaling, memory, --jsonl) and the page in Chromium (tests/e2e/bench.mjs: load,
# paste, WASM vs native, a 10 MB paste). Writes BENCH.md (linked from the README).
bench: build
	cargo build --release --features cli
	@command -v twiggy >/dev/null || cargo install twiggy --locked
	@ex=$$(grep -oE '^name *= *"bench_[a-z0-9_]+"' Cargo.toml | sed 's/.*"\(.*\)"/\1/'); \
	{ echo "# Maqal benchmarks"; echo; \
	  echo "\`make bench\` on $$(nproc) cores ($$(uname -m), $$(date -u +%Y-%m-%d)); medians. Numbers from one run on a shared machine: expect ±10 %."; echo; \
	  for e in $$ex; do cargo run --quiet --release --features cli --example $$e || exit 1; echo; done; \
	  python3 tests/bench/size.py $(PKG) $(RAW_DIR) || exit 1; echo; \
	  (cd $(E2E) && MAQAL_CLI=$(abspath $(or $(CARGO_TARGET_DIR),target))/release/maqal node bench.mjs) || exit 1; \
	} > BENCH.md.tmp && mv BENCH.md.tmp BENCH.md && cat BENCH.md

clean:
	rm -rf $(PKG) $(PKG).tmp www/sample.txt tests/web/fixtures.rs tests/web/random.rs tests/web/native $(E2E)/artifacts $(E2E)/.tsc
