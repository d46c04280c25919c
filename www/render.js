// render.js — pure DOM builder: a Maqal Document (JSON contract v1) → a DOM tree.
//
// No parsing, no fetching, no global state. User text reaches the DOM only through
// `textContent` and attributes, never through innerHTML. Spans are UTF-16 offsets into the input,
// so `paragraph.text.slice(start - pStart, end - pStart)` is a mention's text.
//
// Every part an embedder may style carries a `part` name (see README "Styling").

/** Arabic names of the block kinds (contract `Block.kind`). */
export const KIND_LABELS = {
  headline: 'عنوان',
  byline: 'سطر الكاتب',
  dateline: 'سطر التاريخ',
  paragraph: 'فقرة',
  source: 'سطر المصدر',
  tags: 'سطر الوسوم',
  insert_label: 'علامة «اقرأ أيضًا»',
  related_label: 'عنوان قائمة',
  related_item: 'رابط ذو صلة',
  caption: 'تعليق صورة',
  boilerplate: 'من واجهة الموقع',
  unknown: 'غير مصنّف',
};

const ENTITY_KINDS = [
  ['person', 'أشخاص', 'شخص'],
  ['place', 'أماكن', 'مكان'],
  ['organization', 'منظمات وهيئات', 'منظمة'],
];

/** Plain-Arabic text of a warning, by its stable code; unknown codes keep their English message. */
export function warningText(w) {
  const code = w && w.code;
  if (code === 'binary') return 'هذا الملف ليس نصًّا (صورة أو أرشيف أو برنامج)؛ افتح ملف نص أو Markdown أو HTML.';
  if (code === 'decoded-utf-16') return 'قُرئ الملف بترميز UTF-16.';
  if (code === 'invalid-utf-8-replaced') return 'في الملف بايتات تالفة في ترميز UTF-8، فاستُبدلت بها العلامة �.';
  if (code === 'mojibake') return 'يبدو أن جزءًا من النص مشوّه الترميز (مثل «ط§ظ„»): احفظ الصفحة بترميز UTF-8 ثم الصقها من جديد.';
  if (code === 'mixed-encoding') return 'معظم الملف بترميز UTF-8 وبعض أسطره بترميز آخر، فقُرئ كل سطر بترميزه.';
  if (code === 'not-arabic') return 'لا يبدو أن النص عربي، فقد لا تنطبق عليه علامات المقال العربي.';
  if (code && code.startsWith('decoded-')) {
    const enc = code.slice('decoded-'.length);
    return `الملف ليس بترميز UTF-8، فقُرئ بترميز ${enc}.`;
  }
  return null;
}

const plural = new Intl.PluralRules('ar');
const num = new Intl.NumberFormat('ar-u-nu-latn');

/** Arabic counted noun: forms = [one, two, few (3–10), many (11–99), other (0, 100+)]. */
export function counted(n, [one, two, few, many, other]) {
  switch (plural.select(n)) {
    case 'one': return one;
    case 'two': return two;
    case 'few': return `${num.format(n)} ${few}`;
    case 'many': return `${num.format(n)} ${many}`;
    default: return `${num.format(n)} ${other}`;
  }
}

export const WORDS = ['كلمة واحدة', 'كلمتان', 'كلمات', 'كلمة', 'كلمة'];
export const MINUTES = ['دقيقة واحدة', 'دقيقتان', 'دقائق', 'دقيقة', 'دقيقة'];
export const LINES = ['سطر واحد', 'سطران', 'أسطر', 'سطرًا', 'سطر'];
export const PARAGRAPHS = ['فقرة واحدة', 'فقرتان', 'فقرات', 'فقرة', 'فقرة'];
export const TIMES = ['مرة واحدة', 'مرتان', 'مرات', 'مرة', 'مرة'];

/** `el('p', {part: 'lead', dir: 'auto'}, 'text', child…)`: attributes and children, text as text nodes. */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') node.className = v;
      else node.setAttribute(k, v === true ? '' : String(v));
    }
  }
  for (const c of children) append(node, c);
  return node;
}

function append(node, c) {
  if (c === null || c === undefined || c === false) return;
  if (Array.isArray(c)) c.forEach((x) => append(node, x));
  else if (typeof c === 'string' || typeof c === 'number') node.append(document.createTextNode(String(c)));
  else node.append(c);
}

/** User text inside Arabic UI: isolated for bidi. */
const bdi = (text, attrs) => el('bdi', attrs, text);

/** A paragraph with its entity mentions marked. `marks` = sorted [{start, end, key, kind, name}]. */
function paragraphNode(p, part, marks, dir) {
  const node = el('p', { part, dir: dir || 'auto' });
  const [ps, pe] = p.span;
  let at = 0; // offset in p.text (UTF-16, as JS strings)
  // Binary search for the first mark at or after the paragraph: linear in the marks it holds.
  let lo = 0;
  let hi = marks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (marks[mid].start < ps) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < marks.length && marks[k].start < pe; k++) {
    const m = marks[k];
    if (m.end > pe) continue;
    const s = m.start - ps;
    const e = m.end - ps;
    if (s < at) continue; // overlapping mention: keep the first
    if (s > at) node.append(document.createTextNode(p.text.slice(at, s)));
    const kindLabel = ENTITY_KINDS.find((k) => k[0] === m.kind)?.[2] ?? '';
    node.append(
      el('mark', { part: `mention mention-${m.kind}`, class: `mention ${m.kind}`, 'data-entity': m.key, title: `${kindLabel}: ${m.name}` },
        p.text.slice(s, e)),
    );
    at = e;
  }
  if (at < p.text.length) node.append(document.createTextNode(p.text.slice(at)));
  return node;
}

/** Every mention of an article's entities, sorted by start. */
function mentionsOf(article, prefix) {
  const marks = [];
  (article.entities || []).forEach((ent, i) => {
    for (const [start, end] of ent.mentions || []) {
      marks.push({ start, end, key: `${prefix}-${i}`, kind: ent.kind, name: ent.name });
    }
  });
  marks.sort((a, b) => a.start - b.start || b.end - a.end);
  return marks;
}

/** Appends `items.map(build)` to `parent`: the first `first` at once, the rest in slices between
 * frames, so a huge document never freezes the page. Stops when `signal` aborts. */
export function appendInSlices(parent, items, build, { first = 150, slice = 300, signal } = {}) {
  const n = items.length;
  const frag = document.createDocumentFragment();
  for (let i = 0; i < Math.min(first, n); i++) frag.append(build(items[i], i));
  parent.append(frag);
  if (n <= first) return Promise.resolve();
  return new Promise((resolve) => {
    let i = first;
    const step = () => {
      if (signal && signal.aborted) return resolve();
      const f = document.createDocumentFragment();
      // At most `slice` items and about 10 ms of building per task, so the page stays responsive.
      const end = Math.min(i + slice, n);
      const t0 = performance.now();
      do f.append(build(items[i], i++)); while (i < end && performance.now() - t0 < 10);
      parent.append(f);
      if (i < n) setTimeout(step, 0);
      else resolve();
    };
    setTimeout(step, 0);
  });
}

function byline(article) {
  const authors = article.authors || [];
  const pub = article.published;
  if (!authors.length && !pub) return null;
  const p = el('p', { part: 'byline', class: 'byline' });
  if (authors.length) {
    p.append(el('span', { class: 'label' }, 'بقلم '));
    authors.forEach((a, i) => {
      if (i) p.append('، ');
      p.append(bdi(a.text, { part: 'author' }));
    });
  }
  if (pub) {
    if (authors.length) p.append(el('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '));
    p.append(el('time', { part: 'published', datetime: pub.value || null, dir: 'auto' }, pub.text));
  }
  return p;
}

function body(article, prefix, signal, dir) {
  const marks = mentionsOf(article, prefix);
  const wrap = el('div', { part: 'body', class: 'body' });
  const paras = article.paragraphs || [];
  const done = appendInSlices(wrap, paras, (p, i) => paragraphNode(p, i === 0 ? 'lead' : 'paragraph', marks, dir), { signal });
  return { wrap, done };
}

function entityPanel(article, prefix, headingTag) {
  const ents = article.entities || [];
  if (!ents.length) return null;
  const sec = el('section', { part: 'panel panel-entities', class: 'panel entities' }, el(headingTag, null, 'الأعلام'));
  for (const [kind, title] of ENTITY_KINDS) {
    const list = ents.map((e, i) => [e, i]).filter(([e]) => e.kind === kind);
    if (!list.length) continue;
    const group = el('div', { class: `group ${kind}` });
    group.append(el('p', { class: 'group-title' }, el('span', { class: `swatch ${kind}`, 'aria-hidden': 'true' }), title));
    const ul = el('ul', { class: 'entity-list' });
    for (const [e, i] of list) {
      const n = (e.mentions || []).length;
      ul.append(el('li', null,
        el('button', { type: 'button', part: `entity entity-${kind}`, class: `entity ${kind}`, 'data-entity': `${prefix}-${i}`, 'aria-pressed': 'false' },
          bdi(e.name, { class: 'name' }),
          n ? el('span', { class: 'count', part: 'count' }, ` · ${counted(n, TIMES)}`) : null),
        (e.roles || []).length
          ? el('span', { class: 'roles', part: 'role' }, (e.roles || []).map((r, j) => [j ? '، ' : '', bdi(r)]))
          : null));
    }
    group.append(ul);
    sec.append(group);
  }
  return sec;
}

function quotePanel(article, headingTag) {
  const quotes = article.quotes || [];
  if (!quotes.length) return null;
  const sec = el('section', { part: 'panel panel-quotes', class: 'panel quotes' }, el(headingTag, null, 'الأقوال'));
  const ol = el('ol', { class: 'quote-list' });
  for (const q of quotes) {
    ol.append(el('li', null,
      el('figure', { part: 'quote', class: `quote ${q.direct ? 'direct' : 'indirect'}` },
        el('blockquote', { dir: 'auto' }, q.content.text),
        el('figcaption', null,
          q.speaker ? bdi(q.speaker, { class: 'speaker' }) : el('span', { class: 'speaker unknown' }, 'متحدث غير مسمّى'),
          ' — ', bdi(q.verb.text, { class: 'verb' }), ' ',
          el('span', { class: `badge ${q.direct ? 'direct' : 'indirect'}` }, q.direct ? 'قول مباشر' : 'قول غير مباشر')))));
  }
  sec.append(ol);
  return sec;
}

function datePanel(article, headingTag) {
  const dates = article.dates || [];
  if (!dates.length) return null;
  const sec = el('section', { part: 'panel panel-dates', class: 'panel dates' }, el(headingTag, null, 'التواريخ'));
  const ul = el('ul', { class: 'date-list' });
  for (const d of dates) {
    ul.append(el('li', { part: 'date' },
      bdi(d.text, { class: 'date-text' }), ' ',
      el('span', { 'aria-hidden': 'true', class: 'arrow' }, '←'), ' ',
      d.value
        ? el('time', { datetime: d.value, dir: 'ltr', class: 'iso' }, d.value)
        : el('span', { class: 'iso unknown' }, 'غير محدد'),
      d.calendar === 'hijri' ? el('span', { class: 'badge' }, 'هجري') : null,
      d.relative ? el('span', { class: 'badge' }, 'نسبي') : null));
  }
  sec.append(ul);
  return sec;
}

function panels(article, prefix, headingTag) {
  const parts = [entityPanel(article, prefix, headingTag), datePanel(article, headingTag), quotePanel(article, headingTag)].filter(Boolean);
  if (!parts.length) return null;
  return el('div', { part: 'panels', class: 'panels' }, parts);
}

function insertCard(ins, k, signal, dir) {
  const a = ins.article;
  const card = el('article', { part: 'insert', class: 'insert card', 'data-insert': k, id: `insert-${k}`, tabindex: '-1', 'aria-labelledby': `insert-${k}-h` });
  card.append(el('p', { part: 'insert-label', class: 'insert-label' }, bdi(ins.label.text)));
  card.append(el('h3', { part: 'insert-headline', id: `insert-${k}-h`, dir: 'auto' }, a.headline ? a.headline.text : 'مقال مضمّن بلا عنوان'));
  const bl = byline(a);
  if (bl) card.append(bl);
  const b = body(a, `i${k}`, signal, dir);
  card.append(b.wrap);
  const pn = panels(a, `i${k}`, 'h4');
  if (pn) card.append(el('details', { class: 'insert-panels' }, el('summary', null, 'الأعلام والأقوال والتواريخ في هذا المقال'), pn));
  return { card, done: b.done };
}

function relatedSection(doc, onInsertLink, signal, waits) {
  const rel = doc.related || [];
  if (!rel.length) return null;
  const sec = el('section', { part: 'related', class: 'related', 'aria-labelledby': 'related-h' });
  // One list per heading as written, in order of first appearance.
  const groups = [];
  for (const r of rel) {
    const label = r.label || null;
    let g = groups.find((x) => x.label === label);
    if (!g) groups.push((g = { label, items: [] }));
    g.items.push(r);
  }
  sec.append(el('h2', { id: 'related-h' }, 'عناوين ذات صلة'));
  groups.forEach((g) => {
    if (g.label) sec.append(el('p', { part: 'related-label', class: 'related-label' }, bdi(g.label)));
    const ol = el('ol', { class: 'related-list' });
    waits.push(appendInSlices(ol, g.items, (r) => {
      const li = el('li', { part: 'related-item' }, bdi(r.title.text, { class: 'title' }));
      if (r.occurrences > 1) {
        li.append(' ', el('span', { part: 'count', class: 'count', dir: 'ltr', title: `تكرر ${counted(r.occurrences, TIMES)}` }, `×${num.format(r.occurrences)}`));
      }
      if (r.insert !== null && r.insert !== undefined) {
        const a = el('a', { part: 'insert-link', class: 'insert-link', href: `#insert-${r.insert}`, 'data-insert-link': r.insert },
          'المقال المضمّن أعلاه');
        a.addEventListener('click', (ev) => { ev.preventDefault(); onInsertLink(r.insert); });
        li.append(' ', a);
      }
      return li;
    }, { first: 200, slice: 500, signal }));
    sec.append(ol);
  });
  return sec;
}

function removedSection(doc, signal) {
  const removed = doc.boilerplate || [];
  if (!removed.length) return null;
  const det = el('details', { part: 'removed', class: 'removed' });
  det.append(el('summary', { part: 'removed-summary' }, `أُزيل ${counted(removed.length, LINES)} من واجهة الموقع`));
  const ol = el('ol', { class: 'removed-list' });
  det.append(ol);
  // Built when first opened: a page of chrome costs nothing until asked for.
  let built = false;
  det.addEventListener('toggle', () => {
    if (!det.open || built) return;
    built = true;
    appendInSlices(ol, removed, (b) => el('li', { part: 'removed-line' },
      el('span', { part: 'kind', class: `kind ${b.kind}` }, KIND_LABELS[b.kind] || b.kind), ' ',
      bdi(b.text, { class: 'line' })), { signal });
  });
  return det;
}

/** Wires hover/focus highlighting: an entity button or a mention marks every mention of it. */
function wireHighlights(root) {
  let pinned = null;
  const set = (key, on) => {
    if (!key) return;
    for (const n of root.querySelectorAll(`[data-entity="${CSS.escape(key)}"]`)) n.classList.toggle('active', on);
  };
  const keyOf = (t) => (t instanceof Element ? t.closest('[data-entity]')?.getAttribute('data-entity') : null);
  root.addEventListener('pointerover', (e) => set(keyOf(e.target), true));
  root.addEventListener('pointerout', (e) => { const k = keyOf(e.target); if (k !== pinned) set(k, false); });
  root.addEventListener('focusin', (e) => set(keyOf(e.target), true));
  root.addEventListener('focusout', (e) => { const k = keyOf(e.target); if (k !== pinned) set(k, false); });
  root.addEventListener('click', (e) => {
    const btn = e.target instanceof Element ? e.target.closest('button[data-entity]') : null;
    if (!btn) return;
    const key = btn.getAttribute('data-entity');
    if (pinned && pinned !== key) {
      set(pinned, false);
      root.querySelector(`button[data-entity="${CSS.escape(pinned)}"]`)?.setAttribute('aria-pressed', 'false');
    }
    pinned = pinned === key ? null : key;
    btn.setAttribute('aria-pressed', String(pinned === key));
    set(key, pinned === key);
    if (pinned) root.querySelector(`mark[data-entity="${CSS.escape(key)}"]`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  });
}

/**
 * Builds the view of `doc`. Returns `{ node, done }`: `node` is ready to insert, `done` resolves
 * when long paragraph lists have been appended (they are added in slices between frames).
 * Options: `signal` (AbortSignal: stop appending), `emptyText`.
 */
export function renderDocument(doc, { signal, pending = false, emptyText = 'لا نص بعد: الصق مقالًا أو افتح ملفًا.' } = {}) {
  const dir = doc.dir === 'ltr' ? 'ltr' : 'rtl';
  const root = el('div', { part: 'view', class: (doc.blocks || []).length > 1500 ? 'view big' : 'view' });
  const waits = [];

  const a = doc.article || {};
  const hasAnything = (doc.blocks || []).length > 0;
  if (!hasAnything) {
    root.append(el('p', { part: 'empty', class: 'empty' }, emptyText));
    return { node: root, done: Promise.resolve() };
  }

  const main = el('article', { part: 'article', class: 'article', lang: doc.lang && doc.lang !== 'und' ? doc.lang : null, 'aria-labelledby': 'headline' });
  const header = el('header', { part: 'header', class: 'header' });
  if (a.headline) header.append(el('h2', { part: 'headline', id: 'headline', dir: 'auto' }, a.headline.text));
  else header.append(el('h2', { part: 'headline', id: 'headline', class: 'untitled' }, 'مقال بلا عنوان'));
  const bl = byline(a);
  if (bl) header.append(bl);
  const st = doc.stats || {};
  header.append(el('p', { part: 'meta', class: 'meta' },
    el('span', { class: 'words' }, counted(st.words || 0, WORDS)),
    el('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '),
    el('span', { class: 'reading' }, `قراءة في ${counted(st.reading_minutes || 0, MINUTES)}`),
    el('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '),
    el('span', { class: 'paras' }, counted(st.paragraphs || 0, PARAGRAPHS))));
  main.append(header);

  const warns = (doc.warnings || []).map((w) => [w, warningText(w)]);
  if (warns.length) {
    main.append(el('ul', { part: 'warnings', class: 'warnings', 'aria-label': 'تنبيهات' },
      warns.map(([w, ar]) => ar
        ? el('li', { part: 'warning', 'data-code': w.code }, ar)
        : el('li', { part: 'warning', 'data-code': w.code, lang: 'en', dir: 'ltr' }, w.message))));
  }

  const b = body(a, 'm', signal, dir);
  main.append(b.wrap);
  waits.push(b.done);

  if (doc.source || (doc.tags || []).length) {
    const foot = el('footer', { part: 'footer', class: 'footer' });
    if (doc.source) foot.append(el('p', { part: 'source', class: 'source' }, el('span', { class: 'label' }, 'المصدر: '), bdi(doc.source.text, { class: 'value' })));
    if ((doc.tags || []).length) {
      foot.append(el('ul', { part: 'tags', class: 'tags', 'aria-label': 'الوسوم' },
        doc.tags.map((t) => el('li', { part: 'tag', class: 'tag' }, bdi(t.text)))));
    }
    main.append(foot);
  }
  const pn = panels(a, 'm', 'h3');
  if (pn) main.append(pn);
  // The structure is shown while the full module (entities, quotes) is still loading.
  if (pending) main.append(el('p', { part: 'pending', class: 'pending', role: 'status' }, 'جارٍ التعرّف على الأعلام والأقوال…'));
  root.append(main);

  const inserts = doc.inserts || [];
  if (inserts.length) {
    const sec = el('section', { part: 'inserts', class: 'inserts', 'aria-labelledby': 'inserts-h' },
      el('h2', { id: 'inserts-h' }, inserts.length === 1 ? 'مقال مضمّن' : 'مقالات مضمّنة'));
    waits.push(appendInSlices(sec, inserts, (ins, k) => {
      const c = insertCard(ins, k, signal, dir);
      waits.push(c.done);
      return c.card;
    }, { first: 10, slice: 20, signal }));
    root.append(sec);
  }

  const rel = relatedSection(doc, (k) => {
    const card = root.querySelector(`[data-insert="${k}"]`);
    if (card) { card.scrollIntoView({ block: 'start', behavior: 'smooth' }); card.focus({ preventScroll: true }); }
  }, signal, waits);
  if (rel) root.append(rel);
  const rem = removedSection(doc, signal);
  if (rem) root.append(rem);

  wireHighlights(root);
  const settle = async () => {
    for (let seen = 0; seen < waits.length;) {
      const n = waits.length;
      await Promise.all(waits.slice(seen, n));
      seen = n;
    }
  };
  return { node: root, done: settle() };
}

/** A file name for the JSON download, from the headline (else the lead's first words). */
export function fileNameFor(doc) {
  const a = (doc && doc.article) || {};
  let base = a.headline ? a.headline.text : (a.paragraphs && a.paragraphs[0] ? a.paragraphs[0].text.split(/\s+/).slice(0, 8).join(' ') : '');
  base = base.replace(/[\u0000-\u001f\u007f"*/:<>?\\|]+/g, ' ').replace(/[.\s]+$/g, '').trim().replace(/\s+/g, '-').slice(0, 80);
  return `${base || 'maqal'}.json`;
}
