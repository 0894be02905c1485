/**
 * Prints a law's counterexample for a person: the layout, the source and `bmap` words around the range
 * in hex (64-bit words, QEMU's numbering) before and after, the recorded effects, the return value,
 * and how to replay it.
 */
import { formatEffectCall, type EffectCall } from './effect-recorder.ts';
import type { LawCheckResult } from './law-check.ts';
import { lawById } from './laws/catalogue.ts';
import type { SyncRun } from './observation.ts';
import type { SyncCase } from './sync-case.ts';

/** Effect calls listed before the rest are summarised. */
const MAX_LISTED_CALLS = 8;

/** Words listed per bitmap before the rest are elided. */
const MAX_LISTED_WORDS = 12;

/**
 * Renders a 64-bit bitmap word from its two 32-bit halves as `0xhhhhhhhh_llllllll`.
 * @param words - the bitmap
 * @param long - index of the 64-bit word
 * @returns the hex text
 */
export function hex64(words: Uint32Array, long: number): string {
  const half = (index: number) => (words[index] ?? 0).toString(16).padStart(8, '0');
  return `0x${half(2 * long + 1)}_${half(2 * long)}`;
}

/**
 * One line for the case's layout: block size, offset, length, range, split.
 * @param syncCase - the case
 * @returns the text
 */
export function describeLayout(syncCase: SyncCase): string {
  const { blockPages, offsetPage, pages, startPage, npages, splitPage } = syncCase;
  const globalStart = offsetPage + startPage;
  const neighbour = syncCase.neighbourPages === undefined ? '' : `; next RAMBlock at ${offsetPage + pages} (${syncCase.neighbourPages} pages)`;
  return (
    `blockPages ${blockPages}, rb.offsetPage ${offsetPage}, rb.pages ${pages}; range startPage ${startPage} npages ${npages} ` +
    `(global [${globalStart}, ${globalStart + npages})); split at ${splitPage}${neighbour}`
  );
}

/**
 * Lists effect calls, summarising long lists by kind.
 * @param calls - the calls
 * @returns the text
 */
export function describeCalls(calls: readonly EffectCall[]): string {
  if (calls.length === 0) return '(none)';
  const listed = calls.slice(0, MAX_LISTED_CALLS).map(formatEffectCall).join('; ');
  if (calls.length <= MAX_LISTED_CALLS) return listed;
  const counts = new Map<string, number>();
  for (const call of calls) counts.set(call.kind, (counts.get(call.kind) ?? 0) + 1);
  return `${listed}; … ${calls.length} calls in all (${[...counts].map(([kind, n]) => `${n} ${kind}`).join(', ')})`;
}

/**
 * The command that replays one (implementation, family, law) check, without its environment variables.
 * @param implementation - implementation name (for a plug-in, its file name)
 * @param family - case family name
 * @param law - law id
 * @param pluginPath - the plug-in's `SYNC_IMPL`, when the implementation is one
 * @returns the command
 */
export function replayCommand(implementation: string, family: string, law: string, pluginPath?: string): string {
  return `${pluginPath ? `SYNC_IMPL=${pluginPath} ` : ''}npm run test:sync -- --implementation ${implementation} --family ${family} --law ${law}`;
}

/**
 * Formats a broken law's result in full.
 * @param result - a result with a counterexample
 * @param replay - the command that replays it, without the environment variables
 * @returns the multi-line text (empty when the law held)
 */
export function formatCounterexample(result: LawCheckResult, replay: string): string {
  const example = result.counterexample;
  if (!example) return '';
  const { syncCase, observation } = example;
  const law = lawById(result.law);
  const lines = [
    `${law.id} ${law.name} is broken by ${result.implementation} on ${result.family} (found in ${result.runs} runs, shrunk ${example.shrinks} times)`,
    `  law:       ${law.statement}`,
    `  violation: ${example.violation}`,
    `  layout:    ${describeLayout(syncCase)}`,
    ...sourceLines(syncCase, observation.whole),
    ...bmapLines(syncCase, observation.whole),
    `  effects:   ${describeCalls(observation.whole.calls)}`,
    `  returned:  ${String(observation.whole.returned)}`,
  ];
  if (law.id === 'L9') lines.push(`  split run: effects ${describeCalls(observation.split.calls)}; returned ${JSON.stringify(observation.split.returned)}`);
  lines.push(`  replay:    FC_SEED=${result.seed} FC_PATH=${example.path} ${replay}`);
  return lines.join('\n');
}

function sourceLines(syncCase: SyncCase, run: SyncRun): string[] {
  const globalStart = syncCase.offsetPage + syncCase.startPage;
  const longsPerBlock = syncCase.blockPages / 64;
  const rows: string[] = [];
  syncCase.source.forEach((block, blockIndex) => {
    const after = run.after.mem.blocks[blockIndex];
    for (let long = 0; long < longsPerBlock; long++) {
      const firstPage = blockIndex * syncCase.blockPages + long * 64;
      const near = firstPage + 64 > globalStart - 64 && firstPage < globalStart + syncCase.npages + 64;
      const changed = block[2 * long] !== after[2 * long] || block[2 * long + 1] !== after[2 * long + 1];
      if (near || changed) rows.push(wordRow(`block ${blockIndex} word ${long}`, `pages ${firstPage}..${firstPage + 63}`, hex64(block, long), hex64(after, long), changed));
    }
  });
  return ['  source (global pages; bit i of a word is its first page + i):', ...elide(rows)];
}

function bmapLines(syncCase: SyncCase, run: SyncRun): string[] {
  const rows: string[] = [];
  const longs = syncCase.bmap.length / 2;
  for (let long = 0; long < longs; long++) {
    const firstPage = long * 64;
    const near = firstPage + 64 > syncCase.startPage - 64 && firstPage < syncCase.startPage + syncCase.npages + 64;
    const changed = syncCase.bmap[2 * long] !== run.after.rb.bmap[2 * long] || syncCase.bmap[2 * long + 1] !== run.after.rb.bmap[2 * long + 1];
    if (near || changed) rows.push(wordRow(`word ${long}`, `pages ${firstPage}..${firstPage + 63}`, hex64(syncCase.bmap, long), hex64(run.after.rb.bmap, long), changed));
  }
  return ['  bmap (block-relative pages):', ...elide(rows)];
}

function wordRow(name: string, pages: string, before: string, after: string, changed: boolean): string {
  return `    ${name.padEnd(18)} ${pages.padEnd(22)} before ${before}  after ${after}${changed ? '  *' : ''}`;
}

function elide(rows: string[]): string[] {
  if (rows.length <= MAX_LISTED_WORDS) return rows;
  return [...rows.slice(0, MAX_LISTED_WORDS / 2), `    … ${rows.length - MAX_LISTED_WORDS} more words …`, ...rows.slice(-MAX_LISTED_WORDS / 2)];
}
