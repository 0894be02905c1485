/**
 * The plug-in contract: `SYNC_IMPL=<module> npm run test:sync` runs every law against a user's module,
 * passes a correct one, fails a wrong one with a shrunk counterexample, and explains unusable modules.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadSyncPlugin } from '../../src/sync/plugin-loader.ts';
import { readDocSample } from '../docs/doc-sample.ts';
import { writeWordwiseCopies } from './wordwise-copies.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURES = resolve(import.meta.dirname, 'plugin-fixtures');

/** Runs `npm run test:sync` as a user would (through tsx), with few runs to stay fast. */
function runTestSync(pluginPath: string, args: string[] = []): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/test-sync.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, SYNC_IMPL: pluginPath, FC_NUM_RUNS: '15' },
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('plug-in loader', () => {
  test('names the path when the file does not exist', async () => {
    await expect(loadSyncPlugin('no/such/module.mjs', ROOT)).rejects.toThrow(`SYNC_IMPL: no file at ${resolve(ROOT, 'no/such/module.mjs')}`);
  });

  test('names the module and its exports when syncDirtyBitmap is missing', async () => {
    await expect(loadSyncPlugin(resolve(FIXTURES, 'no-export.mjs'))).rejects.toThrow(/no-export\.mjs does not export a function named syncDirtyBitmap \(it exports: syncBitmap\)/);
  });

  test('names the module when it does not load', async () => {
    await expect(loadSyncPlugin(resolve(FIXTURES, 'syntax-error.mjs'))).rejects.toThrow(/SYNC_IMPL: could not load .*syntax-error\.mjs: /);
  });

  test('rejects a file that is not a module', async () => {
    await expect(loadSyncPlugin(resolve(ROOT, 'package.json'))).rejects.toThrow(/package\.json has type "\.json"; expected a module/);
  });
});

describe('npm run test:sync with SYNC_IMPL', () => {
  const copies = writeWordwiseCopies();

  test('passes the plain .mjs example that docs/plugins.md shows', () => {
    // The page shows the file's code without its two comment lines.
    const code = readFileSync(resolve(import.meta.dirname, '../../examples/plugins/bit-by-bit.mjs'), 'utf8').split('\n').filter((line) => !line.startsWith('//')).join('\n').trim();
    expect(readDocSample('docs/plugins.md', 'bit-by-bit-plugin')).toBe(code);
    const { status, output } = runTestSync('examples/plugins/bit-by-bit.mjs');
    expect(output).toContain('every law held or failed as expected');
    expect(status).toBe(0);
  });

  test('passes a copy of wordwise', () => {
    const { status, output } = runTestSync(copies.faithful);
    expect(output).not.toContain('FAIL');
    expect(status).toBe(0);
  });

  test('fails a copy of wordwise with a tail-mask bug, printing a shrunk counterexample and its replay', () => {
    const { status, output } = runTestSync(copies.tailMaskBug, ['--law', 'L1']);
    expect(status).toBe(1);
    expect(output).toMatch(/UNEXPECTED: L1 state is broken by wordwise-tail-mask-bug\.ts on \S+ \(found in \d+ runs, shrunk \d+ times\)/);
    expect(output).toMatch(/source \(global pages.*\n\s+block \d+ word \d+\s+pages \d+\.\.\d+\s+before 0x[0-9a-f]{8}_[0-9a-f]{8}\s+after 0x/);
    expect(output).toMatch(/replay:\s+FC_SEED=\d+ FC_PATH=[\d:]+ SYNC_IMPL=\S+ npm run test:sync -- --implementation wordwise-tail-mask-bug\.ts --family \S+ --law L1/);
  });

  test('reports an implementation that throws as a broken law, not a crash', () => {
    const { status, output } = runTestSync(resolve(FIXTURES, 'throws.mjs'), ['--law', 'L5']);
    expect(status).toBe(1);
    expect(output).toContain('violation: the implementation threw on a valid input: Error: not implemented yet');
  });

  test('reports a non-integer return value under L4', () => {
    const { status, output } = runTestSync(resolve(FIXTURES, 'returns-fraction.mjs'), ['--law', 'L4']);
    expect(status).toBe(1);
    expect(output).toContain('L4 count is broken by returns-fraction.mjs');
    expect(output).toContain('returned 0.5, not a non-negative integer count');
  });

  test('exits 2 with one line naming the module when it cannot be loaded', () => {
    const { status, output } = runTestSync(resolve(FIXTURES, 'no-export.mjs'));
    expect(status).toBe(2);
    expect(output.trim()).toMatch(/^SYNC_IMPL: .*no-export\.mjs does not export a function named syncDirtyBitmap/);
  });
});
