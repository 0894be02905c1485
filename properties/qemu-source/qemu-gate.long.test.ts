/**
 * `dirty-sync-oracle qemu` through the laws on a fixture git repository whose history seeds B6 and
 * fixes it: a history names the commit that introduced and the one that removed the finding; a
 * baseline turns findings into a gate. Each run starts child processes, so this file runs under
 * `npm run test:qemu`, not `npm test`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { runQemu } from '../../src/cli/qemu-command.ts';
import { parseBaseline } from '../../src/gate/baseline.ts';
import { commitFixtureTree } from './fixtures/fixture-trees.ts';
import { layout2025 } from './fixtures/layout-2025.ts';

const scratch = mkdtempSync(join(tmpdir(), 'qemu-gate-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
// Few runs: each check below is one (law, family) whose outcome the fixture decides.
const env = { ...process.env, DIRTY_SYNC_ORACLE_CACHE: join(scratch, 'cache'), FC_NUM_RUNS: '30', CI: '' };

async function run(values: Record<string, string | boolean | string[]>): Promise<{ code: number; stdout: string }> {
  const stdout: string[] = [];
  const code = await runQemu(values, { stdout: (t) => stdout.push(t), stderr: () => {} }, env);
  return { code, stdout: stdout.join('\n') };
}

const repository = join(scratch, 'repo');
const commits = [
  commitFixtureTree(repository, layout2025('correct'), 'migration: a correct sync'),
  commitFixtureTree(repository, layout2025('B6'), 'migration: drop the aligned re-arm'),
  commitFixtureTree(repository, layout2025('correct'), 'migration: re-arm TCG on the aligned path again'),
];

test('a history names the commit that introduced a finding and the one that removed it', async () => {
  const { code, stdout } = await run({ source: repository, revs: `${commits[0]}..HEAD`, law: ['L7'], family: ['aligned-block'] });
  expect(code).toBe(0);
  expect(stdout).toMatch(new RegExp(`^L7 aligned-block +\\. +x +\\.$`, 'm'));
  expect(stdout).toContain(`${commits[1]?.slice(0, 10)} introduced L7 aligned-block  (`);
  expect(stdout).toContain(`${commits[2]?.slice(0, 10)} removed L7 aligned-block  (`);
});

test('a baseline: a finding it does not list is a new finding, exit 1; --write-baseline records it', async () => {
  const empty = join(scratch, 'empty-baseline.txt');
  const written = join(scratch, 'written-baseline.txt');
  writeFileSync(empty, '# nothing expected\n');
  const { code, stdout } = await run({ source: repository, rev: ['HEAD~1'], law: ['L7'], family: ['aligned-block'], baseline: empty, 'write-baseline': written });
  expect(code).toBe(1);
  expect(stdout).toMatch(/^new finding: qemu@HEAD~1 L7 aligned-block: source page \d+ was cleared but never re-armed/m);
  expect(stdout).toMatch(/replay: +FC_SEED=\d+ FC_PATH=[\d:]+ npx dirty-sync-oracle qemu --source .*repo --rev HEAD~1 --family aligned-block --law L7/);
  const entries = parseBaseline(readFileSync(written, 'utf8'), written);
  expect(entries.map(({ law, family, kind }) => ({ law, family, kind }))).toEqual([{ law: 'L7', family: 'aligned-block', kind: 'finding' }]);
});
