// parser.js — the thin loader between the page/element and the WASM module (www/pkg/, built by
// `make build`). Loads the module once, relative to this file's own URL, so it works from any
// folder and any page. Inputs over WORKER_THRESHOLD run in a Web Worker so the page never freezes.

// Two modules (`make build`): `maqal_structure` is small (no entities, quotes or legacy
// encodings) and shows the structure first; `maqal` has everything and is loaded alongside it.
import init, { parseJson, decode as wasmDecode } from './pkg/maqal.js';
import initStructure, { parseJson as parseStructureJson, version as wasmVersion } from './pkg/maqal_structure.js';

/** Above this many UTF-16 units of text (or bytes of a file), work moves to a Web Worker. */
export const WORKER_THRESHOLD = 200 * 1024;

let ready = null;
let full = false;
/** Loads and instantiates the full WASM module once; later calls share the same promise. */
export function load() {
  if (!ready) {
    ready = init().then(() => { full = true; }, (e) => {
      ready = null; // let a later call retry
      throw e;
    });
  }
  return ready;
}

let structureReady = null;
function loadStructure() {
  if (!structureReady) {
    structureReady = initStructure().catch((e) => {
      structureReady = null;
      throw e;
    });
  }
  return structureReady;
}

/** True once the full module (entities, quotes, decoding) is ready. */
export function fullLoaded() {
  return full;
}

/**
 * The structure alone (no entities, no quotes), from the small module: `{ doc, json }`. The
 * same JSON as `parseText` gives, with every `entities` and `quotes` empty.
 */
export async function parseStructure(text, opts = {}) {
  await loadStructure();
  const json = parseStructureJson(String(text ?? ''), options(opts));
  return { doc: JSON.parse(json), json };
}

function options(opts) {
  const o = {};
  if (opts && opts.referenceDate) o.referenceDate = String(opts.referenceDate);
  return o;
}

function abortError() {
  return new DOMException('The parse was superseded.', 'AbortError');
}

/** Runs one job in a fresh module worker; terminates it when done or aborted. */
function inWorker(message, transfer, { signal, onProgress } = {}) {
  return new Promise((resolve, reject) => {
    if (signal && signal.aborted) return reject(abortError());
    let worker;
    try {
      worker = new Worker(new URL('./parser-worker.js', import.meta.url), { type: 'module' });
    } catch (e) {
      return reject(e); // e.g. the module is served from another origin than the page
    }
    const stop = () => { worker.terminate(); reject(abortError()); };
    if (signal) signal.addEventListener('abort', stop, { once: true });
    const parts = [];
    worker.onmessage = (ev) => {
      const m = ev.data;
      if (m.type === 'progress') { if (onProgress) onProgress(m.stage); return; }
      if (m.type === 'part') { parts.push(m); return; } // a slice of a big Document's array
      if (m.type === 'done' && m.doc) {
        // Put the slices back, in order (each arrived in its own short task).
        for (const { path, items } of parts) {
          const [a, b] = path.split('.');
          const arr = b ? m.doc[a][b] : m.doc[a];
          for (const it of items) arr.push(it);
        }
      }
      worker.terminate();
      if (signal) signal.removeEventListener('abort', stop);
      if (m.type === 'error') reject(new Error(m.message));
      else resolve(m);
    };
    worker.onerror = (ev) => {
      worker.terminate();
      if (signal) signal.removeEventListener('abort', stop);
      reject(new Error(ev.message || 'worker failed'));
    };
    worker.postMessage(message, transfer || []);
  });
}

/**
 * Parses `text` → `{ doc, json }`: `json` is the contract's exact JSON string (as the CLI writes
 * it), `doc` the same as an object. `onProgress(stage)` reports 'loading' | 'parsing' | 'reading'.
 * `onStructure({ doc, json })`, when given, is called first with the structure alone while the
 * full module is still loading (the first parse of a page); later parses skip it.
 */
export async function parseText(text, opts = {}, { signal, onProgress, onStructure, forceWorker = false } = {}) {
  text = String(text ?? '');
  const worker = (forceWorker || text.length > WORKER_THRESHOLD) && typeof Worker === 'function';
  const blank = !text.trim();
  if ((onStructure || blank) && !full && !worker) {
    // The small module first, alone (it is already on its way: see the end of this file); the
    // full one is fetched once the structure is on screen.
    try {
      const s = await parseStructure(text, opts);
      if (signal && signal.aborted) throw abortError();
      // No paragraphs, no inserts: no entities or quotes either, this is the whole Document.
      if (!s.doc.article.paragraphs.length && !s.doc.inserts.length) return { ...s, worker: false };
      if (!full && onStructure) onStructure(s);
    } catch (e) {
      if (e && e.name === 'AbortError') throw e;
      // The small module failed (or the options are bad): the full parse below says why.
    }
  }
  if (worker) {
    try {
      const m = await inWorker({ op: 'parse', text, options: options(opts) }, [], { signal, onProgress });
      if (onProgress) onProgress('reading');
      if (m.jsonBytes) {
        let json = null;
        return { doc: m.doc, get json() { return (json ??= new TextDecoder().decode(m.jsonBytes)); }, worker: true };
      }
      return { doc: JSON.parse(m.json), json: m.json, worker: true };
    } catch (e) {
      if (e && e.name === 'AbortError') throw e;
      // A worker could not start (cross-origin module, old browser): parse here instead.
    }
  }
  if (onProgress) onProgress('loading');
  await load();
  if (signal && signal.aborted) throw abortError();
  if (onProgress) onProgress('parsing');
  const json = parseJson(text, options(opts));
  if (onProgress) onProgress('reading');
  return { doc: JSON.parse(json), json, worker: false };
}

/** Reads file bytes as text → `{ text, encoding, warning }` (`encoding: "binary"` = refused). */
export async function decodeBytes(bytes, { signal, onProgress } = {}) {
  if (!(bytes instanceof Uint8Array)) bytes = new Uint8Array(bytes);
  if (bytes.length > WORKER_THRESHOLD && typeof Worker === 'function') {
    try {
      const copy = bytes.slice();
      const m = await inWorker({ op: 'decode', bytes: copy }, [copy.buffer], { signal, onProgress });
      return m.decoded;
    } catch (e) {
      if (e && e.name === 'AbortError') throw e;
    }
  }
  await load();
  return wasmDecode(bytes);
}

/** The crate version (both modules are built from the same crate). */
export async function version() {
  await loadStructure();
  return wasmVersion();
}

// The small module is what the first render needs: start fetching it as soon as this file loads.
loadStructure().catch(() => {});
