/**
 * The crash probe and the crash report: a case that crashes a native plug-in is told apart from one
 * that does not, without this process crashing, and a crash that cannot be shrunk is still reported
 * with the input of the call in flight.
 */
import { resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { formatDeath } from '../../../src/cli/crash-report.ts';
import { buildCase } from '../../../src/sync/case-arbitraries.ts';
import { compileSyncPlugin } from '../../../src/sync/native/compile.ts';
import { callsOfCheck, createCrashProbe, type CrashProbe } from '../../../src/sync/native/crash-probe.ts';
import type { SyncCase } from '../../../src/sync/sync-case.ts';
import { useScratchTmpdir } from './scratch-directory.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

useScratchTmpdir();

/** A RAMBlock at page 0 of 64-page DirtyMemoryBlocks, all dirty, synced over `[startPage, startPage + npages)`. */
function caseOver(startPage: number, npages: number, splitAfter = 0): SyncCase {
  const layout = { blockPages: 64, offsetPage: 0, pages: 192, startPage, npages, splitAfter };
  return buildCase('any-range', layout, { kind: 'ones', words: [] }, { kind: 'pattern', words: [] }, 0);
}

describe('the crash probe', () => {
  let segfault: CrashProbe;
  let wordwise: CrashProbe;
  beforeAll(() => {
    segfault = createCrashProbe(compileSyncPlugin(resolve(ROOT, 'properties/sync/native-fixtures/segfault.c')));
    wordwise = createCrashProbe(compileSyncPlugin(resolve(ROOT, 'native/examples/wordwise.c')));
  });

  test('tells a crashing case from one that is not, and names the call in flight', () => {
    expect(segfault.probe(caseOver(10, 20), 'L5')).toEqual({ signal: null });
    expect(segfault.probe(caseOver(60, 10), 'L5')).toEqual({ signal: 'SIGSEGV', callIndex: 0 });
    expect(wordwise.probe(caseOver(60, 10), 'L5')).toEqual({ signal: null });
  });

  test('makes the calls the law check makes: the split ones only for L9, which alone reads them', () => {
    expect(callsOfCheck(caseOver(60, 10, 4), 'L5')).toEqual([[[60, 10]]]);
    expect(callsOfCheck(caseOver(60, 10, 4), 'L9')).toEqual([[[60, 10]], [[60, 4], [64, 6]]]);
  });
});

describe('the crash report', () => {
  const entry = { implementation: 'my-sync.c', law: 'L5', family: 'any-range', seed: 7, input: ['layout:    blockPages 64, …', 'source (global pages; …):'] };

  test('falls back to the input of the call in flight when the crash cannot be shrunk', () => {
    const text = formatDeath('SIGSEGV', entry, { reason: 'the crash probe could not run: no cc' }, { SYNC_IMPL: 'my-sync.c' });
    expect(text).toBe(
      [
        'CRASH: the native implementation my-sync.c crashed (SIGSEGV) while checking L5 on family any-range',
        '  the input of the call in flight (not shrunk: the crash probe could not run: no cc):',
        '  layout:    blockPages 64, …',
        '  source (global pages; …):',
        '  replay:    FC_SEED=7 SYNC_IMPL=my-sync.c npm run test:sync -- --implementation my-sync.c --family any-range --law L5',
        '  debug:     add --in-process to the replay to run it in one process (to run it under gdb, see docs/native.md)',
      ].join('\n'),
    );
  });

  test('tells a crash before any call, and a child stopped from outside', () => {
    expect(formatDeath('SIGBUS', undefined, { reason: '' }, {})).toBe('CRASH: the native plug-in crashed (SIGBUS) before its first sync call (while loading, or in a library constructor)');
    expect(formatDeath('SIGTERM', entry, { reason: 'the run was stopped from outside' }, {})).toMatch(/^STOPPED: the native implementation my-sync\.c was stopped by SIGTERM while checking L5/);
  });
});
