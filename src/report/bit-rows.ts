/**
 * Draws a sync counterexample as rows of bits (SVG): the source bitmap and `bmap` before the sync,
 * after it, and as the reference leaves them, one column per global page, with `bmap` bits placed
 * under the global page they stand for so that a misplaced bit shows as a column mismatch.
 *
 * The columns always include every page whose bit the sync changed and every page where it differs
 * from the reference, wherever they are, so the bits that break the law are in the drawing. Pages
 * far from all of these are left out and the gap is marked.
 */
import { testBit } from '../bitmap/bitmap.ts';
import { createEffectRecorder } from '../sync/effect-recorder.ts';
import type { SyncObservation } from '../sync/observation.ts';
import { referenceSyncUnchecked } from '../sync/reference.ts';
import { materialize, sourceBit, type SyncState } from '../sync/sync-case.ts';

/** Pages drawn on each side of a page of interest. */
const MARGIN = 3;
/** Pages of a long range drawn at each end. */
const RANGE_ENDS = 16;
const LABEL_WIDTH = 118;
const ROW_GAP = 4;
const GAP_WIDTH = 14;

interface BitRow {
  readonly label: string;
  readonly bits: readonly (boolean | undefined)[];
  /** Bits before the sync, to outline changed ones. */
  readonly before?: readonly (boolean | undefined)[];
  /** The reference's bits, to fill wrong ones in red. */
  readonly expected?: readonly (boolean | undefined)[];
}

/**
 * The state the reference sync leaves for the observation's case.
 * @param observation - the counterexample's run
 * @returns memory and `bmap` after the reference's sync
 */
export function referenceAfter(observation: SyncObservation): SyncState {
  const { syncCase } = observation;
  const state = materialize(syncCase);
  referenceSyncUnchecked(state.mem, state.rb, syncCase.startPage, syncCase.npages, createEffectRecorder().effects);
  return state;
}

/**
 * The global pages a drawing shows: around the range's ends, the block's edges, and every page whose
 * source or `bmap` bit the sync changed or left different from the reference.
 * @param observation - the counterexample's run
 * @param expected - the state the reference leaves
 * @returns the pages, ascending
 */
export function columnsToDraw(observation: SyncObservation, expected: SyncState): number[] {
  const { syncCase, before, whole } = observation;
  const totalPages = syncCase.source.length * syncCase.blockPages;
  const globalStart = syncCase.offsetPage + syncCase.startPage;
  const bmapPages = syncCase.bmap.length * 32;
  const interesting: number[] = [syncCase.offsetPage, syncCase.offsetPage + syncCase.pages];
  const rangeEnd = globalStart + syncCase.npages;
  for (let g = globalStart; g < rangeEnd; g++) if (syncCase.npages <= 4 * RANGE_ENDS || g < globalStart + RANGE_ENDS || g >= rangeEnd - RANGE_ENDS) interesting.push(g);
  for (let g = 0; g < totalPages; g++) {
    const s = sourceBit(whole.after.mem, g);
    if (s !== sourceBit(before.mem, g) || s !== sourceBit(expected.mem, g)) interesting.push(g);
  }
  for (let p = 0; p < bmapPages; p++) {
    const b = testBit(whole.after.rb.bmap, p);
    if (b !== testBit(before.rb.bmap, p) || b !== testBit(expected.rb.bmap, p)) interesting.push(syncCase.offsetPage + p);
  }
  const columns = new Set<number>();
  for (const page of interesting) for (let g = page - MARGIN; g <= page + MARGIN; g++) if (g >= 0 && g < totalPages) columns.add(g);
  return [...columns].sort((a, b) => a - b);
}

/**
 * Renders the observation's source and `bmap` bits: before, after, and as the reference leaves them.
 * @param observation - the counterexample's run
 * @returns an SVG element as text, with a title for screen readers and a legend
 */
export function bitRowsSvg(observation: SyncObservation): string {
  const { syncCase, before, whole } = observation;
  const expected = referenceAfter(observation);
  const pages = columnsToDraw(observation, expected);
  const cell = pages.length > 160 ? 4 : 7;
  const globalStart = syncCase.offsetPage + syncCase.startPage;
  const bmapBit = (bmap: Uint32Array, global: number) => {
    const page = global - syncCase.offsetPage;
    return page >= 0 && page < bmap.length * 32 ? testBit(bmap, page) : undefined;
  };
  const sourceBefore = pages.map((g) => sourceBit(before.mem, g));
  const bmapBefore = pages.map((g) => bmapBit(before.rb.bmap, g));
  const rows: BitRow[] = [
    { label: 'source before', bits: sourceBefore },
    { label: 'source after', bits: pages.map((g) => sourceBit(whole.after.mem, g)), before: sourceBefore, expected: pages.map((g) => sourceBit(expected.mem, g)) },
    { label: 'source, reference', bits: pages.map((g) => sourceBit(expected.mem, g)) },
    { label: 'bmap before', bits: bmapBefore },
    { label: 'bmap after', bits: pages.map((g) => bmapBit(whole.after.rb.bmap, g)), before: bmapBefore, expected: pages.map((g) => bmapBit(expected.rb.bmap, g)) },
    { label: 'bmap, reference', bits: pages.map((g) => bmapBit(expected.rb.bmap, g)) },
  ];
  // x of each column: consecutive pages touch, a jump leaves a gap.
  const xs: number[] = [];
  let x = LABEL_WIDTH;
  pages.forEach((page, i) => {
    if (i > 0 && page !== pages[i - 1] + 1) x += GAP_WIDTH;
    xs.push(x);
    x += cell;
  });
  const rowsHeight = rows.length * (cell + ROW_GAP);
  // Wide enough for the legend even when few pages are drawn.
  const width = Math.max(x + 10, 1010);
  const legendY = 14 + rowsHeight + 22;
  const height = legendY + 16;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" font-family="sans-serif" font-size="10">`,
    `<title>Source and bmap bits before, after and as the reference leaves them, global pages ${pages[0]} to ${pages[pages.length - 1]}; synced range ${globalStart} to ${globalStart + syncCase.npages - 1}</title>`,
  ];
  pages.forEach((page, i) => {
    if (page >= globalStart && page < globalStart + syncCase.npages) parts.push(`<rect x="${xs[i]}" y="12" width="${cell}" height="${rowsHeight}" fill="#fde68a"/>`);
    if (i > 0 && page !== pages[i - 1] + 1) parts.push(`<text x="${xs[i] - GAP_WIDTH + 2}" y="${14 + rowsHeight / 2}" fill="#6b7280">⋯</text>`);
  });
  for (const edge of [syncCase.offsetPage, syncCase.offsetPage + syncCase.pages]) {
    const i = pages.indexOf(edge);
    if (i !== -1) parts.push(`<line x1="${xs[i]}" x2="${xs[i]}" y1="8" y2="${14 + rowsHeight}" stroke="#2563eb" stroke-width="1.5"/>`);
  }
  rows.forEach((row, r) => {
    const y = 14 + r * (cell + ROW_GAP);
    parts.push(`<text x="0" y="${y + cell - 1}">${row.label}</text>`);
    row.bits.forEach((bit, i) => {
      if (bit === undefined) return;
      const changed = row.before !== undefined && row.before[i] !== bit;
      const wrong = row.expected !== undefined && row.expected[i] !== undefined && row.expected[i] !== bit;
      const fill = wrong ? (bit ? '#dc2626' : '#fca5a5') : bit ? '#111827' : '#e5e7eb';
      parts.push(`<rect x="${xs[i] + 0.5}" y="${y}" width="${cell - 1}" height="${cell}" fill="${fill}"${changed ? ' stroke="#ea580c" stroke-width="1.5"' : ''}/>`);
    });
  });
  let lastLabelX = -Infinity;
  pages.forEach((page, i) => {
    const segmentStart = i === 0 || page !== pages[i - 1] + 1;
    if ((segmentStart || page % 16 === 0) && xs[i] - lastLabelX > 40) {
      parts.push(`<text x="${xs[i]}" y="${14 + rowsHeight + 11}">${page}</text>`);
      lastLabelX = xs[i];
    }
  });
  const legend: [string, string][] = [['#fde68a', 'synced range'], ['#111827', 'bit set'], ['#e5e7eb', 'bit clear'], ['#dc2626', 'set, reference clears it'], ['#fca5a5', 'clear, reference sets it']];
  let lx = 0;
  for (const [color, text] of legend) {
    parts.push(`<rect x="${lx}" y="${legendY - 8}" width="9" height="9" fill="${color}"/><text x="${lx + 12}" y="${legendY}">${text}</text>`);
    lx += 24 + text.length * 5.2;
  }
  parts.push(`<rect x="${lx}" y="${legendY - 8}" width="9" height="9" fill="#ffffff" stroke="#ea580c" stroke-width="1.5"/><text x="${lx + 12}" y="${legendY}">changed by the sync</text>`);
  lx += 24 + 19 * 5.2;
  parts.push(`<line x1="${lx + 4}" x2="${lx + 4}" y1="${legendY - 9}" y2="${legendY + 1}" stroke="#2563eb" stroke-width="1.5"/><text x="${lx + 10}" y="${legendY}">RAMBlock edge; ⋯ pages left out; numbers: global page</text>`);
  parts.push('</svg>');
  return parts.join('');
}
