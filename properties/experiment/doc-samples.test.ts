import { describe, expect, it } from 'vitest';
import { readCommittedTrace } from '../../src/experiment/committed-traces.ts';
import { lostWritesText, sweepText } from '../../src/experiment/experiment-text.ts';
import { summariseLostWrites } from '../../src/experiment/lost-write-summary.ts';
import { readDocSample } from '../docs/doc-sample.ts';

describe('docs/qemu-experiment.md samples', () => {
  it('shows what the committed sweep measured, as the code prints it', () => {
    expect(readDocSample('docs/qemu-experiment.md', 'qemu-sweep-measured')).toBe(sweepText(readCommittedTrace('sweep')).join('\n'));
  });

  it('shows the lost-writes figures, as the code prints them', () => {
    expect(readDocSample('docs/qemu-experiment.md', 'qemu-lost-writes')).toBe(lostWritesText(summariseLostWrites(readCommittedTrace('lost-writes').runs)).join('\n'));
  });
});
