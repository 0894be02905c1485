/**
 * The counterexample text `npm run test:sync`, the golden files and the report print, read in full on
 * hand-made observations: which 64-bit words are shown (the range's words, one word either side, and
 * any word the sync changed), how they are numbered and marked, when a long list is elided, and the
 * effects, return value and replay lines. Every expected line is written out by hand.
 */
import { describe, expect, test } from 'vitest';
import type { EffectCall } from '../../src/sync/effect-recorder.ts';
import { describeCalls, describeLayout, formatCounterexample, hex64, replayCommand } from '../../src/sync/counterexample-format.ts';
import type { LawCheckResult } from '../../src/sync/law-check.ts';
import type { LawId } from '../../src/sync/laws/law.ts';
import type { SyncObservation, SyncRun } from '../../src/sync/observation.ts';
import type { SyncCase } from '../../src/sync/sync-case.ts';

const ONES = 0xffffffff;

const call = (kind: EffectCall['kind'], startPage: number, npages: number): EffectCall => ({ kind, startPage, npages });

function run(syncCase: SyncCase, blocksAfter: Uint32Array[], bmapAfter: Uint32Array, returned: unknown, calls: EffectCall[]): SyncRun {
  return {
    after: { mem: { blockPages: syncCase.blockPages, blocks: blocksAfter }, rb: { offsetPage: syncCase.offsetPage, pages: syncCase.pages, bmap: bmapAfter } },
    returned,
    calls,
  };
}

function brokenBy(law: LawId, syncCase: SyncCase, whole: SyncRun, split: SyncRun, violation: string): LawCheckResult {
  const before = { mem: { blockPages: syncCase.blockPages, blocks: syncCase.source.map((block) => block.slice()) }, rb: { offsetPage: syncCase.offsetPage, pages: syncCase.pages, bmap: syncCase.bmap.slice() } };
  const observation: SyncObservation = { syncCase, before, whole, split };
  return {
    implementation: 'hand-made',
    family: syncCase.family,
    law,
    runs: 17,
    applicableRuns: 17,
    seed: 42,
    counterexample: { syncCase, observation, violation, path: '16:3:0', shrinks: 5 },
  };
}

// Blocks of two words, range [320, 384) global: the words at pages 256 and 384 are its neighbours and
// are shown; those at 192 and 448 are one word further and are not, unless the sync changed them.
// Some words change in one 32-bit half only.
const localityCase: SyncCase = {
  family: 'any-range',
  blockPages: 128,
  source: [
    Uint32Array.of(0x0000000f, 0, 0, 0),
    Uint32Array.of(1, 1, ONES, ONES),
    Uint32Array.of(ONES, ONES, ONES, ONES),
    Uint32Array.of(ONES, 0x80000000, 0x0000ffff, 0),
    Uint32Array.of(0, 0, 0, 0),
  ],
  offsetPage: 128,
  pages: 384,
  bmap: Uint32Array.of(0, 0x00000100, 1, 0, 0x00ff00ff, 0, 0, 0, 0x12345678, 0x9abcdef0, 0, 0),
  startPage: 192,
  npages: 64,
  splitPage: 224,
};

const localityWhole = run(
  localityCase,
  [
    Uint32Array.of(0, 0, 0, 0),
    Uint32Array.of(1, 1, ONES, ONES),
    Uint32Array.of(ONES, ONES, 0, 0),
    Uint32Array.of(ONES, 0, 0x0000ffff, 0),
    Uint32Array.of(0, 0, 0, 0),
  ],
  Uint32Array.of(0, 0, 1, 0, 0x00ff00ff, 0, ONES, ONES, 0x12345678, 0x9abcdef0, 0, 0),
  64,
  [call('clearDirtyLog', 192, 64), call('dirtyBitsCleared', 320, 64)],
);

// One-word blocks, range [64, 768) of a 768-page RAMBlock at page 64 (global [128, 832)), with a
// neighbour after it: 13 source words and 12 bmap words are near the range.
const splitCase: SyncCase = {
  family: 'short-neighbour',
  blockPages: 64,
  source: Array.from({ length: 14 }, (_, block) => (block === 0 ? Uint32Array.of(0, 0) : Uint32Array.of(ONES, ONES))),
  offsetPage: 64,
  pages: 768,
  bmap: Uint32Array.from({ length: 24 }, (_, index) => (index === 23 ? ONES : 0)),
  startPage: 64,
  npages: 704,
  splitPage: 500,
  neighbourPages: 32,
};

const splitWhole = run(
  splitCase,
  Array.from({ length: 14 }, (_, block) => (block === 0 || (block >= 2 && block <= 12) ? Uint32Array.of(0, 0) : Uint32Array.of(ONES, ONES))),
  Uint32Array.from({ length: 24 }, (_, index) => (index < 2 ? 0 : ONES)),
  672,
  [call('dirtyBitsCleared', 128, 704), ...Array.from({ length: 11 }, (_, k) => call('clearDirtyLog', 64 * (k + 1), 64))],
);

const splitRun = run(splitCase, splitWhole.after.mem.blocks.slice(), splitWhole.after.rb.bmap, [436, 0], [
  call('clearDirtyLog', 64, 436),
  call('dirtyBitsCleared', 128, 436),
  call('clearDirtyLog', 500, 268),
]);

describe('a counterexample', () => {
  test('shows the words near the range and every word the sync changed, before and after, in hex', () => {
    const result = brokenBy('L2', localityCase, localityWhole, localityWhole, 'source page 0 (another RAMBlock) changed from 1 to 0');
    expect(formatCounterexample(result, replayCommand('hand-made', 'any-range', 'L2')).split('\n')).toEqual([
      'L2 locality is broken by hand-made on any-range (found in 17 runs, shrunk 5 times)',
      '  law:       changes no source bit and no bmap bit outside the synced range',
      '  violation: source page 0 (another RAMBlock) changed from 1 to 0',
      '  layout:    blockPages 128, rb.offsetPage 128, rb.pages 384; range startPage 192 npages 64 (global [320, 384)); split at 224',
      '  source (global pages; bit i of a word is its first page + i):',
      '    block 0 word 0     pages 0..63            before 0x00000000_0000000f  after 0x00000000_00000000  *',
      '    block 2 word 0     pages 256..319         before 0xffffffff_ffffffff  after 0xffffffff_ffffffff',
      '    block 2 word 1     pages 320..383         before 0xffffffff_ffffffff  after 0x00000000_00000000  *',
      '    block 3 word 0     pages 384..447         before 0x80000000_ffffffff  after 0x00000000_ffffffff  *',
      '  bmap (block-relative pages):',
      '    word 0             pages 0..63            before 0x00000100_00000000  after 0x00000000_00000000  *',
      '    word 2             pages 128..191         before 0x00000000_00ff00ff  after 0x00000000_00ff00ff',
      '    word 3             pages 192..255         before 0x00000000_00000000  after 0xffffffff_ffffffff  *',
      '    word 4             pages 256..319         before 0x9abcdef0_12345678  after 0x9abcdef0_12345678',
      '  effects:   clearDirtyLog(192, 64); dirtyBitsCleared(320, 64)',
      '  returned:  64',
      '  replay:    FC_SEED=42 FC_PATH=16:3:0 npm run test:sync -- --implementation hand-made --family any-range --law L2',
    ]);
  });

  test('elides the middle of more than 12 words, summarises more than 8 calls, and shows the split run for L9', () => {
    const violation = 'bmap bit 500 is 1 after the whole sync but 0 after [64, 500) then [500, 768)';
    const result = brokenBy('L9', splitCase, splitWhole, splitRun, violation);
    const replay = replayCommand('my-sync.mjs', 'short-neighbour', 'L9', 'plugins/my-sync.mjs');
    expect(formatCounterexample(result, replay).split('\n')).toEqual([
      'L9 split is broken by hand-made on short-neighbour (found in 17 runs, shrunk 5 times)',
      '  law:       leaves the same state when the range is synced in two parts',
      `  violation: ${violation}`,
      '  layout:    blockPages 64, rb.offsetPage 64, rb.pages 768; range startPage 64 npages 704 (global [128, 832)); split at 500; next RAMBlock at 832 (32 pages)',
      '  source (global pages; bit i of a word is its first page + i):',
      '    block 1 word 0     pages 64..127          before 0xffffffff_ffffffff  after 0xffffffff_ffffffff',
      '    block 2 word 0     pages 128..191         before 0xffffffff_ffffffff  after 0x00000000_00000000  *',
      '    block 3 word 0     pages 192..255         before 0xffffffff_ffffffff  after 0x00000000_00000000  *',
      '    block 4 word 0     pages 256..319         before 0xffffffff_ffffffff  after 0x00000000_00000000  *',
      '    block 5 word 0     pages 320..383         before 0xffffffff_ffffffff  after 0x00000000_00000000  *',
      '    block 6 word 0     pages 384..447         before 0xffffffff_ffffffff  after 0x00000000_00000000  *',
      '    … 1 more words …',
      '    block 8 word 0     pages 512..575         before 0xffffffff_ffffffff  after 0x00000000_00000000  *',
      '    block 9 word 0     pages 576..639         before 0xffffffff_ffffffff  after 0x00000000_00000000  *',
      '    block 10 word 0    pages 640..703         before 0xffffffff_ffffffff  after 0x00000000_00000000  *',
      '    block 11 word 0    pages 704..767         before 0xffffffff_ffffffff  after 0x00000000_00000000  *',
      '    block 12 word 0    pages 768..831         before 0xffffffff_ffffffff  after 0x00000000_00000000  *',
      '    block 13 word 0    pages 832..895         before 0xffffffff_ffffffff  after 0xffffffff_ffffffff',
      '  bmap (block-relative pages):',
      '    word 0             pages 0..63            before 0x00000000_00000000  after 0x00000000_00000000',
      '    word 1             pages 64..127          before 0x00000000_00000000  after 0xffffffff_ffffffff  *',
      '    word 2             pages 128..191         before 0x00000000_00000000  after 0xffffffff_ffffffff  *',
      '    word 3             pages 192..255         before 0x00000000_00000000  after 0xffffffff_ffffffff  *',
      '    word 4             pages 256..319         before 0x00000000_00000000  after 0xffffffff_ffffffff  *',
      '    word 5             pages 320..383         before 0x00000000_00000000  after 0xffffffff_ffffffff  *',
      '    word 6             pages 384..447         before 0x00000000_00000000  after 0xffffffff_ffffffff  *',
      '    word 7             pages 448..511         before 0x00000000_00000000  after 0xffffffff_ffffffff  *',
      '    word 8             pages 512..575         before 0x00000000_00000000  after 0xffffffff_ffffffff  *',
      '    word 9             pages 576..639         before 0x00000000_00000000  after 0xffffffff_ffffffff  *',
      '    word 10            pages 640..703         before 0x00000000_00000000  after 0xffffffff_ffffffff  *',
      '    word 11            pages 704..767         before 0xffffffff_00000000  after 0xffffffff_ffffffff  *',
      '  effects:   dirtyBitsCleared(128, 704); clearDirtyLog(64, 64); clearDirtyLog(128, 64); clearDirtyLog(192, 64); clearDirtyLog(256, 64); ' +
        'clearDirtyLog(320, 64); clearDirtyLog(384, 64); clearDirtyLog(448, 64); … 12 calls in all (1 dirtyBitsCleared, 11 clearDirtyLog)',
      '  returned:  672',
      '  split run: effects clearDirtyLog(64, 436); dirtyBitsCleared(128, 436); clearDirtyLog(500, 268); returned [436,0]',
      '  replay:    FC_SEED=42 FC_PATH=16:3:0 SYNC_IMPL=plugins/my-sync.mjs npm run test:sync -- --implementation my-sync.mjs --family short-neighbour --law L9',
    ]);
  });

  test('is empty when the law held', () => {
    const { counterexample: _, ...held } = brokenBy('L2', localityCase, localityWhole, localityWhole, '');
    expect(formatCounterexample(held, replayCommand('hand-made', 'any-range', 'L2'))).toBe('');
  });
});

describe('the parts of a counterexample', () => {
  test('a 64-bit word is its high half, an underscore and its low half, each as 8 hex digits', () => {
    const words = Uint32Array.of(0x1, 0xabc, 0xdeadbeef, 0, 0x10);
    expect([0, 1, 2].map((long) => hex64(words, long))).toEqual(['0x00000abc_00000001', '0x00000000_deadbeef', '0x00000000_00000010']);
  });

  test('up to 8 effect calls are listed in full; none is "(none)"', () => {
    const eight = Array.from({ length: 8 }, (_, k) => call(k % 2 === 0 ? 'clearDirtyLog' : 'deferDirtyLogClear', k, 1));
    expect(describeCalls(eight)).toBe(
      'clearDirtyLog(0, 1); deferDirtyLogClear(1, 1); clearDirtyLog(2, 1); deferDirtyLogClear(3, 1); clearDirtyLog(4, 1); deferDirtyLogClear(5, 1); clearDirtyLog(6, 1); deferDirtyLogClear(7, 1)',
    );
    expect(describeCalls([])).toBe('(none)');
  });

  test('the layout names the global range, the split and no neighbour when there is none', () => {
    expect(describeLayout({ ...localityCase, offsetPage: 5, startPage: 3, npages: 0, splitPage: 3 })).toBe(
      'blockPages 128, rb.offsetPage 5, rb.pages 384; range startPage 3 npages 0 (global [8, 8)); split at 3',
    );
  });

  test('the replay command names implementation, family and law, and the plug-in when there is one', () => {
    expect(replayCommand('qemu-landed', 'whole-block', 'L7')).toBe('npm run test:sync -- --implementation qemu-landed --family whole-block --law L7');
    expect(replayCommand('sync.so', 'any-range', 'L1', '/tmp/sync.so')).toBe('SYNC_IMPL=/tmp/sync.so npm run test:sync -- --implementation sync.so --family any-range --law L1');
  });
});
