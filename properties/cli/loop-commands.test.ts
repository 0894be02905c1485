/**
 * The `predict` and `simulate` subcommands: output, JSON fields and one-line errors with exit 2.
 */
import { describe, expect, test } from 'vitest';
import { main } from '../../src/cli/dirty-sync-oracle.ts';

function run(argv: string[]): { code: number; stdout: string; stderr: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(argv, { stdout: (text) => out.push(text), stderr: (text) => err.push(text) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('predict', () => {
  test('prints the bandwidth × downtime table for a calc-dirty-rate file', () => {
    const { code, stdout } = run(['predict', '--dirty-curve', 'examples/dirty-curves/sample.json']);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('Downtime> |    125ms |    250ms |    500ms |   1000ms |   5000ms |    unlim |');
    expect(lines.slice(2).map((line) => line.split('|')[0].trim())).toEqual(['100 Mbps', '1 Gbps', '2 Gbps', '2.5 Gbps', '5 Gbps', '10 Gbps', '25 Gbps', '40 Gbps']);
  });

  test('takes its own rows and columns, and prints JSON in ms', () => {
    const { code, stdout } = run(['predict', '--dirty-curve', 'examples/dirty-curves/sample.json', '--bandwidths', '10 Gbps', '--downtimes', '300ms,unlim', '--json']);
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
  ])('%j prints one line on stderr and exits with 2', (argv, message) => {
    const { code, stdout, stderr } = run(argv);
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: message });
  });
});
