/**
 * `dirty-sync-oracle qemu --source DIR [--rev REV]…`: QEMU's own sync, extracted from a user's tree,
 * compiled behind this project's prelude and run through the laws. With one revision (or none: the
 * working tree) it prints the law × family table, the shrunk counterexamples and a verdict; with
 * several (`--rev A --rev B`, `--revs A..B`) a findings × revisions table. Exit 0 when every law held
 * (or the findings equal `--baseline`), 1 when not, 2 for input it cannot use.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { rangeError } from '../check.ts';
import { compareWithBaseline, formatBaseline, formatDifferences, parseBaseline, type BaselineEntry } from '../gate/baseline.ts';
import { isContinuousIntegration } from '../gate/continuous-integration.ts';
import { countFailures, failuresOf, type GateRun } from '../gate/gate-outcome.ts';
import { propertySettingsFromEnv } from '../property-settings.ts';
import { formatLawTable } from '../qemu-source/law-table.ts';
import { CACHE_VARIABLE } from '../qemu-source/library-build.ts';
import { QemuSourceError } from '../qemu-source/qemu-source-error.ts';
import { buildRevision, describeBuiltRevision } from '../qemu-source/revision-build.ts';
import { revisionsOfRange } from '../qemu-source/revision-range.ts';
import { CLEAR_BMAP_SHIFT_RANGE, DEFAULT_CLEAR_BMAP_SHIFT } from '../qemu-source/translation-unit.ts';
import { CASE_FAMILIES } from '../sync/case-families.ts';
import { LAWS } from '../sync/laws/catalogue.ts';
import type { LawId } from '../sync/laws/law.ts';
import type { CliArguments, CliCommand, CliOutput } from './cli-command.ts';
import { historyRun } from './qemu-history.ts';
import { runRevisionLaws, type QemuOptions } from './qemu-revision-run.ts';
import { CLI_NAME } from './quantity.ts';

/** The option values as the dispatcher parses them from {@link qemuCommand}'s options. */
type QemuValues = CliArguments['values'];

/** `dirty-sync-oracle qemu`. */
export const qemuCommand: CliCommand = {
  name: 'qemu',
  summary: "QEMU's own sync, extracted from a QEMU tree (any revision), compiled behind this project's prelude and run through the laws",
  details: `The sync and every function it calls are found in the tree (layouts from 2017 to today), extracted
verbatim with tree-sitter's C parser, compiled in a temporary directory (deleted afterwards) and
cached by the blobs they came from. Exit 0 when every law held, 1 when not, 2 when the tree cannot be
used. FC_SEED, FC_NUM_RUNS and FC_PATH work as for test:sync; CC names the compiler; libraries are
cached in ${CACHE_VARIABLE} (default ~/.cache/dirty-sync-oracle/qemu).`,
  options: {
    source: { type: 'string', valueName: 'dir', required: true, description: 'a QEMU working tree, or a git directory (bare or not)' },
    rev: { type: 'string', valueName: 'rev', multiple: true, description: 'read the files at this revision with git, without a checkout; repeat for a history' },
    revs: { type: 'string', valueName: 'A..B', description: 'a history: A and the first-parent commits after it up to B that touch the files searched' },
    law: { type: 'string', valueName: 'Ln', multiple: true, description: 'check only this law (repeatable)' },
    family: { type: 'string', valueName: 'name', multiple: true, description: 'check only this case family (repeatable)' },
    'clear-bmap-shift': { type: 'string', valueName: 'n', description: `log2 of the pages per clear_bmap chunk, ${CLEAR_BMAP_SHIFT_RANGE.min} to ${CLEAR_BMAP_SHIFT_RANGE.max} (default ${DEFAULT_CLEAR_BMAP_SHIFT}, as QEMU)` },
    baseline: { type: 'string', valueName: 'file', description: 'expect exactly the findings this reviewed baseline lists: exit 0 when equal, else 1 with a line per difference' },
    'write-baseline': { type: 'string', valueName: 'file', description: "record this revision's findings as a baseline (refused in CI)" },
    all: { type: 'boolean', description: 'print every counterexample, not one per law' },
    json: { type: 'boolean', description: 'print a history as JSON' },
  },
  examples: ['qemu --source ~/qemu --rev e8a6d158', 'qemu --source ~/qemu --baseline baselines/qemu-e8a6d158.txt', 'qemu --source ~/qemu --revs 03bfc2188f^..e8a6d158'],
  run: ({ values }, output) => runQemu(values, output),
};


/**
 * Runs the subcommand.
 * @param values - the parsed options
 * @param output - where to write
 * @param env - the environment
 * @returns the exit code
 * @throws RangeError for an option out of its domain (reported by the dispatcher as one line, exit 2)
 */
export async function runQemu(values: QemuValues, output: CliOutput, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    const options = readOptions(values, env);
    return options.history ? await historyRun(options, output, env) : await singleRun(options, output, env);
  } catch (error) {
    if (!(error instanceof QemuSourceError)) throw error;
    output.stderr(`${CLI_NAME} qemu: ${error.message.split('\n')[0] ?? ''}`);
    return 2;
  }
}

function readOptions(values: QemuValues, env: NodeJS.ProcessEnv): QemuOptions {
  if (typeof values.source !== 'string' || values.source === '') throw rangeError(CLI_NAME, '--source', 'a QEMU working tree or git directory', values.source);
  const laws = (strings(values.law) ?? LAWS.map((l) => l.id)) as LawId[];
  for (const law of laws) if (!LAWS.some((l) => l.id === law)) throw rangeError(CLI_NAME, '--law', `one of ${LAWS.map((l) => l.id).join(', ')}`, law);
  const families = strings(values.family) ?? CASE_FAMILIES.map((f) => f.name);
  for (const family of families) if (!CASE_FAMILIES.some((f) => f.name === family)) throw rangeError(CLI_NAME, '--family', `one of ${CASE_FAMILIES.map((f) => f.name).join(', ')}`, family);
  const shiftText = typeof values['clear-bmap-shift'] === 'string' ? values['clear-bmap-shift'] : undefined;
  const clearBmapShift = shiftText === undefined ? DEFAULT_CLEAR_BMAP_SHIFT : Number(shiftText);
  if (!Number.isInteger(clearBmapShift) || clearBmapShift < CLEAR_BMAP_SHIFT_RANGE.min || clearBmapShift > CLEAR_BMAP_SHIFT_RANGE.max) {
    throw rangeError(CLI_NAME, '--clear-bmap-shift', `an integer in [${CLEAR_BMAP_SHIFT_RANGE.min}, ${CLEAR_BMAP_SHIFT_RANGE.max}]`, shiftText);
  }
  const given = strings(values.rev) ?? [];
  const range = typeof values.revs === 'string' ? values.revs : undefined;
  const revisions = range !== undefined ? [...given, ...revisionsOfRange(values.source, range, env)] : given.length > 0 ? given : [undefined];
  const baselinePath = typeof values.baseline === 'string' ? values.baseline : undefined;
  const writeBaselinePath = typeof values['write-baseline'] === 'string' ? values['write-baseline'] : undefined;
  const history = revisions.length > 1 || range !== undefined;
  if (history && (baselinePath || writeBaselinePath)) throw new QemuSourceError('--baseline and --write-baseline judge one revision; a history (several --rev, or --revs) has none');
  if (writeBaselinePath && isContinuousIntegration(env)) throw new QemuSourceError(`refusing to write a baseline in CI (CI=${env.CI}); write it locally and commit the reviewed file`);
  return {
    source: values.source,
    revisions,
    history,
    laws,
    families,
    clearBmapShift,
    all: values.all === true,
    json: values.json === true,
    ...(baselinePath ? { baselinePath } : {}),
    ...(writeBaselinePath ? { writeBaselinePath } : {}),
    settings: propertySettingsFromEnv(env),
  };
}

/** A repeatable option's values, or undefined when it was not given. */
function strings(value: QemuValues[string]): string[] | undefined {
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value : [value]).map(String);
}

function readBaseline(path: string): BaselineEntry[] {
  if (!existsSync(path)) throw new QemuSourceError(`--baseline ${path}: no such file`);
  return parseBaseline(readFileSync(path, 'utf8'), path);
}

async function singleRun(options: QemuOptions, output: CliOutput, env: NodeJS.ProcessEnv): Promise<number> {
  const revision = options.revisions[0];
  const baseline = options.baselinePath ? readBaseline(options.baselinePath) : [];
  const built = await buildRevision(options.source, revision, options.clearBmapShift, env);
  output.stdout(describeBuiltRevision(built).join('\n'));
  const { settings } = options;
  output.stdout(`\nlaws ${options.laws.join(' ')} over ${options.families.length} case families; seed ${settings.seed}, ${settings.numRuns} runs per property${settings.path ? `, replaying path ${settings.path}` : ''}\n`);
  const run = await runRevisionLaws(built, options, revision, baseline, env);
  output.stdout(formatLawTable(run.outcomes, options.laws, options.families).join('\n'));
  printCounterexamples(run, options.all, output);
  output.stdout(`\nsummary for ${run.implementation}: ${countFailures(run.outcomes)} in ${run.outcomes.length} checks (seed ${settings.seed})`);
  if (options.writeBaselinePath) {
    const header = [
      `dirty-sync-oracle baseline: the findings of QEMU's sync at ${built.tree.revision ?? 'the working tree'}${built.tree.commit ? ` (${built.tree.commit})` : ''}, layout ${built.extraction.layout?.name ?? 'unknown'}`,
      `written by: npx ${CLI_NAME} qemu --source <QEMU tree>${revision === undefined ? '' : ` --rev ${revision}`} --write-baseline ${options.writeBaselinePath}`,
      `seed ${settings.seed}, ${settings.numRuns} runs per property; laws ${options.laws.join(' ')}; families ${options.families.join(' ')}`,
    ];
    writeFileSync(options.writeBaselinePath, formatBaseline([run], header, baseline));
    output.stdout(`\nwrote ${failuresOf(run).length} finding(s) to ${options.writeBaselinePath}; review the reasons before committing it`);
  }
  if (!run.complete) {
    output.stdout('\nthe run did not confirm that every check reported: not green');
    return 1;
  }
  if (options.baselinePath) {
    const lines = formatDifferences(run.implementation, compareWithBaseline(run, baseline));
    for (const line of lines) output.stdout(line);
    output.stdout(lines.length === 0 ? `\nthe findings equal the baseline ${options.baselinePath}` : `\n${lines.length} difference(s) from the baseline ${options.baselinePath}`);
    return lines.length === 0 ? 0 : 1;
  }
  const failures = failuresOf(run);
  output.stdout(failures.length === 0 ? '\nevery law held' : `\n${failures.length} (law, family) check(s) failed on ${run.implementation} (no --baseline: every law must hold)`);
  return failures.length === 0 ? 0 : 1;
}

function printCounterexamples(run: GateRun, all: boolean, output: CliOutput): void {
  const shown = new Set<string>();
  let hidden = 0;
  for (const outcome of run.outcomes) {
    if (outcome.kind === 'held') continue;
    if (outcome.kind === 'finding' && !all && shown.has(outcome.law)) {
      hidden++;
      continue;
    }
    shown.add(outcome.law);
    output.stdout(`\n${outcome.report}`);
  }
  if (hidden > 0) output.stdout(`\n(${hidden} more counterexample(s) on other families; --all prints them)`);
}
