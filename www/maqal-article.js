// maqal-article.js — the <maqal-article> custom element: raw text of an Arabic news article in,
// the structured article rendered (right to left, in Shadow DOM) out.
//
//   <script type="module" src="/path/maqal-article.js"></script>
//   <maqal-article>…pasted article text…</maqal-article>
//
// Input, last one set wins: the light-DOM text content (also the no-JS fallback), the `text`
// property, or the `src` attribute (URL of a text file). `reference-date` (YYYY-MM-DD) is the day
// relative dates count from. After each parse it fires `maqal-parsed` (bubbles, composed,
// detail = the Document) and exposes `result` (the Document) and `json` (the contract's JSON).
// Importing this module registers the tag (see maqal-article-define.js); `MaqalArticle` is also
// exported with a static `define()` for a custom tag name or registry.

import { decodeBytes, parseText } from './parser.js';
import { htmlToText } from './html-text.js';
import { renderDocument } from './render.js';
import { styles } from './maqal-article-styles.js';

const STAGES = { loading: ['تحميل المحلّل', 1], decoding: ['قراءة الترميز', 2], parsing: ['تحليل النص', 2], sending: ['نقل النتيجة', 3], reading: ['تجهيز النتيجة', 3], rendering: ['عرض المقال', 4] };

export class MaqalArticle extends HTMLElement {
  static observedAttributes = ['src', 'reference-date'];

  /** Registers the element as `tag` (default `maqal-article`); harmless when already registered. */
  static define(tag = 'maqal-article', registry = customElements) {
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  #text = null; // set through the property
  #mode = 'light'; // 'light' | 'text' | 'src': which input was set last
  #gen = 0;
  #abort = null;
  #doc = null;
  #json = null;
  #warning = null; // from decoding the input file (src, or set by the page)
  #scheduled = false;
  #observer = null;
  #status;
  #view;
  #parsed = null;
  #resolveParsed = null;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [styles()];
    const frame = document.createElement('div');
    frame.className = 'frame';
    frame.setAttribute('part', 'root');
    frame.setAttribute('dir', 'rtl');
    frame.setAttribute('lang', 'ar');
    this.#status = document.createElement('div');
    this.#status.className = 'status';
    this.#status.setAttribute('part', 'status');
    this.#status.setAttribute('role', 'status');
    this.#view = document.createElement('div');
    this.#view.className = 'view-slot';
    frame.append(this.#status, this.#view);
    root.append(frame);
    this.#newPending();
  }

  connectedCallback() {
    if (!this.#observer) {
      this.#observer = new MutationObserver(() => {
        if (this.#mode === 'light') this.#schedule();
      });
    }
    this.#observer.observe(this, { childList: true, characterData: true, subtree: true });
    if (this.hasAttribute('src') && this.#mode === 'light') this.#mode = 'src';
    if (!this.#doc && !this.#scheduled) this.#schedule();
  }

  disconnectedCallback() {
    if (this.#observer) this.#observer.disconnect();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue) return;
    if (name === 'src') {
      if (newValue !== null) this.#mode = 'src';
      else if (this.#mode === 'src') this.#mode = this.#text !== null ? 'text' : 'light';
    }
    if (this.isConnected) this.#schedule();
  }

  /** The text being shown: the last one set through `text`, `src` (once loaded) or the light DOM. */
  get text() {
    if (this.#mode === 'text') return this.#text ?? '';
    if (this.#mode === 'src') return this.#loadedSrcText ?? '';
    return this.textContent ?? '';
  }
  set text(value) {
    this.#text = value === null || value === undefined ? '' : String(value);
    this.#mode = 'text';
    this.#warning = null;
    this.#schedule();
  }

  /** A Warning `{code, message}` from reading the input's file (e.g. `decoded-windows-1256`):
   * shown first and put first in `result.warnings`, as the CLI does. Reset when `text` is set. */
  get decodeWarning() { return this.#warning; }
  set decodeWarning(value) {
    this.#warning = value && value.code ? { code: String(value.code), message: String(value.message ?? '') } : null;
    this.#schedule();
  }

  #loadedSrcText = null;

  /** URL of a text file to parse (mirrors the `src` attribute). */
  get src() { return this.getAttribute('src') ?? ''; }
  set src(value) {
    if (value === null || value === undefined || value === '') this.removeAttribute('src');
    else this.setAttribute('src', String(value));
  }

  /** The day relative dates count from, `YYYY-MM-DD` (mirrors `reference-date`). */
  get referenceDate() { return this.getAttribute('reference-date') ?? ''; }
  set referenceDate(value) {
    if (!value) this.removeAttribute('reference-date');
    else this.setAttribute('reference-date', String(value));
  }

  /** The last parsed Document (contract v1), or null before the first parse. */
  get result() { return this.#doc; }
  /** The last Document as the contract's JSON string (the CLI's exact bytes), or null. */
  get json() {
    // A big Document's JSON arrives from the worker as UTF-8 bytes: decoded when first asked for.
    if (typeof this.#json === 'function') this.#json = this.#json();
    return this.#json;
  }
  /** Resolves with the Document once the current input has been parsed and rendered. */
  get parsed() { return this.#parsed; }

  #newPending() {
    if (this.#resolveParsed) return;
    this.#parsed = new Promise((resolve) => { this.#resolveParsed = resolve; });
  }

  #schedule() {
    this.#newPending();
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      this.#run();
    });
  }

  #progress(stage) {
    const [label, value] = STAGES[stage] || [stage, 0];
    this.#status.classList.remove('error');
    this.#status.replaceChildren();
    const bar = document.createElement('progress');
    bar.max = 4;
    bar.value = value;
    bar.setAttribute('part', 'progress');
    bar.setAttribute('aria-label', 'تقدّم التحليل');
    const span = document.createElement('span');
    span.textContent = `${label}…`;
    this.#status.append(bar, span);
    this.dispatchEvent(new CustomEvent('maqal-progress', { bubbles: true, composed: true, detail: { stage, value, max: 4 } }));
  }

  #error(message, cause) {
    this.#status.classList.add('error');
    this.#status.replaceChildren();
    const p = document.createElement('span');
    p.setAttribute('part', 'error');
    p.textContent = message;
    this.#status.append(p);
    this.removeAttribute('aria-busy');
    this.dispatchEvent(new CustomEvent('maqal-error', { bubbles: true, composed: true, detail: { message, cause } }));
  }

  async #run() {
    const gen = ++this.#gen;
    if (this.#abort) this.#abort.abort();
    const abort = new AbortController();
    this.#abort = abort;
    const { signal } = abort;
    const stale = () => gen !== this.#gen;
    let showProgress = false;
    const progress = (stage) => { if (!stale() && showProgress) this.#progress(stage); };
    try {
      let text;
      if (this.#mode === 'src') {
        const url = this.getAttribute('src');
        this.setAttribute('aria-busy', 'true');
        showProgress = true;
        this.#progress('loading');
        let res;
        try {
          res = await fetch(new URL(url, document.baseURI), { signal });
        } catch (e) {
          if (e && e.name === 'AbortError') return;
          throw Object.assign(new Error('fetch'), { ar: `تعذّر تحميل النص من ${url}.`, cause: e });
        }
        if (!res.ok) throw Object.assign(new Error(`HTTP ${res.status}`), { ar: `تعذّر تحميل النص من ${url} (الرمز ${res.status}).` });
        // Bytes, decoded by the WASM decoder (UTF-8, UTF-16, windows-1256…), not the browser's guess.
        const decoded = await decodeBytes(new Uint8Array(await res.arrayBuffer()), { signal });
        if (stale()) return;
        if (decoded.encoding === 'binary') throw Object.assign(new Error('binary'), { ar: `الملف ${url} ليس نصًّا.` });
        const type = res.headers.get('content-type') || '';
        text = /\.html?(?:$|[?#])/i.test(url) || type.startsWith('text/html') ? htmlToText(decoded.text) : decoded.text;
        this.#warning = decoded.warning || null;
        this.#loadedSrcText = text;
      } else {
        text = this.#mode === 'text' ? this.#text ?? '' : this.textContent ?? '';
      }
      const big = text.length > 200 * 1024;
      if (big) {
        showProgress = true;
        this.setAttribute('aria-busy', 'true');
        this.#progress('loading');
      }
      const opts = this.referenceDate ? { referenceDate: this.referenceDate } : {};
      const warning = this.#mode !== 'light' ? this.#warning : null;
      // First parse of the page: the structure from the small module, then the full Document.
      const onStructure = ({ doc: partial }) => {
        if (stale()) return;
        if (warning) partial.warnings.unshift({ ...warning });
        this.#view.replaceChildren(renderDocument(partial, { signal, pending: true }).node);
        this.dispatchEvent(new CustomEvent('maqal-structure', { bubbles: true, composed: true, detail: partial }));
      };
      const parsed = await parseText(text, opts, { signal, onProgress: progress, onStructure });
      if (stale()) return;
      const { doc } = parsed;
      let json = () => parsed.json;
      if (this.#warning && this.#mode !== 'light') {
        doc.warnings.unshift({ ...this.#warning });
        json = () => JSON.stringify(doc);
      }
      if (showProgress) this.#progress('rendering');
      if (big) await new Promise((r) => setTimeout(r, 0)); // let the progress paint
      if (stale()) return;
      const { node, done } = renderDocument(doc, { signal });
      this.#view.replaceChildren(node);
      this.#doc = doc;
      this.#json = json;
      await done;
      if (stale()) return;
      this.#status.replaceChildren();
      this.removeAttribute('aria-busy');
      const resolve = this.#resolveParsed;
      this.#resolveParsed = null;
      this.dispatchEvent(new CustomEvent('maqal-parsed', { bubbles: true, composed: true, detail: doc }));
      if (resolve) resolve(doc);
    } catch (e) {
      if (stale() || (e && e.name === 'AbortError')) return;
      const badDate = e && /referenceDate/.test(String(e.message));
      const ar = e && e.ar ? e.ar
        : badDate ? `قيمة reference-date ليست تاريخًا صحيحًا بالصيغة YYYY-MM-DD: ${this.referenceDate}`
          : 'تعذّر تحليل النص: لم يُحمَّل محرّك التحليل (WebAssembly).';
      this.#error(ar, e);
    }
  }
}

MaqalArticle.define();
