// www/maqal-article.d.ts against real Documents: every reviewed seeds/*.json and the WASM output
// for every fixture (run in Node) must type-check as `Document` with `tsc --strict` (object
// literals: a missing or an extra field is an error), and so must a typical embedder's code.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WWW, fixtures } from './helpers.js';

const here = dirname(fileURLToPath(import.meta.url));

test('maqal-article.d.ts describes every Document the fixtures give', async (t) => {
  const m = await import(join(WWW, 'pkg', 'maqal.js'));
  m.initSync({ module: readFileSync(join(WWW, 'pkg', 'maqal_bg.wasm')) });
  const dir = join(here, '.tsc');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const docs = [];
  for (const f of fixtures()) {
    const decoded = m.decode(new Uint8Array(f.bytes));
    docs.push([`${f.name} (wasm)`, m.parse(decoded.text)]);
    docs.push([`${f.name} (decode)`, decoded]);
    if (f.expected) docs.push([`${f.name} (json)`, JSON.parse(f.expected)]);
  }
  const lines = [
    'import type { Decoded, Document, MaqalArticle } from "../../../www/maqal-article";',
    'import type * as Wasm from "../../../www/pkg/maqal";',
  ];
  docs.forEach(([name, d], i) => {
    lines.push(`// ${name}`);
    lines.push(`export const d${i}: ${name.endsWith('(decode)') ? 'Decoded' : 'Document'} = ${JSON.stringify(d)};`);
  });
  lines.push(`
declare const w: typeof Wasm;
export const parsed: Document = w.parse("نص", { referenceDate: "2024-06-12" });
export const parsed2: Document = w.parse("نص");
export const json: string = w.parseJson("نص");
export const el: MaqalArticle = document.createElement("maqal-article");
el.text = "نص";
el.referenceDate = "2024-06-12";
el.addEventListener("maqal-parsed", (e) => { const h: string | undefined = e.detail.article.headline?.text; void h; });
export const later: Promise<Document> = el.parsed;
export const first: number = (el.result?.article.entities[0]?.mentions[0] ?? [0, 0])[0];
`);
  writeFileSync(join(dir, 'check.ts'), lines.join('\n'));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: 'es2022', module: 'es2022', moduleResolution: 'bundler', lib: ['es2022', 'dom'], skipLibCheck: false, types: [] },
    files: ['check.ts'],
  }));
  const tsc = join(here, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    assert.fail(`tsc found type errors:\n${(e.stdout || '').slice(0, 4000)}`);
  }
  t.diagnostic(`${docs.length} values type-checked`);
});
