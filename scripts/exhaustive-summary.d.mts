/** Types of `exhaustive-summary.mjs`, which CI's summary runs with plain Node. */
import type { SliceRecord } from '../properties/sync/exhaustive/slice-test.ts';

/** The part of vitest's JSON report the summary reads: each test's meta, where a slice of the exhaustive space records itself. */
export interface VitestJsonReport {
  readonly testResults: readonly { readonly assertionResults: readonly { readonly meta?: { readonly exhaustiveSlice?: SliceRecord } }[] }[];
}

/**
 * Summarises the exhaustive space's slices in a vitest JSON report.
 * @param report - the report
 * @param fullRequired - whether the full space was asked for (EXHAUSTIVE_SPACE=full)
 * @returns one line per space that ran, and what is missing of the full space
 */
export function summarizeExhaustiveSpace(report: VitestJsonReport, fullRequired: boolean): { lines: string[]; failures: string[] };
