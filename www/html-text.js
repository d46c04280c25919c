// html-text.js — an .html file → plain text, for the parser.
//
// Uses DOMParser, which builds a detached document: no script runs, nothing is fetched, nothing
// is inserted into the page. Block elements become line breaks (paragraph-like ones a blank line),
// scripts, styles and form controls are dropped.

const BLOCK_TAGS = new Set(['ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE',
  'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE',
  'TR', 'UL', 'CAPTION', 'DETAILS', 'SUMMARY', 'TD', 'TH']);
const PARA_TAGS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'PRE', 'FIGURE', 'TABLE', 'UL', 'OL', 'HR', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'NAV', 'ASIDE']);
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'CANVAS', 'HEAD', 'BUTTON', 'SELECT', 'TEXTAREA', 'INPUT']);

/** HTML → text through DOMParser: a detached document (no script runs, nothing loads, nothing is
 * inserted into the page); block elements become line breaks, paragraphs blank lines. */
/** Drops <style>/<script> elements and renames inline `on…=` and `style=` attributes before
 * parsing: they would never run in the detached document, but the page's CSP would still log a
 * violation for each one. Quoted attribute values may contain `>`. */
function neutralize(html) {
  return html
    .replace(/<(style|script)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[a-zA-Z](?:[^<>"']|"[^"]*"|'[^']*')*>/g, (tag) => tag.replace(/(\s)(on[a-z]+|style)(?=\s*=|[\s/>])/gi, '$1data-x-$2'));
}

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

