/**
 * The long half of the misbehaving-plug-in kit (`npm run test:all`, CI): C plug-ins that write or
 * read outside their bitmaps at every buffer edge on small and on QEMU's 2^21-page DirtyMemoryBlocks,
 * plug-ins that exit, crash in one family only, hang in one law only, or leave an error behind a call,
 * and the sanitizers. Each gets a named failure and a red verdict; the checks it did not spoil still
 * run and hold. These need the runner's child process or a compiler, so the runs are narrowed to a
 * law or two; the JS edges and structure changes are in `misbehaving-plugins.test.ts`.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { gateVerdict } from '../../src/gate/baseline.ts';
import { failuresOf } from '../../src/gate/gate-outcome.ts';
import { compileSyncPlugin } from '../../src/sync/native/compile.ts';
import { BLOCK_SIZES, expectGuardFailure, KIT, kitGate as gate, only, ROOT } from './misbehaving-plugins/kit-gate.ts';
import { useScratchTmpdir } from './native/scratch-directory.ts';

useScratchTmpdir();

// Child processes, compiles and the crash probe: on this shared 2-core machine under load they take
// minutes, not the seconds they take idle.
const SLOW = { timeout: 240_000 };

describe('writes outside the bitmaps, on guarded buffers', SLOW, () => {
  let nativeLibrary: string;
  beforeAll(() => {
    nativeLibrary = compileSyncPlugin(resolve(KIT, 'writes-outside.c'));
  });


  for (const edge of ['block-before', 'bmap-before'] as const) {
    test(`${edge}: C through its pointers, on small and 2^21-page blocks, lands in the guard words: a shrunk guard failure`, async () => {
      // In this process the C code reads the variable from the real environment, through getenv.
      process.env.KIT_EDGE = edge;
      const run = await gate(nativeLibrary, { laws: ['L6'], families: BLOCK_SIZES, inProcess: true });
      delete process.env.KIT_EDGE;
      for (const family of BLOCK_SIZES) expectGuardFailure(only(run, 'L6', family), edge);
    });
  }

  test('block-after: C writing past a small and a 2^21-page block faults at the protected page, named and shrunk', async () => {
    const run = await gate(nativeLibrary, { laws: ['L6'], families: BLOCK_SIZES, env: { ...process.env, KIT_EDGE: 'block-after' } });
    for (const family of BLOCK_SIZES) {
      const crash = only(run, 'L6', family);
      expect(crash.kind, family).toBe('crash');
      expect(crash.summary).toMatch(/^crashed \(SIGSEGV\): wrote 1 word past the end of block \d+ \(address 0x[0-9a-f]+, a page-protected guard\)$/);
      expect(crash.report).toMatch(/\n {2}fault: {5}wrote 1 word past the end of block \d+ .*\n {2}smallest crashing case \(found in \d+ runs, shrunk \d+ times\):\n/);
    }
    expect(gateVerdict(run, []).exitCode).toBe(1);
  });

  for (const [edge, message] of [['bmap-after', /wrote 1 word past the end of bmap/], ['read-after', /read 1 word past the end of block \d+/]] as const) {
    test(`${edge}: C faults at the protected page after its buffer, and the report names the access`, async () => {
      const run = await gate(nativeLibrary, { laws: ['L6'], families: ['any-range'], env: { ...process.env, KIT_EDGE: edge } });
      const crash = only(run, 'L6', 'any-range');
      expect(crash.kind).toBe('crash');
      expect(crash.summary).toMatch(message);
      expect(crash.report).toContain('smallest crashing case');
    });
  }

  test('the C plug-in without KIT_EDGE is correct: every law holds on both block sizes', async () => {
    const run = await gate(nativeLibrary, { families: BLOCK_SIZES, inProcess: true });
    expect(failuresOf(run)).toEqual([]);
    expect(gateVerdict(run, [])).toEqual({ exitCode: 0, lines: [] });
  });
});

describe('exits, crashes, hangs and errors outside a call, each ending only its own check', SLOW, () => {
  test('process.exit(0) in a call is a plug-in failure with the call in flight, never green', async () => {
    const run = await gate('exits.mjs', { laws: ['L3'], families: ['whole-block'] });
    const outcome = only(run, 'L3', 'whole-block');
    expect(outcome.kind).toBe('plugin-failure');
    expect(outcome.summary).toBe('the plug-in ended the process (exit code 0) in a call');
    expect(outcome.report).toMatch(/^PLUG-IN FAILURE: exits\.mjs ended the process \(exit code 0\) in a call while checking L3 on family whole-block;/);
    expect(outcome.report).toMatch(/\n {2}the input of the call in flight:\n {2}layout: {4}blockPages \d+, \d+ DirtyMemoryBlocks/);
    expect(run.complete).toBe(true);
    expect(gateVerdict(run, []).exitCode).toBe(1);
  });

  test('an exit while the module loads is a load failure (exit 2 in test:sync), found once, not once per check', async () => {
    await expect(gate('exits-while-loading.mjs', {})).rejects.toThrow(/^SYNC_IMPL: the plug-in \S+exits-while-loading\.mjs ended the process \(exit code 0\) while loading, before its first check$/);
  });

  test('a crash on 2^21-page blocks ends only that family; the other is checked and holds', async () => {
    const run = await gate('crashes-in-one-family.mjs', { laws: ['L3'], families: ['whole-block', 'qemu-block-size'] });
    expect(only(run, 'L3', 'whole-block').kind).toBe('held');
    const crash = only(run, 'L3', 'qemu-block-size');
    expect(crash.kind).toBe('crash');
    expect(crash.report).toMatch(/^CRASH: the native implementation crashes-in-one-family\.mjs crashed \(SIGSEGV\) while checking L3 on family qemu-block-size\n/);
    expect(crash.report).toMatch(/\n {2}the input of the call in flight \(not shrunk: only native code is shrunk through the crash probe\):\n/);
    expect(gateVerdict(run, []).exitCode).toBe(1);
  });

  test('a call that never returns in L9 only is a hang; L8 before it holds', async () => {
    const run = await gate('hangs-in-one-law.mjs', { laws: ['L8', 'L9'], families: ['any-range'], callTimeoutMs: 300 });
    expect(only(run, 'L8', 'any-range').kind).toBe('held');
    const hang = only(run, 'L9', 'any-range');
    expect(hang.kind).toBe('hang');
    expect(hang.report).toMatch(/^HANG: the plug-in hangs-in-one-law\.mjs did not return from a call within 300 ms while checking L9 on family any-range, and was killed\n/);
    expect(gateVerdict(run, []).exitCode).toBe(1);
  });

  test('a rejected promise and a throwing timer are plug-in failures of the check they followed', async () => {
    const run = await gate('async-errors.mjs', { laws: ['L3'], families: ['whole-block', 'qemu-block-size'] });
    expect(only(run, 'L3', 'whole-block')).toMatchObject({ kind: 'plugin-failure', summary: 'the plug-in raised a rejected promise nobody handled: Error: rejected in the background' });
    expect(only(run, 'L3', 'qemu-block-size')).toMatchObject({ kind: 'plugin-failure', summary: 'the plug-in raised an uncaught exception: Error: thrown from a timer' });
    expect(gateVerdict(run, []).exitCode).toBe(1);
  });
});

describe('npm run test:sync on the kit, as a user runs it', SLOW, () => {
  function testSync(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/test-sync.ts', ...args], { cwd: ROOT, env: { ...process.env, FC_NUM_RUNS: '8', ...env }, encoding: 'utf8', timeout: 200_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  test('a plug-in that exits with code 0 makes the run exit 1, naming the exit', () => {
    const { status, stdout } = testSync(['--law', 'L3', '--family', 'whole-block'], { SYNC_IMPL: resolve(KIT, 'exits.mjs') });
    expect(stdout).toContain('UNEXPECTED: PLUG-IN FAILURE: exits.mjs ended the process (exit code 0) in a call while checking L3 on family whole-block');
    expect(stdout).toContain('new finding: exits.mjs L3 whole-block plugin-failure: the plug-in ended the process (exit code 0) in a call');
    expect(stdout).not.toContain('every law held');
    expect(status).toBe(1);
  });

  test('an unknown flag and a flag without its value get one line on stderr and exit 2', () => {
    for (const args of [['--bogus'], ['--law']]) {
      const { status, stdout, stderr } = testSync(args);
      expect(stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(stderr).toMatch(/^test-sync: .*--help lists the options\n$/);
      expect(stdout).toBe('');
      expect(status).toBe(2);
    }
  });
});

describe('SYNC_SANITIZE=address,undefined: the C plug-in run natively by the sanitizers\' driver', SLOW, () => {
  test('a read before a block (invisible to guards) and a shift by 64 (undefined behaviour) each come with the sanitizer report, shrunk', async () => {
    const expected = {
      'read-before': /^AddressSanitizer: heap-buffer-overflow \S+writes-outside\.c:\d+ in sync_dirty_bitmap$/,
      'shift-64': /writes-outside\.c:\d+:\d+: runtime error: shift exponent 64 is too large/,
    };
    for (const [edge, summary] of Object.entries(expected)) {
      const env = { ...process.env, KIT_EDGE: edge, SYNC_SANITIZE: 'address,undefined' };
      const run = await gate('writes-outside.c', { laws: ['L6'], families: ['whole-block'], settings: { seed: 20251215, numRuns: 3 }, env });
      const outcome = only(run, 'L6', 'whole-block');
      expect(outcome.kind, edge).toBe('sanitizer');
      expect(outcome.summary).toMatch(summary);
      expect(outcome.report).toMatch(/^SANITIZER: writes-outside\.c made a sanitizer report while L6 was checked on whole-block \(found in \d+ runs, shrunk \d+ times\)\n {2}layout: /);
      expect(outcome.replay).toMatch(/^FC_SEED=20251215 FC_PATH=[\d:]+ SYNC_SANITIZE=address,undefined SYNC_IMPL=writes-outside\.c npm run test:sync -- --family whole-block --law L6$/);
      expect(gateVerdict(run, []).exitCode).toBe(1);
    }
  });
});
