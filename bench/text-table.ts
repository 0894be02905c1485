/**
 * Plain-text tables for the benchmark report: a title, a header row and right-aligned columns, readable
 * in a terminal and pasteable into Markdown.
 */

/** A cell that reads as a number: digits with an optional sign, ratio mark or unit. */
const NUMBER_CELL = /^[-+]?[\d.,]+ ?(×|%|ms|s)?$/;

/** One table: a title, column headers, and rows of cells already formatted as text. */
export interface TextTable {
  /** Printed above the table. */
  readonly title: string;
  /** Column headers. */
  readonly columns: readonly string[];
  /** Rows of cells, one per column. */
  readonly rows: readonly (readonly string[])[];
  /** Lines printed under the table (what a column means, how it was measured). */
  readonly notes?: readonly string[];
}

/**
 * Renders a table as Markdown (pipes and a separator row), with columns padded so it also reads as
 * plain text. Columns of numbers are right-aligned, columns of words left-aligned.
 * @param table - the table
 * @returns the rendered lines joined with newlines
 */
export function renderTable(table: TextTable): string {
  const cell = (row: readonly string[], column: number): string => row[column] ?? '';
  const widths = table.columns.map((header, column) => Math.max(header.length, ...table.rows.map((row) => cell(row, column).length)));
  const numeric = table.columns.map((_, column) => table.rows.every((row) => NUMBER_CELL.test(cell(row, column))));
  const line = (cells: readonly string[]): string =>
    `| ${widths.map((width, column) => (numeric[column] ? cell(cells, column).padStart(width) : cell(cells, column).padEnd(width))).join(' | ')} |`;
  const separator = `| ${widths.map((width, column) => (numeric[column] ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width))).join(' | ')} |`;
  const notes = (table.notes ?? []).map((note) => `  ${note}`);
  return [`### ${table.title}`, '', line(table.columns), separator, ...table.rows.map(line), ...(notes.length > 0 ? ['', ...notes] : [])].join('\n');
}

/**
 * Formats a number with about three significant digits and no exponent.
 * @param value - the number
 * @returns the text, e.g. `0.153`, `12.7`, `860`
 */
export function formatFigure(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return Math.round(value).toString();
  if (magnitude >= 10) return value.toFixed(1);
  if (magnitude >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}

/**
 * Formats a page count in binary units, e.g. `64 Mi`.
 * @param pages - a page count
 * @returns the text
 */
export function formatPages(pages: number): string {
  if (pages >= 2 ** 20 && pages % 2 ** 20 === 0) return `${pages / 2 ** 20} Mi`;
  if (pages >= 2 ** 10 && pages % 2 ** 10 === 0) return `${pages / 2 ** 10} Ki`;
  return String(pages);
}
