// html-text.js — an .html file → plain text, for the parser.
//
// Uses DOMParser, which builds a detached document: no script runs, nothing is fetched, nothing
// is inserted into the page. Block elements become line breaks (paragraph-like ones a blank line),
// scripts, styles and form controls are dropped.

const BLOCK_TAGS = new Set(['ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE',
  'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE',
  'TR', 'UL', 'CAPTION', 'DETAILS', 'SUMMARY', 'TD', 'TH']);
const PARA_TAGS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'PRE', 'FIGURE', 'TABLE', 'UL', 'OL', 'HR', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'NAV', 'ASIDE']);
const SKIP_TAGS = new Set(['X-SCRIPT', 'X-STYLE', 'X-TITLE', 'X-TEXTAREA', 'X-IFRAME', 'X-NOEMBED', 'X-NOFRAMES', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'CANVAS', 'HEAD', 'BUTTON', 'SELECT', 'TEXTAREA', 'INPUT']);

/** Drops <style>/<script> elements and renames inline `on…=` and `style=` attributes before
 * parsing: they would never run in the detached document, but the page's CSP would still log a
 * violation for each one (Chromium checks handlers and inline styles as they are parsed). A regex
 * is not enough for hostile markup (`<svg/onload=…>`, a tag left open, `<style>` inside MathML,
 * comments holding quotes), so the start tags are found the way the HTML tokenizer finds them, and
 * any element whose content the tokenizer would read as raw text is renamed (`<x-style>`…) so
 * that its content is scanned like the rest. Renaming more than needed is harmless; less is not. */
const RAW = /<(\/?)(script|style|title|textarea|xmp|iframe|noembed|noframes|plaintext)(?=[\t\n\f\r />])/gi;
const WS = /[\t\n\f\r ]/;
const inert = (name) => /^(on|style$)/i.test(name);

function neutralize(html) {
  html = html.replace(/<(style|script)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ').replace(RAW, '<$1x-$2');
  let out = '';
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) { out += html.slice(i); break; }
    out += html.slice(i, lt);
    i = lt;
    if (html.startsWith('<!--', i)) { // a comment, closed as the tokenizer closes it
      let end;
      if (html[i + 4] === '>') end = i + 5;
      else if (html.startsWith('->', i + 4)) end = i + 6;
      else {
        const a = html.indexOf('-->', i + 4);
        const b = html.indexOf('--!>', i + 4);
        end = a < 0 && b < 0 ? n : a < 0 ? b + 4 : b < 0 || a < b ? a + 3 : b + 4;
      }
      out += html.slice(i, end);
      i = end;
      continue;
    }
    if (!/[a-zA-Z]/.test(html[i + 1] || '')) { out += '<'; i++; continue; } // text, end tag, <!…>: scanned as text
    let j = i + 1;
    while (j < n && !WS.test(html[j]) && html[j] !== '/' && html[j] !== '>') j++;
    out += html.slice(i, j);
    i = j;
    while (i < n) { // attributes
      const ws = i;
      while (i < n && (WS.test(html[i]) || html[i] === '/')) i++;
      out += html.slice(ws, i);
      if (i >= n) break;
      if (html[i] === '>') { out += '>'; i++; break; }
      const a = i;
      i++; // a name may start with '='
      while (i < n && !WS.test(html[i]) && html[i] !== '/' && html[i] !== '>' && html[i] !== '=') i++;
      const name = html.slice(a, i);
      out += inert(name) ? `data-x-${name}` : name;
      let k = i;
      while (k < n && WS.test(html[k])) k++;
      if (html[k] !== '=') continue;
      k++;
      while (k < n && WS.test(html[k])) k++;
      if (html[k] === '"' || html[k] === "'") {
        const q = html.indexOf(html[k], k + 1);
        k = q < 0 ? n : q + 1;
      } else {
        while (k < n && !WS.test(html[k]) && html[k] !== '>') k++;
      }
      out += html.slice(i, k);
      i = k;
    }
  }
  return out;
}

/** HTML → text through DOMParser: a detached document (no script runs, nothing loads, nothing is
 * inserted into the page); block elements become line breaks, paragraphs blank lines. */
export function htmlToText(html) {
  const doc = new DOMParser().parseFromString(neutralize(html), 'text/html');
  const out = [];
  const walk = (node, pre) => {
    for (let n = node.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === Node.TEXT_NODE) {
        out.push(pre ? n.data : n.data.replace(/[ \t\r\n\f]+/g, ' '));
      } else if (n.nodeType === Node.ELEMENT_NODE) {
        const tag = n.tagName.toUpperCase();
        if (SKIP_TAGS.has(tag)) continue;
        if (tag === 'BR') { out.push('\n'); continue; }
        const block = BLOCK_TAGS.has(tag);
        const para = PARA_TAGS.has(tag);
        if (block) out.push(para ? '\n\n' : '\n');
        walk(n, pre || tag === 'PRE');
        if (block) out.push(para ? '\n\n' : '\n');
      }
    }
  };
  if (doc.body) walk(doc.body, false);
  return out.join('')
    .split('\n').map((l) => l.replace(/^[ \t]+|[ \t]+$/g, '')).join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

