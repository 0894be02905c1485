/**
 * Checks one (law, family) under the sanitizers: the family's cases, with the law check's seed, go
 * to the sanitized driver one by one; the first that makes a sanitizer report is shrunk as any
 * counterexample, and the report is attached to the smallest case.
 */
import type { PropertySettings } from '../property-settings.ts';
import type { CaseFamily } from '../sync/case-families.ts';
import { describeLayout } from '../sync/counterexample-format.ts';
import type { SyncLaw } from '../sync/laws/law.ts';
import { describeWordsAround } from '../sync/native/call-journal.ts';
import type { CrashProbe } from '../sync/native/crash-probe.ts';
import { shrinkCrash } from '../sync/native/crash-shrink.ts';
import { materialize } from '../sync/sync-case.ts';
import type { GateOutcome } from './gate-outcome.ts';

/** Lines of the sanitizer's report kept in the outcome; the rest is stack frames of the driver. */
const REPORT_LINES = 40;

/**
 * Runs the check.
 * @param driver - the sanitized driver
 * @param name - the implementation's name
 * @param law - the law whose calls are made (L9 adds the split)
 * @param family - the case family
 * @param settings - seed, runs, path
 * @param replay - the replay command, without its environment variables
 * @returns a `sanitizer` outcome, or undefined when no case made a report
 */
export function checkUnderSanitizer(driver: CrashProbe, name: string, law: SyncLaw, family: CaseFamily, settings: PropertySettings, replay: string): GateOutcome | undefined {
  const shrunk = shrinkCrash(driver, family, law.id, settings);
  if (!shrunk) return undefined;
  const report = (shrunk.fault ?? '').split('\n');
  const summary = report.find((line) => line.startsWith('SUMMARY: ')) ?? report.find((line) => /runtime error:/.test(line)) ?? `the driver died of ${shrunk.signal} with no report`;
  const state = materialize(shrunk.syncCase);
  const commandLine = `FC_SEED=${settings.seed} FC_PATH=${shrunk.path} ${replay}`;
  const lines = [
    `SANITIZER: ${name} made a sanitizer report while ${law.id} was checked on ${family.name} (found in ${shrunk.runs} runs, shrunk ${shrunk.shrinks} times)`,
    `  layout:    ${describeLayout(shrunk.syncCase)}`,
    ...describeWordsAround(state.mem, state.rb, shrunk.syncCase.startPage, shrunk.syncCase.npages).map((line) => `  ${line}`),
    '  report:',
    ...report.slice(0, REPORT_LINES).map((line) => `    ${line}`),
    ...(report.length > REPORT_LINES ? [`    … ${report.length - REPORT_LINES} more lines`] : []),
    `  replay:    ${commandLine}`,
  ];
  return { law: law.id, family: family.name, kind: 'sanitizer', runs: shrunk.runs, summary: summary.replace(/^SUMMARY: /, ''), report: lines.join('\n'), replay: commandLine };
}
