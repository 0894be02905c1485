/** Types of `exhaustive-summary.mjs`, which CI's summary runs with plain Node. */

/** One slice as a test of the exhaustive space records it in its meta. */
export interface ExhaustiveSliceMeta {
  readonly space: string;
  readonly spaceCases: number;
  readonly cases: number;
  readonly lawChecks: number;
  readonly cpuSeconds: number;
  readonly wallSeconds: number;
}

/** The part of vitest's JSON report the summary reads. */
export interface VitestJsonReport {
  readonly testResults: readonly { readonly assertionResults: readonly { readonly meta?: { readonly exhaustiveSlice?: ExhaustiveSliceMeta } }[] }[];
}

/**
 * Summarises the exhaustive space's slices in a vitest JSON report.
 * @param report - the report
 * @param fullRequired - whether the full space was asked for (EXHAUSTIVE_SPACE=full)
 * @returns one line per space that ran, and what is missing of the full space
 */
export function summarizeExhaustiveSpace(report: VitestJsonReport, fullRequired: boolean): { lines: string[]; failures: string[] };
