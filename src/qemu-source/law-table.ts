/**
 * The law × family table of one run: a row per law, a column per case family, each cell saying how
 * the check ended.
 */
import { lawById } from '../sync/laws/catalogue.ts';
import type { LawId } from '../sync/laws/law.ts';
import type { GateOutcome } from '../gate/gate-outcome.ts';

/** The word a cell shows for each way a check can end. */
const CELL_WORDS: Readonly<Record<string, string>> = { held: 'ok', finding: 'BROKEN', crash: 'CRASH', hang: 'HANG', guard: 'GUARD', 'plugin-failure': 'FAILED' };

/**
 * Formats the table.
 * @param outcomes - one per (law, family), any order
 * @param laws - the rows, in order
 * @param families - the columns, in order
 * @returns the lines
 */
export function formatLawTable(outcomes: readonly GateOutcome[], laws: readonly LawId[], families: readonly string[]): string[] {
  const heads = laws.map((law) => `${law} ${lawById(law).name}`);
  const headWidth = Math.max(...heads.map((h) => h.length));
  const widths = families.map((family) => Math.max(family.length, 6));
  const lines = [`${''.padEnd(headWidth)}  ${families.map((family, i) => family.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd()];
  laws.forEach((law, row) => {
    const cells = families.map((family, i) => {
      const outcome = outcomes.find((o) => o.law === law && o.family === family);
      return (outcome ? (CELL_WORDS[outcome.kind] ?? outcome.kind) : 'not run').padEnd(widths[i] ?? 0);
    });
    lines.push(`${(heads[row] ?? law).padEnd(headWidth)}  ${cells.join('  ')}`.trimEnd());
  });
  return lines;
}
