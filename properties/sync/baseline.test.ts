/**
 * Baselines: the reviewed file of expected findings is parsed strictly, compared by law, family and
 * kind, and written so that reading it back gives the same entries.
 */
import { describe, expect, test } from 'vitest';
import { compareWithBaseline, formatBaseline, formatDifferences, parseBaseline } from '../../src/gate/baseline.ts';
import type { GateOutcome, GateRun } from '../../src/gate/gate-outcome.ts';
import type { LawId } from '../../src/sync/laws/law.ts';

function outcome(law: LawId, family: string, kind: GateOutcome['kind'], summary = ''): GateOutcome {
  return { law, family, kind, runs: 10, summary, report: '', replay: '' };
}

function run(implementation: string, outcomes: GateOutcome[]): GateRun {
  return { implementation, description: '', outcomes, complete: true };
}

const FILE = `# expected findings of my-sync.c
L7 any-range re-arm skipped when nothing new is set

L1 qemu-block-size crash writes past the 2^21-page block
[other.c]
L2 whole-block hang loops forever
`;

describe('a baseline', () => {
  test('reads laws, families, kinds, reasons and sections; skips comments and blank lines', () => {
    expect(parseBaseline(FILE, 'b.txt')).toEqual([
      { law: 'L7', family: 'any-range', kind: 'finding', reason: 're-arm skipped when nothing new is set' },
      { law: 'L1', family: 'qemu-block-size', kind: 'crash', reason: 'writes past the 2^21-page block' },
      { implementation: 'other.c', law: 'L2', family: 'whole-block', kind: 'hang', reason: 'loops forever' },
    ]);
  });

  test('names the file and line of a bad line, a missing reason and a duplicate', () => {
    expect(() => parseBaseline('L7\n', 'b.txt')).toThrow(/^baseline: b\.txt line 1 must be LAW FAMILY \[KIND\] REASON .*, got "L7"$/);
    expect(() => parseBaseline('# x\nL7 any-range crash\n', 'b.txt')).toThrow(/^baseline: b\.txt line 2 reason must be text saying why/);
    expect(() => parseBaseline('L7 any-range a\nL7 any-range crash b\n', 'b.txt')).toThrow(/^baseline: b\.txt line 2 must be the only entry for its law and family/);
    expect(() => parseBaseline('L10 any-range a\n', 'b.txt')).toThrow(RangeError);
  });

  test('equal findings give no difference; a new one, a gone one and a change of kind are each listed', () => {
    const entries = parseBaseline(FILE, 'b.txt');
    const same = run('my-sync.c', [outcome('L7', 'any-range', 'finding', 'x'), outcome('L1', 'qemu-block-size', 'crash', 'y'), outcome('L2', 'whole-block', 'held')]);
    expect(compareWithBaseline(same, entries)).toEqual({ newFindings: [], noLongerFound: [] });
    const changed = run('my-sync.c', [outcome('L7', 'any-range', 'held'), outcome('L1', 'qemu-block-size', 'finding', 'bmap bit 3 is 0'), outcome('L5', 'any-range', 'guard', 'wrote outside')]);
    expect(formatDifferences('my-sync.c', compareWithBaseline(changed, entries))).toEqual([
      'new finding: my-sync.c L1 qemu-block-size: bmap bit 3 is 0',
      'new finding: my-sync.c L5 any-range guard: wrote outside',
      'no longer found: my-sync.c L7 any-range (baseline: re-arm skipped when nothing new is set)',
      'no longer found: my-sync.c L1 qemu-block-size crash (baseline: writes past the 2^21-page block)',
    ]);
  });

  test("applies a section only to its implementation, and says nothing of a check the run did not make", () => {
    const entries = parseBaseline(FILE, 'b.txt');
    expect(compareWithBaseline(run('other.c', [outcome('L2', 'whole-block', 'hang')]), entries)).toEqual({ newFindings: [], noLongerFound: [] });
    expect(compareWithBaseline(run('my-sync.c', [outcome('L2', 'whole-block', 'hang')]), entries).newFindings).toHaveLength(1);
  });

  test('is written with a header, keeps reviewed reasons, and reads back to the same findings', () => {
    const previous = parseBaseline('L7 any-range reviewed reason\n', 'old.txt');
    const runs = [run('a.c', [outcome('L7', 'any-range', 'finding', 'found text'), outcome('L3', 'whole-block', 'crash', 'crashed (SIGSEGV)'), outcome('L1', 'any-range', 'finding', 'crash   when shrunk')])];
    const text = formatBaseline(runs, ['written by: a test'], previous);
    expect(text.split('\n')[0]).toBe('# written by: a test');
    expect(parseBaseline(text, 'new.txt')).toEqual([
      { law: 'L7', family: 'any-range', kind: 'finding', reason: 'reviewed reason' },
      { law: 'L3', family: 'whole-block', kind: 'crash', reason: 'crashed (SIGSEGV)' },
      { law: 'L1', family: 'any-range', kind: 'finding', reason: 'crash when shrunk' },
    ]);
    const two = formatBaseline([run('a.c', [outcome('L7', 'any-range', 'finding', 'x')]), run('b.c', [outcome('L7', 'any-range', 'hang', 'y')])], []);
    expect(parseBaseline(two, 'two.txt').map((e) => `${e.implementation} ${e.kind}`)).toEqual(['a.c finding', 'b.c hang']);
  });
});
