/**
 * The sync golden files: what each implementation computes on a fixed set of seeded cases, and the
 * findings of the law suite with one shrunk counterexample per broken (implementation, law).
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { PropertySettings } from '../property-settings.ts';
import { CASE_FAMILIES } from '../sync/case-families.ts';
import type { SyncImplementation } from '../sync/contract.ts';
import { formatCounterexample, replayCommand } from '../sync/counterexample-format.ts';
import type { EffectCall, EffectKind } from '../sync/effect-recorder.ts';
import { summariseFindings } from '../sync/findings-summary.ts';
import { KNOWN_FINDING_SEARCH_FACTOR } from '../sync/law-suite.ts';
import { LAWS } from '../sync/laws/catalogue.ts';
import { observeSync } from '../sync/observation.ts';
import type { SyncCase, SyncState } from '../sync/sync-case.ts';
import { goldenRecord, type GoldenFile, type GoldenRecord } from './golden-file.ts';

/** Fixed inputs of the sync golden files: independent of FC_SEED and FC_NUM_RUNS. */
export const SYNC_GOLDEN_SETTINGS: PropertySettings = { seed: 20251215, numRuns: 100 };

/** Cases per family in the per-implementation files. */
export const GOLDEN_CASES_PER_FAMILY = 6;

/** Ranges listed in full before a list is summarised by count and digest. */
const MAX_LISTED_RANGES = 4;

/**
 * The fixed cases: the first cases of each family under the golden seed.
 * @returns the cases with their record ids (`family#index`)
 */
export function goldenCases(): { id: string; syncCase: SyncCase }[] {
  return CASE_FAMILIES.flatMap((family) =>
    fc.sample(family.arbitrary, { seed: SYNC_GOLDEN_SETTINGS.seed, numRuns: GOLDEN_CASES_PER_FAMILY }).map((syncCase, index) => ({ id: `${family.name}#${index}`, syncCase })),
  );
}

/**
 * The per-implementation file: for each fixed case, the layout, a digest of the state before and
 * after, the return value and a summary of each kind of effect.
 * @param implementation - the implementation
 * @param cases - the fixed cases (from `goldenCases`)
 * @returns the file `sync/<name>.txt`
 */
export function implementationGoldenFile(implementation: SyncImplementation, cases: readonly { id: string; syncCase: SyncCase }[]): GoldenFile {
  const records = cases.map(({ id, syncCase }) => {
    const { before, whole } = observeSync(implementation, syncCase);
    const outcome = 'thrown' in whole ? `threw ${String(whole.thrown)}` : `returned ${String(whole.returned)}`;
    return goldenRecord(
      [
        id,
        `blockPages ${syncCase.blockPages} offsetPage ${syncCase.offsetPage} pages ${syncCase.pages} range ${syncCase.startPage}+${syncCase.npages}`,
        `before ${stateDigest(before)}`,
        outcome,
        `after ${stateDigest(whole.after)}`,
        ...(['clearDirtyLog', 'dirtyBitsCleared', 'deferDirtyLogClear'] as const).map((kind) => summariseCalls(whole.calls, kind)),
      ].join(' | '),
    );
  });
  return {
    name: `sync/${implementation.name}.txt`,
    inputs: `implementation ${implementation.name}; seed ${SYNC_GOLDEN_SETTINGS.seed}; ${GOLDEN_CASES_PER_FAMILY} cases per family (${CASE_FAMILIES.map((f) => f.name).join(', ')}); digests are sha256 of source blocks then bmap, first 16 hex digits`,
    records,
  };
}

/**
 * The findings file: for each implementation and law, the families where the law is broken and a
 * shrunk counterexample from the first of them.
 * @param implementations - the implementations
 * @returns the file `sync/findings.txt`
 */
export function findingsGoldenFile(implementations: readonly SyncImplementation[]): GoldenFile {
  const settings = SYNC_GOLDEN_SETTINGS;
  const records: GoldenRecord[] = [];
  for (const { implementation, findings } of summariseFindings(implementations, settings)) {
    for (const { law, families, shown } of findings) {
      const replay = replayCommand(implementation, families[0], law.id);
      const example = formatCounterexample(shown, replay).split('\n');
      records.push(goldenRecord(`${implementation} ${law.id} ${law.name} | broken on ${families.join(', ')}`, ...example.map((line) => `  ${line}`)));
    }
    if (findings.length === 0) records.push(goldenRecord(`${implementation} | no law broken`));
  }
  return {
    name: 'sync/findings.txt',
    inputs: `seed ${settings.seed}; ${settings.numRuns} runs per (implementation, family, law) scaled per family; known findings searched with ${KNOWN_FINDING_SEARCH_FACTOR}x; laws ${LAWS.map((l) => l.id).join(' ')}; families ${CASE_FAMILIES.map((f) => f.name).join(', ')}`,
    records,
  };
}

function stateDigest(state: SyncState): string {
  const hash = createHash('sha256');
  for (const block of state.mem.blocks) hash.update(new Uint8Array(block.buffer, block.byteOffset, block.byteLength));
  hash.update(new Uint8Array(state.rb.bmap.buffer, state.rb.bmap.byteOffset, state.rb.bmap.byteLength));
  return hash.digest('hex').slice(0, 16);
}

/** `kind: n calls, p pages [a,b) [c,d)` with the merged ranges, or their count and digest when many. */
function summariseCalls(calls: readonly EffectCall[], kind: EffectKind): string {
  const mine = calls.filter((call) => call.kind === kind);
  if (mine.length === 0) return `${kind} none`;
  const ranges: [number, number][] = [];
  for (const { startPage, npages } of mine) {
    const [start, end] = [Number(startPage), Number(startPage) + Number(npages)];
    const last = ranges[ranges.length - 1];
    if (last && start === last[1]) last[1] = end;
    else ranges.push([start, end]);
  }
  const pages = mine.reduce((sum, call) => sum + Number(call.npages), 0);
  const listed = ranges.map(([a, b]) => `[${a},${b})`).join(' ');
  const shown = ranges.length <= MAX_LISTED_RANGES ? listed : `${ranges.length} runs, digest ${createHash('sha256').update(listed).digest('hex').slice(0, 12)}`;
  return `${kind} ${mine.length} calls ${pages} pages ${shown}`;
}
