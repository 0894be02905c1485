/**
 * What the kit's tests share: the kit's folder, the narrowed gate run they make, and the checks of a
 * guard failure's words, so the quick half (`npm test`) and the long half (`npm run test:all`) read
 * the same way.
 */
import { resolve } from 'node:path';
import { expect } from 'vitest';
import type { GateOutcome, GateRun } from '../../../src/gate/gate-outcome.ts';
import { runGate, type GateOptions } from '../../../src/gate/run-gate.ts';

/** The repository's root. */
export const ROOT = resolve(import.meta.dirname, '../../..');
/** The kit's folder. */
export const KIT = import.meta.dirname;
/** Few runs: each misbehaviour shows on the first case that reaches it. */
const SETTINGS = { seed: 20251215, numRuns: 8 };
/** The edges of a buffer a plug-in can write past. */
export const EDGES = ['block-before', 'block-after', 'bmap-before', 'bmap-after'] as const;
/** Blocks of 64 to 4096 pages, and QEMU's 2^21. */
export const BLOCK_SIZES = ['any-range', 'qemu-block-size'];

/**
 * Runs the gate on a plug-in of the kit.
 * @param plugin - its file name in the kit, or an absolute path
 * @param options - laws, families and the rest, over the kit's defaults
 * @returns the run
 */
export function kitGate(plugin: string, options: Partial<GateOptions>): Promise<GateRun> {
  const pluginPath = plugin.startsWith('/') ? plugin : resolve(KIT, plugin);
  return runGate({ source: { pluginPath }, replayPrefix: `SYNC_IMPL=${plugin} npm run test:sync --`, settings: SETTINGS, callTimeoutMs: 2_000, ...options });
}

/**
 * The one outcome of a run for a law and family.
 * @param run - the gate run
 * @param law - law id
 * @param family - family name
 * @returns the outcome
 * @throws Error when the run has none
 */
export function only(run: GateRun, law: string, family: string): GateOutcome {
  const outcome = run.outcomes.find((o) => o.law === law && o.family === family);
  if (!outcome) throw new Error(`no outcome for ${law} on ${family}`);
  return outcome;
}

/**
 * Asserts that an outcome is a shrunk guard failure naming the edge written past.
 * @param outcome - the outcome of L6 on one family
 * @param edge - the edge
 */
export function expectGuardFailure(outcome: GateOutcome, edge: (typeof EDGES)[number]): void {
  expect(outcome.kind, outcome.family).toBe('guard');
  expect(outcome.summary).toMatch(new RegExp(`^wrote outside the bitmaps: \\d+ words? ${expectedWord[edge]}( \\d+)?, in the call sync\\(startPage \\d+, npages \\d+\\)$`));
  expect(outcome.report).toMatch(/misbehaved while L6 was checked on \S+ \(found in \d+ runs, shrunk \d+ times\)/);
  expect(outcome.replay).toMatch(/^FC_SEED=20251215 FC_PATH=[\d:]+ SYNC_IMPL=\S+ npm run test:sync -- --family \S+ --law L6$/);
}

const expectedWord = { 'block-before': 'before the start of block', 'block-after': 'past the end of block', 'bmap-before': 'before the start of bmap', 'bmap-after': 'past the end of bmap' };
