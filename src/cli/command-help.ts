/**
 * `--help` text, rendered from a command's descriptor: usage line, summary, options, positionals and
 * examples. The top-level usage lists every registered command with its summary.
 */
import type { CliCommand, CliOption } from './cli-command.ts';
import { CLI_NAME } from './quantity.ts';

const HELP_OPTION: CliOption = { type: 'boolean', short: 'h', description: 'print this help and exit' };

function optionSynopsis(name: string, option: CliOption): string {
  const value = option.type === 'string' ? ` <${option.valueName ?? 'value'}>` : '';
  return `--${name}${value}`;
}

function usageLine(command: CliCommand): string {
  const options = Object.entries(command.options).map(([name, option]) => (option.required === true ? optionSynopsis(name, option) : `[${optionSynopsis(name, option)}]`));
  const positionals = (command.positionals ?? []).map((p) => (p.required === true ? `<${p.name}>` : `[<${p.name}>]`));
  return [`usage: ${CLI_NAME} ${command.name}`, ...options, ...positionals].join(' ');
}

function table(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}

/**
 * The help of one subcommand.
 * @param command - its descriptor
 * @returns usage, summary, details, arguments, options (with `-h, --help`) and examples, as lines joined by newlines
 */
export function commandHelp(command: CliCommand): string {
  const options = { ...command.options, help: HELP_OPTION };
  const optionRows = Object.entries(options).map(([name, option]) => [
    `${option.short === undefined ? '    ' : `-${option.short}, `}${optionSynopsis(name, option)}`,
    `${option.description}${option.required === true ? ' (required)' : ''}`,
  ] as const);
  const positionals = command.positionals ?? [];
  return [
    usageLine(command),
    '',
    command.summary,
    ...(command.details === undefined || command.details === '' ? [] : ['', command.details]),
    ...(positionals.length === 0 ? [] : ['', 'arguments:', ...table(positionals.map((p) => [`<${p.name}>`, p.description] as const))]),
    '',
    'options:',
    ...table(optionRows),
    '',
    command.examples.length === 1 ? 'example:' : 'examples:',
    ...command.examples.map((example) => `  ${CLI_NAME} ${example}`),
  ].join('\n');
}

/**
 * The top-level usage: every command with its summary.
 * @param commands - the registered commands
 * @returns the text
 */
export function programUsage(commands: readonly CliCommand[]): string {
  return [
    `usage: ${CLI_NAME} <command> [options]`,
    '',
    'commands:',
    ...table(commands.map((command) => [command.name, command.summary] as const)),
    '',
    `Run \`${CLI_NAME} <command> --help\` for a command's options and an example.`,
  ].join('\n');
}
