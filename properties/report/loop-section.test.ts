/**
 * The report's loop section shows one run's last turns, ending at its completion, and the real
 * downtime against the limit.
 */
import { expect, test } from 'vitest';
import { loopSection } from '../../src/report/loop-section.ts';

test('shows the last turns of a run up to its completion, with its real downtime above the final sync', () => {
  const blocks = loopSection(true);
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
