/**
 * `npm run test:sync`: runs laws L1–L9 over every case family against the built-in implementations
 * or, with `SYNC_IMPL=<module, .c or .so>`, against a plug-in, through the gate's runner: every
 * implementation runs in a child process on guarded buffers, with a time limit per call, and a crash,
 * hang or exit ends only its own (law, family). The findings are compared with what is expected: the
 * built-ins' known findings, nothing for a plug-in, or the reviewed baseline of `--baseline FILE`.
 * Exit code 0 when the findings equal the expectation and every check reported, 1 when not, 2 when
 * the plug-in, an option or the baseline cannot be used.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { rangeError } from '../check.ts';
import { isContinuousIntegration } from '../gate/continuous-integration.ts';
import { entriesFor, formatBaseline, gateVerdict, parseBaseline, type BaselineEntry } from '../gate/baseline.ts';
import { countFailures, failuresOf, type GateOutcome, type GateRun } from '../gate/gate-outcome.ts';
import { DEFAULT_CALL_TIMEOUT_MS, runGate } from '../gate/run-gate.ts';
import { propertySettingsFromEnv, type PropertySettings } from '../property-settings.ts';
import { CASE_FAMILIES } from '../sync/case-families.ts';
import { BUILT_IN_IMPLEMENTATIONS } from '../sync/implementations.ts';
import { FINDING_CAUSES } from '../sync/finding-causes.ts';
import { KNOWN_FINDINGS } from '../sync/known-findings.ts';
import { LAWS } from '../sync/laws/catalogue.ts';
import type { LawId } from '../sync/laws/law.ts';
import { basename, extname } from 'node:path';
import { sanitizersFromEnv } from '../sync/native/sanitizer-driver.ts';
import { PluginLoadError } from '../sync/plugin-loader.ts';
import { parseQuantity } from './quantity.ts';

const USAGE = `usage: [SYNC_IMPL=<module, .c or .so>] [SYNC_SANITIZE=address,undefined] [FC_SEED=n] [FC_NUM_RUNS=n] [FC_PATH=p] npm run test:sync -- [options]
  --implementation NAME    check only this implementation
  --family NAME            check only this case family
  --law Ln                 check only this law
  --call-timeout DURATION  time one call may take before it counts as a hang (default ${DEFAULT_CALL_TIMEOUT_MS / 1000} s; e.g. "300 ms")
  --baseline FILE          expect exactly the findings FILE lists (a reviewed baseline)
  --write-baseline FILE    record this run's findings as a baseline in FILE (refused in CI)
  --all                    print every counterexample, not one per law
  --in-process             no child process (to run under a debugger): a crash ends the run`;

/** The environment variable that set the call limit before `--call-timeout`; still read. */
const CALL_TIMEOUT_VARIABLE = 'SYNC_IMPL_CALL_TIMEOUT_MS';

/** One line on stderr and exit 2: the user's input cannot be used. */
class UsageError extends Error {}

async function main(argv: readonly string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        implementation: { type: 'string' },
        family: { type: 'string' },
        law: { type: 'string' },
        'call-timeout': { type: 'string' },
        baseline: { type: 'string' },
        'write-baseline': { type: 'string' },
        all: { type: 'boolean', default: false },
        // For a debugger: no child process, so a crash ends the run and a hang never ends.
        'in-process': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`test-sync: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}; --help lists the options`);
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const sanitizers = sanitizersFromEnv();
  const pluginPath = process.env.SYNC_IMPL?.trim() || undefined;
  if (sanitizers && extname(pluginPath ?? '') !== '.c') {
    throw new UsageError(`test-sync: SYNC_SANITIZE needs SYNC_IMPL to name a C plug-in (.c), to build it with the sanitizers; got ${pluginPath ? JSON.stringify(pluginPath) : 'no SYNC_IMPL'}`);
  }
  const settings = propertySettingsFromEnv();
  const callTimeoutMs = callTimeout(values['call-timeout']);
  const families = CASE_FAMILIES.filter((f) => !values.family || f.name === values.family).map((f) => f.name);
  const laws = LAWS.filter((l) => !values.law || l.id === values.law).map((l) => l.id);
  if (families.length === 0) throw rangeError('test-sync', '--family', `one of ${CASE_FAMILIES.map((f) => f.name).join(', ')}`, values.family);
  if (laws.length === 0) throw rangeError('test-sync', '--law', `one of ${LAWS.map((l) => l.id).join(', ')}`, values.law);
  const builtIns = BUILT_IN_IMPLEMENTATIONS.map((i) => i.name).filter((name) => !values.implementation || name === values.implementation);
  if (!pluginPath && builtIns.length === 0) throw rangeError('test-sync', '--implementation', `one of ${BUILT_IN_IMPLEMENTATIONS.map((i) => i.name).join(', ')}`, values.implementation);
  if (pluginPath && values.implementation && values.implementation !== basename(pluginPath)) {
    throw rangeError('test-sync', '--implementation', `the plug-in's name, ${basename(pluginPath)}`, values.implementation);
  }
  const writePath = values['write-baseline'];
  if (writePath && isContinuousIntegration()) throw new UsageError(`test-sync: refusing to write a baseline in CI (CI=${process.env.CI}); write it locally and commit the reviewed file`);
  const baseline = values.baseline ? readBaseline(values.baseline) : undefined;

  // Printed once the first implementation has loaded, so a plug-in that cannot load gets one line.
  let header = `laws ${laws.join(' ')} over ${families.length} case families; seed ${settings.seed}, ${settings.numRuns} runs per property${settings.path ? `, replaying path ${settings.path}` : ''}`;
  const sources = pluginPath ? [{ pluginPath }] : builtIns.map((builtIn) => ({ builtIn }));
  const runs: GateRun[] = [];
  let unexpected = 0;
  for (const source of sources) {
    const name = 'builtIn' in source ? source.builtIn : basename(source.pluginPath);
    const expected = baseline ? entriesFor(baseline, name) : 'builtIn' in source ? knownFindingsOf(name) : [];
    const replayPrefix = `${pluginPath ? `SYNC_IMPL=${pluginPath} ` : ''}npm run test:sync -- --implementation ${name}`;
    const run = await runGate({
      source,
      replayPrefix,
      laws,
      families,
      settings,
      callTimeoutMs,
      inProcess: values['in-process'] ?? false,
      expected: (law, family) => expected.some((entry) => entry.law === law && entry.family === family),
      onLoaded: (loadedName, description) => {
        if (header) console.log(header);
        header = '';
        console.log(`\n${loadedName}${pluginPath ? ` (${description})` : ''}`);
      },
    });
    runs.push(run);
    unexpected += printRun(run, laws, expected, values.all ?? false, settings);
  }
  if (writePath) {
    const header = [
      `dirty-sync-oracle baseline: the findings of ${runs.map((r) => r.implementation).join(', ')}`,
      `written by: ${pluginPath ? `SYNC_IMPL=${pluginPath} ` : ''}npm run test:sync -- --write-baseline ${writePath}${values.law ? ` --law ${values.law}` : ''}${values.family ? ` --family ${values.family}` : ''}`,
      `seed ${settings.seed}, ${settings.numRuns} runs per property; laws ${laws.join(' ')}; families ${families.join(' ')}`,
    ];
    writeFileSync(writePath, formatBaseline(runs, header, baseline ?? (pluginPath ? [] : knownFindingsOf())));
    console.log(`\nwrote ${runs.reduce((sum, run) => sum + failuresOf(run).length, 0)} finding(s) to ${writePath}; review the reasons before committing it`);
  }
  console.log(unexpected === 0 ? '\nevery law held or failed as expected' : `\n${unexpected} unexpected result(s)`);
  return unexpected === 0 ? 0 : 1;
}

/** The built-ins' reviewed known findings as baseline entries. */
function knownFindingsOf(implementation?: string): BaselineEntry[] {
  return KNOWN_FINDINGS.filter((f) => implementation === undefined || f.implementation === implementation).map((f) => ({
    implementation: f.implementation,
    law: f.law,
    family: f.family,
    kind: 'finding',
    reason: f.causes.map((cause) => FINDING_CAUSES[cause].title).join('; or '),
  }));
}

function readBaseline(path: string): BaselineEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`test-sync: --baseline ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return parseBaseline(text, path);
}

function callTimeout(text: string | undefined): number {
  if (text !== undefined) return parseQuantity('--call-timeout', text, 'duration');
  const fromEnv = process.env[CALL_TIMEOUT_VARIABLE]?.trim();
  if (!fromEnv) return DEFAULT_CALL_TIMEOUT_MS;
  const value = Number(fromEnv);
  if (!Number.isSafeInteger(value) || value < 1) throw rangeError('test-sync', CALL_TIMEOUT_VARIABLE, 'a positive integer (milliseconds)', fromEnv);
  return value;
}

/**
 * Prints one implementation's table, reports and differences.
 * @returns the number of differences from the expectation (an incomplete run counts as one)
 */
function printRun(run: GateRun, laws: readonly LawId[], expected: readonly BaselineEntry[], all: boolean, settings: PropertySettings): number {
  const isExpected = (o: GateOutcome) => expected.some((e) => e.law === o.law && e.family === o.family && e.kind === o.kind);
  for (const law of laws) {
    const row = run.outcomes.filter((o) => o.law === law);
    const failures = row.filter((o) => o.kind !== 'held');
    const surprises = row.filter((o) => (o.kind === 'held' ? expected.some((e) => e.law === o.law && e.family === o.family) : !isExpected(o)));
    const mark = surprises.length > 0 ? 'FAIL' : failures.length > 0 ? 'known' : 'ok';
    const statement = LAWS.find((l) => l.id === law)?.statement ?? '';
    const detail = failures.length === 0 ? `${row.reduce((sum, o) => sum + o.runs, 0)} cases` : failures.map((o) => `${o.kind === 'finding' ? 'broken' : o.kind} on ${o.family}`).join(', ');
    console.log(`  ${mark.padEnd(5)} ${law} ${statement} (${detail})`);
  }
  const shownLaws = new Set<string>();
  let hidden = 0;
  for (const outcome of run.outcomes) {
    if (outcome.kind === 'held') continue;
    if (outcome.kind === 'finding' && !all && shownLaws.has(outcome.law)) {
      hidden++;
      continue;
    }
    if (outcome.kind === 'finding') shownLaws.add(outcome.law);
    const mark = isExpected(outcome) ? 'known finding' : 'UNEXPECTED';
    console.log(`\n${mark}: ${outcome.report}`);
  }
  if (hidden > 0) console.log(`\n(${hidden} more counterexample(s) on other families; --all prints them)`);
  const { lines } = gateVerdict(run, expected);
  console.log(`\nsummary for ${run.implementation}: ${countFailures(run.outcomes)} in ${run.outcomes.length} checks (seed ${settings.seed})`);
  for (const line of lines) console.log(line);
  return lines.length;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const usable = error instanceof PluginLoadError || error instanceof RangeError || error instanceof TypeError || error instanceof UsageError;
    console.error(usable ? error.message : error);
    process.exitCode = 2;
  },
);
