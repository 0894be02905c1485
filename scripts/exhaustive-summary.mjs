// The exhaustive space's lines of CI's summary, from the slices its tests record in vitest's JSON
// report (`meta.exhaustiveSlice`, written by properties/sync/exhaustive/slice-test.ts): per space, the
// cases, law checks and CPU time. When the full space was asked for, a run in which any part of it did
// not record (a slice left out, failed before it ran, or ran short) is a failure, never a green run.

const integer = (value) => value.toLocaleString('en-US');

/**
 * Summarises the exhaustive space's slices in a vitest JSON report.
 * @param {{ testResults: { assertionResults: { meta?: { exhaustiveSlice?: object } }[] }[] }} report - the report
 * @param {boolean} fullRequired - whether the full space was asked for (EXHAUSTIVE_SPACE=full)
 * @returns {{ lines: string[], failures: string[] }} one line per space that ran, and what is missing
 */
export function summarizeExhaustiveSpace(report, fullRequired) {
  const spaces = new Map();
  for (const suite of report.testResults) {
    for (const test of suite.assertionResults) {
      const slice = test.meta?.exhaustiveSlice;
      if (slice === undefined) continue;
      const space = spaces.get(slice.space) ?? { spaceCases: slice.spaceCases, slices: 0, cases: 0, lawChecks: 0, cpuSeconds: 0 };
      space.slices += 1;
      space.cases += slice.cases;
      space.lawChecks += slice.lawChecks;
      space.cpuSeconds += slice.cpuSeconds;
      spaces.set(slice.space, space);
    }
  }
  const lines = [...spaces].map(
    ([name, s]) =>
      `exhaustive space (${name}): ${integer(s.cases)} of ${integer(s.spaceCases)} cases in ${s.slices} slice${s.slices === 1 ? '' : 's'}, ${integer(s.lawChecks)} law checks, ${s.cpuSeconds.toFixed(1)} s CPU`,
  );
  const failures = [];
  if (fullRequired) {
    const full = spaces.get('full');
    if (full === undefined) failures.push('exhaustive space (full): EXHAUSTIVE_SPACE=full, but no slice of the full space ran');
    else if (full.cases !== full.spaceCases) failures.push(`exhaustive space (full): only ${integer(full.cases)} of ${integer(full.spaceCases)} cases ran`);
  }
  return { lines, failures };
}
