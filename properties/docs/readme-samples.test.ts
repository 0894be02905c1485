/**
 * The README's example is what `npm run test:sync` prints for qemu-landed's L7 finding on the
 * short-neighbour family, computed here from the current code, and its replay line reproduces that
 * counterexample as a known finding (so the replay exits 0), as test-sync does it.
 */
import { expect, test } from 'vitest';
import { DEFAULT_NUM_RUNS, DEFAULT_SEED } from '../../src/property-settings.ts';
import { CASE_FAMILIES } from '../../src/sync/case-families.ts';
import { formatCounterexample, replayCommand } from '../../src/sync/counterexample-format.ts';
import { checkEntry } from '../../src/sync/law-suite.ts';
import { lawById } from '../../src/sync/laws/catalogue.ts';
import { qemuLanded } from '../../src/sync/qemu-landed.ts';
import { readDocSample } from './doc-sample.ts';

const family = CASE_FAMILIES.find((f) => f.name === 'short-neighbour')!;
const law = lawById('L7');

test('the README shows the short-neighbour L7 counterexample as test-sync prints it now', () => {
  const { result, asExpected } = checkEntry(qemuLanded, family, law, { seed: DEFAULT_SEED, numRuns: DEFAULT_NUM_RUNS });
  expect(asExpected).toBe(true);
  const printed = `known finding: ${formatCounterexample(result, replayCommand('qemu-landed', 'short-neighbour', 'L7'))}`;
  expect(readDocSample('README.md', 'short-neighbour-l7')).toBe(printed);

  // The replay line's path, run as test-sync runs it, finds the same case, and as expected.
  const line = printed.split('\n').find((l) => l.trim().startsWith('replay:'))!;
  const seed = Number(/FC_SEED=(\d+)/.exec(line)![1]);
  const path = /FC_PATH=(\S+)/.exec(line)![1];
  expect(line).toContain('--implementation qemu-landed --family short-neighbour --law L7');
  const replayed = checkEntry(qemuLanded, family, law, { seed, numRuns: DEFAULT_NUM_RUNS, path });
  expect(replayed.asExpected).toBe(true);
  expect(replayed.result.counterexample?.syncCase).toEqual(result.counterexample?.syncCase);
});
