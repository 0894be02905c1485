/**
 * The samples of `docs/qemu-source.md` against what the current code prints.
 */
import { expect, test } from 'vitest';
import { formatLayoutTable } from '../../src/qemu-source/layouts.ts';
import { readDocSample } from '../docs/doc-sample.ts';

test('the layout table in docs/qemu-source.md is the one the code holds', () => {
  expect(readDocSample('docs/qemu-source.md', 'qemu-layouts')).toBe(formatLayoutTable().join('\n'));
});
