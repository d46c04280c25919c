// app.js — the page: textarea, files (button and drag-and-drop), sample, copy/download/raw JSON.
// The view itself is the <maqal-article> element (one renderer for the page and for embedders).

import './maqal-article.js';
import { decodeBytes, version } from './parser.js';
import { counted, fileNameFor, warningText, LINES, PARAGRAPHS } from './render.js';
import { htmlToText } from './html-text.js';

const MAX_BYTES = 50 * 1024 * 1024;
const DEBOUNCE_MS = 250;

const $ = (id) => document.getElementById(id);
const textarea = $('text');
const view = $('view');
const statusEl = $('status');
const errorEl = $('error');
const fileInput = $('file');
const progressBox = $('file-progress');
const progressBar = $('file-progress-bar');
const progressLabel = $('file-progress-label');
const raw = $('raw');
const rawPre = $('raw-json');
const drop = $('drop');

let sampleText = null;
let fileNote = ''; // what opening a file said, shown with the next parse summary
let fileJob = 0;

function say(message) {
  statusEl.textContent = message;
}
function fail(message) {
  errorEl.textContent = message;
  errorEl.hidden = false;
}
function clearError() {
  errorEl.hidden = true;
  errorEl.textContent = '';
}

// A textarea holding megabytes of Arabic takes seconds to lay out: a text this long (from a file)
// is parsed whole, but the textarea shows only its beginning, read-only, until cleared.
const TEXTAREA_MAX = 400 * 1024;
const PREVIEW = 16 * 1024;

function setText(text, { fromTextarea = false } = {}) {
  if (!fromTextarea) {
    clearTimeout(timer);
    const long = text.length > TEXTAREA_MAX;
    textarea.value = long ? `${text.slice(0, PREVIEW)}\n…` : text;
    textarea.readOnly = long;
    $('input-help').hidden = long;
    $('long-note').hidden = !long;
    if (long) $('long-note').textContent = `نص طويل (${text.length.toLocaleString('ar-u-nu-latn')} حرف): يُحلَّل كاملًا، ويعرض المربع أوله فقط للقراءة. اضغط «امسح» لتكتب نصًّا جديدًا.`;
  }
  view.text = text;
}

// ---------------------------------------------------------------- textarea, debounced
let timer = 0;
// A paste too long for the textarea to lay out quickly goes to the view directly (the textarea
// shows its beginning, as for a long file) instead of freezing the page while it lays out.
textarea.addEventListener('paste', (e) => {
  const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
  if (text.length <= TEXTAREA_MAX) return;
  e.preventDefault();
  clearError();
  fileNote = '';
  setText(text);
});
textarea.addEventListener('input', () => {
  fileNote = '';
  clearTimeout(timer);
  timer = setTimeout(() => setText(textarea.value, { fromTextarea: true }), DEBOUNCE_MS);
});

// ---------------------------------------------------------------- the view's results
function prettyJson() {
  const doc = view.result;
  return doc ? `${JSON.stringify(doc, null, 2)}\n` : '';
}
const RAW_LIMIT = 2 * 1024 * 1024;
function fillRaw() {
  if (!raw.open) return;
  const json = prettyJson();
  rawPre.textContent = json.length > RAW_LIMIT
    ? `${json.slice(0, RAW_LIMIT)}\n… (مقتطع: نزّل الملف لترى JSON كاملًا)`
    : json;
}
raw.addEventListener('toggle', fillRaw);

view.addEventListener('maqal-parsed', (e) => {
  const doc = e.detail;
  const n = doc.blocks.length;
  document.body.dataset.parsed = String(Number(document.body.dataset.parsed || 0) + 1);
  const note = fileNote;
  fileNote = '';
  const removed = doc.boilerplate.length ? `، وأُزيل ${counted(doc.boilerplate.length, LINES)} من واجهة الموقع` : '';
  if (n) say(`${note}حُلِّل النص: ${counted(doc.article.paragraphs.length, PARAGRAPHS)} في المقال الرئيسي${removed}.`);
  else say('لا نص بعد.');
  fillRaw();
});
view.addEventListener('maqal-error', (e) => fail(e.detail.message));

// ---------------------------------------------------------------- copy / download
$('copy').addEventListener('click', async () => {
  const json = prettyJson();
  if (!json) return say('لا شيء لنسخه بعد.');
  try {
    await navigator.clipboard.writeText(json);
    say('نُسخ JSON إلى الحافظة.');
  } catch {
    // Clipboard API refused (permissions, insecure context): fall back to a selection copy.
    const ta = document.createElement('textarea');
    ta.value = json;
    ta.setAttribute('readonly', '');
    ta.className = 'offscreen';
    document.body.append(ta);
    ta.select();
    const ok = document.execCommand('copy');
    ta.remove();
    say(ok ? 'نُسخ JSON إلى الحافظة.' : 'تعذّر النسخ: افتح «JSON الخام» وانسخه يدويًا.');
  }
});

$('download').addEventListener('click', () => {
  const json = prettyJson();
  if (!json) return say('لا شيء لتنزيله بعد.');
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameFor(view.result);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  say(`نُزّل الملف ${a.download}.`);
});

// ---------------------------------------------------------------- files
function readBytes(file, onProgress) {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    r.onload = () => resolve(new Uint8Array(r.result));
    r.onerror = () => reject(r.error);
    r.readAsArrayBuffer(file);
  });
}

const sizeMb = (n) => `${(n / 1024 / 1024).toLocaleString('ar-u-nu-latn', { maximumFractionDigits: 1 })} ميغابايت`;

async function openFile(file) {
  const job = ++fileJob;
  clearError();
  if (!file) return;
  const name = file.name || 'file';
  if (file.size === 0) return fail(`الملف «${name}» فارغ: لا نص فيه لتحليله.`);
  if (file.size > MAX_BYTES) return fail(`الملف «${name}» كبير جدًّا (${sizeMb(file.size)}): الحد الأقصى 50 ميغابايت.`);
  progressBox.hidden = false;
  progressBar.removeAttribute('value');
  progressLabel.textContent = `جارٍ قراءة «${name}»…`;
  try {
    const bytes = await readBytes(file, (f) => { if (job === fileJob) progressBar.value = f; });
    if (job !== fileJob) return;
    progressBar.removeAttribute('value');
    progressLabel.textContent = 'جارٍ التعرّف على الترميز…';
    const decoded = await decodeBytes(bytes);
    if (job !== fileJob) return;
    if (decoded.encoding === 'binary') {
      return fail(`لم يُفتح «${name}»: ${warningText(decoded.warning) || 'الملف ليس نصًّا.'}`);
    }
    const isHtml = /\.html?$/i.test(name) || file.type === 'text/html';
    const text = isHtml ? htmlToText(decoded.text) : decoded.text;
    if (!text.trim()) return fail(`الملف «${name}» لا يحوي نصًّا لتحليله.`);
    const note = decoded.warning ? ` ${warningText(decoded.warning) || decoded.warning.message}` : '';
    fileNote = `فُتح «${name}» (${decoded.encoding}${isHtml ? '، HTML حُوِّل إلى نص' : ''}).${note} `;
    say(fileNote);
    setText(text);
    view.decodeWarning = decoded.warning || null;
    document.body.dataset.encoding = decoded.encoding;
  } catch (e) {
    if (job === fileJob) fail(`تعذّرت قراءة «${name}».`);
  } finally {
    if (job === fileJob) progressBox.hidden = true;
  }
}

$('open').addEventListener('click', () => fileInput.click());
fileInput.addEventListener('change', () => {
  const f = fileInput.files && fileInput.files[0];
  fileInput.value = '';
  openFile(f);
});

// Drag and drop anywhere on the page.
let dragDepth = 0;
const hasFiles = (e) => e.dataTransfer && Array.from(e.dataTransfer.types || []).includes('Files');
window.addEventListener('dragenter', (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  dragDepth++;
  drop.hidden = false;
});
window.addEventListener('dragover', (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  e.dataTransfer.dropEffect = 'copy';
});
window.addEventListener('dragleave', (e) => {
  if (!hasFiles(e)) return;
  dragDepth = Math.max(0, dragDepth - 1);
  if (!dragDepth) drop.hidden = true;
});
window.addEventListener('drop', (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  dragDepth = 0;
  drop.hidden = true;
  openFile(e.dataTransfer.files[0]);
});

// ---------------------------------------------------------------- sample, clear, start
async function loadSample() {
  clearError();
  if (sampleText === null) {
    const res = await fetch(new URL('sample.txt', import.meta.url));
    if (!res.ok) throw new Error(`sample: HTTP ${res.status}`);
    sampleText = await res.text();
  }
  setText(sampleText);
  say('عُرض المقال المثال.');
}
$('sample').addEventListener('click', () => loadSample().catch(() => fail('تعذّر تحميل المقال المثال.')));
$('clear').addEventListener('click', () => {
  clearError();
  setText('');
  textarea.focus();
});

version().then((v) => { $('version').textContent = `v${v}`; }).catch(() => {});
loadSample().catch(() => fail('تعذّر تحميل المقال المثال.'));
