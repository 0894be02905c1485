/**
 * The report's loop section shows one run's last turns, ending at its completion, and the real
 * downtime against the limit; its survey classifies the seed's point where the two verdicts differ
 * the way the documented least limits say.
 */
import { expect, test } from 'vitest';
import { verdictSurvey } from '../../src/report/loop-plots.ts';
import { loopSection } from '../../src/report/loop-section.ts';

test('shows the last turns of a run up to its completion, with its real downtime above the final sync', async () => {
  const blocks = await loopSection(true);
  expect(blocks[0]).toMatchObject({ kind: 'heading', text: "QEMU's migration loop" });
  const trace = blocks.filter((block) => block.kind === 'code').at(-1);
  const lines = trace?.kind === 'code' ? trace.text.split('\n') : [];
  expect(lines.length).toBe(13);
  // The completion row: nothing pending, the final sync counted.
  expect(lines[12].split(/\s+/)[1]).toBe('0.000');
  const summary = blocks.find((block) => block.kind === 'paragraph' && /real downtime [\d.]+ ms/.test(block.text));
  const downtimeMs = Number(/real downtime ([\d.]+) ms/.exec(summary?.kind === 'paragraph' ? summary.text : '')?.[1]);
  expect(downtimeMs).toBeGreaterThanOrEqual(73);
});

test('draws the trace and the verdict survey as figures', async () => {
  const figures = (await loopSection(true)).filter((block) => block.kind === 'figure');
  expect(figures.map((figure) => (figure.kind === 'figure' ? figure.id : ''))).toEqual(['loop-trace', 'loop-verdict-survey']);
  for (const figure of figures) expect(figure.kind === 'figure' && figure.svg.startsWith('<svg')).toBe(true);
});

test('at x = 73 ms the closed form needs 219 ms and the loop 166.5 ms, so y = 200 ms converges only in the loop, 150 ms in neither, 250 ms in both', () => {
  // The least limits are docs/migration-loop.md's table: eq. (12) gives 15·73/(15−10) = 219 ms.
  const survey = verdictSurvey([73], [150, 200, 250]);
  expect(survey.map((point) => point.agreement)).toEqual(['neither converges', 'only the loop converges', 'both converge']);
});

test('at x = 12 ms the closed form needs 27.3 ms and the loop 35.0 ms, so y = 30 ms converges only in the closed form', () => {
  // eq. (19): 100·10·12/((15−10)·(100−12)) = 27.27 ms; the loop's 35.0 ms is docs/migration-loop.md's.
  expect(verdictSurvey([12], [30]).map((point) => point.agreement)).toEqual(['only the closed form converges']);
});
