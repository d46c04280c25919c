// <maqal-article> embedded in a blank left-to-right page served from another folder: light-DOM
// text, `src`, the `text` property (last one wins), the event, ::part and custom properties.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  SEED, artifact, encodeWindows1256, fixtures, openPage, useServerAndBrowser,
} from './helpers.js';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const ALL = fixtures();
const SEED_FIX = ALL.find((f) => f.name === SEED);

const env = useServerAndBrowser();

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A host page that is not ours: English, LTR, its own styles, two folders below www/. */
function hostPage() {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Host page</title><link rel="icon" href="data:,">
<style>
  body { font-family: Georgia, serif; margin: 2rem auto; max-width: 760px; color: #222; background: #fff; }
  maqal-article { margin-block: 1rem; border: 1px solid #ccc; --maqal-accent: rgb(0, 0, 200); }
  maqal-article::part(headline) { color: rgb(150, 0, 0); }
</style></head>
<body>
<h1>News digest</h1>
<p>An English host page, left to right. The article below is embedded with one tag.</p>
<maqal-article id="light">${escapeHtml(SEED_FIX.text)}</maqal-article>
<maqal-article id="fromsrc" src="../../sample.txt"></maqal-article>
<maqal-article id="win" src="win1256.txt"></maqal-article>
<maqal-article id="prop"></maqal-article>
<p>Text after the element.</p>
<script type="module" src="../../maqal-article.js"></script>
</body></html>`;
}

async function openHost() {
  const o = await openPage(env.browser, env.server.origin, { viewport: { width: 1000, height: 900 } });
  const winText = SEED_FIX.text.slice(0, SEED_FIX.text.indexOf('إقرأ أيضاً')).trimEnd();
  await o.page.route(`${env.server.origin}/embed/deep/host.html`, (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body: hostPage() }));
  await o.page.route(`${env.server.origin}/embed/deep/win1256.txt`, (r) => r.fulfill({ contentType: 'text/plain', body: encodeWindows1256(winText) }));
  await o.page.addInitScript(() => {
    window.__events = [];
    document.addEventListener('maqal-parsed', (e) => window.__events.push({ id: e.composedPath()[0].id, version: e.detail.version, blocks: e.detail.blocks.length }));
  });
  await o.page.goto(`${env.server.origin}/embed/deep/host.html`);
  await o.page.waitForFunction(() => ['light', 'fromsrc', 'win'].every((id) => document.getElementById(id).result?.blocks.length > 0));
  return { ...o, winText };
}

describe('<maqal-article> on someone else\'s page', () => {
  test('renders light-DOM text and a src file, right to left inside a left-to-right page', async () => {
    const { page, context, problems, winText } = await openHost();
    const info = await page.evaluate(() => {
      const el = document.getElementById('light');
      const lead = el.shadowRoot.querySelector('[part~="lead"]');
      const headline = el.shadowRoot.querySelector('[part~="headline"]');
      return {
        bodyDir: getComputedStyle(document.body).direction,
        hostDir: getComputedStyle(el).direction,
        leadDir: getComputedStyle(lead).direction,
        leadText: lead.textContent,
        headlineColor: getComputedStyle(headline).color,
        accent: getComputedStyle(lead).borderInlineStartColor,
        source: el.shadowRoot.querySelector('[part~="source"]')?.textContent,
        srcSource: document.getElementById('fromsrc').result.source?.text,
      };
    });
    assert.equal(info.bodyDir, 'ltr');
    assert.equal(info.hostDir, 'rtl');
    assert.equal(info.leadDir, 'rtl');
    assert.ok(SEED_FIX.text.includes(info.leadText));
    assert.equal(info.headlineColor, 'rgb(150, 0, 0)', '::part(headline) styles from outside');
    assert.equal(info.accent, 'rgb(0, 0, 200)', '--maqal-accent styles from outside');
    assert.equal(info.source, 'المصدر: الأسبوع');
    assert.equal(info.srcSource, 'الأسبوع', 'src attribute, URL relative to the page');
    // The src file in windows-1256 is decoded from its bytes, not by the browser's guess.
    const win = await page.evaluate(() => document.getElementById('win').result);
    assert.equal(win.warnings[0]?.code, 'decoded-windows-1256');
    assert.equal(win.article.paragraphs[0].text, winText.split('\n')[0].trim());
    const events = await page.evaluate(() => window.__events);
    for (const id of ['light', 'fromsrc', 'win']) {
      assert.ok(events.some((e) => e.id === id && e.version === 1 && e.blocks > 0), `maqal-parsed from #${id} reached document`);
    }
    await page.screenshot({ path: artifact('embedded.png') });
    await page.evaluate(AXE);
    const axe = await page.evaluate(() => window.axe.run('maqal-article', { resultTypes: ['violations'] }));
    const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`), [], 'axe-core inside the element');
    assert.deepEqual(problems(), []);
    await context.close();
  });

  test('the text property: the last text set wins, even over a slower large parse', async () => {
    const { page, context, problems } = await openHost();
    const big = Array.from({ length: Math.ceil((400 * 1024) / SEED_FIX.text.length) }, () => SEED_FIX.text).join('\n\n');
    const small = 'خبر قصير أخير\n\nهذه الفقرة هي آخر ما وُضع في العنصر.\n\nالمصدر: الأخبار';
    const result = await page.evaluate(async ([b, s]) => {
      const el = document.getElementById('prop');
      el.text = b; // goes to a worker, slow
      await new Promise((r) => setTimeout(r, 30));
      el.text = s; // must win
      const doc = await el.parsed;
      await new Promise((r) => setTimeout(r, 1500)); // a stale result would have landed by now
      return {
        parsedSource: doc.source?.text,
        resultSource: el.result.source?.text,
        shown: el.shadowRoot.querySelector('[part~="source"]')?.textContent,
        text: el.text,
        busy: el.hasAttribute('aria-busy'),
      };
    }, [big, small]);
    assert.deepEqual(result, { parsedSource: 'الأخبار', resultSource: 'الأخبار', shown: 'المصدر: الأخبار', text: small, busy: false });
    // Light-DOM text changes are followed while neither text nor src was set.
    const src = await page.evaluate(async () => {
      const el = document.getElementById('light');
      const next = new Promise((r) => el.addEventListener('maqal-parsed', (e) => r(e.detail.source?.text), { once: true }));
      el.textContent = 'عنوان\n\nفقرة من نص جديد.\n\nالمصدر: المصري اليوم';
      return next;
    });
    assert.equal(src, 'المصري اليوم');
    // The text property wins over a later light-DOM change; src over text when set after it.
    const order = await page.evaluate(async () => {
      const el = document.getElementById('prop');
      el.text = 'نص\n\nالمصدر: الأول';
      await el.parsed;
      el.textContent = 'نص\n\nالمصدر: الضوء';
      await new Promise((r) => setTimeout(r, 200));
      const a = el.result.source?.text;
      el.src = '../../sample.txt';
      const b = (await el.parsed).source?.text;
      el.text = 'نص\n\nالمصدر: الأخير';
      const c = (await el.parsed).source?.text;
      return [a, b, c];
    });
    assert.deepEqual(order, ['الأول', 'الأسبوع', 'الأخير']);
    assert.deepEqual(problems(), []);
    await context.close();
  });

  test('reference-date reaches the parser (attribute and property), in the page and in a worker', async () => {
    const { page, context, problems } = await openHost();
    const big = Array.from({ length: Math.ceil((220 * 1024) / SEED_FIX.text.length) }, () => SEED_FIX.text).join('\n\n');
    const values = await page.evaluate(async ([seed, b]) => {
      const el = document.getElementById('prop');
      const yesterday = () => el.result.article.dates.find((d) => d.text === 'أمس الثلاثاء')?.value ?? null;
      el.text = seed;
      await el.parsed;
      const none = yesterday();
      el.setAttribute('reference-date', '2024-06-12');
      await el.parsed;
      const attr = yesterday();
      el.referenceDate = '2024-07-03';
      el.text = b; // > 200 K characters: parsed in a worker, with the option
      await el.parsed;
      return [none, attr, yesterday(), el.getAttribute('reference-date')];
    }, [SEED_FIX.text, big]);
    // The contract: no reference and no published date → null; 2024-06-12 is a Wednesday.
    assert.deepEqual(values, [null, '2024-06-11', '2024-07-02', '2024-07-03']);
    assert.deepEqual(problems(), []);
    await context.close();
  });

  test('a src that fails shows a message in the element, the page is unaffected', async () => {
    const { page, context, problems } = await openHost();
    const msg = await page.evaluate(async () => {
      const el = document.createElement('maqal-article');
      const err = new Promise((r) => el.addEventListener('maqal-error', (e) => r(e.detail.message), { once: true }));
      el.setAttribute('src', 'missing-file.txt');
      document.body.append(el);
      return err;
    });
    assert.match(msg, /تعذّر تحميل النص/);
    const bad = await page.evaluate(async () => {
      const el = document.createElement('maqal-article');
      const err = new Promise((r) => el.addEventListener('maqal-error', (e) => r(e.detail.message), { once: true }));
      el.setAttribute('reference-date', '2024-02-30');
      el.textContent = 'نص قصير';
      document.body.append(el);
      return err;
    });
    assert.match(bad, /reference-date/);
    // The 404 itself is the expected outcome here.
    assert.deepEqual(problems().filter((p) => !/missing-file\.txt|404/.test(p)), []);
    await context.close();
  });
});
