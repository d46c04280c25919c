// maqal-article-styles.js — the element's shadow styles, as a constructable stylesheet (no inline
// <style>, so a strict page CSP keeps working). Everything themable is a CSS custom property:
//   --maqal-font, --maqal-heading-font, --maqal-font-size, --maqal-line-height, --maqal-fg, --maqal-bg,
//   --maqal-muted, --maqal-accent, --maqal-border, --maqal-surface, --maqal-radius, --maqal-max-width,
//   --maqal-person, --maqal-place, --maqal-organization (mention colours).
// Colours follow the host page's `color-scheme` (light-dark()).

const css = String.raw`
:host {
  display: block;
  direction: rtl;
  unicode-bidi: isolate;
  text-align: start;
  --_font: var(--maqal-font, "Noto Naskh Arabic", "Amiri", "Geeza Pro", "Traditional Arabic", "Segoe UI", Tahoma, "DejaVu Sans", serif);
  --_ui: var(--maqal-ui-font, "Noto Sans Arabic", "Segoe UI", Tahoma, "Geeza Pro", "DejaVu Sans", sans-serif);
  --_heading: var(--maqal-heading-font, "Noto Kufi Arabic", "Noto Sans Arabic", "Segoe UI", Tahoma, "DejaVu Sans", sans-serif);
  --_fg: var(--maqal-fg, light-dark(#1d1d22, #e9e7e2));
  --_bg: var(--maqal-bg, light-dark(#ffffff, #17181c));
  --_muted: var(--maqal-muted, light-dark(#575a63, #b3b1ab));
  --_accent: var(--maqal-accent, light-dark(#0b6b58, #6fd4bb));
  --_border: var(--maqal-border, light-dark(#d9d6cf, #3a3c43));
  --_surface: var(--maqal-surface, light-dark(#f6f4ef, #202228));
  --_radius: var(--maqal-radius, 0.6rem);
  --_person: var(--maqal-person, light-dark(#1f4fbf, #8db3ff));
  --_place: var(--maqal-place, light-dark(#17703a, #7fd69c));
  --_org: var(--maqal-organization, light-dark(#9a4a00, #ffb56b));
  font-family: var(--_font);
  font-size: var(--maqal-font-size, 1.125rem);
  line-height: var(--maqal-line-height, 1.9);
  color: var(--_fg);
  background: var(--_bg);
  border-radius: var(--_radius);
  max-width: var(--maqal-max-width, none);
  overflow-wrap: anywhere;
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
:focus-visible { outline: 3px solid var(--_accent); outline-offset: 2px; border-radius: 3px; }

/* Colour set again inside: a host rule on the element itself (* { color: red !important }) must not
   recolour the article; theme it with --maqal-fg. */
.frame { padding: var(--maqal-padding, 1.25rem); color: var(--_fg); }
.status { font-family: var(--_ui); font-size: 0.9rem; color: var(--_muted); min-height: 0; }
.status:empty { display: none; }
.status progress { inline-size: 10rem; vertical-align: middle; margin-inline-end: 0.5rem; accent-color: var(--_accent); }
.status.error { color: light-dark(#a01818, #ff9c9c); }
:host([aria-busy="true"]) .view { opacity: 0.55; transition: opacity 0.2s; }

.empty { color: var(--_muted); font-family: var(--_ui); margin: 0; }
.pending { color: var(--_muted); font-family: var(--_ui); font-size: .9em; margin: 1em 0 0; }
h2, h3, h4 { font-family: var(--_heading); line-height: 1.5; margin: 0; font-weight: 700; }
h2 { font-size: 1.6em; }
h3 { font-size: 1.15em; }
h4 { font-size: 1em; }
.header { margin-block-end: 1rem; }
.headline, [part~="headline"] { color: var(--_fg); }
.untitled { color: var(--_muted); font-weight: 400; font-size: 1.2em; }
.byline, .meta { font-family: var(--_ui); font-size: 0.85rem; color: var(--_muted); margin: 0.35rem 0 0; }
.byline .label { color: var(--_muted); }
.byline bdi { color: var(--_fg); font-weight: 600; }

.warnings { list-style: none; padding: 0.6rem 0.9rem; margin: 0 0 1rem; border-inline-start: 4px solid light-dark(#b7791f, #f0c060);
  background: light-dark(#fff8e6, #2d2614); border-radius: 0.4rem; font-family: var(--_ui); font-size: 0.9rem; }

.body p { margin: 0 0 0.9em; }
/* In a very large document (class "big"), off-screen paragraphs and cards skip layout and paint,
   so tens of thousands of blocks stay responsive while they are appended. */
.big .body p, .big .card, .big .related-list li, .big .removed-list li { content-visibility: auto; contain-intrinsic-size: auto 3lh; }
.big .card { contain-intrinsic-size: auto 30em; }
.body [part~="lead"] { font-size: 1.18em; font-weight: 600; line-height: 1.85; padding-inline-start: 0.9rem;
  border-inline-start: 4px solid var(--_accent); margin-block-end: 1.1em; }

mark.mention { background: transparent; color: inherit; border-bottom: 2px solid; padding: 0 0.05em; border-radius: 2px; }
mark.person { border-bottom-style: solid; border-color: var(--_person); background: color-mix(in srgb, var(--_person) 9%, transparent); }
mark.place { border-bottom-style: dashed; border-color: var(--_place); background: color-mix(in srgb, var(--_place) 9%, transparent); }
mark.organization { border-bottom-style: dotted; border-bottom-width: 3px; border-color: var(--_org); background: color-mix(in srgb, var(--_org) 9%, transparent); }
mark.mention.active { background: color-mix(in srgb, currentColor 0%, light-dark(#ffe58a, #6b5a12)); outline: 2px solid var(--_accent); }

.footer { display: flex; flex-wrap: wrap; gap: 0.6rem 1.2rem; align-items: center; padding-block: 0.8rem; border-block: 1px solid var(--_border);
  font-family: var(--_ui); font-size: 0.9rem; margin-block: 0.5rem 1rem; }
.source { margin: 0; }
.source .label { color: var(--_muted); }
.source .value { font-weight: 700; }
.tags { list-style: none; display: flex; flex-wrap: wrap; gap: 0.4rem; padding: 0; margin: 0; }
.tag { border: 1px solid var(--_border); background: var(--_surface); border-radius: 999px; padding: 0.05rem 0.75rem; font-size: 0.85rem; }

.panels { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 17rem), 1fr)); margin-block: 1rem; font-family: var(--_ui); font-size: 0.92rem; line-height: 1.7; }
.panel { background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); padding: 0.8rem 1rem; min-width: 0; }
.panel h3, .panel h4 { font-size: 1rem; margin-block-end: 0.5rem; }
.group + .group { margin-block-start: 0.6rem; }
.group-title { margin: 0 0 0.25rem; font-weight: 700; color: var(--_muted); font-size: 0.85rem; }
.swatch { display: inline-block; inline-size: 1.2em; block-size: 0; border-bottom: 3px solid; vertical-align: middle; margin-inline-end: 0.4em; }
.swatch.person { border-color: var(--_person); border-bottom-style: solid; }
.swatch.place { border-color: var(--_place); border-bottom-style: dashed; }
.swatch.organization { border-color: var(--_org); border-bottom-style: dotted; }
.entity-list, .quote-list, .date-list, .related-list, .removed-list { padding: 0; margin: 0; list-style: none; }
.entity-list { display: flex; flex-wrap: wrap; gap: 0.4rem 0.7rem; align-items: start; }
.entity-list li { max-width: 100%; }
button.entity { font: inherit; color: inherit; background: var(--_bg); border: 1px solid var(--_border); border-radius: 0.4rem; padding: 0.05rem 0.5rem; cursor: pointer; text-align: start; }
button.entity .name { font-weight: 700; border-bottom: 2px solid; }
button.entity.person .name { border-color: var(--_person); }
button.entity.place .name { border-color: var(--_place); border-bottom-style: dashed; }
button.entity.organization .name { border-color: var(--_org); border-bottom-style: dotted; }
button.entity .count { color: var(--_muted); font-size: 0.85em; }
button.entity.active, button.entity[aria-pressed="true"] { border-color: var(--_accent); background: color-mix(in srgb, var(--_accent) 14%, var(--_bg)); }
.roles { display: block; color: var(--_muted); font-size: 0.8em; padding-inline-start: 0.4rem; max-width: 16rem; }
.panel.quotes { grid-column: 1 / -1; }
.quote-list { display: grid; gap: 0.6rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 18rem), 1fr)); }
.quote-list li { display: flex; }
.quote-list .quote { flex: 1; }
.quote { margin: 0; background: var(--_bg); border: 1px solid var(--_border); border-inline-start: 4px solid var(--_accent); border-radius: 0.4rem; padding: 0.5rem 0.7rem; }
.quote.indirect { border-inline-start-style: dashed; }
.quote blockquote { margin: 0; font-family: var(--_font); }
.quote.direct blockquote::before { content: "«"; color: var(--_muted); }
.quote.direct blockquote::after { content: "»"; color: var(--_muted); }
.quote figcaption { font-size: 0.85em; color: var(--_muted); margin-block-start: 0.25rem; }
.quote .speaker { font-weight: 700; color: var(--_fg); }
.badge { display: inline-block; font-size: 0.78em; border: 1px solid var(--_border); border-radius: 999px; padding: 0 0.5rem; margin-inline-start: 0.3rem; color: var(--_muted); }
.date-list li { margin-block: 0.2rem; }
.date-list .iso { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.9em; }
.date-list .iso.unknown { font-family: inherit; color: var(--_muted); }
.arrow { color: var(--_muted); }

.inserts, .related, .removed { margin-block-start: 1.5rem; }
.inserts > h2, .related > h2 { font-size: 1.1em; color: var(--_muted); margin-block-end: 0.6rem; }
.card { background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); padding: 1rem 1.1rem; }
.card + .card { margin-block-start: 1rem; }
.card:focus { outline: 3px solid var(--_accent); }
.insert-label { margin: 0; font-family: var(--_ui); font-size: 0.8rem; color: var(--_accent); font-weight: 700; }
.insert h3 { margin-block: 0.2rem 0.6rem; }
.insert .body { font-size: 0.95em; }
.insert .body [part~="lead"] { font-size: 1.05em; }
.insert-panels { font-family: var(--_ui); font-size: 0.9rem; }
.insert-panels > summary { cursor: pointer; color: var(--_muted); }
.related-label { font-family: var(--_ui); font-weight: 700; margin: 0 0 0.3rem; }
.related-list { font-family: var(--_ui); font-size: 0.95rem; counter-reset: rel; }
.related-list li { padding: 0.35rem 0; border-bottom: 1px solid var(--_border); }
.related-list .count { font-size: 0.8em; color: var(--_muted); border: 1px solid var(--_border); border-radius: 999px; padding: 0 0.45rem; }
.insert-link { color: var(--_accent); font-size: 0.85em; white-space: nowrap; }
.removed { font-family: var(--_ui); font-size: 0.9rem; border: 1px dashed var(--_border); border-radius: var(--_radius); padding: 0.5rem 0.9rem; }
.removed > summary { cursor: pointer; color: var(--_muted); }
.removed-list li { padding: 0.25rem 0; border-bottom: 1px dotted var(--_border); color: var(--_muted); }
.removed-list .kind { display: inline-block; font-size: 0.75rem; background: var(--_surface); border: 1px solid var(--_border); border-radius: 0.3rem;
  padding: 0 0.4rem; margin-inline-end: 0.4rem; color: var(--_fg); }
summary:focus-visible { outline: 3px solid var(--_accent); }

@media (max-width: 480px) {
  :host { font-size: var(--maqal-font-size, 1.05rem); }
  .frame { padding: var(--maqal-padding, 0.9rem); }
  h2 { font-size: 1.35em; }
}
@media (prefers-reduced-motion: reduce) { * { transition: none !important; scroll-behavior: auto !important; } }
`;

let sheet = null;
/** The shared stylesheet (built once). */
export function styles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  return sheet;
}
