/**
 * What the command line prints exactly on the regime boundary and where nothing converges, the two
 * places where a `>` for `>=` changes the words a user reads.
 */
import { describe, expect, test } from 'vitest';
import { main } from '../../src/cli/dirty-sync-oracle.ts';

async function run(...argv: string[]): Promise<{ code: number; text: string }> {
  const out: string[] = [];
  const code = await main(argv, { stdout: (t) => out.push(t), stderr: (t) => out.push(t) });
  return { code, text: out.join('\n') };
}

describe('command line on the boundaries', () => {
  test('threshold at B = 2 GB/s, D = 1 GB/s, x = 50 ms: t* = 50 ms, so x + t* = 100 ms is long-iteration', async () => {
    const { code, text } = await run('threshold', '--bandwidth', '2 GB/s', '--dirty-rate', '1 GB/s', '--sync', '50 ms');
    expect(code).toBe(0);
    expect(text).toContain('x + t* = 100 ms >= 100 ms: long-iteration, eq. (5)');
    expect(text).toMatch(/closed form, eq\. \(12\)\s+100 ms/);
  });

  test('max-dirty-rate at y = x = 100 ms: none converges', async () => {
    const { code, text } = await run('max-dirty-rate', '--bandwidth', '15 GB/s', '--sync', '100 ms', '--downtime', '100 ms');
    expect(code).toBe(0);
    expect(text).toContain('none converges (x >= 100 ms and y <= x)');
    expect(text).not.toMatch(/D < 0 GB\/s/);
  });
});
