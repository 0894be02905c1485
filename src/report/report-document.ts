/**
 * The report as a list of blocks, built once from the oracle's results and rendered twice (HTML and
 * Markdown), so the two can never disagree.
 */

/** A section heading; level 2 for parts, 3 for sections. The table of contents links to its id. */
export interface HeadingBlock {
  readonly kind: 'heading';
  readonly level: 2 | 3;
  readonly text: string;
  /** The anchor: lower-case words of the text joined by dashes unless given. */
  readonly id: string;
}

/** Whether a finding was expected: shown in colour and in words. */
export interface StatusBlock {
  readonly kind: 'status';
  readonly status: 'known' | 'new';
  readonly text: string;
}

/** The table of contents: every heading after it, linked by anchor. */
export interface ContentsBlock {
  readonly kind: 'contents';
  readonly entries: readonly { readonly level: 2 | 3; readonly text: string; readonly id: string }[];
}

/** A paragraph of plain text; `**bold**` and `` `code` `` are the only markup. */
export interface ParagraphBlock {
  readonly kind: 'paragraph';
  readonly text: string;
}

/** A table; cells are plain text with the same markup as paragraphs. */
export interface TableBlock {
  readonly kind: 'table';
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Columns whose cells are numbers, right-aligned. */
  readonly numeric?: readonly number[];
}

/** A figure: an SVG drawing with an id (its file name in the Markdown report) and a caption. */
export interface FigureBlock {
  readonly kind: 'figure';
  readonly id: string;
  readonly svg: string;
  readonly caption: string;
}

/** Preformatted text, e.g. a counterexample as the command line prints it. */
export interface CodeBlock {
  readonly kind: 'code';
  readonly text: string;
}

/** Any block of the report. */
export type ReportBlock = HeadingBlock | ParagraphBlock | TableBlock | FigureBlock | CodeBlock | StatusBlock | ContentsBlock;

/**
 * The anchor a heading gets by default, as GitHub derives it: lower case, markup and punctuation
 * dropped, spaces to dashes.
 * @param text - the heading text
 * @returns the anchor
 */
export function anchorOf(text: string): string {
  return text.toLowerCase().replace(/[`*]/g, '').replace(/[^\p{L}\p{N}\s-]/gu, '').trim().replace(/\s/g, '-');
}

/**
 * Builds a heading block.
 * @param level - 2 or 3
 * @param text - the heading
 * @param id - its anchor (default: derived from the text)
 * @returns the block
 */
export const heading = (level: 2 | 3, text: string, id = anchorOf(text)): HeadingBlock => ({ kind: 'heading', level, text, id });

/**
 * Builds the table of contents of the blocks, from their headings.
 * @param blocks - the report's blocks
 * @returns the contents block
 */
export function contentsOf(blocks: readonly ReportBlock[]): ContentsBlock {
  return { kind: 'contents', entries: blocks.flatMap((b) => (b.kind === 'heading' ? [{ level: b.level, text: b.text, id: b.id }] : [])) };
}

/**
 * Builds a paragraph block.
 * @param text - the text
 * @returns the block
 */
export const paragraph = (text: string): ParagraphBlock => ({ kind: 'paragraph', text });
