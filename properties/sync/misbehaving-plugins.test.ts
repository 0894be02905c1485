/**
 * The quick half of the misbehaving-plug-in kit, in `npm test`: JS plug-ins that write outside their
 * bitmaps at every buffer edge, on small and on QEMU's 2^21-page DirtyMemoryBlocks, and plug-ins that
 * change the oracle's structures. Each gets a named, shrunk guard failure and a red verdict. They run
 * on guarded buffers in this process; the C edges, exits, crashes, hangs and sanitizers need child
 * processes and compilers and are in `misbehaving-plugins.long.test.ts` (`npm run test:all`, CI).
 */
import { describe, expect, test } from 'vitest';
import { gateVerdict } from '../../src/gate/baseline.ts';
import { EDGES, BLOCK_SIZES, expectGuardFailure, kitGate as gate, only } from './misbehaving-plugins/kit-gate.ts';

describe('writes outside the bitmaps, from JS', () => {
  for (const edge of EDGES) {
    test(`${edge}: JS through .buffer, on small and 2^21-page blocks, is a shrunk guard failure`, async () => {
      process.env.KIT_EDGE = edge;
      const run = await gate('writes-outside.mjs', { laws: ['L6'], families: BLOCK_SIZES, inProcess: true });
      delete process.env.KIT_EDGE;
      for (const family of BLOCK_SIZES) expectGuardFailure(only(run, 'L6', family), edge);
      expect(gateVerdict(run, []).exitCode).toBe(1);
    });
  }
});

describe("changes to the oracle's structures", () => {
  const mutations = {
    'empty-blocks': /^mutated the oracle's structures: resized mem\.blocks from \d+ to 0 entries, in the call sync/,
    'replace-blocks': /^mutated the oracle's structures: replaced mem\.blocks, in the call sync/,
    'replace-block': /^mutated the oracle's structures: replaced mem\.blocks\[\d+\], in the call sync/,
    'replace-bmap': /^mutated the oracle's structures: replaced rb\.bmap, in the call sync/,
  };
  for (const [mutation, message] of Object.entries(mutations)) {
    test(`${mutation} is a named guard failure on every law, and the oracle survives it`, async () => {
      process.env.KIT_MUTATION = mutation;
      const run = await gate('mutates-structure.mjs', { families: ['whole-block'], inProcess: true });
      delete process.env.KIT_MUTATION;
      expect(run.outcomes).toHaveLength(9);
      for (const outcome of run.outcomes) {
        expect(outcome.kind, outcome.law).toBe('guard');
        expect(outcome.summary).toMatch(message);
      }
      expect(gateVerdict(run, []).exitCode).toBe(1);
    });
  }
});
