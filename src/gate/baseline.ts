/**
 * Baselines: a reviewed text file of the findings a run is expected to have, so that a gate on code
 * with known findings (a faithful port of QEMU's sync, the built-in QEMU models) shows what changed
 * rather than always reading red. Pure: parsing, writing and comparing, no files.
 *
 * Format, one expected finding per line:
 *
 *     LAW FAMILY [KIND] REASON
 *
 * KIND is `guard`, `sanitizer`, `crash`, `hang` or `plugin-failure`; for a broken law it is `finding` or absent. REASON is free
 * text, required: why the finding is expected. `#` starts a comment line; blank lines are ignored.
 * A line `[NAME]` starts the entries of the implementation NAME, for a file that covers several;
 * entries before any such line apply to whichever implementation the file is used with.
 */
import { rangeError } from '../check.ts';
import type { LawId } from '../sync/laws/law.ts';
import { failuresOf, type GateOutcome, type GateRun, type OutcomeKind } from './gate-outcome.ts';

/** One expected finding. */
export interface BaselineEntry {
  /** The implementation's name, or undefined for a file about one implementation. */
  readonly implementation?: string;
  /** The law. */
  readonly law: LawId;
  /** The case family. */
  readonly family: string;
  /** How the check fails. */
  readonly kind: Exclude<OutcomeKind, 'held'>;
  /** Why this is expected. */
  readonly reason: string;
}

/** The kinds written in a baseline's KIND column. */
const KIND_WORDS: readonly OutcomeKind[] = ['finding', 'guard', 'sanitizer', 'crash', 'hang', 'plugin-failure'];

/** The difference between a run and a baseline. */
export interface BaselineDifference {
  /** Failures the baseline does not list. */
  readonly newFindings: readonly GateOutcome[];
  /** Entries of the baseline the run did not find. */
  readonly noLongerFound: readonly BaselineEntry[];
}

/**
 * Parses a baseline.
 * @param text - the file's content
 * @param source - the file's name, for messages
 * @returns the entries, in file order
 * @throws RangeError naming the line when a line is not `LAW FAMILY [KIND] REASON`, `[NAME]`, a comment or blank
 */
export function parseBaseline(text: string, source: string): BaselineEntry[] {
  const entries: BaselineEntry[] = [];
  let implementation: string | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const section = /^\[(\S+)\]$/.exec(line);
    if (section) {
      implementation = section[1];
      return;
    }
    const match = /^(L[1-9])\s+(\S+)\s+(.*)$/.exec(line);
    const where = `${source} line ${index + 1}`;
    if (!match) throw rangeError('baseline', where, 'LAW FAMILY [KIND] REASON (e.g. "L7 any-range re-arm skipped"), [NAME], a # comment or blank', line);
    const [, law, family, rest] = match;
    const [first, ...words] = rest.split(/\s+/);
    const explicit = (KIND_WORDS as readonly string[]).includes(first);
    const kind = explicit ? (first as BaselineEntry['kind']) : 'finding';
    const reason = (explicit ? words.join(' ') : rest).trim();
    if (reason === '') throw rangeError('baseline', `${where} reason`, 'text saying why the finding is expected', line);
    const entry: BaselineEntry = { ...(implementation ? { implementation } : {}), law: law as LawId, family, kind, reason };
    if (entries.some((other) => other.implementation === entry.implementation && other.law === entry.law && other.family === entry.family)) {
      throw rangeError('baseline', where, 'the only entry for its law and family', line);
    }
    entries.push(entry);
  });
  return entries;
}

/**
 * The entries that apply to one implementation: its section's and those outside any section.
 * @param entries - the baseline
 * @param implementation - the implementation's name
 * @returns the entries
 */
export function entriesFor(entries: readonly BaselineEntry[], implementation: string): BaselineEntry[] {
  return entries.filter((entry) => entry.implementation === undefined || entry.implementation === implementation);
}

/**
 * Compares a run's failures with a baseline. A failure matches an entry of the same law, family and
 * kind; a change of kind (a broken law that now crashes) is one new finding and one no longer found.
 * @param run - the run
 * @param entries - the baseline
 * @returns what is new and what is gone
 */
export function compareWithBaseline(run: GateRun, entries: readonly BaselineEntry[]): BaselineDifference {
  const expected = entriesFor(entries, run.implementation);
  const matches = (outcome: GateOutcome, entry: BaselineEntry) => outcome.law === entry.law && outcome.family === entry.family && outcome.kind === entry.kind;
  const failures = failuresOf(run);
  const checked = (entry: BaselineEntry) => run.outcomes.some((outcome) => outcome.law === entry.law && outcome.family === entry.family);
  return {
    newFindings: failures.filter((outcome) => !expected.some((entry) => matches(outcome, entry))),
    // An entry for a law or family this run did not check (--law, --family) is not "no longer found".
    noLongerFound: expected.filter((entry) => checked(entry) && !failures.some((outcome) => matches(outcome, entry))),
  };
}

/**
 * One line per difference: `new finding …` and `no longer found …`.
 * @param implementation - the implementation's name
 * @param difference - the comparison
 * @returns the lines
 */
export function formatDifferences(implementation: string, difference: BaselineDifference): string[] {
  return [
    ...difference.newFindings.map((o) => `new finding: ${implementation} ${o.law} ${o.family}${o.kind === 'finding' ? '' : ` ${o.kind}`}: ${o.summary}`),
    ...difference.noLongerFound.map((e) => `no longer found: ${implementation} ${e.law} ${e.family}${e.kind === 'finding' ? '' : ` ${e.kind}`} (baseline: ${e.reason})`),
  ];
}

/**
 * Writes a baseline recording every failure of some runs. The reason of a failure already in
 * `previous` is kept; a new one gets the run's one-line description, for a reviewer to replace.
 * @param runs - the runs; with more than one, each gets a `[NAME]` section
 * @param header - comment lines saying what produced the file (without `#`)
 * @param previous - the baseline being replaced, if any, whose reasons are kept
 * @returns the file's content
 */
export function formatBaseline(runs: readonly GateRun[], header: readonly string[], previous: readonly BaselineEntry[] = []): string {
  const lines = [
    ...header.map((line) => `# ${line}`),
    '# One expected finding per line: LAW FAMILY [KIND] REASON. KIND is guard, sanitizer, crash, hang',
    '# or plugin-failure, absent for a broken law. Review every reason before committing this file.',
  ];
  for (const run of runs) {
    const known = entriesFor(previous, run.implementation);
    if (runs.length > 1) lines.push('', `[${run.implementation}]`);
    for (const outcome of run.outcomes) {
      if (outcome.kind === 'held') continue;
      const kept = known.find((entry) => entry.law === outcome.law && entry.family === outcome.family && entry.kind === outcome.kind);
      const reason = (kept?.reason ?? outcome.summary).replace(/\s+/g, ' ').trim() || 'no description';
      // A broken law's kind is left out, unless the reason would read as a kind.
      const kindWord = outcome.kind === 'finding' && !(KIND_WORDS as readonly string[]).includes(reason.split(' ')[0]) ? '' : ` ${outcome.kind}`;
      lines.push(`${outcome.law} ${outcome.family}${kindWord} ${reason}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The gate's verdict on a run: green (exit 0) only when the run is complete and its failures are
 * exactly the expected ones.
 * @param run - the run
 * @param expected - the baseline (empty: every law must hold)
 * @returns the exit code (0 or 1) and the lines saying why it is not 0
 */
export function gateVerdict(run: GateRun, expected: readonly BaselineEntry[]): { exitCode: 0 | 1; lines: string[] } {
  const lines = formatDifferences(run.implementation, compareWithBaseline(run, expected));
  if (!run.complete) lines.push(`${run.implementation}: the run did not confirm that every check reported`);
  return { exitCode: lines.length === 0 ? 0 : 1, lines };
}
