/**
 * Question 2: how many remote dirty-log clears (`clearDirtyLog` calls, each one KVM ioctl per listener)
 * one sync issues, per implementation, size and alignment: the cost QEMU's e8a6d158 removed. A count,
 * not a time: one sync per implementation and input, with a counting effect sink. The TCG re-arms
 * (`dirtyBitsCleared`) and the deferred clears of QEMU's aligned path are counted alongside.
 */
import { BUILT_IN_IMPLEMENTATIONS } from '../src/sync/implementations.ts';
import type { BenchQuestion, QuestionAnswer, QuestionContext } from './bench-question.ts';
import { CountingEffects, type EffectCounts } from '../src/sync/counting-effects.ts';
import { type Alignment, buildSyncInput } from './sync-inputs.ts';
import { formatPages, type TextTable } from './text-table.ts';

/** The effects of one sync of one input by one implementation. */
export interface RemoteClearCase {
  /** Pages in the RAMBlock. */
  readonly pages: number;
  /** Aligned or misaligned. */
  readonly alignment: Alignment;
  /** Synced pages. */
  readonly npages: number;
  /** Dirty pages in the range. */
  readonly dirtyPages: number;
  /** Effect counts per implementation name. */
  readonly effects: Readonly<Record<string, EffectCounts>>;
}

/** Everything question 2 counted. */
export interface RemoteClearFigures {
  /** Dirty density of every input, in percent. */
  readonly densityPercent: number;
  /** One entry per size and alignment. */
  readonly cases: readonly RemoteClearCase[];
}

const ALIGNMENTS: readonly Alignment[] = ['aligned', 'misaligned'];

/** Question 2 as the runner sees it. */
export const remoteClears: BenchQuestion<RemoteClearFigures> = {
  id: 'remoteClears',
  title: 'Remote dirty-log clears (KVM ioctls per listener) per sync, from the recorded effects',
  run(context: QuestionContext): QuestionAnswer<RemoteClearFigures> {
    const { plan } = context;
    const densityPercent = plan.remoteClearDensityPercent;
    const cases: RemoteClearCase[] = [];
    for (const pages of plan.remoteClearSizesPages) {
      for (const alignment of ALIGNMENTS) {
        context.progress(`remote clears: ${formatPages(pages)} pages, ${alignment}`);
        const input = buildSyncInput({ pages, densityPercent, alignment, blockPages: plan.blockPages, seed: plan.seed, misalignment: plan.misalignment });
        const effects: Record<string, EffectCounts> = {};
        for (const implementation of BUILT_IN_IMPLEMENTATIONS) {
          input.restore();
          const counting = new CountingEffects();
          const newlySet = implementation.syncDirtyBitmap(input.mem, input.rb, input.startPage, input.npages, counting);
          if (newlySet !== input.dirtyPagesInRange) {
            throw new Error(`remote clears: ${implementation.name} returned ${newlySet}, expected ${input.dirtyPagesInRange}`);
          }
          context.sink.consume(newlySet);
          effects[implementation.name] = counting.snapshot();
        }
        cases.push({ pages, alignment, npages: input.npages, dirtyPages: input.dirtyPagesInRange, effects });
      }
    }
    const figures: RemoteClearFigures = { densityPercent, cases };
    return { tables: [clearTable(figures), rearmTable(figures)], figures };
  },
};

const NAMES = BUILT_IN_IMPLEMENTATIONS.map((implementation) => implementation.name);

/** Remote clears issued now, with the deferred `clear_bmap` marks beside them. */
function clearTable(figures: RemoteClearFigures): TextTable {
  return {
    title: 'Remote clears per sync: clearDirtyLog calls (+ deferred clear_bmap marks)',
    columns: ['pages', 'alignment', 'synced pages', ...NAMES],
    rows: figures.cases.map((c) => [
      formatPages(c.pages),
      c.alignment,
      String(c.npages),
      ...NAMES.map((name) => {
        const counts = c.effects[name];
        return counts.deferDirtyLogClearCalls > 0 ? `${counts.clearDirtyLogCalls} (+${counts.deferDirtyLogClearCalls} deferred)` : String(counts.clearDirtyLogCalls);
      }),
    ]),
    notes: [
      'Each clearDirtyLog call is one KVM ioctl per listener (x86 has two). A deferred mark covers clear_bmap chunks of 2^18 pages,',
      `cleared later, before any of their pages is sent. Inputs ${figures.densityPercent} % dirty; no implementation's clear count depends on density.`,
    ],
  };
}

/** TCG re-arms issued, for completeness: what each implementation does instead of or besides clearing. */
function rearmTable(figures: RemoteClearFigures): TextTable {
  return {
    title: 'TCG re-arms per sync: dirtyBitsCleared calls',
    columns: ['pages', 'alignment', 'dirty pages', ...NAMES],
    rows: figures.cases.map((c) => [formatPages(c.pages), c.alignment, String(c.dirtyPages), ...NAMES.map((name) => String(c.effects[name].dirtyBitsClearedCalls))]),
  };
}
