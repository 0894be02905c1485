import { describe, expect, it } from 'vitest';
import { committedQemuExperimentSection } from '../../src/report/qemu-experiment-section.ts';
import type { TableBlock } from '../../src/report/report-document.ts';

describe('the report part on the QEMU experiment', async () => {
  const blocks = await committedQemuExperimentSection();
  const tables = blocks.filter((block): block is TableBlock => block.kind === 'table');

  it('lists every sweep run, measured against predicted, with no verdict the model misses', () => {
    const points = tables[0];
    expect(points.rows).toHaveLength(96);
    expect(points.rows.filter((row) => row[5].endsWith('✗')).map((row) => row[0])).toEqual([]);
  });

  it('draws expected-downtime over time and shows the lost writes per working set', () => {
    const figure = blocks.find((block) => block.kind === 'figure');
    expect(figure?.kind === 'figure' && figure.svg.startsWith('<svg')).toBe(true);
    expect(tables[1].rows.map((row) => row.slice(0, 2))).toEqual([
      ['64', '1'],
      ['192', '1'],
      ['2048', '8'],
    ]);
  });
});
