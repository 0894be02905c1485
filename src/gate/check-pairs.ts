/**
 * The loop that checks (law, family) pairs against a loaded implementation, shared by the gate's
 * child process and by `--in-process` (for a debugger, at the price of a crash ending the run).
 */
import { CASE_FAMILIES } from '../sync/case-families.ts';
import type { SyncImplementation } from '../sync/contract.ts';
import { BUILT_IN_IMPLEMENTATIONS } from '../sync/implementations.ts';
import { lawById } from '../sync/laws/catalogue.ts';
import { isNativePlugin, loadSyncPlugin } from '../sync/plugin-loader.ts';
import { existsSync, utimesSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { CALL_JOURNAL_VARIABLE } from '../sync/native/call-journal.ts';
import type { CrashProbe } from '../sync/native/crash-probe.ts';
import { createSanitizerDriver, SANITIZE_VARIABLE, sanitizersFromEnv } from '../sync/native/sanitizer-driver.ts';
import { PluginLoadError } from '../sync/plugin-load-error.ts';
import { checkGuardedLaw } from './gate-check.ts';
import { checkUnderSanitizer } from './sanitizer-check.ts';
import type { GateOutcome } from './gate-outcome.ts';
import { GUARD_REPORT_VARIABLE, type CheckPair, type GateRequest } from './gate-request.ts';

/**
 * Loads the implementation a request names.
 * @param request - the request
 * @returns the implementation, under the request's label when it has one
 * @throws PluginLoadError when a plug-in cannot be loaded; RangeError for an unknown built-in
 */
export async function loadRequested(request: Pick<GateRequest, 'source' | 'label'>): Promise<SyncImplementation> {
  const { source } = request;
  const loaded = 'builtIn' in source ? BUILT_IN_IMPLEMENTATIONS.find((i) => i.name === source.builtIn) : await loadSyncPlugin(source.pluginPath);
  if (!loaded) throw new RangeError(`gate: source.builtIn must be one of ${BUILT_IN_IMPLEMENTATIONS.map((i) => i.name).join(', ')}, got ${JSON.stringify('builtIn' in source ? source.builtIn : '')}`);
  return request.label ? { ...loaded, name: request.label } : loaded;
}

/**
 * Checks each pair in order.
 * @param implementation - the implementation (already wrapped by a call journal, when there is one)
 * @param request - pairs, settings and replay prefix
 * @param hooks - called before and after each check; `after` may wait (the child sends a message)
 * @returns the number of outcomes reported
 */
export async function checkPairs(
  implementation: SyncImplementation,
  request: Pick<GateRequest, 'source' | 'pairs' | 'settings' | 'replayPrefix'>,
  hooks: { before(pair: CheckPair): Promise<void> | void; after(outcome: GateOutcome): Promise<void> | void },
): Promise<number> {
  let reported = 0;
  // Native code can reach past its buffers at will: each ends at a protected page, so it faults there.
  // Imported here so that JS plug-ins and the built-ins never load the FFI's native addon.
  const native = 'pluginPath' in request.source && isNativePlugin(request.source.pluginPath);
  const pageGuards = native ? (await import('../sync/native/page-guards.ts')).loadPageGuards(process.env[GUARD_REPORT_VARIABLE]) : undefined;
  const sanitizers = sanitizersFromEnv();
  let driver: CrashProbe | undefined;
  if (sanitizers) {
    if (!('pluginPath' in request.source) || extname(request.source.pluginPath) !== '.c') {
      throw new PluginLoadError(`SYNC_SANITIZE: the sanitizers need the plug-in's C source (a .c file) to build it with them, got ${'pluginPath' in request.source ? request.source.pluginPath : 'a built-in implementation'}`);
    }
    driver = keepingAlive(createSanitizerDriver(resolve(request.source.pluginPath), sanitizers));
  }
  for (const pair of request.pairs) {
    const family = CASE_FAMILIES.find((f) => f.name === pair.family);
    if (!family) throw new RangeError(`gate: family must be one of ${CASE_FAMILIES.map((f) => f.name).join(', ')}, got ${JSON.stringify(pair.family)}`);
    await hooks.before(pair);
    const settings = { ...request.settings, numRuns: pair.numRuns };
    const replay = `${request.replayPrefix} --family ${pair.family} --law ${pair.law}`;
    const checked = checkGuardedLaw(implementation, lawById(pair.law), family, settings, replay, pageGuards);
    // A sanitizer's report on a case outweighs a law the same case may break.
    const sanitized = driver && checked.kind !== 'guard' ? checkUnderSanitizer(driver, implementation.name, lawById(pair.law), family, settings, `${SANITIZE_VARIABLE}=${sanitizers} ${replay}`) : undefined;
    const outcome = sanitized ?? checked;
    await hooks.after(outcome);
    reported++;
  }
  return reported;
}

/**
 * Wraps the sanitizers' driver so that each case it runs counts as activity for the runner's
 * watchdog, which otherwise sees a child making no calls for as long as the driver works.
 */
function keepingAlive(driver: CrashProbe): CrashProbe {
  const journalPath = process.env[CALL_JOURNAL_VARIABLE];
  return {
    probe(syncCase, law) {
      const answer = driver.probe(syncCase, law);
      if (journalPath && existsSync(journalPath)) utimesSync(journalPath, new Date(), new Date());
      return answer;
    },
  };
}
