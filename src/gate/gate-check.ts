/**
 * Checks one law on one implementation over one case family, on guarded buffers. A case on which
 * the plug-in writes outside its bitmaps or changes the oracle's structures fails on its own
 * account: the search stops at the first failing case, and when that case misbehaved, fast-check
 * shrinks the property "nothing outside the bitmaps changes" instead of the law, so the report is
 * the smallest case that misbehaves, with its own message.
 */
import fc from 'fast-check';
import type { PropertySettings } from '../property-settings.ts';
import type { CaseFamily } from '../sync/case-families.ts';
import type { SyncImplementation } from '../sync/contract.ts';
import { formatCounterexample } from '../sync/counterexample-format.ts';
import { runsFor, type LawCheckResult } from '../sync/law-check.ts';
import type { SyncLaw } from '../sync/laws/law.ts';
import type { SyncCase } from '../sync/sync-case.ts';
import type { GateOutcome } from './gate-outcome.ts';
import { observeGuarded } from './guarded-observation.ts';
import type { PageGuards } from '../sync/native/page-guards.ts';

/**
 * Runs the check.
 * @param implementation - the sync under test
 * @param law - the law
 * @param family - the case family
 * @param settings - seed, runs (already scaled for a known finding) and replay path
 * @param replay - the command that replays this check, without its environment variables
 * @param pageGuards - end every buffer at a protected page too (for native code)
 * @returns `held`, `finding` or `guard`
 */
export function checkGuardedLaw(
  implementation: SyncImplementation,
  law: SyncLaw,
  family: CaseFamily,
  settings: PropertySettings,
  replay: string,
  pageGuards?: PageGuards,
): GateOutcome {
  const withSplit = law.id === 'L9';
  const observe = (syncCase: SyncCase) => observeGuarded(implementation, syncCase, pageGuards);
  const misbehaves = (syncCase: SyncCase) => observe(syncCase).misbehaviour(withSplit).length > 0;
  const options = { seed: settings.seed, numRuns: runsFor(family, settings), ...(settings.path ? { path: settings.path } : {}) };
  const search = fc.check(
    fc.property(family.arbitrary, (syncCase) => {
      const guarded = observe(syncCase);
      return guarded.misbehaviour(withSplit).length === 0 && law.check(guarded.observation) === null;
    }),
    { ...options, endOnFailure: true },
  );
  const base = { law: law.id, family: family.name, runs: search.numRuns };
  const commandLine = (path: string) => `FC_SEED=${settings.seed}${path ? ` FC_PATH=${path}` : ''} ${replay}`;
  if (!search.failed || search.counterexample === null) return { ...base, kind: 'held', summary: '', report: '', replay: commandLine(settings.path ?? '') };
  const guardFailure = misbehaves(search.counterexample[0]);
  const property = guardFailure
    ? fc.property(family.arbitrary, (syncCase) => !misbehaves(syncCase))
    : fc.property(family.arbitrary, (syncCase) => law.check(observe(syncCase).observation) === null);
  // Starting from the failing case's path replays it first and shrinks from there, without
  // searching again; the path fast-check then prints still starts from the seed.
  const shrunk = fc.check(property, { ...options, path: search.counterexamplePath ?? options.path });
  // The same seed meets the same first failing case, so this cannot pass; if a non-deterministic
  // plug-in makes it pass, the unshrunk case is kept.
  const syncCase = shrunk.failed && shrunk.counterexample ? shrunk.counterexample[0] : search.counterexample[0];
  const path = shrunk.failed ? (shrunk.counterexamplePath ?? '') : (search.counterexamplePath ?? '');
  const guarded = observe(syncCase);
  const violation = guardFailure
    ? guarded.misbehaviour(withSplit).join('; ') || 'the plug-in misbehaved on this case only once (a non-deterministic plug-in?)'
    : (law.check(guarded.observation) ?? 'the law held when the counterexample was replayed (a non-deterministic implementation?)');
  const result: LawCheckResult = {
    implementation: implementation.name,
    family: family.name,
    law: law.id,
    runs: search.numRuns,
    applicableRuns: search.numRuns,
    seed: settings.seed,
    counterexample: { syncCase, observation: guarded.observation, violation, path, shrinks: shrunk.numShrinks },
  };
  const report = formatCounterexample(result, replay).split('\n');
  if (guardFailure) {
    report[0] = `${implementation.name} misbehaved while ${law.id} was checked on ${family.name} (found in ${search.numRuns} runs, shrunk ${shrunk.numShrinks} times)`;
    report[1] = '  guard:     every byte outside the bitmaps, and the structures the oracle hands over, stay as they are';
  }
  return { ...base, kind: guardFailure ? 'guard' : 'finding', summary: violation, report: report.join('\n'), replay: commandLine(path) };
}
