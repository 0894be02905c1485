/**
 * The `predict` and `simulate` subcommands: output, JSON fields and one-line errors with exit 2.
 */
import { describe, expect, test } from 'vitest';
import { main } from '../../src/cli/dirty-sync-oracle.ts';

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: (text) => out.push(text), stderr: (text) => err.push(text) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('predict', () => {
  test('prints the bandwidth × downtime table for a calc-dirty-rate file', async () => {
    const { code, stdout } = await run(['predict', '--dirty-curve', 'examples/dirty-curves/sample.json']);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('Downtime> |    125ms |    250ms |    500ms |   1000ms |   5000ms |    unlim |');
    expect(lines.slice(2).map((line) => line.split('|')[0].trim())).toEqual(['100 Mbps', '1 Gbps', '2 Gbps', '2.5 Gbps', '5 Gbps', '10 Gbps', '25 Gbps', '40 Gbps']);
  });

  test('takes its own rows and columns, and prints JSON in ms', async () => {
    const { code, stdout } = await run(['predict', '--dirty-curve', 'examples/dirty-curves/sample.json', '--bandwidths', '10 Gbps', '--downtimes', '300ms,unlim', '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.rows).toHaveLength(1);
    expect(json.rows[0].bandwidthBytesPerSecond).toBe((10 * 1024 ** 3) / 8);
    expect(json.rows[0].cells.map((cell: { downtimeMs: number | null }) => cell.downtimeMs)).toEqual([300, null]);
  });

  test.each([
    [['predict'], 'dirty-sync-oracle: --dirty-curve must be given (a calc-dirty-rate JSON file), got undefined'],
    [['predict', '--dirty-curve', 'no/such/file.json'], 'dirty-sync-oracle: --dirty-curve must be a readable file (ENOENT), got "no/such/file.json"'],
    [['predict', '--dirty-curve', 'package.json'], 'dirty-sync-oracle predict: readCalcDirtyRate: page-size must be a number, got undefined'],
    [['predict', '--dirty-curve', 'examples/dirty-curves/sample.json', '--bandwidths', '10 GB/s'], 'dirty-sync-oracle: --bandwidths must be a comma-separated list like "1 Gbps,2.5 Gbps,100 Mbps", got "10 GB/s"'],
  ])('%j prints one line on stderr and exits with 2', async (argv, message) => {
    const { code, stdout, stderr } = await run(argv);
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: message });
  });
});

describe('simulate', () => {
  const small = ['simulate', '--memory', '1 GiB', '--bandwidth', '1 GB/s', '--downtime', '300 ms', '--max-bandwidth', '0'];

  test('prints one row per sync cost: completion, total time, real downtime, syncs, passes, expected-downtime', async () => {
    const { code, stdout } = await run([...small, '--dirty-rate', '100 MB/s', '--sync', '10 ms']);
    expect(code).toBe(0);
    const [heading, , header, row] = stdout.split('\n');
    expect(heading).toBe('link 1 GB/s, max-bandwidth unlimited, downtime limit 300 ms, rules qemu-today; 1 GiB guest, workload constant 0.1 GB/s');
    expect(header.split(/\s{2,}/)).toEqual(['sync', 'completed', 'total time', 'real downtime', 'final sync', 'dirty syncs', 'passes', 'expected-downtime']);
    expect(row.startsWith('x = 10 ms')).toBe(true);
    expect(row).toContain('yes');
  });

  test('--json reports the outcome with its trace, the real downtime at least the final sync', async () => {
    const { code, stdout } = await run([...small, '--dirty-rate', '100 MB/s', '--working-set', '256 MiB', '--sync', '10 ms', '--json', '--trace']);
    expect(code).toBe(0);
    const [first] = JSON.parse(stdout).runs;
    expect(first.converged).toBe(true);
    expect(first.downtimeMs).toBeGreaterThanOrEqual(first.finalSyncMs);
    expect(first.trace[0].phase).toBe('setup');
    expect(Object.keys(first.trace[0])).toEqual(['timeMs', 'phase', 'estimateBytes', 'pendingBytes', 'thresholdBytes', 'synced', 'syncs', 'passes', 'windowBandwidthBytesPerMs', 'expectedDowntimeMs', 'throttlePercent']);
  });

  test.each([
    [[...small, '--sync', '10 ms', '--dirty-rate', '1 GB/s', '--rules', 'qemu-9'], 'dirty-sync-oracle: --rules must be one of qemu-today, qemu-7.2, every-drain, got "qemu-9"'],
    [[...small, '--implementation', 'wordwise'], 'dirty-sync-oracle: --implementation must be qemu-pre-patch, qemu-landed or both, comma-separated, got "wordwise"'],
    [['simulate', '--bandwidth', '1 GB/s', '--sync', '10 ms'], 'dirty-sync-oracle: --downtime must be given (a duration with a unit), got undefined'],
  ])('%j prints one line on stderr and exits with 2', async (argv, message) => {
    const { code, stdout, stderr } = await run(argv);
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: message });
  });
});
