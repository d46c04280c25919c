// parser-worker.js — runs one parse or decode off the main thread for large inputs (parser.js).
import init, { parseJson, decode } from './pkg/maqal.js';

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
      self.postMessage({ type: 'done', json: parseJson(m.text, m.options || {}) });
    }
  } catch (e) {
    self.postMessage({ type: 'error', message: String((e && e.message) || e) });
  }
};
