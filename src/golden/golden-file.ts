/**
 * The golden-file format: text a person can diff. The first line names the file's inputs; every
 * record after it is one line, or a small block whose further lines are indented by two spaces.
 * A record's key is its first line up to the first ` | ` (or the whole line), and keys are unique
 * within a file, so a difference can be reported per record.
 */

/** One record: its key and its full text (one or more lines, without a trailing newline). */
export interface GoldenRecord {
  /** Unique within the file. */
  readonly key: string;
  /** The record as written. */
  readonly text: string;
}

/** A golden file as the code produces it. */
export interface GoldenFile {
  /** Path relative to the golden directory, with `/` separators, e.g. `sync/wordwise.txt`. */
  readonly name: string;
  /** The inputs, written on the first line after `# inputs: `. */
  readonly inputs: string;
  /** The records in order. */
  readonly records: readonly GoldenRecord[];
}

/** The first line's prefix. */
const HEADER = '# inputs: ';

/**
 * Builds a record from its lines; the key is the first line up to ` | `.
 * @param lines - the first line, then any indented lines of a block
 * @returns the record
 */
export function goldenRecord(...lines: string[]): GoldenRecord {
  const [first] = lines;
  return { key: first.split(' | ')[0], text: lines.join('\n') };
}

/**
 * Renders a golden file as text.
 * @param file - the file
 * @returns the text, ending in a newline
 */
export function renderGoldenFile(file: GoldenFile): string {
  return `${HEADER}${file.inputs}\n${file.records.map((record) => `${record.text}\n`).join('')}`;
}

/** A golden file that could not be read, with the line at fault (1-based). */
export class GoldenParseError extends Error {
  override readonly name = 'GoldenParseError';
}

/**
 * Parses a golden file's text back into records.
 * @param name - the file's name, for error messages
 * @param text - the text
 * @returns the file
 * @throws GoldenParseError naming the file and line of the first malformed line
 */
export function parseGoldenFile(name: string, text: string): GoldenFile {
  const lines = text.split('\n');
  const fail = (line: number, what: string) => new GoldenParseError(`${name}:${line}: ${what}`);
  if (!lines[0].startsWith(HEADER)) throw fail(1, `the first line must start with "${HEADER}", got ${JSON.stringify(lines[0].slice(0, 40))}`);
  if (lines[lines.length - 1] !== '') throw fail(lines.length, 'the file must end with a newline');
  const records: GoldenRecord[] = [];
  const keys = new Set<string>();
  let block: string[] = [];
  let blockLine = 0;
  const flush = () => {
    if (block.length === 0) return;
    const record = goldenRecord(...block);
    if (keys.has(record.key)) throw fail(blockLine, `duplicate record key ${JSON.stringify(record.key)}`);
    keys.add(record.key);
    records.push(record);
    block = [];
  };
  for (let index = 1; index < lines.length - 1; index++) {
    const line = lines[index];
    if (line.startsWith('  ')) {
      if (block.length === 0) throw fail(index + 1, 'an indented line must follow a record line');
      block.push(line);
    } else if (line.trim() === '' || /^\s/.test(line)) {
      throw fail(index + 1, 'a record line must start with a non-blank character; block lines are indented by two spaces');
    } else {
      flush();
      block = [line];
      blockLine = index + 1;
    }
  }
  flush();
  return { name, inputs: lines[0].slice(HEADER.length), records };
}

/**
 * Describes how an actual file differs from the expected one, record by record.
 * @param expected - the file on disk
 * @param actual - the file as the code produces it now
 * @returns the lines of a readable diff, empty when they are the same
 */
export function diffGoldenFiles(expected: GoldenFile, actual: GoldenFile): string[] {
  const lines: string[] = [];
  if (expected.inputs !== actual.inputs) lines.push(`  inputs changed:`, `  - ${expected.inputs}`, `  + ${actual.inputs}`);
  const before = new Map(expected.records.map((r) => [r.key, r.text]));
  const after = new Map(actual.records.map((r) => [r.key, r.text]));
  for (const [key, text] of before) {
    const now = after.get(key);
    if (now === undefined) lines.push(`  record "${key}" is gone:`, ...prefixed('-', text));
    else if (now !== text) lines.push(`  record "${key}" changed:`, ...prefixed('-', text), ...prefixed('+', now));
  }
  for (const [key, text] of after) if (!before.has(key)) lines.push(`  record "${key}" is new:`, ...prefixed('+', text));
  const order = (file: GoldenFile) => file.records.map((r) => r.key).join('\n');
  if (lines.length === 0 && order(expected) !== order(actual)) lines.push('  the records are the same but in another order');
  return lines;
}

function prefixed(sign: '-' | '+', text: string): string[] {
  return text.split('\n').map((line) => `  ${sign} ${line}`);
}
