/**
 * `dirty-sync-oracle qemu` on fixture trees and fixture git repositories built here at test time:
 * bad input gets one line and exit 2; `--rev` reads a working or bare repository without a checkout.
 * No QEMU tree is needed. (The runs through the laws are in `qemu-gate.long.test.ts`.)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runQemu } from '../../src/cli/qemu-command.ts';
import { buildRevision } from '../../src/qemu-source/revision-build.ts';
import { commitFixtureTree, writeFixtureTree } from './fixtures/fixture-trees.ts';
import { layout2025 } from './fixtures/layout-2025.ts';

const scratch = mkdtempSync(join(tmpdir(), 'qemu-command-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
// Few runs: each check below is one (law, family) whose outcome the fixture decides.
const env = { ...process.env, DIRTY_SYNC_ORACLE_CACHE: join(scratch, 'cache'), FC_NUM_RUNS: '30', CI: '' };

async function run(values: Record<string, string | boolean | string[]>, environment: NodeJS.ProcessEnv = env): Promise<{ code: number; stdout: string; stderr: string[] }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runQemu(values, { stdout: (t) => stdout.push(t), stderr: (t) => stderr.push(t) }, environment);
  return { code, stdout: stdout.join('\n'), stderr };
}

// A repository whose history seeds B6 and then fixes it: correct, B6, correct.
const repository = join(scratch, 'repo');
const commits = [
  commitFixtureTree(repository, layout2025('correct'), 'migration: a correct sync'),
  commitFixtureTree(repository, layout2025('B6'), 'migration: drop the aligned re-arm'),
  commitFixtureTree(repository, layout2025('correct'), 'migration: re-arm TCG on the aligned path again'),
];

describe('bad input: one line on stderr, exit 2', () => {
  test('a directory that is not a QEMU tree', async () => {
    const empty = join(scratch, 'empty');
    mkdirSync(empty, { recursive: true });
    const { code, stderr } = await run({ source: empty });
    expect(code).toBe(2);
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(/^dirty-sync-oracle qemu: .*empty is not a QEMU tree: it has none of its files, and is not a git repository \(looked for util\/bitmap\.c/);
  });

  test('an unknown revision', async () => {
    const { code, stderr } = await run({ source: repository, rev: ['no-such-branch'] });
    expect(code).toBe(2);
    expect(stderr).toEqual([expect.stringMatching(/unknown revision "no-such-branch" in .*repo/)]);
  });

  test('a tree without the sync names the files searched and the layouts supported', async () => {
    const tree = join(scratch, 'no-sync');
    writeFixtureTree(tree, { ...layout2025('correct'), 'migration/ram.c': '/* the sync moved away */\n' });
    const { code, stderr } = await run({ source: tree });
    expect(code).toBe(2);
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(/no definition of physical_memory_sync_dirty_bitmap or cpu_physical_memory_sync_dirty_bitmap in migration\/ram\.c, include\/system\/ram_addr\.h, include\/exec\/ram_addr\.h; supported layouts .*2017: cpu_physical_memory_sync_dirty_bitmap in include\/exec\/ram_addr\.h/);
  });

  test("code that does not compile is reported at QEMU's file and line", async () => {
    const tree = join(scratch, 'no-compile');
    const files = layout2025('correct');
    const ramC = (files['migration/ram.c'] ?? '').replace('uint64_t num_dirty = 0;', 'uint64_t num_dirty = undeclared_name;');
    writeFixtureTree(tree, { ...files, 'migration/ram.c': ramC });
    const line = ramC.split('\n').findIndex((l) => l.includes('undeclared_name')) + 1;
    const { code, stderr } = await run({ source: tree });
    expect(code).toBe(2);
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(new RegExp(`does not compile: .*no-compile/migration/ram\\.c:${line}:\\d+: error: .undeclared_name. undeclared`));
  });

  test('git missing', async () => {
    const { code, stderr } = await run({ source: repository, rev: ['HEAD'] }, { ...env, GIT: join(scratch, 'no-git-here') });
    expect(code).toBe(2);
    expect(stderr).toEqual([expect.stringMatching(/git is needed to read a revision, and ".*no-git-here" is not on PATH/)]);
  });

  test('a clear_bmap shift QEMU would refuse', async () => {
    await expect(run({ source: repository, 'clear-bmap-shift': '5' })).rejects.toThrow(/--clear-bmap-shift must be an integer in \[6, 31\], got "5"/);
  });
});

test('--rev reads a bare repository at any revision, without a checkout', async () => {
  const bare = join(scratch, 'bare.git');
  execFileSync('git', ['clone', '-q', '--bare', repository, bare]);
  const built = await buildRevision(bare, 'HEAD~1', 18, env);
  expect(built.tree.commit).toBe(commits[1]);
  expect(built.extraction.layout?.name).toBe('2025');
  expect(built.tree.read('migration/ram.c')?.text).toBe(layout2025('B6')['migration/ram.c']);
});

