// maqal-article.d.ts — types for embedders: the Document (JSON contract v1, src/CONTRACT.md) and
// the <maqal-article> element. Checked against every seeds/*.json by the e2e tests (tsc --strict).

/** A half-open range [start, end] in UTF-16 code units of the input: `input.slice(start, end)`. */
export type Span = [number, number];

/** A piece of the input as written, and where it is. `text === input.slice(...span)`. */
export interface Text {
  text: string;
  span: Span;
}

export type Kind =
  | "headline" | "byline" | "dateline" | "paragraph" | "source" | "tags" | "insert_label"
  | "related_label" | "related_item" | "caption" | "boilerplate" | "unknown";

/** One block of the input: a paragraph, a line of a list, a marker line, a chrome line. */
export interface Block {
  kind: Kind;
  text: string;
  span: Span;
  /** The insert this block belongs to (its label, headline, paragraphs), else null. */
  insert: number | null;
}

export type EntityKind = "person" | "place" | "organization";

export interface Entity {
  /** The fullest form the article uses, as written at its first occurrence. */
  name: string;
  kind: EntityKind;
  /** Title phrases given to it, as written (`وزير الخارجية الأمريكي`). */
  roles: string[];
  mentions: Span[];
}

export interface Quote {
  speaker: string | null;
  /** Index into the same article's `entities`. */
  entity: number | null;
  /** The speech verb as written (`وأضاف`, `مشيرًا`). */
  verb: Text;
  content: Text;
  /** True when the content is between quotation marks. */
  direct: boolean;
}

export interface DateMention {
  text: string;
  span: Span;
  /** ISO 8601: `2024-07-04`, `2024-07`, `--07-04`, `2024-07-04T10:00`; null when unknown. */
  value: string | null;
  calendar: "gregorian" | "hijri";
  /** Counts from another day (`أمس`, `اليوم`, a weekday alone). */
  relative: boolean;
}

export interface Article {
  headline: Text | null;
  authors: Text[];
  published: DateMention | null;
  /** Body paragraphs; `paragraphs[0]` is the lead. */
  paragraphs: Text[];
  entities: Entity[];
  quotes: Quote[];
  dates: DateMention[];
}

export interface Insert {
  /** The marker as written (`إقرأ أيضاً`). */
  label: Text;
  article: Article;
}

export interface Related {
  title: Text;
  /** How many times the title occurs (duplicates merged). */
  occurrences: number;
  /** The list's heading as written (`مقالات مشابهة`). */
  label: string | null;
  /** Index into `inserts` when the title is an insert's headline. */
  insert: number | null;
}

export interface Stats {
  characters: number;
  words: number;
  paragraphs: number;
  reading_minutes: number;
}

export interface Warning {
  /** Stable code: `decoded-windows-1256`, `decoded-utf-16`, `invalid-utf-8-replaced`, `mojibake`, `not-arabic`, `binary`, … */
  code: string;
  /** An English sentence; interfaces translate by code. */
  message: string;
}

/** The parse result (contract version 1). */
export interface Document {
  version: 1;
  /** BCP 47 guess: `"ar"`, `"fa"`, `"ur"`, `"en"`, … or `"und"`. */
  lang: string;
  dir: "rtl" | "ltr";
  article: Article;
  inserts: Insert[];
  source: Text | null;
  tags: Text[];
  related: Related[];
  boilerplate: Block[];
  blocks: Block[];
  stats: Stats;
  warnings: Warning[];
}

/** Options for `parse`/`parseJson` (`www/pkg/maqal.js`) and the element's `reference-date`. */
export interface Options {
  /** `YYYY-MM-DD`: the day relative dates (`أمس`, `الثلاثاء الماضي`) count from. */
  referenceDate?: string;
}

/** `decode(bytes)`: a file's text and how it was read; `encoding: "binary"` means refused. */
export interface Decoded {
  text: string;
  encoding: string;
  warning: Warning | null;
}

/** Detail of `maqal-progress`. */
export interface MaqalProgress {
  stage: "loading" | "decoding" | "parsing" | "reading" | "rendering";
  value: number;
  max: number;
}

/** `<maqal-article>`: raw article text in (light-DOM text, `text`, or `src`), the structured
 * article rendered right to left in Shadow DOM. Fires `maqal-parsed` (detail: Document). */
export declare class MaqalArticle extends HTMLElement {
  /** Registers the class as `tag` (default `maqal-article`); no-op when already registered. */
  static define(tag?: string, registry?: CustomElementRegistry): typeof MaqalArticle;
  static readonly observedAttributes: string[];
  /** The input text. Setting it wins over the light DOM and an earlier `src`. */
  text: string;
  /** URL of a text file (`.txt`, `.md`, `.html`), decoded like an opened file. Mirrors `src`. */
  src: string;
  /** `YYYY-MM-DD`; mirrors `reference-date`. */
  referenceDate: string;
  /** A decoding warning to show first and put first in `result.warnings` (reset by `text`). */
  decodeWarning: Warning | null;
  /** The last parsed Document, or null before the first parse. */
  readonly result: Document | null;
  /** The last Document as compact JSON (the contract's bytes), or null. */
  readonly json: string | null;
  /** Resolves with the Document once the current input is parsed and rendered. */
  readonly parsed: Promise<Document>;
  addEventListener<K extends keyof MaqalArticleEventMap>(type: K, listener: (this: MaqalArticle, ev: MaqalArticleEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

export interface MaqalArticleEventMap extends HTMLElementEventMap {
  "maqal-parsed": CustomEvent<Document>;
  /** The first parse of a page: the structure alone (entities and quotes empty), shown while
   * the full module loads; `maqal-parsed` follows with the whole Document. */
  "maqal-structure": CustomEvent<Document>;
  "maqal-progress": CustomEvent<MaqalProgress>;
  "maqal-error": CustomEvent<{ message: string; cause?: unknown }>;
}

declare global {
  interface HTMLElementTagNameMap {
    "maqal-article": MaqalArticle;
  }
  interface HTMLElementEventMap {
    "maqal-parsed": CustomEvent<Document>;
  }
}
