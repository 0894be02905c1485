/**
 * The report as a list of blocks, built once from the oracle's results and rendered twice (HTML and
 * Markdown), so the two can never disagree.
 */

/** A section heading; level 2 for parts, 3 for sections. */
export interface HeadingBlock {
  readonly kind: 'heading';
  readonly level: 2 | 3;
  readonly text: string;
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
export type ReportBlock = HeadingBlock | ParagraphBlock | TableBlock | FigureBlock | CodeBlock;

/**
 * Builds a heading block.
 * @param level - 2 or 3
 * @param text - the heading
 * @returns the block
 */
export const heading = (level: 2 | 3, text: string): HeadingBlock => ({ kind: 'heading', level, text });

/**
 * Builds a paragraph block.
 * @param text - the text
 * @returns the block
 */
export const paragraph = (text: string): ParagraphBlock => ({ kind: 'paragraph', text });
