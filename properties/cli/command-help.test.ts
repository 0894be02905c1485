/**
 * Subcommand plumbing: `--help` on every registered command (usage, every option, an example that
 * parses), async commands and exit codes chosen by a command, and dashed values reaching the
 * quantity parser instead of parseArgs' "ambiguous".
 */
import { describe, expect, test } from 'vitest';
import type { CliCommand } from '../../src/cli/cli-command.ts';
import { parseCommandLine } from '../../src/cli/command-arguments.ts';
import { COMMANDS } from '../../src/cli/commands.ts';
import { main, runProgram } from '../../src/cli/dirty-sync-oracle.ts';
import { readDocSample } from '../docs/doc-sample.ts';

function collect() {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, output: { stdout: (t: string) => stdout.push(t), stderr: (t: string) => stderr.push(t) } };
}

/** Splits an example command line as a POSIX shell would for double-quoted words without escapes. */
function shellWords(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

describe.each(COMMANDS.map((c) => [c.name, c] as const))('%s --help', (name, command) => {
  test('prints usage, every option with its description, and an example on stdout, exit 0', async () => {
    for (const flag of ['--help', '-h']) {
      const { stdout, stderr, output } = collect();
      expect(await main([name, flag], output)).toBe(0);
      expect(stderr).toEqual([]);
      const help = stdout.join('\n');
      expect(help.split('\n')[0]).toMatch(new RegExp(`^usage: dirty-sync-oracle ${name}\\b`));
      for (const [option, spec] of Object.entries(command.options)) {
        expect(help).toMatch(new RegExp(`^ +(-\\w, )?--${option}\\b.*${spec.description.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
      }
      expect(help).toMatch(/^examples?:\n {2}dirty-sync-oracle /m);
    }
  });

  test('help wins over missing or invalid options', async () => {
    const { stdout, output } = collect();
    expect(await main([name, '--bandwidth', 'nonsense', '--help'], output)).toBe(0);
    expect(stdout[0]).toMatch(/^usage: /);
  });

  test('each example parses with the command\'s own options', () => {
    expect(command.examples.length).toBeGreaterThan(0);
    for (const example of command.examples) {
      const [first, ...args] = shellWords(example);
      expect(first).toBe(name);
      expect(parseCommandLine(command, args).help).toBe(false);
    }
  });
});

test('docs/command-line.md shows threshold --help and a negative bandwidth as the command prints them', async () => {
  const help = collect();
  await main(['threshold', '--help'], help.output);
  expect(help.stdout.join('\n')).toBe(readDocSample('docs/command-line.md', 'threshold-help'));
  const negative = collect();
  await main(['max-dirty-rate', '--bandwidth', '-15 GB/s', '--sync', '12 ms', '--downtime', '150 ms'], negative.output);
  expect(negative.stderr.join('\n')).toBe(readDocSample('docs/command-line.md', 'negative-bandwidth'));
});

describe('dispatch', () => {
  const waits: CliCommand = {
    name: 'waits',
    summary: 'resolves after a tick',
    options: { code: { type: 'string', valueName: 'n', description: 'exit code' } },
    positionals: [{ name: 'word', description: 'echoed', required: true }],
    examples: ['waits --code 3 hello'],
    run: async ({ values, positionals }, output) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      output.stdout(`${positionals[0]} ${String(values.code)}`);
      return Number(values.code ?? 0);
    },
  };

  test('awaits an async command and returns the exit code it chose', async () => {
    const { stdout, output } = collect();
    expect(await runProgram([waits], ['waits', '--code', '3', 'hello'], output)).toBe(3);
    expect(stdout).toEqual(['hello 3']);
  });

  test('a missing or extra positional is one stderr line and exit 2', async () => {
    for (const [argv, message] of [[['waits'], /<word> must be given/], [['waits', 'a', 'b'], /positional arguments must be at most 1, got "b"/]] as const) {
      const { stderr, output } = collect();
      expect(await runProgram([waits], [...argv], output)).toBe(2);
      expect(stderr).toHaveLength(1);
      expect(stderr[0]).toMatch(message);
    }
  });

  test('`help <command>` is `<command> --help`', async () => {
    const a = collect();
    const b = collect();
    expect(await main(['help', 'claims'], a.output)).toBe(0);
    expect(await main(['claims', '--help'], b.output)).toBe(0);
    expect(a.stdout).toEqual(b.stdout);
  });

  test('the top-level usage lists every registered command', async () => {
    const { stdout, output } = collect();
    expect(await main(['--help'], output)).toBe(0);
    for (const command of COMMANDS) expect(stdout[0]).toMatch(new RegExp(`^ {2}${command.name} +${command.summary.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
  });
});

describe('signed and out-of-range values', () => {
  test.each([
    [['max-dirty-rate', '--bandwidth', '-15 GB/s', '--sync', '12 ms', '--downtime', '150 ms'], 'dirty-sync-oracle: --bandwidth must be a positive bandwidth, not a negative one, got "-15 GB/s"'],
    [['max-dirty-rate', '--bandwidth', '15 GB/s', '--sync', '-12 ms', '--downtime', '150 ms'], 'dirty-sync-oracle: --sync must be a positive duration, not a negative one, got "-12 ms"'],
    [['max-dirty-rate', '--bandwidth', '1e300 GB/s', '--sync', '12 ms', '--downtime', '150 ms'], 'dirty-sync-oracle: --bandwidth must be a bandwidth from 1 kB/s to 1 PB/s (it overflows), got "1e300 GB/s"'],
    [['max-dirty-rate', '--bandwidth', '2 PB/s', '--sync', '12 ms', '--downtime', '150 ms'], 'dirty-sync-oracle: --bandwidth must be a bandwidth from 1 kB/s to 1 PB/s (too large), got "2 PB/s"'],
    [['claims', '--memory', '0 GiB'], 'dirty-sync-oracle: --memory must be a positive size, not zero, got "0 GiB"'],
  ])('%j says what is wrong with the value', async (argv, message) => {
    const { stdout, stderr, output } = collect();
    expect(await main(argv, output)).toBe(2);
    expect(stdout).toEqual([]);
    expect(stderr).toEqual([message]);
  });

  test('a dashed value that is an option still is one: a missing value stays an error', async () => {
    const { stderr, output } = collect();
    expect(await main(['threshold', '--bandwidth', '--sync', '12 ms'], output)).toBe(2);
    expect(stderr[0]).toMatch(/--bandwidth/);
  });
});
