/**
 * `npm run test:sync`: runs laws L1–L9 over every case family against the built-in implementations
 * (asserting the known findings of the QEMU models) or, with `SYNC_IMPL=<module>`, against a plug-in
 * (which must satisfy every law). Exit code 0 when everything is as expected, 1 when not, 2 when the
 * plug-in or an option cannot be used. A native plug-in (`.c`, `.so`) runs in a child process, so a
 * crash in its C code is reported as a failure naming the case rather than ending the run silently.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { rangeError } from '../check.ts';
import { propertySettingsFromEnv } from '../property-settings.ts';
import { CASE_FAMILIES } from '../sync/case-families.ts';
import type { SyncImplementation } from '../sync/contract.ts';
import { formatCounterexample, replayCommand } from '../sync/counterexample-format.ts';
import { BUILT_IN_IMPLEMENTATIONS } from '../sync/implementations.ts';
import { LAWS } from '../sync/laws/catalogue.ts';
import { checkEntry, type SuiteEntry } from '../sync/law-suite.ts';
import { CALL_JOURNAL_VARIABLE, openCallJournal } from '../sync/native/call-journal.ts';
import { isNativePlugin, loadSyncPlugin, PluginLoadError } from '../sync/plugin-loader.ts';
import { runInChildProcess } from './crash-isolation.ts';

const USAGE = `usage: [SYNC_IMPL=<module, .c or .so>] [SYNC_IMPL_CALL_TIMEOUT_MS=n] [FC_SEED=n] [FC_NUM_RUNS=n] [FC_PATH=p] npm run test:sync -- [--implementation NAME] [--family NAME] [--law Ln] [--all] [--in-process]`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      implementation: { type: 'string' },
      family: { type: 'string' },
      law: { type: 'string' },
      all: { type: 'boolean', default: false },
      // A native plug-in in this process: for a debugger, at the price of a crash ending the run.
      'in-process': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const settings = propertySettingsFromEnv();
  const pluginPath = process.env.SYNC_IMPL?.trim();
  const journalPath = process.env[CALL_JOURNAL_VARIABLE];
  if (pluginPath && isNativePlugin(pluginPath) && !values['in-process'] && !journalPath) {
    return runInChildProcess(fileURLToPath(import.meta.url), process.argv.slice(2));
  }
  const journal = journalPath ? openCallJournal(journalPath) : undefined;
  const loaded: SyncImplementation[] = pluginPath ? [await loadSyncPlugin(pluginPath)] : [...BUILT_IN_IMPLEMENTATIONS];
  const implementations = journal ? loaded.map((implementation) => journal.watch(implementation)) : loaded;
  const selected = implementations.filter((i) => !values.implementation || i.name === values.implementation);
  const families = CASE_FAMILIES.filter((f) => !values.family || f.name === values.family);
  const laws = LAWS.filter((l) => !values.law || l.id === values.law);
  for (const [option, list] of [['implementation', selected], ['family', families], ['law', laws]] as const) {
    if (list.length === 0) {
      const known = { implementation: implementations.map((i) => i.name), family: CASE_FAMILIES.map((f) => f.name), law: LAWS.map((l) => l.id) }[option];
      throw rangeError('test-sync', `--${option}`, `one of ${known.join(', ')}`, values[option]);
    }
  }

  console.log(`laws ${laws.map((l) => l.id).join(' ')} over ${families.length} case families; seed ${settings.seed}, ${settings.numRuns} runs per property${settings.path ? `, replaying path ${settings.path}` : ''}`);
  let unexpected = 0;
  for (const implementation of selected) {
    console.log(`\n${implementation.name}${pluginPath ? ` (${implementation.description})` : ''}`);
    const entries: SuiteEntry[] = [];
    for (const law of laws) {
      const row = families.map((family) => {
        journal?.setContext({ law: law.id, family: family.name, seed: settings.seed });
        return checkEntry(implementation, family, law, settings, !pluginPath);
      });
      entries.push(...row);
      console.log(`  ${lawLine(law.id, law.statement, row)}`);
    }
    unexpected += entries.filter((e) => !e.asExpected).length;
    printCounterexamples(entries, Boolean(pluginPath), values.all ?? false);
  }
  console.log(unexpected === 0 ? '\nevery law held or failed as expected' : `\n${unexpected} unexpected result(s)`);
  return unexpected === 0 ? 0 : 1;
}

function lawLine(id: string, statement: string, row: SuiteEntry[]): string {
  const broken = row.filter((e) => e.result.counterexample);
  const surprises = row.filter((e) => !e.asExpected);
  const mark = surprises.length > 0 ? 'FAIL' : broken.length > 0 ? 'known' : 'ok';
  const runs = row.reduce((sum, e) => sum + e.result.runs, 0);
  const detail = broken.length === 0 ? `${runs} cases` : `broken on ${broken.map((e) => e.result.family).join(', ')}`;
  const missing = row.filter((e) => e.expected && !e.result.counterexample).map((e) => e.result.family);
  return `${mark.padEnd(5)} ${id} ${statement} (${detail}${missing.length ? `; known finding NOT found on ${missing.join(', ')}` : ''})`;
}

/** One counterexample per broken law (the first family's), or every one with --all. */
function printCounterexamples(entries: SuiteEntry[], plugin: boolean, all: boolean): void {
  const shownLaws = new Set<string>();
  let hidden = 0;
  for (const entry of entries) {
    const { result } = entry;
    if (!result.counterexample) continue;
    if (!all && shownLaws.has(result.law)) {
      hidden++;
      continue;
    }
    shownLaws.add(result.law);
    const replay = replayCommand(result.implementation, result.family, result.law, plugin ? process.env.SYNC_IMPL : undefined);
    console.log(`\n${entry.asExpected ? 'known finding' : 'UNEXPECTED'}: ${formatCounterexample(result, replay)}`);
  }
  if (hidden > 0) console.log(`\n(${hidden} more counterexample(s) on other families; --all prints them)`);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof PluginLoadError || error instanceof RangeError ? error.message : error);
    process.exitCode = 2;
  },
);
