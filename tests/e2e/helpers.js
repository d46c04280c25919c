// Shared helpers for the page tests: serve www/ on 127.0.0.1, drive Debian's Chromium through
// playwright-core, watch for console errors and requests that leave the origin, read fixtures.

import { spawn } from 'node:child_process';
import { after, before } from 'node:test';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '..', '..');
export const WWW = join(ROOT, 'www');
export const SEEDS = join(ROOT, 'seeds');
export const ARTIFACTS = join(here, 'artifacts');
export const SEED = '000_7a5e6daf9c20d335';
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** Starts `python3 -m http.server` on a free port; resolves `{ origin, stop }`. */
export async function startServer() {
  if (!existsSync(join(WWW, 'pkg', 'maqal_bg.wasm'))) throw new Error('www/pkg/ is missing: run `make build` first');
  const proc = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', WWW], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await new Promise((res, rej) => {
    let buf = '';
    const t = setTimeout(() => rej(new Error(`http.server did not start: ${buf}`)), 15000);
    proc.stdout.on('data', (d) => {
      buf += d;
      const m = /port (\d+)/.exec(buf);
      if (m) { clearTimeout(t); res(Number(m[1])); }
    });
    proc.stderr.on('data', () => {}); // access log
    proc.on('exit', (code) => rej(new Error(`http.server exited (${code}): ${buf}`)));
  });
  return { origin: `http://127.0.0.1:${port}`, stop: () => proc.kill() };
}

/** Launches Chromium with the flags from TOOLCHAIN.md (no network beyond what the page asks). */
export async function launch() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium chromium-driver (or set CHROMIUM=...)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'],
  });
}

/**
 * Opens a new page and records problems: console errors/warnings about CSP, page errors, failed
 * requests and any request to another origin. `problems()` lists them.
 */
export async function openPage(browser, origin, options = {}) {
  const context = await browser.newContext({ locale: 'ar', timezoneId: 'Africa/Cairo', acceptDownloads: true, ...options });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || (m.type() === 'warning' && /Content.Security.Policy|CSP/i.test(m.text()))) {
      problems.push(`console ${m.type()}: ${m.text()}`);
    }
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // Aborted worker/module loads after a superseding parse are not failures of the page.
    if (r.failure()?.errorText === 'net::ERR_ABORTED' && /parser-worker|\.wasm$/.test(r.url())) return;
    problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('request', (r) => {
    const u = r.url();
    if (u.startsWith('data:') || u.startsWith('blob:')) return;
    if (!u.startsWith(`${origin}/`)) problems.push(`external request: ${u}`);
  });
  return { page, context, problems: () => problems.slice() };
}

/** Every fixture: `{ name, text, bytes, expected }` (expected = the reviewed JSON string or null). */
export function fixtures() {
  return readdirSync(SEEDS)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -4);
      const bytes = readFileSync(join(SEEDS, f));
      const jsonPath = join(SEEDS, `${name}.json`);
      const expected = existsSync(jsonPath) ? readFileSync(jsonPath, 'utf8') : null;
      return { name, bytes, text: new TextDecoder('utf-8').decode(bytes), expected };
    });
}

export function artifact(name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

/** Waits for the page's element to finish parsing after `action()` (which changes its input). */
export async function afterParse(page, action, selector = '#view') {
  const done = page.evaluate((sel) => new Promise((res) => {
    document.querySelector(sel).addEventListener('maqal-parsed', (e) => res(e.detail.blocks.length), { once: true });
  }), selector);
  await action();
  return done;
}

/** Text contents of shadow parts of the page's element, e.g. `parts(page, 'tag')`. */
export function parts(page, part, selector = '#view') {
  return page.evaluate(([sel, p]) => Array.from(document.querySelector(sel).shadowRoot.querySelectorAll(`[part~="${p}"]`))
    .map((n) => n.textContent), [selector, part]);
}

/** windows-1256 bytes of a string (Node can decode windows-1256 but not encode it). */
export function encodeWindows1256(text) {
  const dec = new TextDecoder('windows-1256');
  const map = new Map();
  for (let b = 0; b < 256; b++) map.set(dec.decode(Uint8Array.of(b)), b);
  const out = [];
  for (const ch of text) {
    const b = map.get(ch);
    if (b === undefined) throw new Error(`not in windows-1256: U+${ch.codePointAt(0).toString(16)}`);
    out.push(b);
  }
  return Buffer.from(out);
}

/** UTF-16LE bytes with a BOM. */
export function encodeUtf16le(text) {
  const buf = Buffer.alloc(2 + text.length * 2);
  buf[0] = 0xff;
  buf[1] = 0xfe;
  for (let i = 0; i < text.length; i++) buf.writeUInt16LE(text.charCodeAt(i), 2 + i * 2);
  return buf;
}

/** Serves www/ and launches Chromium before the calling file's tests, and stops both after them.
 *  Returns `{server, browser}`, filled once the `before` hook has run. */
export function useServerAndBrowser() {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await startServer();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    env.server?.stop();
  });
  return env;
}
