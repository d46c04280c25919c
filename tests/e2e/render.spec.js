// render.js with a hand-made Document (no WASM): every part of the view — entity highlights,
// panels, quotes, dates, inserts, related counts and links, removed lines, warnings — is drawn
// from the Document as the contract describes it, whatever the parser does today.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SEED, artifact, fixtures, openPage, useServerAndBrowser,
} from './helpers.js';

const seed = fixtures().find((f) => f.name === SEED).text;

const env = useServerAndBrowser();

/** `[start, end]` of the n-th occurrence of `s` at or after `from` (UTF-16, like the contract). */
function span(s, from = 0) {
  const i = seed.indexOf(s, from);
  if (i < 0) throw new Error(`not in seed: ${s}`);
  return [i, i + s.length];
}
const text = (s, from) => ({ text: s, span: span(s, from) });
function lineAt(s) {
  const [a] = span(s);
  const start = seed.lastIndexOf('\n', a) + 1;
  let end = seed.indexOf('\n', a);
  if (end < 0) end = seed.length;
  const raw = seed.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  const t = raw.trim();
  return { text: t, span: [start + lead, start + lead + t.length] };
}
function mentions(word, until) {
  const out = [];
  for (let i = seed.indexOf(word); i >= 0 && i < until; i = seed.indexOf(word, i + 1)) out.push([i, i + word.length]);
  return out;
}

function handMadeDocument() {
  const paras = seed.split('\n\n').map((p) => p.trim()).filter(Boolean);
  const p = paras.slice(0, 5).map((x) => text(x));
  const endMain = p[4].span[1];
  const insertStart = span('إقرأ أيضاً')[0];
  const insParas = paras.slice(paras.indexOf('اتصالات مكثفة لوزير الخارجية لتثبيت وقف إطلاق النار بين إيران وإسرائيل') + 1)
    .filter((x) => !x.startsWith('مقالات مشابهة') && !x.startsWith('•')).slice(0, 5).map((x) => text(x, insertStart));
  const blinken = mentions('بلينكن', endMain);
  blinken[0] = span('أنتوني بلينكن');
  const date = (s, value, relative) => ({ text: s, span: span(s), value, calendar: 'gregorian', relative });
  const share = 'شارك على فيسبوك';
  return {
    version: 1, lang: 'ar', dir: 'rtl',
    article: {
      headline: null,
      authors: [],
      published: null,
      paragraphs: p,
      entities: [
        { name: 'أنتوني بلينكن', kind: 'person', roles: ['وزير الخارجية الأمريكي'], mentions: blinken },
        { name: 'مصر', kind: 'place', roles: [], mentions: mentions('مصر', endMain).slice(0, 2) },
        { name: 'حماس', kind: 'organization', roles: [], mentions: mentions('حماس', endMain) },
        { name: 'بنيامين نتنياهو', kind: 'person', roles: ['رئيس الوزراء الإسرائيلي'], mentions: [span('بنيامين نتنياهو')] },
      ],
      quotes: [
        { speaker: 'أنتوني بلينكن', entity: 0, verb: text('قال'), content: text('نعمل مع شركائنا في مصر وقطر'), direct: false },
        { speaker: 'أنتوني بلينكن', entity: 0, verb: text('وأضاف'), content: text('علينا أن نفعل هذا الآن'), direct: true },
      ],
      dates: [date('أمس الثلاثاء', null, true), date('السابع من أكتوبر', '--10-07', false)],
    },
    inserts: [{
      label: text('إقرأ أيضاً'),
      article: {
        headline: text('اتصالات مكثفة لوزير الخارجية لتثبيت وقف إطلاق النار بين إيران وإسرائيل', insertStart),
        authors: [], published: null, paragraphs: insParas, entities: [], quotes: [],
        dates: [date('٤ يوليو', '--07-04', false)],
      },
    }],
    source: text('الأسبوع'),
    tags: [text('حماس', span('كلمات دلالية')[0]), text('مصر وقطر', span('كلمات دلالية')[0])],
    related: [
      { title: text('مصر تكثّف اتصالاتها الإقليمية والدولية لخفض التصعيد بين إسرائيل وإيران وتثبيت التهدئة في غزة'), occurrences: 1, label: 'مقالات مشابهة', insert: null },
      { title: text('اتصالات مكثفة لوزير الخارجية لتثبيت وقف إطلاق النار بين إيران وإسرائيل', span('مقالات مشابهة')[0]), occurrences: 1, label: 'مقالات مشابهة', insert: 0 },
      { title: text('وزير خارجية إسرائيل يتحدث عن "مؤشرات إيجابية" بشأن اتفاق غزة'), occurrences: 2, label: 'مقالات مشابهة', insert: null },
    ],
    boilerplate: [
      { kind: 'boilerplate', ...lineAt('كلمات دلالية'), insert: null, text: share },
      { kind: 'caption', ...lineAt('المصدر: الأسبوع'), insert: null },
    ],
    blocks: [{ kind: 'paragraph', ...p[0], insert: null }],
    stats: { characters: 1000, words: 237, paragraphs: 5, reading_minutes: 2 },
    warnings: [{ code: 'mojibake', message: 'Part of the text looks like mojibake.' }, { code: 'something-new', message: 'A warning this page has no words for.' }],
  };
}

describe('render.js draws the whole contract', () => {
  test('entities, quotes, dates, inserts, related, removed lines and warnings', async () => {
    const { page, context, problems } = await openPage(env.browser, env.server.origin, { viewport: { width: 1200, height: 900 } });
    await page.route(`${env.server.origin}/render-test.html`, (r) => r.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>render</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/app.css"></head>
        <body><main><div id="host"></div></main></body></html>`,
    }));
    await page.goto(`${env.server.origin}/render-test.html`);
    const doc = handMadeDocument();
    await page.evaluate(async (d) => {
      const { renderDocument } = await import('/render.js');
      const { styles } = await import('/maqal-article-styles.js');
      const host = document.getElementById('host');
      const root = host.attachShadow({ mode: 'open' });
      root.adoptedStyleSheets = [styles()];
      const frame = document.createElement('div');
      frame.className = 'frame';
      frame.dir = 'rtl';
      const { node, done } = renderDocument(d);
      frame.append(node);
      root.append(frame);
      await done;
    }, doc);
    const q = (sel) => page.evaluate((s) => Array.from(document.getElementById('host').shadowRoot.querySelectorAll(s)).map((n) => n.textContent), sel);

    // Mentions are marked in the paragraphs, with the exact text of their spans.
    const marks = await page.evaluate(() => Array.from(document.getElementById('host').shadowRoot.querySelectorAll('mark.mention'))
      .map((m) => [m.dataset.entity, m.textContent, m.className]));
    const want = [];
    doc.article.entities.forEach((e, i) => e.mentions.forEach(([s, t]) => want.push([`m-${i}`, seed.slice(s, t), `mention ${e.kind}`])));
    assert.deepEqual(marks.slice().sort(), want.slice().sort());
    // Paragraph text is unchanged by the marks.
    assert.deepEqual(await q('[part~="article"] [part~="lead"], [part~="article"] [part~="paragraph"]'), doc.article.paragraphs.map((x) => x.text));
    // Each kind has a non-colour cue (a different underline style).
    const styles = await page.evaluate(() => ['person', 'place', 'organization'].map((k) => getComputedStyle(document.getElementById('host').shadowRoot.querySelector(`mark.${k}`)).borderBottomStyle));
    assert.deepEqual(styles, ['solid', 'dashed', 'dotted']);

    // Hovering or focusing an entity marks all its mentions.
    await page.hover('button[data-entity="m-0"]');
    assert.equal((await page.$$('mark[data-entity="m-0"].active')).length, doc.article.entities[0].mentions.length);
    await page.hover('h2');
    await page.focus('button[data-entity="m-2"]');
    assert.equal((await page.$$('mark[data-entity="m-2"].active')).length, doc.article.entities[2].mentions.length);
    assert.equal((await page.$$('mark[data-entity="m-0"].active')).length, 0);

    const entityText = await q('[part~="entity"]');
    assert.ok(entityText[0].includes('أنتوني بلينكن') && entityText[0].includes('5 مرات'));
    assert.deepEqual(await q('[part~="role"]'), ['وزير الخارجية الأمريكي', 'رئيس الوزراء الإسرائيلي']);
    const quotes = await q('[part~="quote"]');
    assert.equal(quotes.length, 2);
    assert.ok(quotes[0].includes('نعمل مع شركائنا') && quotes[0].includes('قال') && quotes[0].includes('غير مباشر'));
    assert.ok(quotes[1].includes('وأضاف') && quotes[1].includes('قول مباشر'));
    const dates = await q('[part~="date"]');
    assert.ok(dates[0].includes('أمس الثلاثاء') && dates[0].includes('غير محدد') && dates[0].includes('نسبي'));
    assert.ok(dates[1].includes('--10-07'));

    assert.deepEqual(await q('[part~="tag"]'), ['حماس', 'مصر وقطر']);
    assert.deepEqual(await q('[part~="insert-headline"]'), [doc.inserts[0].article.headline.text]);
    assert.deepEqual(await q('[part~="insert-label"]'), ['إقرأ أيضاً']);
    const related = await q('[part~="related-item"]');
    assert.equal(related.length, 3);
    assert.ok(related[2].includes('×2'));
    // The related title that names the insert links to it, and the link moves focus there.
    await page.click('[part~="insert-link"]');
    assert.equal(await page.evaluate(() => document.getElementById('host').shadowRoot.activeElement?.dataset.insert), '0');

    // Removed lines: collapsed, counted, each with its kind in Arabic.
    assert.deepEqual(await q('[part~="removed-summary"]'), ['أُزيل سطران من واجهة الموقع']);
    assert.equal(await page.isVisible('[part~="removed-line"]'), false);
    await page.click('[part~="removed-summary"]');
    await page.waitForSelector('[part~="removed-line"]');
    assert.deepEqual(await q('[part~="kind"]'), ['من واجهة الموقع', 'تعليق صورة']);
    assert.ok((await q('[part~="removed-line"]'))[0].includes('شارك على فيسبوك'));

    // Warnings in plain Arabic by code; an unknown code keeps its English sentence.
    const warns = await page.evaluate(() => Array.from(document.getElementById('host').shadowRoot.querySelectorAll('[part~="warning"]')).map((w) => [w.dataset.code, w.lang, w.textContent]));
    assert.equal(warns[0][0], 'mojibake');
    assert.match(warns[0][2], /مشوّه الترميز/);
    assert.deepEqual(warns[1], ['something-new', 'en', 'A warning this page has no words for.']);
    assert.match((await q('[part~="meta"]'))[0], /237 كلمة.*دقيقتان/);

    await page.screenshot({ path: artifact('panels.png'), fullPage: true });
    assert.deepEqual(problems(), []);
    await context.close();
  });
});
