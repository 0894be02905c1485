/**
 * The command line: outputs, `--json` field names, the claims table as documented, and invalid
 * input as one line on stderr with exit code 2. Most cases call `main` in-process; one runs the real
 * launcher through `npx`, as a user would.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { renderClaimsTable } from '../../src/cli/claims-command.ts';
import { renderDerivationTable } from '../../src/cli/derivation-command.ts';
import { main, USAGE } from '../../src/cli/dirty-sync-oracle.ts';
import { auditSeedClaims } from '../../src/convergence/claims-audit.ts';
import type { StepCheck } from '../../src/convergence/derivation-check.ts';
import { DERIVATION_LINKS } from '../../src/convergence/derivation-steps.ts';
import { SEED_VM_MEMORY_BYTES } from '../../src/convergence/threshold-comparison.ts';
import { readDocSample } from '../docs/doc-sample.ts';

/** A documented command and its output: the `$ ` line, then what it printed. */
function documentedRun(id: string): { argv: string[]; output: string } {
  const [command, ...output] = readDocSample('docs/command-line.md', id).split('\n');
  const argv = [...command.replace(/^\$ npx dirty-sync-oracle /, '').matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
  return { argv, output: output.join('\n') };
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

async function run(...argv: string[]): Promise<{ code: number; stdout: string[]; stderr: string[] }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(argv, { stdout: (t) => stdout.push(t), stderr: (t) => stderr.push(t) });
  return { code, stdout, stderr };
}

const seedThreshold = ['--bandwidth', '15 GB/s', '--dirty-rate', '10 GB/s', '--sync', '73 ms'];

describe('threshold', () => {
  test('prints t*, the regime, the closed-form least limit and both simulated ones', async () => {
    const documented = documentedRun('threshold-12ms');
    const { code, stdout } = await run(...documented.argv);
    expect(code).toBe(0);
    const text = stdout.join('\n');
    expect(text).toBe(documented.output);
    expect(text).toContain('critical transfer time t* (eq. 2)   24 ms');
    expect(text).toContain('x + t* = 36 ms < 100 ms: short-iteration, eq. (15)');
    expect(text).toMatch(/closed form, eq\. \(19\)\s+27\.273 ms/);
    expect(text).toMatch(/simulated, seed-premises\s+27\.273 ms/);
    expect(text).toMatch(/windowed, windowed-passes: outside the long-iteration regime: x \+ t\* = 36 ms < 100 ms/);
  });

  test('--json has the documented fields, in ms and bytes per second', async () => {
    const out = JSON.parse((await run('threshold', '--bandwidth', '15 GB/s', '--dirty-rate', '10 GB/s', '--sync', '12 ms', '--json')).stdout.join(''));
    expect(Object.keys(out)).toEqual(['command', 'bandwidthBytesPerSecond', 'dirtyRateBytesPerSecond', 'syncMs', 'memoryBytes', 'criticalTransferMs', 'regime', 'regimeEquation', 'closedForm', 'settledTransferMs', 'simulated', 'disagreements']);
    expect(out).toMatchObject({ command: 'threshold', bandwidthBytesPerSecond: 1.5e10, dirtyRateBytesPerSecond: 1e10, syncMs: 12, memoryBytes: SEED_VM_MEMORY_BYTES, criticalTransferMs: 24, regime: 'short-iteration', regimeEquation: 15, closedForm: { equation: 19 } });
    expect(out.closedForm.downtimeMs).toBeCloseTo(300 / 11, 9);
    expect(Object.keys(out.simulated)).toEqual(['seedPremises', 'windowed', 'windowedPasses']);
    expect(Object.keys(out.simulated.windowed)).toEqual(['converges', 'downtimeMs', 'lowerMs', 'iterations']);
    expect(out.simulated.windowed.downtimeMs).toBeCloseTo(35.0324, 3);
  });
});

describe('max-dirty-rate', () => {
  test('prints the closed form and both simulated greatest rates', async () => {
    const documented = documentedRun('max-dirty-rate-12ms');
    const { code, stdout } = await run(...documented.argv);
    expect(code).toBe(0);
    expect(stdout.join('\n')).toBe(documented.output);
    expect(stdout.join('\n')).toMatch(/closed form, eq\. \(12\)\s+D < 13\.8 GB\/s \(long-iteration at the bound\)/);
  });

  test('--json has the documented fields, in bytes per second', async () => {
    const out = JSON.parse((await run('max-dirty-rate', '--bandwidth', '15 GB/s', '--sync', '73 ms', '--downtime', '150 ms', '--json')).stdout.join(''));
    expect(Object.keys(out)).toEqual(['command', 'bandwidthBytesPerSecond', 'syncMs', 'downtimeMs', 'memoryBytes', 'closedForm', 'simulated', 'disagreements']);
    expect(Object.keys(out.closedForm)).toEqual(['converges', 'equation', 'regime', 'dirtyRateBytesPerSecond']);
    expect(Object.keys(out.simulated.seedPremises)).toEqual(['converges', 'saturated', 'dirtyRateBytesPerSecond', 'upperBytesPerSecond', 'intervals']);
    expect(out.closedForm.dirtyRateBytesPerSecond).toBeCloseTo(7.7e9, 0);
    expect(out.simulated.windowed.dirtyRateBytesPerSecond / 7.7e9).toBeCloseTo(1, 6);
  });
});

describe('claims', () => {
  test('prints the audit table that docs/command-line.md shows', async () => {
    const { code, stdout } = await run('claims');
    expect(code).toBe(0);
    const table = renderClaimsTable(auditSeedClaims(), SEED_VM_MEMORY_BYTES);
    expect(stdout.join('\n')).toBe(table);
    expect(documentedRun('claims').output).toBe(table);
  });

  test('--json lists the eight claims with the documented fields', async () => {
    const out = JSON.parse((await run('claims', '--json')).stdout.join(''));
    expect(out.claims).toHaveLength(8);
    expect(Object.keys(out.claims[0])).toEqual(['id', 'quote', 'equation', 'quantity', 'relation', 'claimed', 'decimals', 'inputs', 'closedForm', 'match', 'regimeCondition', 'regimeHolds', 'simulated', 'verdict']);
    expect(out.claims[5]).toMatchObject({ id: 'case2-x73-eq19', quantity: 'dirtyRateBytesPerSecond', claimed: 5.35e9, verdict: 'reproduced but outside its regime' });
  });
});

describe('derivation', () => {
  test('prints one verdict per step, every one an equivalence, as JSON and as the table built from it', async () => {
    // One run only: the check takes about 2 s; the text form is rendered from the same checks.
    const { code, stdout } = await run('derivation', '--json');
    expect(code).toBe(0);
    const { steps } = JSON.parse(stdout.join(''));
    expect(steps.map((s: StepCheck) => `${s.from}→${s.to} ${s.verdict}`)).toEqual(DERIVATION_LINKS.map((l) => `${l.from}→${l.to} equivalence`));
    // docs/convergence.md shows the table this renders.
    expect(`$ npx dirty-sync-oracle derivation\n${renderDerivationTable(steps)}`).toBe(readDocSample('docs/convergence.md', 'derivation'));
    const rows = renderDerivationTable(steps).split('\n').filter((line) => /^\(\d+\) → /.test(line));
    expect(rows).toHaveLength(16);
    for (const row of rows) expect(row).toMatch(/^\S+ → \S+\s+equivalence\s+identity/);
  });
});

describe('invalid input', () => {
  test.each([
    [['threshold', '--bandwidth', '15', '--dirty-rate', '10 GB/s', '--sync', '73 ms'], /--bandwidth must be a bandwidth with a unit \(GB\/s, GiB\/s, MB\/s, Gb\/s\), e\.g\. "15 GB\/s", got "15"/],
    [['threshold', '--bandwidth', '15 GB/s', '--dirty-rate', '20 GB/s', '--sync', '73 ms'], /--dirty-rate must be below --bandwidth \(15 GB\/s\), got "20 GB\/s"/],
    [['threshold', '--bandwidth', '15 GB/s', '--sync', '73 ms'], /--dirty-rate must be given/],
    [['threshold', ...seedThreshold, '--downtime', '3 ms'], /Unknown option '--downtime'/],
    [['max-dirty-rate', '--bandwidth', '15 GB/s', '--sync', '12 ms', '--downtime', '150'], /--downtime must be a duration with a unit \(ms, s\)/],
    [['claims', '--memory', 'lots'], /--memory must be a size with a unit/],
    [['converge'], /command must be one of threshold, max-dirty-rate, claims, derivation, qemu, simulate, predict, got "converge"/],
  ])('%j prints one line on stderr and exits with 2', async (argv, message) => {
    const { code, stdout, stderr } = await run(...argv);
    expect(code).toBe(2);
    expect(stdout).toEqual([]);
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).not.toContain('\n');
    expect(stderr[0]).toMatch(message);
  });

  test('prints the usage on stderr with exit 2 without a command, and on stdout with --help', async () => {
    expect(await run()).toEqual({ code: 2, stdout: [], stderr: [USAGE] });
    expect(await run('--help')).toEqual({ code: 0, stdout: [USAGE], stderr: [] });
  });
});

describe('installed command', () => {
  test('runs through npx in the checkout as the package\'s own bin, mapping a bare number to one stderr line and exit 2', () => {
    // One spawn only (about 1.5 s of tsx start-up, more under load); outputs are tested in-process above.
    const child = spawnSync('npx', ['--no-install', 'dirty-sync-oracle', 'threshold', '--bandwidth', '15 GB/s', '--dirty-rate', '10 GB/s', '--sync', '73'], { cwd: root, encoding: 'utf8' });
    expect(child.stderr).toBe('dirty-sync-oracle: --sync must be a duration with a unit (ms, s), e.g. "73 ms", got "73"\n');
    expect(child.stdout).toBe('');
    expect(child.status).toBe(2);
  });
});
