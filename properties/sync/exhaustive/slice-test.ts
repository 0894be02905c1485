/**
 * The vitest test of one slice of the exhaustive space: runs it, asserts the known findings exactly,
 * prints cases, law checks and time, and records them in the test's meta, where CI's summary reads
 * them from vitest's JSON report (`scripts/ci-summary.mjs`).
 */
import { expect, test } from 'vitest';
import { BUILT_IN_IMPLEMENTATIONS } from '../../../src/sync/implementations.ts';
import { caseCount, type SpaceDimensions } from './exhaustive-space.ts';
import { EXPECTED_BROKEN } from './known-finding-conditions.ts';
import { runSpace } from './space-run.ts';

/** What one slice ran, as recorded in its test's meta. */
export interface SliceRecord {
  /** The space the slice is part of: `full` or `word edges`. */
  readonly space: string;
  /** Cases in that whole space, so a summary can tell whether all of it ran. */
  readonly spaceCases: number;
  /** Cases run. */
  readonly cases: number;
  /** Law checks made. */
  readonly lawChecks: number;
  /** CPU time of the worker process during the slice (s). */
  readonly cpuSeconds: number;
  /** Wall time of the slice (s). */
  readonly wallSeconds: number;
}

declare module 'vitest' {
  interface TaskMeta {
    /** Set by a test of the exhaustive space. */
    exhaustiveSlice?: SliceRecord;
  }
}

/** One slice's test. */
export interface SliceTest {
  /** The space it is part of, e.g. `full`. */
  readonly spaceName: string;
  /** That whole space. */
  readonly space: SpaceDimensions;
  /** The slice, e.g. `64-page blocks, all ones`. */
  readonly label: string;
  /** The slice's dimensions. */
  readonly slice: SpaceDimensions;
  /** The (implementation, law) pairs, as `"implementation law"`, the slice must find broken; undefined to require only that nothing else breaks. */
  readonly expectedBroken?: readonly string[];
  /** Receives the pairs found broken, for a check over several slices. */
  readonly onBroken?: (pairs: readonly string[]) => void;
  /** The test's time limit (ms). */
  readonly timeoutMs: number;
  /** Print the one-line summary (the cut-down in `npm test` keeps quiet). */
  readonly printSummary: boolean;
}

const integer = (value: number) => value.toLocaleString('en-US');

/**
 * Registers the test of one slice.
 * @param slice - the slice and what it must find
 */
export function testSlice({ spaceName, space, label, slice, expectedBroken, onBroken, timeoutMs, printSummary }: SliceTest): void {
  test(`${label}: ${integer(caseCount(slice))} cases, every law, every implementation`, ({ task }) => {
    const startedMs = performance.now();
    const startedCpu = process.cpuUsage();
    const result = runSpace(BUILT_IN_IMPLEMENTATIONS, slice);
    const cpu = process.cpuUsage(startedCpu);
    const record: SliceRecord = {
      space: spaceName,
      spaceCases: caseCount(space),
      cases: result.cases,
      lawChecks: result.checks,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      wallSeconds: (performance.now() - startedMs) / 1000,
    };
    task.meta.exhaustiveSlice = record;
    const broken = result.violations.map((v) => `${v.implementation} ${v.law}`).sort();
    if (printSummary) {
      console.log(
        `exhaustive space (${spaceName}), ${label}: ${integer(record.cases)} cases, ${integer(record.lawChecks)} law checks, ` +
          `${broken.length} (implementation, law) pairs broken; ${record.cpuSeconds.toFixed(1)} s CPU, ${record.wallSeconds.toFixed(1)} s wall`,
      );
    }
    expect(result.cases).toBe(caseCount(slice));
    expect(result.unexplained).toEqual([]);
    if (expectedBroken === undefined) expect(broken.every((pair) => EXPECTED_BROKEN.includes(pair)), broken.join(', ')).toBe(true);
    else expect(broken).toEqual([...expectedBroken].sort());
    onBroken?.(broken);
  }, timeoutMs);
}
