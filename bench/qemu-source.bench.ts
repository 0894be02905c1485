/**
 * Question 4 (with `--source DIR`): QEMU's own sync, extracted from the user's tree before
 * (`e8a6d158^`) and after (`e8a6d158`) the patch, timed on the same inputs as the models of the same
 * code, aligned and misaligned, with the remote clears each issues. The extracted syncs run in
 * `native/sync-timer.c`, which counts effects in C: the per-page path makes one effect call per page,
 * and a callback into JavaScript per page would time the callback, not QEMU's loop.
 */
import { spawnSync } from 'node:child_process';
import type { EffectCounts } from '../src/sync/counting-effects.ts';
import { CountingEffects } from '../src/sync/counting-effects.ts';
import { compileSyncTimer } from '../src/sync/native/compile.ts';
import { qemuLanded } from '../src/sync/qemu-landed.ts';
import { qemuPrePatch } from '../src/sync/qemu-pre-patch.ts';
import { buildRevision } from '../src/qemu-source/revision-build.ts';
import type { BenchQuestion, QuestionAnswer, QuestionContext } from './bench-question.ts';
import { summarizeSamples, type TimingSummary } from './sample-statistics.ts';
import { type Alignment, buildSyncInput, type SyncInput } from './sync-inputs.ts';
import { formatFigure, formatPages, type TextTable } from './text-table.ts';

/** The extracted syncs to time. */
export interface QemuSourceContestants {
  /** The QEMU tree or git directory. */
  readonly source: string;
  /** Revision and library of each extracted sync, by contestant name. */
  readonly libraries: Readonly<Record<string, { readonly revision: string; readonly path: string }>>;
}

/** One contestant on one input. */
export interface QemuSourceTask {
  /** Per-call times. */
  readonly timing: TimingSummary;
  /** The effects of one call. */
  readonly effects: EffectCounts;
}

/** Everything question 4 measured. */
export interface QemuSourceFigures {
  /** The tree. */
  readonly source: string;
  /** Revisions of the extracted contestants. */
  readonly revisions: Readonly<Record<string, string>>;
  /** Pages of the RAMBlock. */
  readonly pages: number;
  /** Dirty density, percent. */
  readonly densityPercent: number;
  /** Per alignment, per contestant. */
  readonly cases: Readonly<Record<Alignment, Readonly<Record<string, QemuSourceTask>>>>;
}

/** The extracted contestants' names: the revision before the patch and the patch. */
export const EXTRACTED = { prePatch: 'extracted e8a6d158^', landed: 'extracted e8a6d158' } as const;

/**
 * Builds the extracted syncs (async: the C parser loads WASM).
 * @param source - the QEMU tree or git directory
 * @returns the libraries
 * @throws QemuSourceError when the tree cannot be used
 */
export async function prepareQemuSourceContestants(source: string): Promise<QemuSourceContestants> {
  const libraries: Record<string, { revision: string; path: string }> = {};
  for (const [name, revision] of [[EXTRACTED.prePatch, 'e8a6d158^'], [EXTRACTED.landed, 'e8a6d158']] as const) {
    libraries[name] = { revision, path: (await buildRevision(source, revision, 18)).library.path };
  }
  return { source, libraries };
}

/** Calls per contestant: the per-page paths take a second or more per call at 64 Mi pages. */
const ITERATIONS = { fast: 11, slow: 3 } as const;

function timeModel(input: SyncInput, sync: typeof qemuPrePatch.syncDirtyBitmap, iterations: number, context: QuestionContext): QemuSourceTask {
  const samplesMs: number[] = [];
  let effects = new CountingEffects();
  for (let i = 0; i < iterations; i++) {
    input.restore();
    effects = new CountingEffects();
    const started = performance.now();
    const newlySet = sync(input.mem, input.rb, input.startPage, input.npages, effects);
    samplesMs.push(performance.now() - started);
    if (newlySet !== input.dirtyPagesInRange) throw new Error(`qemu-source bench: a model returned ${newlySet}, expected ${input.dirtyPagesInRange}`);
    context.sink.consume(newlySet);
  }
  return { timing: summarizeSamples(samplesMs), effects: effects.snapshot() };
}

function timeExtracted(input: SyncInput, timer: string, libraryPath: string, iterations: number, context: QuestionContext): QemuSourceTask {
  input.restore();
  const { mem, rb } = input;
  const header = [mem.blockPages, mem.blocks.length, rb.offsetPage, rb.pages, rb.bmap.length / 2, input.startPage, input.npages, iterations];
  const words = [...mem.blocks, rb.bmap].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  const result = spawnSync(timer, [libraryPath], { input: Buffer.concat([Buffer.from(BigUint64Array.from(header, (v) => BigInt(v)).buffer), ...words]), maxBuffer: 1 << 20 });
  if (result.status !== 0) throw new Error(`qemu-source bench: sync-timer failed (${result.signal ?? result.status}): ${result.stderr.toString().trim()}`);
  const parsed = JSON.parse(result.stdout.toString()) as { timesNs: number[]; returned: number } & EffectCounts;
  if (parsed.returned !== input.dirtyPagesInRange) throw new Error(`qemu-source bench: ${libraryPath} returned ${parsed.returned}, expected ${input.dirtyPagesInRange}`);
  context.sink.consume(parsed.returned);
  const { timesNs, returned: _returned, ...effects } = parsed;
  return { timing: summarizeSamples(timesNs.map((ns) => ns / 1e6)), effects };
}

/**
 * Question 4 for a set of extracted syncs.
 * @param contestants - the built libraries
 * @returns the question
 */
export function qemuSourceQuestion(contestants: QemuSourceContestants): BenchQuestion<QemuSourceFigures> {
  return {
    id: 'qemuSource',
    title: "QEMU's extracted sync before and after e8a6d158 beside the models, aligned and misaligned",
    run(context: QuestionContext): QuestionAnswer<QemuSourceFigures> {
      const { plan } = context;
      const pages = Math.max(...plan.remoteClearSizesPages);
      const densityPercent = plan.remoteClearDensityPercent;
      const timer = compileSyncTimer();
      const cases = {} as Record<Alignment, Record<string, QemuSourceTask>>;
      for (const alignment of ['aligned', 'misaligned'] as const) {
        context.progress(`qemu source: ${formatPages(pages)} pages, ${alignment}`);
        const input = buildSyncInput({ pages, densityPercent, alignment, blockPages: plan.blockPages, seed: plan.seed, misalignment: plan.misalignment });
        const slow = alignment === 'misaligned' ? ITERATIONS.slow : ITERATIONS.fast;
        cases[alignment] = {
          'qemu-pre-patch': timeModel(input, qemuPrePatch.syncDirtyBitmap, slow, context),
          'qemu-landed': timeModel(input, qemuLanded.syncDirtyBitmap, slow, context),
          [EXTRACTED.prePatch]: timeExtracted(input, timer, contestants.libraries[EXTRACTED.prePatch]?.path ?? '', slow, context),
          [EXTRACTED.landed]: timeExtracted(input, timer, contestants.libraries[EXTRACTED.landed]?.path ?? '', ITERATIONS.fast, context),
        };
      }
      const revisions = Object.fromEntries(Object.entries(contestants.libraries).map(([name, l]) => [name, l.revision]));
      const figures: QemuSourceFigures = { source: contestants.source, revisions, pages, densityPercent, cases };
      return { tables: [qemuSourceTable(figures)], figures };
    },
  };
}

function qemuSourceTable(figures: QemuSourceFigures): TextTable {
  const names = ['qemu-pre-patch', 'qemu-landed', EXTRACTED.prePatch, EXTRACTED.landed];
  const rows = (['aligned', 'misaligned'] as const).map((alignment) => {
    const tasks = figures.cases[alignment];
    const ms = (name: string) => tasks[name]?.timing.medianMs ?? Number.NaN;
    const clears = (name: string) => `${tasks[name]?.effects.clearDirtyLogCalls ?? '?'} (+${tasks[name]?.effects.deferDirtyLogClearCalls ?? '?'})`;
    return [
      alignment,
      ...names.map((name) => formatFigure(ms(name))),
      `${formatFigure(ms('qemu-pre-patch') / ms('qemu-landed'))}×`,
      `${formatFigure(ms(EXTRACTED.prePatch) / ms(EXTRACTED.landed))}×`,
      ...names.map(clears),
    ];
  });
  return {
    title: `QEMU's own sync at ${formatPages(figures.pages)} pages, ${figures.densityPercent} % dirty: median ms per call, and remote clears per call`,
    columns: ['alignment', ...names.map((n) => `${n} ms`), 'models pre ÷ landed', 'extracted pre ÷ landed', ...names.map((n) => `${n} clears (+deferred)`)],
    rows,
    notes: [
      `Extracted from ${figures.source}; compiled with QEMU's flags, timed in native/sync-timer.c with the effects counted in C; the models in this process with counting effects.`,
      'Ratios of medians from this run. A remote clear is one KVM ioctl per listener in QEMU; here it is a counted call.',
    ],
  };
}
