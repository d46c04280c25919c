// `make bench` (after `make build`): the page in Debian's Chromium, measured. Prints markdown.
//
// - page load → structure on screen (small module) and → the full Document rendered: medians of
//   fresh loads;
// - paste → render for typical articles (from setting the text to `maqal-parsed`; the page's
//   typing debounce comes on top);
// - WASM vs native speed on the same texts: the full module's `parseJson` in the page against the
//   release CLI (`maqal parse --jsonl`, one thread), both producing the contract's JSON;
// - a 10 MB paste: long tasks on the main thread (PerformanceObserver 'longtask'), progress, the
//   DOM built at first render and once settled.
//
// Environment: MAQAL_CLI (release CLI, default target/release/maqal), RUNS (default 11).

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SEED, fixtures, launch, openPage, startServer } from './helpers.js';

const RUNS = Number(process.env.RUNS || 11);
const CLI = process.env.MAQAL_CLI || join(process.env.CARGO_TARGET_DIR || join(ROOT, 'target'), 'release', 'maqal');
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const ms = (x) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;

const ALL = fixtures().filter((f) => f.expected);
const SEED_TEXT = ALL.find((f) => f.name === SEED).text;
const server = await startServer();
const browser = await launch();
const out = [];
const ONLY = process.env.ONLY || ''; // 'big': only the 10 MB paste
let bigText = '';
{
  const corpus = ALL.map((f) => f.text);
  const big = [];
  for (let n = 0; Buffer.byteLength(big.join('\n\n')) < 10 * 1024 * 1024; n++) big.push(corpus[n % corpus.length]);
  bigText = big.join('\n\n');
}
try {
  if (ONLY !== 'big') {
  // ------------------------------------------------------------ page load
  const loads = [];
  for (let i = 0; i < RUNS; i++) {
    const { page, context } = await openPage(browser, server.origin, { viewport: { width: 1366, height: 900 } });
    await page.addInitScript(() => {
      window.__t = {};
      // The seed's events only (the element's empty first state also fires maqal-parsed).
      addEventListener('maqal-structure', (e) => { if (e.detail.blocks.length) window.__t.structure ??= performance.now(); });
      addEventListener('maqal-parsed', (e) => { if (e.detail.blocks.length) window.__t.parsed ??= performance.now(); });
    });
    await page.goto(`${server.origin}/`);
    await page.waitForFunction(() => window.__t.parsed !== undefined);
    loads.push(await page.evaluate(() => window.__t));
    await context.close();
  }
  const structureFirst = loads.filter((l) => l.structure !== undefined).map((l) => l.structure);
  out.push('## The page in Chromium', '', `Headless Chromium (${browser.version()}), page served from 127.0.0.1 without compression, ${RUNS} runs each; medians.`, '');
  out.push('| measure | median | runs |', '|---|---|---|');
  if (structureFirst.length) out.push(`| page load → seed's structure on screen (small module) | ${ms(median(structureFirst))} | ${structureFirst.length} of ${RUNS} |`);
  out.push(`| page load → seed fully rendered (full module: entities, quotes) | ${ms(median(loads.map((l) => l.parsed)))} | ${RUNS} |`);

  // ------------------------------------------------------------ paste → render
  const { page, context } = await openPage(browser, server.origin, { viewport: { width: 1366, height: 900 } });
  await page.goto(`${server.origin}/`);
  await page.waitForFunction(() => document.getElementById('view')?.result?.blocks?.length > 0);
  const typical = [SEED_TEXT, ...ALL.filter((f) => f.name !== SEED).slice(0, 4).map((f) => f.text)];
  const pasteTimes = [];
  for (let r = 0; r < RUNS; r++) {
    for (const text of typical) {
      pasteTimes.push(await page.evaluate(async (t) => {
        const view = document.getElementById('view');
        const done = new Promise((res) => view.addEventListener('maqal-parsed', res, { once: true }));
        const t0 = performance.now();
        view.text = `${t}\n`; // a new text each time (the element skips nothing, but be sure)
        await done;
        await new Promise(requestAnimationFrame);
        return performance.now() - t0;
      }, text));
    }
  }
  const avgBytes = typical.reduce((n, t) => n + Buffer.byteLength(t), 0) / typical.length;
  out.push(`| paste → article rendered, typical article (${typical.length} fixtures, ${(avgBytes / 1024).toFixed(1)} KB on average; the page's 250 ms typing debounce comes on top) | ${ms(median(pasteTimes))} | ${pasteTimes.length} |`);

  // ------------------------------------------------------------ WASM vs native
  const corpus = ALL.map((f) => f.text);
  const corpusBytes = corpus.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const wasmRuns = await page.evaluate(async ({ texts, runs }) => {
    const m = await import('/pkg/maqal.js');
    await m.default();
    const times = [];
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      for (let k = 0; k < 5; k++) for (const t of texts) m.parseJson(t);
      times.push((performance.now() - t0) / 5);
    }
    return times;
  }, { texts: corpus, runs: RUNS });
  const bigBytes = Buffer.byteLength(bigText);
  const wasmBig = await page.evaluate(async ({ text, runs }) => {
    const m = await import('/pkg/maqal.js');
    await m.default();
    const times = [];
    for (let r = 0; r < runs; r++) { const t0 = performance.now(); m.parseJson(text); times.push(performance.now() - t0); }
    return times;
  }, { text: bigText, runs: Math.min(RUNS, 5) });
  await context.close();

  let native = null;
  if (existsSync(CLI)) {
    const lines = `${corpus.map((t, i) => JSON.stringify({ id: i, text: t })).join('\n')}\n`;
    const many = lines.repeat(5);
    const runs = [];
    for (let r = 0; r < RUNS; r++) {
      const t0 = process.hrtime.bigint();
      const res = spawnSync(CLI, ['parse', '--jsonl'], { input: many, env: { ...process.env, RAYON_NUM_THREADS: '1' }, maxBuffer: 1 << 30 });
      if (res.status !== 0) throw new Error(`CLI failed: ${res.stderr}`);
      runs.push(Number(process.hrtime.bigint() - t0) / 1e6 / 5);
    }
    const file = join(ROOT, 'target', 'bench-10mb.txt');
    await import('node:fs').then((fs) => fs.writeFileSync(file, bigText));
    const bigRuns = [];
    for (let r = 0; r < Math.min(RUNS, 5); r++) {
      const t0 = process.hrtime.bigint();
      execFileSync(CLI, ['parse', file], { maxBuffer: 1 << 30 });
      bigRuns.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    native = { fixtures: median(runs), big: median(bigRuns) };
  }
  const mbps = (bytes, t) => (bytes / 1048576) / (t / 1000);
  out.push('', '## WASM and native', '', `The same texts, parsed to the contract's JSON: the full module's \`parseJson\` in Chromium, and the release CLI on one thread (\`RAYON_NUM_THREADS=1 maqal parse --jsonl\`, and \`maqal parse FILE\` for the 10 MB text; process start and I/O included). Target: WASM ≤ 2× native.`, '');
  out.push('| input | WASM | native | WASM / native |', '|---|---|---|---|');
  const wf = median(wasmRuns); const wb = median(wasmBig);
  out.push(`| ${corpus.length} fixtures, ${(corpusBytes / 1024).toFixed(0)} KB | ${ms(wf)} (${mbps(corpusBytes, wf).toFixed(1)} MB/s) | ${native ? `${ms(native.fixtures)} (${mbps(corpusBytes, native.fixtures).toFixed(1)} MB/s)` : 'no CLI'} | ${native ? `${(wf / native.fixtures).toFixed(2)}×` : '–'} |`);
  out.push(`| one 10 MB paste (fixtures joined) | ${ms(wb)} (${mbps(bigBytes, wb).toFixed(1)} MB/s) | ${native ? `${ms(native.big)} (${mbps(bigBytes, native.big).toFixed(1)} MB/s)` : 'no CLI'} | ${native ? `${(wb / native.big).toFixed(2)}×` : '–'} |`);

  }
  // ------------------------------------------------------------ 10 MB paste
  {
    const { page, context } = await openPage(browser, server.origin, { viewport: { width: 1366, height: 900 } });
    await page.goto(`${server.origin}/`);
    await page.waitForFunction(() => document.getElementById('view')?.result?.blocks?.length > 0);
    await page.evaluate((text) => { window.__big = text; }, bigText);
    const r = await page.evaluate(async () => {
      const text = window.__big;
      const view = document.getElementById('view');
      let t0 = 0;
      const tasks = [];
      const log = [];
      const obs = new PerformanceObserver((l) => { for (const e of l.getEntries()) { tasks.push(e.duration); log.push(`longtask at ${Math.round(e.startTime - t0)} for ${Math.round(e.duration)}`); } });
      obs.observe({ type: 'longtask', buffered: false });
      const stages = [];
      view.addEventListener('maqal-progress', (e) => { stages.push(e.detail.stage); log.push(`${e.detail.stage} at ${Math.round(performance.now() - t0)}`); });
      let firstNodes = 0;
      view.addEventListener('maqal-progress', (e) => {
        if (e.detail.stage === 'rendering') requestAnimationFrame(() => requestAnimationFrame(() => { firstNodes = view.shadowRoot.querySelectorAll('*').length; }));
      });
      const mo = { disconnect() {} };
      const done = new Promise((res) => view.addEventListener('maqal-parsed', res, { once: true }));
      t0 = performance.now();
      // A paste, as the clipboard delivers it.
      const dt = new DataTransfer();
      dt.setData('text/plain', text);
      document.getElementById('text').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      await done;
      const t1 = performance.now();
      await new Promise((res) => setTimeout(res, 1000));
      obs.disconnect(); mo.disconnect();
      return { log, total: t1 - t0, tasks, stages, firstNodes, nodes: view.shadowRoot.querySelectorAll('*').length, blocks: view.result.blocks.length };
    });
    await context.close();
    if (process.env.VERBOSE) console.error(r.log.join('\n'));
    const over = r.tasks.filter((d) => d > 50);
    out.push('', '## A 10 MB paste in the page', '', '| measure | value | target |', '|---|---|---|');
    out.push(`| paste → rendered | ${ms(r.total)} | – |`);
    out.push(`| main-thread long tasks (> 50 ms) while parsing and rendering | ${over.length}${over.length ? `, longest ${ms(Math.max(...over))}` : ''} (all long tasks: ${r.tasks.length}) | 0 |`);
    out.push(`| progress stages shown | ${[...new Set(r.stages)].join(' → ') || 'none'} | shown |`);
    out.push(`| elements in the view at first render / settled (of ${r.blocks} blocks) | ${r.firstNodes} / ${r.nodes} | not all at once |`);
  }
} finally {
  await browser.close();
  server.stop();
}
console.log(out.join('\n'));
