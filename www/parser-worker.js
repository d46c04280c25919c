// parser-worker.js — runs one parse or decode off the main thread for large inputs (parser.js).
import init, { parseJson, decode } from './pkg/maqal.js';

/** Documents whose JSON is longer than this are sent in slices. */
const CHUNK_CHARS = 256 * 1024;

/** The Document's arrays that grow with the input: [path, owner, key]. */
function arraysOf(doc) {
  const out = [];
  for (const key of ['blocks', 'boilerplate', 'related', 'tags', 'inserts']) if (Array.isArray(doc[key])) out.push([key, doc, key]);
  for (const key of ['paragraphs', 'entities', 'quotes', 'dates']) if (Array.isArray(doc.article[key])) out.push([`article.${key}`, doc.article, key]);
  return out;
}

self.onmessage = async (ev) => {
  const m = ev.data;
  try {
    self.postMessage({ type: 'progress', stage: 'loading' });
    await init();
    if (m.op === 'decode') {
      self.postMessage({ type: 'progress', stage: 'decoding' });
      self.postMessage({ type: 'done', decoded: decode(m.bytes) });
    } else {
      self.postMessage({ type: 'progress', stage: 'parsing' });
      const json = parseJson(m.text, m.options || {});
      if (json.length < CHUNK_CHARS) {
        self.postMessage({ type: 'done', json });
        return;
      }
      // A big Document: the page must not spend one long task on JSON.parse or on cloning one
      // huge object. Its long arrays go in slices of about CHUNK_CHARS of JSON each (each message
      // is a short task on the main thread), then the rest of the Document and the JSON string.
      self.postMessage({ type: 'progress', stage: 'sending' });
      const doc = JSON.parse(json);
      for (const [path, owner, key] of arraysOf(doc)) {
        const items = owner[key];
        owner[key] = [];
        let slice = [];
        let size = 0;
        for (const item of items) {
          slice.push(item);
          size += JSON.stringify(item).length;
          if (size >= CHUNK_CHARS) {
            self.postMessage({ type: 'part', path, items: slice });
            slice = [];
            size = 0;
          }
        }
        if (slice.length) self.postMessage({ type: 'part', path, items: slice });
      }
      // The JSON as bytes, moved (not copied) to the page, which decodes it only when asked.
      const bytes = new TextEncoder().encode(json);
      self.postMessage({ type: 'done', jsonBytes: bytes, doc }, [bytes.buffer]);
    }
  } catch (e) {
    self.postMessage({ type: 'error', message: String((e && e.message) || e) });
  }
};
