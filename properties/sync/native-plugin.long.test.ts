/**
 * The native plug-in: `SYNC_IMPL=<file.c or lib.so> npm run test:sync` runs every law
 * against C code through the FFI, passes the C word-wise sync, fails its seeded-bug copy with a
 * shrunk counterexample, shows compiler errors verbatim, and reports a segfault as a failure naming
 * the case while the runner survives it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { createEffectRecorder } from '../../src/sync/effect-recorder.ts';
import { compileSyncPlugin, LIBRARY_FLAGS, NATIVE_DIR } from '../../src/sync/native/compile.ts';
import { loadSyncPlugin } from '../../src/sync/plugin-loader.ts';
import { allocateBitmap } from '../../src/bitmap/bitmap.ts';
import { readDocSample } from '../docs/doc-sample.ts';
import { useScratchTmpdir } from './native/scratch-directory.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const EXAMPLES = resolve(ROOT, 'native/examples');
const FIXTURES = resolve(import.meta.dirname, 'native-fixtures');

/** Runs `npm run test:sync` as a user would (through tsx), with few runs to stay fast. */
function runTestSync(pluginPath: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): { status: number | null; signal: string | null; output: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/test-sync.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, SYNC_IMPL: pluginPath, FC_NUM_RUNS: '15', ...env },
    encoding: 'utf8',
    timeout: 200_000,
  });
  return { status: result.status, signal: result.signal, output: `${result.stdout}${result.stderr}` };
}

/** Compiles a C file the way the loader does, into a fresh directory, and returns the library's path. */
function buildLibrary(source: string): string {
  const library = join(mkdtempSync(join(tmpdir(), 'native-plugin-test-')), 'libsync.so');
  const result = spawnSync('cc', [...LIBRARY_FLAGS, '-I', NATIVE_DIR, '-o', library, source], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`cc could not build ${source}: ${result.error?.message ?? result.stderr}`);
  return library;
}

useScratchTmpdir();

beforeAll(() => {
  const probe = spawnSync('cc', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error('the native plug-in tests need a C compiler as "cc" on PATH (Debian: apt-get install gcc); none was found');
  }
});

// Each test starts test:sync (a Node parent and child, a compile): minutes on this shared machine under load.
describe('npm run test:sync with SYNC_IMPL=<file.c>', { timeout: 240_000 }, () => {
  test('passes the C word-wise sync on every law', () => {
    const { status, output } = runTestSync('native/examples/wordwise.c');
    expect(output).toMatch(/^wordwise\.c \(native plug-in .*wordwise\.c, compiled by cc -std=gnu11 -O2 -Wall -Werror/m);
    expect(output).not.toContain('FAIL');
    expect(output).toContain('every law held or failed as expected');
    expect(status).toBe(0);
  });

  test('fails the seeded tail-mask bug with a shrunk counterexample and its replay', () => {
    // L1 alone: the child starts once and the counterexample is the same as in a full run.
    const { status, output } = runTestSync('native/examples/wordwise-tail-mask-bug.c', ['--law', 'L1']);
    expect(status).toBe(1);
    expect(output).toMatch(/UNEXPECTED: L1 state is broken by wordwise-tail-mask-bug\.c on \S+ \(found in \d+ runs, shrunk [1-9]\d* times\)/);
    expect(output).toMatch(/source \(global pages.*\n\s+block \d+ word \d+\s+pages \d+\.\.\d+\s+before 0x[0-9a-f]{8}_[0-9a-f]{8}\s+after 0x/);
    expect(output).toMatch(/replay:\s+FC_SEED=\d+ FC_PATH=[\d:]+ SYNC_IMPL=native\/examples\/wordwise-tail-mask-bug\.c npm run test:sync -- --implementation wordwise-tail-mask-bug\.c --family \S+ --law L1/);
    // docs/native.md shows this first counterexample as printed.
    expect(/UNEXPECTED: L1 state[\s\S]*?\n {2}replay:[^\n]*/.exec(output)?.[0]).toBe(readDocSample('docs/native.md', 'tail-mask-bug-l1'));
  });

  test("shows the compiler's messages verbatim and exits 2 when the file does not compile", () => {
    const source = resolve(FIXTURES, 'compile-error.c');
    const direct = spawnSync('cc', [...LIBRARY_FLAGS, '-I', NATIVE_DIR, '-o', '/dev/null', source], { encoding: 'utf8' });
    expect(direct.status).not.toBe(0);
    const { status, output } = runTestSync(source);
    expect(status).toBe(2);
    expect(output).toContain(`SYNC_IMPL: ${source} does not compile (cc exited with 1):`);
    expect(output).toContain(direct.stderr.trimEnd());
  });

  test('names the missing compiler', () => {
    expect(() => compileSyncPlugin(resolve(EXAMPLES, 'wordwise.c'), { CC: '/nonexistent/cc' })).toThrow(
      /^SYNC_IMPL: cannot compile .*wordwise\.c: no C compiler "\/nonexistent\/cc" on PATH \(install gcc or clang, or set CC to one\)$/,
    );
  });

  test('reports a segfault as a failure naming the law, family and shrunk case, survives it, and replays it', () => {
    const crash = runTestSync(resolve(FIXTURES, 'segfault.c'), ['--law', 'L5', '--family', 'any-range']);
    expect(crash.signal).toBeNull();
    expect(crash.status).toBe(1);
    expect(crash.output).toContain('CRASH: the native implementation segfault.c crashed (SIGSEGV) while checking L5 on family any-range\n');
    expect(crash.output).toMatch(/\n {2}smallest crashing case \(found in \d+ runs, shrunk [1-9]\d* times\):\n {2}layout: {4}blockPages \d+, rb\.offsetPage \d+, rb\.pages \d+; range startPage \d+ npages \d+ /);
    expect(crash.output).toMatch(/\n {4}block \d+ word \d+\s+pages \d+\.\.\d+\s+0x[0-9a-f]{8}_[0-9a-f]{8}\n/);
    expect(crash.output).toMatch(/\n {2}crashed in the call on the whole range: sync_dirty_bitmap\(start_page \d+, npages \d+\)\n/);
    const replay = /replay: {4}FC_SEED=(\d+) FC_PATH=([\d:]+) FC_NUM_RUNS=15 SYNC_IMPL=\S+segfault\.c npm run test:sync -- --implementation segfault\.c --family any-range --law L5\n/.exec(crash.output);
    expect(replay).not.toBeNull();
    // The replay line's seed and path run the law check on the shrunk case first, which crashes again.
    const again = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/test-sync.ts', '--family', 'any-range', '--law', 'L5'], {
      cwd: ROOT,
      env: { ...process.env, SYNC_IMPL: resolve(FIXTURES, 'segfault.c'), FC_NUM_RUNS: '15', FC_SEED: replay?.[1], FC_PATH: replay?.[2] },
      encoding: 'utf8',
      timeout: 200_000,
    });
    const layout = (output: string) => /\n {2}layout: .*\n/.exec(output)?.[0];
    expect(again.status).toBe(1);
    expect(layout(again.stdout)).toBe(layout(crash.output));
  }, 400_000); // two runs of test:sync, each a Node parent and child, two compiles and the probe's shrinking

  test('kills a call that never returns and reports the hang naming the law, family and input', () => {
    const { status, signal, output } = runTestSync(resolve(FIXTURES, 'hangs.c'), ['--law', 'L6', '--family', 'any-range'], { SYNC_IMPL_CALL_TIMEOUT_MS: '300' });
    expect(signal).toBeNull();
    expect(status).toBe(1);
    expect(output).toContain('HANG: the plug-in hangs.c did not return from a call within 300 ms while checking L6 on family any-range, and was killed\n');
    expect(output).toMatch(/\n {2}layout: {4}blockPages \d+, \d+ DirtyMemoryBlocks, rb\.offsetPage \d+, rb\.pages \d+; range startPage \d+ npages \d+ /);
    expect(output).toMatch(/replay: {4}FC_SEED=\d+ FC_NUM_RUNS=15 SYNC_IMPL=\S+hangs\.c npm run test:sync -- --implementation hangs\.c --family any-range --law L6/);
  });
});

describe('npm run test:sync with SYNC_IMPL=<lib.so>', { timeout: 240_000 }, () => {
  test('loads a prebuilt library and runs every law against it', () => {
    const { status, output } = runTestSync(buildLibrary(resolve(EXAMPLES, 'wordwise.c')), ['--family', 'whole-block']);
    expect(output).toMatch(/^libsync\.so \(native plug-in \S+libsync\.so\)$/m);
    expect(output).toContain('every law held or failed as expected');
    expect(status).toBe(0);
  });

  test('exits 2 naming the ABI symbol when the library does not export it', () => {
    const library = buildLibrary(resolve(FIXTURES, 'no-symbol.c'));
    const { status, output } = runTestSync(library);
    expect(status).toBe(2);
    expect(output.trim()).toBe(
      `SYNC_IMPL: could not load ${library}: the library does not export a function named sync_dirty_bitmap, as native/sync_abi.h asks (Cannot find function 'sync_dirty_bitmap' in shared library)`,
    );
  });
});

describe('the native binding', () => {
  test('syncs in place in the caller\'s arrays, across a DirtyMemoryBlock boundary, and forwards the effects', async () => {
    const implementation = await loadSyncPlugin(resolve(EXAMPLES, 'wordwise.c'));
    const blocks = [allocateBitmap(64), allocateBitmap(64)];
    blocks[0][1] = 0x8000_0000; // global page 63
    blocks[1][0] = 0b1001; // global pages 64 and 67 (past the range)
    const bmap = allocateBitmap(128);
    const recorder = createEffectRecorder();
    const newlySet = implementation.syncDirtyBitmap({ blockPages: 64, blocks }, { offsetPage: 60, pages: 10, bmap }, 1, 6, recorder.effects);
    expect(newlySet).toBe(2);
    expect([...blocks[0], ...blocks[1]]).toEqual([0, 0, 0b1000, 0]);
    expect(bmap[0]).toBe((1 << 3) | (1 << 4));
    expect(recorder.calls).toEqual([
      { kind: 'clearDirtyLog', startPage: 1, npages: 6 },
      { kind: 'dirtyBitsCleared', startPage: 61, npages: 6 },
    ]);
  });

  test('rejects invalid arguments before any pointer reaches C', async () => {
    const implementation = await loadSyncPlugin(resolve(EXAMPLES, 'wordwise.c'));
    const mem = { blockPages: 64, blocks: [allocateBitmap(64)] };
    expect(() => implementation.syncDirtyBitmap(mem, { offsetPage: 0, pages: 64, bmap: new Uint32Array(1) }, 0, 64, createEffectRecorder().effects)).toThrow(
      'wordwise.c.syncDirtyBitmap: rb.bmap.length must be even (whole 64-bit words), got 1',
    );
  });
});

describe('the C examples', () => {
  test('differ only in the seeded bug and the header comment', () => {
    const lines = (name: string) => readFileSync(resolve(EXAMPLES, name), 'utf8').split('\n');
    const body = (text: string[]) => text.slice(text.indexOf(' * A whole 64-page word per step for any misalignment between the source (global) and destination'));
    const good = body(lines('wordwise.c'));
    const buggy = body(lines('wordwise-tail-mask-bug.c'));
    const seeded = buggy.findIndex((line) => line.includes('SEEDED BUG'));
    expect(seeded).toBeGreaterThan(0);
    expect([...buggy.slice(0, seeded), ...buggy.slice(seeded + 1)].map((line) => line.replace('low_mask(tail_bits - 1)', 'low_mask(tail_bits)'))).toEqual(good);
  });
});
