/**
 * Turns the end of a child process that did not finish into the outcome of the (law, family) it was
 * checking: a crash (shrunk through the crash probe for native code), a hang, an exit or an error the
 * plug-in raised, each with the case it was on and the command that replays it.
 */
import { extname, resolve } from 'node:path';
import { formatDeath, formatHang } from '../cli/crash-report.ts';
import { CASE_FAMILIES } from '../sync/case-families.ts';
import type { LawId } from '../sync/laws/law.ts';
import type { CallJournalEntry } from '../sync/native/call-journal.ts';
import { compileSyncPlugin } from '../sync/native/compile.ts';
import { createCrashProbe, CRASH_SIGNALS } from '../sync/native/crash-probe.ts';
import { shrinkCrash, type ShrunkCrash } from '../sync/native/crash-shrink.ts';
import { isNativePlugin } from '../sync/plugin-loader.ts';
import type { PropertySettings } from '../property-settings.ts';
import type { GateOutcome } from './gate-outcome.ts';
import type { ImplementationSource } from './gate-request.ts';

/** How a child that did not send its final message ended. */
export type ChildEnd =
  | { readonly kind: 'plugin-error'; readonly text: string; readonly entry?: CallJournalEntry }
  | { readonly kind: 'hang'; readonly between: boolean; readonly entry?: CallJournalEntry }
  | { readonly kind: 'exit'; readonly code: number | null; readonly signal: NodeJS.Signals | null; readonly entry?: CallJournalEntry; readonly callInFlight: boolean; readonly fault?: string };

/** What the description needs from the run's options. */
interface EndContext {
  readonly source: ImplementationSource;
  readonly replayPrefix: string;
  readonly settings: PropertySettings;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Describes the end as the outcome of the check it interrupted.
 * @param end - how the child ended
 * @param pair - the (law, family) it was checking
 * @param name - the implementation's name
 * @param context - source, replay prefix, settings, environment
 * @param timeoutMs - the call time limit (for a hang)
 * @returns the outcome: `crash`, `hang` or `plugin-failure`
 */
export function describeChildEnd(end: ChildEnd, pair: { law: LawId; family: string }, name: string, context: EndContext, timeoutMs: number): GateOutcome {
  const env = context.env ?? process.env;
  const entry: CallJournalEntry = end.entry?.law === pair.law && end.entry.family === pair.family ? end.entry : { implementation: name, law: pair.law, family: pair.family, seed: context.settings.seed, input: [] };
  const command = `${context.replayPrefix} --family ${pair.family} --law ${pair.law}`;
  const replayEnv = { ...env, ...(context.settings.path ? { FC_PATH: context.settings.path } : {}) };
  const replay = (path?: string) => `FC_SEED=${context.settings.seed}${path ? ` FC_PATH=${path}` : ''} ${command}`;
  const base = { law: pair.law, family: pair.family, runs: 0 };
  const checking = `while checking ${pair.law} on family ${pair.family}`;
  const inputLines = (heading: string) => (entry.input.length > 0 ? [`  ${heading}:`, ...entry.input.map((line) => `  ${line}`)] : []);
  if (end.kind === 'hang' && !end.between) {
    return { ...base, kind: 'hang', summary: `a call did not return within ${timeoutMs} ms`, report: formatHang(timeoutMs, entry, replayEnv, context.replayPrefix), replay: replay(context.settings.path) };
  }
  if (end.kind === 'hang') {
    const summary = `the process did nothing for ${timeoutMs} ms outside any call (a plug-in's timer or promise that never ends?)`;
    const report = [`HANG: ${name} ${summary} ${checking}, and was killed`, ...inputLines('the input of the last call'), `  replay:    ${replay(context.settings.path)}`].join('\n');
    return { ...base, kind: 'hang', summary, report, replay: replay(context.settings.path) };
  }
  if (end.kind === 'plugin-error') {
    const summary = `the plug-in raised ${end.text}`;
    const report = [`PLUG-IN FAILURE: ${name} raised ${end.text}, outside any call, after the calls of ${pair.law} on family ${pair.family}`, ...inputLines('the input of the last call'), `  replay:    ${replay(context.settings.path)}`].join('\n');
    return { ...base, kind: 'plugin-failure', summary, report, replay: replay(context.settings.path) };
  }
  if (end.signal !== null && CRASH_SIGNALS.has(end.signal)) {
    const shrunk = end.entry ? shrinkWithProbe(context, pair) : { reason: 'the crash came before the first call' };
    const path = 'syncCase' in shrunk ? shrunk.path : context.settings.path;
    const report = formatDeath(end.signal, end.entry ? entry : undefined, shrunk, replayEnv, context.replayPrefix).split('\n');
    // The page guards' handler named the address the plug-in touched, on the shrunk case when there
    // is one: the line that says what the plug-in did.
    const fault = ('syncCase' in shrunk ? shrunk.fault : undefined) ?? end.fault;
    if (fault) report.splice(1, 0, `  fault:     ${fault}`);
    const summary = `crashed (${end.signal})${fault ? `: ${fault}` : ''}`;
    return { ...base, kind: 'crash', summary, report: report.join('\n'), replay: replay(path) };
  }
  const how = end.signal !== null ? `was killed by ${end.signal}` : `ended the process (exit code ${end.code})`;
  const where = end.callInFlight ? 'in a call' : 'between calls';
  const summary = `the plug-in ${how} ${where}`;
  const report = [`PLUG-IN FAILURE: ${name} ${how} ${where} ${checking}; the laws not yet checked there were never checked`, ...inputLines(end.callInFlight ? 'the input of the call in flight' : 'the input of the last call'), `  replay:    ${replay(context.settings.path)}`].join('\n');
  return { ...base, kind: 'plugin-failure', summary, report, replay: replay(context.settings.path) };
}

/**
 * Shrinks a native crash through the crash probe, on the check's family and seed.
 * @returns the smallest crashing case, or why there is none
 */
function shrinkWithProbe(context: EndContext, pair: { law: LawId; family: string }): ShrunkCrash | { reason: string } {
  const family = CASE_FAMILIES.find((f) => f.name === pair.family);
  if (!('pluginPath' in context.source) || !isNativePlugin(context.source.pluginPath) || !family) return { reason: 'only native code is shrunk through the crash probe' };
  try {
    const path = resolve(context.source.pluginPath);
    const libraryPath = extname(path) === '.c' ? compileSyncPlugin(path, context.env) : path;
    const shrunk = shrinkCrash(createCrashProbe(libraryPath, context.env), family, pair.law, context.settings);
    return shrunk ?? { reason: "no case of the family crashes the probe: the crash came while shrinking another law's counterexample" };
  } catch (error) {
    return { reason: `the crash probe could not run: ${error instanceof Error ? error.message : String(error)}` };
  }
}
