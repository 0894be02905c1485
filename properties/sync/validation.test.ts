/**
 * Bad input gets a clear error naming the function, the parameter and the value, and changes nothing.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { allocateBitmap } from '../../src/bitmap/bitmap.ts';
import { propertySettingsFromEnv } from '../../src/property-settings.ts';
import type { DirtyMemory, RamBlock, SyncEffects } from '../../src/sync/contract.ts';
import { createEffectRecorder } from '../../src/sync/effect-recorder.ts';
import { BUILT_IN_IMPLEMENTATIONS } from '../../src/sync/implementations.ts';

const settings = propertySettingsFromEnv();

interface Arguments {
  mem: DirtyMemory;
  rb: RamBlock;
  startPage: unknown;
  npages: unknown;
  effects: SyncEffects;
}

function validArguments(): Arguments {
  const mem = { blockPages: 64, blocks: [new Uint32Array(2).fill(0xffffffff), new Uint32Array(2).fill(0xffffffff)] };
  return { mem, rb: { offsetPage: 3, pages: 100, bmap: allocateBitmap(100) }, startPage: 5, npages: 10, effects: createEffectRecorder().effects };
}

/** Each case breaks one argument; the message must match. */
const badInputs: readonly [string, (a: Arguments) => void, RegExp, typeof RangeError | typeof TypeError][] = [
  ['negative startPage', (a) => (a.startPage = -1), /startPage must be >= 0, got -1/, RangeError],
  ['fractional npages', (a) => (a.npages = 1.5), /npages must be an integer, got 1.5/, RangeError],
  ['NaN npages', (a) => (a.npages = Number.NaN), /npages must be an integer, got NaN/, RangeError],
  ['string startPage', (a) => (a.startPage = '5'), /startPage must be a number, got "5"/, TypeError],
  ['range past the block', (a) => (a.npages = 96), /npages must be <= 95, got 96/, RangeError],
  ['start past the block', (a) => (a.startPage = 101), /startPage must be <= 100, got 101/, RangeError],
  ['blockPages not a multiple of 64', (a) => (a.mem = { ...a.mem, blockPages: 96 }), /mem.blockPages must be a positive multiple of 64, got 96/, RangeError],
  ['blockPages zero', (a) => (a.mem = { ...a.mem, blockPages: 0 }), /mem.blockPages must be a positive multiple of 64, got 0/, RangeError],
  ['block of the wrong length', (a) => (a.mem = { ...a.mem, blocks: [new Uint32Array(2), new Uint32Array(3)] }), /mem.blocks\[1\].length must be 2 \(blockPages \/ 32\), got 3/, RangeError],
  ['block of the wrong type', (a) => (a.mem = { ...a.mem, blocks: [new Uint32Array(2), new Int32Array(2) as unknown as Uint32Array] }), /mem.blocks\[1\] must be a Uint32Array, got Int32Array\(2\)/, TypeError],
  // A hole used to be skipped by the check, and the sync then read a missing block.
  ['hole in mem.blocks', (a) => (a.mem = { ...a.mem, blocks: [a.mem.blocks[0], , ...a.mem.blocks.slice(1)] as Uint32Array[] }), /mem.blocks\[1\] must be a Uint32Array, got undefined/, TypeError],
  ['bmap too short', (a) => (a.rb = { ...a.rb, bmap: new Uint32Array(2) }), /rb.bmap.length must be >= 4 to hold rb.pages bits, got 2/, RangeError],
  ['bmap of odd length', (a) => (a.rb = { ...a.rb, bmap: new Uint32Array(5) }), /rb.bmap.length must be even \(whole 64-bit words\), got 5/, RangeError],
  ['bmap a plain array', (a) => (a.rb = { ...a.rb, bmap: [0, 0, 0, 0] as unknown as Uint32Array }), /rb.bmap must be a Uint32Array, got Array\(4\)/, TypeError],
  ['block past memory', (a) => (a.rb = { ...a.rb, offsetPage: 30 }), /rb.offsetPage \+ rb.pages must be <= 128 \(pages in mem.blocks\), got 130/, RangeError],
  ['missing effect', (a) => (a.effects = { clearDirtyLog: () => {} } as unknown as SyncEffects), /effects.dirtyBitsCleared must be a function, got undefined/, TypeError],
  // Each argument and field of the wrong kind is named in full, with the value it got.
  ['mem that is null', (a) => (a.mem = null as unknown as DirtyMemory), /mem must be an object, got null$/, TypeError],
  ['blockPages given as a string', (a) => (a.mem = { ...a.mem, blockPages: '64' as unknown as number }), /mem.blockPages must be a number, got "64"$/, TypeError],
  ['blocks that is not an array', (a) => (a.mem = { ...a.mem, blocks: new Uint32Array(4) as unknown as Uint32Array[] }), /mem.blocks must be an array of Uint32Array, got Uint32Array\(4\)$/, TypeError],
  ['rb that is an array', (a) => (a.rb = [] as unknown as RamBlock), /rb must be an object, got Array\(0\)$/, TypeError],
  ['negative offsetPage', (a) => (a.rb = { ...a.rb, offsetPage: -1 }), /rb.offsetPage must be >= 0, got -1$/, RangeError],
  ['pages given as a string', (a) => (a.rb = { ...a.rb, pages: '100' as unknown as number }), /rb.pages must be a number, got "100"$/, TypeError],
  ['effects that is undefined', (a) => (a.effects = undefined as unknown as SyncEffects), /effects must be an object, got undefined$/, TypeError],
  ['missing clearDirtyLog', (a) => (a.effects = { dirtyBitsCleared: () => {} } as unknown as SyncEffects), /effects.clearDirtyLog must be a function, got undefined$/, TypeError],
  // The deferred clear is optional, but when present it must be callable.
  ['deferDirtyLogClear that is not a function', (a) => (a.effects = { ...a.effects, deferDirtyLogClear: 1 } as unknown as SyncEffects), /effects.deferDirtyLogClear must be a function, got 1$/, TypeError],
];

describe('argument validation', () => {
  for (const implementation of BUILT_IN_IMPLEMENTATIONS) {
    for (const [what, breakIt, message, kind] of badInputs) {
      test(`${implementation.name} rejects a ${what} and changes nothing`, () => {
        const args = validArguments();
        breakIt(args);
        // A deep copy, so that a mem or rb of the wrong kind is compared as it was given.
        const before = structuredClone({ mem: args.mem, rb: args.rb });
        const call = () => implementation.syncDirtyBitmap(args.mem, args.rb, args.startPage as number, args.npages as number, args.effects);
        expect(call).toThrow(kind);
        expect(call).toThrow(new RegExp(`^${implementation.name}\\.syncDirtyBitmap: ${message.source}`));
        expect({ mem: args.mem, rb: args.rb }).toEqual(before);
      });
    }
  }

  test('any non-integer or out-of-range npages is a RangeError that changes nothing', () => {
    const badCount = fc.oneof(fc.double({ noInteger: true }), fc.integer({ max: -1 }), fc.integer({ min: 96 }));
    fc.assert(
      fc.property(fc.constantFrom(...BUILT_IN_IMPLEMENTATIONS), badCount, (implementation, npages) => {
        const args = validArguments();
        const recorder = createEffectRecorder();
        const before = args.mem.blocks.map((b) => b.slice());
        expect(() => implementation.syncDirtyBitmap(args.mem, args.rb, 5, npages, recorder.effects)).toThrow(/npages must be/);
        expect(args.mem.blocks).toEqual(before);
        expect(recorder.calls).toEqual([]);
      }),
      { seed: settings.seed, numRuns: settings.numRuns },
    );
  });
});
