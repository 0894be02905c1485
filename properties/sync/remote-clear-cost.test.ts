/**
 * The remote-clear table of the report, for RAMBlocks at offset 0 with every page dirty in QEMU's
 * 2^21-page DirtyMemoryBlocks, against counts worked out by hand from docs/qemu-background.md: a
 * length that is a multiple of 64 takes the aligned path (one re-arm, the remote clear deferred to
 * the 2^18-page `clear_bmap` chunks the range touches), any other length the misaligned path (one
 * remote clear and one re-arm per page before e8a6d158, one of each since).
 */
import { expect, test } from 'vitest';
import { QEMU_BLOCK_PAGES } from '../../src/sync/case-families.ts';
import { qemuLanded } from '../../src/sync/qemu-landed.ts';
import { qemuPrePatch } from '../../src/sync/qemu-pre-patch.ts';
import { reference } from '../../src/sync/reference.ts';
import { measureRemoteClears } from '../../src/sync/remote-clear-cost.ts';
import { wordwise } from '../../src/sync/wordwise.ts';

const CHUNK_PAGES = 2 ** 18;

function counts(clearCalls: number, clearPages: number, rearmCalls: number, rearmPages: number, deferCalls = 0, deferPages = 0) {
  return {
    clearDirtyLogCalls: clearCalls,
    clearDirtyLogPages: clearPages,
    dirtyBitsClearedCalls: rearmCalls,
    dirtyBitsClearedPages: rearmPages,
    deferDirtyLogClearCalls: deferCalls,
    deferDirtyLogClearPages: deferPages,
  };
}

test('counts the remote clears and re-arms of one whole-block sync per size and implementation', () => {
  const rows = measureRemoteClears([reference, wordwise, qemuPrePatch, qemuLanded], [4100, 4096, 262_208, 0], QEMU_BLOCK_PAGES);
  expect(rows).toEqual([
    {
      pages: 4100,
      aligned: false,
      counts: {
        reference: counts(4100, 4100, 4100, 4100),
        wordwise: counts(1, 4100, 1, 4100),
        'qemu-pre-patch': counts(4100, 4100, 4100, 4100),
        'qemu-landed': counts(1, 4100, 1, 4100),
      },
    },
    {
      pages: 4096,
      aligned: true,
      counts: {
        reference: counts(4096, 4096, 4096, 4096),
        wordwise: counts(1, 4096, 1, 4096),
        'qemu-pre-patch': counts(0, 0, 1, 4096, 1, CHUNK_PAGES),
        'qemu-landed': counts(0, 0, 1, 4096, 1, CHUNK_PAGES),
      },
    },
    {
      // One 64-page word past the first chunk: the mark covers two chunks.
      pages: 262_208,
      aligned: true,
      counts: {
        reference: counts(262_208, 262_208, 262_208, 262_208),
        wordwise: counts(1, 262_208, 1, 262_208),
        'qemu-pre-patch': counts(0, 0, 1, 262_208, 1, 2 * CHUNK_PAGES),
        'qemu-landed': counts(0, 0, 1, 262_208, 1, 2 * CHUNK_PAGES),
      },
    },
    {
      pages: 0,
      aligned: true,
      counts: { reference: counts(0, 0, 0, 0), wordwise: counts(0, 0, 0, 0), 'qemu-pre-patch': counts(0, 0, 0, 0), 'qemu-landed': counts(0, 0, 0, 0) },
    },
  ]);
});

test('rejects a block size that is not a positive multiple of 64 and a size that is not a whole number of pages', () => {
  const cases: [number[], number, string][] = [
    [[64], 100, 'blockPages must be a multiple of 64, got 100'],
    [[64], 0, 'blockPages must be >= 64, got 0'],
    [[64, -1], 64, 'sizesPages[1] must be >= 0, got -1'],
    [[64, 100, 1.5], 64, 'sizesPages[2] must be an integer, got 1.5'],
  ];
  for (const [sizes, blockPages, message] of cases) {
    const measure = () => measureRemoteClears([reference], sizes, blockPages);
    expect(measure).toThrow(RangeError);
    expect(measure).toThrow(new RangeError(`measureRemoteClears: ${message}`));
  }
});
