/**
 * The mutation score table the README and docs/bug-finding.md show, rendered from the committed
 * incremental report, and the writer that puts it into their marked sample blocks.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { declaresTypesOnly } from './type-only-file.ts';
import { coreFiles, type EquivalentMutant, type IncrementalReport, readRepositoryJson, REPOSITORY_ROOT, scoreFile, survivorKey } from './mutation-report.ts';

const percent = (value: number | null) => (value === null ? '-' : `${value.toFixed(1)} %`);

/**
 * Renders one row per core file (with "not measured" where the report has none, or, compact, only
 * a count of those; a file of type declarations only has a row of zeros) and a total. "open" counts the survivors (no coverage included) that
 * `mutation/equivalent-mutants.json` does not list as equivalent: the ones a test still has to kill.
 * @param report - the incremental report
 * @param core - the core files
 * @param compact - leave out the rows of files not measured
 * @param equivalents - the survivors shown equivalent
 * @returns the table as text lines
 */
export function renderScoreTable(report: IncrementalReport, core: readonly string[], compact = false, equivalents: readonly EquivalentMutant[] = []): string {
  const width = Math.max(...core.map((file) => file.length), 20);
  const row = (file: string, cells: readonly (string | number)[]) => file.padEnd(width) + cells.map((cell) => String(cell).padStart(9)).join('');
  const lines = [row('file', ['mutants', 'killed', 'timeout', 'survived', 'no cover', 'open', 'score'])];
  const listed = new Set(equivalents.filter((e) => e.reason.trim() !== '').map((e) => survivorKey(e.file, e.line, e.mutator, e.replacement)));
  const totals = { mutants: 0, killed: 0, timeout: 0, survived: 0, noCoverage: 0, open: 0 };
  let measured = 0;
  for (const file of core) {
    const entry = report.files[file];
    if (entry === undefined) {
      // Stryker leaves a file of type declarations out of its report: there is nothing in it to mutate.
      if (declaresTypesOnly(join(REPOSITORY_ROOT, file))) {
        measured++;
        lines.push(row(file, [0, 0, 0, 0, 0, 0, percent(null)]));
      } else if (!compact) lines.push(`${file.padEnd(width)}  not measured`);
      continue;
    }
    measured++;
    const s = scoreFile(file, entry.mutants);
    const valid = s.killed + s.timeout + s.survived + s.noCoverage;
    const open = entry.mutants.filter((m) => (m.status === 'Survived' || m.status === 'NoCoverage') && !listed.has(survivorKey(file, m.location.start.line, m.mutatorName, m.replacement ?? ''))).length;
    totals.mutants += valid;
    totals.killed += s.killed;
    totals.timeout += s.timeout;
    totals.survived += s.survived;
    totals.noCoverage += s.noCoverage;
    totals.open += open;
    lines.push(row(file, [valid, s.killed, s.timeout, s.survived, s.noCoverage, open, percent(s.scorePercent)]));
  }
  const score = totals.mutants === 0 ? null : (100 * (totals.killed + totals.timeout)) / totals.mutants;
  lines.push(row(`measured: ${measured} of ${core.length} files`, [totals.mutants, totals.killed, totals.timeout, totals.survived, totals.noCoverage, totals.open, percent(score)]));
  if (compact && measured < core.length) lines.push(`not measured yet: ${core.length - measured} core files (listed in docs/bug-finding.md)`);
  return lines.join('\n');
}

/**
 * Replaces the fenced block after `<!-- sample: id -->` in a repository file.
 * @param relativePath - the file, from the repository root
 * @param id - the sample id
 * @param text - the new block content
 * @returns whether the file changed
 * @throws Error when the file has no such marked block
 */
export function writeSampleBlock(relativePath: string, id: string, text: string, root = REPOSITORY_ROOT): boolean {
  const path = join(root, relativePath);
  const lines = readFileSync(path, 'utf8').split('\n');
  const marker = lines.findIndex((line) => line.trim() === `<!-- sample: ${id} -->`);
  const close = lines.findIndex((line, index) => index > marker + 1 && line.trim() === '```');
  if (marker < 0 || !lines[marker + 1]?.trim().startsWith('```') || close < 0) throw new Error(`${relativePath} has no fenced block marked <!-- sample: ${id} -->`);
  const updated = [...lines.slice(0, marker + 2), text, ...lines.slice(close)].join('\n');
  if (updated === lines.join('\n')) return false;
  writeFileSync(path, updated);
  return true;
}

/** Where the table is shown. */
export const SCORE_TABLE_SAMPLES: readonly { readonly file: string; readonly id: string; readonly compact: boolean }[] = [
  { file: 'README.md', id: 'mutation-scores', compact: true },
  { file: 'docs/bug-finding.md', id: 'mutation-scores', compact: false },
];

/**
 * The table for the committed report and the current core.
 * @param report - the incremental report
 * @param compact - leave out the rows of files not measured (the README's version)
 * @param root - the repository root
 * @returns the table text
 */
export function currentScoreTable(report: IncrementalReport, compact: boolean, root = REPOSITORY_ROOT): string {
  return renderScoreTable(report, coreFiles(root), compact, readRepositoryJson('mutation/equivalent-mutants.json', root) as EquivalentMutant[]);
}
