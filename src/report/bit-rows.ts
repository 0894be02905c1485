/**
 * Draws a sync counterexample as rows of bits (SVG): the source bitmap and `bmap`, before and after,
 * one column per global page, with `bmap` bits placed under the global page they stand for so that a
 * misplaced bit shows as a column mismatch. The synced range is shaded, changed bits are outlined.
 */
import { testBit } from '../bitmap/bitmap.ts';
import type { SyncObservation } from '../sync/observation.ts';
import { sourceBit } from '../sync/sync-case.ts';

/** Pages drawn at most; a range longer than this is drawn from its start. */
const MAX_COLUMNS = 128;
const CELL = 7;
const LABEL_WIDTH = 110;
const ROW_GAP = 4;

/** One row of bits over the drawn pages; undefined where the row has no bit (bmap outside the block). */
interface BitRow {
  readonly label: string;
  readonly bits: readonly (boolean | undefined)[];
  readonly before?: readonly (boolean | undefined)[];
}

/**
 * Renders the observation's source and `bmap` bits around the synced range.
 * @param observation - the counterexample's run
 * @returns an SVG element as text, with a title for screen readers
 */
export function bitRowsSvg(observation: SyncObservation): string {
  const { syncCase, before, whole } = observation;
  const globalStart = syncCase.offsetPage + syncCase.startPage;
  // The window starts a little before the range (or the block, when it starts close by) and ends a
  // little after the range: enough to show a neighbour's bits without drowning the range.
  const blockStartNear = globalStart - syncCase.offsetPage <= 32 ? syncCase.offsetPage : globalStart;
  const firstPage = Math.max(0, Math.floor((blockStartNear - 16) / 16) * 16);
  const lastPage = Math.min(firstPage + MAX_COLUMNS, Math.ceil((globalStart + syncCase.npages + 16) / 16) * 16, syncCase.source.length * syncCase.blockPages);
  const pages = Array.from({ length: lastPage - firstPage }, (_, i) => firstPage + i);
  const bmapBit = (bmap: Uint32Array, global: number) => {
    const page = global - syncCase.offsetPage;
    return page >= 0 && page < bmap.length * 32 ? testBit(bmap, page) : undefined;
  };
  const sourceBefore = pages.map((g) => sourceBit(before.mem, g));
  const bmapBefore = pages.map((g) => bmapBit(before.rb.bmap, g));
  const rows: BitRow[] = [
    { label: 'source before', bits: sourceBefore },
    { label: 'source after', bits: pages.map((g) => sourceBit(whole.after.mem, g)), before: sourceBefore },
    { label: 'bmap before', bits: bmapBefore },
    { label: 'bmap after', bits: pages.map((g) => bmapBit(whole.after.rb.bmap, g)), before: bmapBefore },
  ];
  const width = LABEL_WIDTH + pages.length * CELL + 10;
  const height = 18 + rows.length * (CELL + ROW_GAP) + 16;
  const x = (page: number) => LABEL_WIDTH + (page - firstPage) * CELL;
  const rangeFrom = Math.max(globalStart, firstPage);
  const rangeTo = Math.min(globalStart + syncCase.npages, lastPage);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" font-family="sans-serif" font-size="10">`,
    `<title>Source and bmap bits of global pages ${firstPage} to ${lastPage - 1}; synced range ${globalStart} to ${globalStart + syncCase.npages - 1}</title>`,
  ];
  if (rangeTo > rangeFrom) parts.push(`<rect x="${x(rangeFrom)}" y="12" width="${(rangeTo - rangeFrom) * CELL}" height="${rows.length * (CELL + ROW_GAP)}" fill="#fde68a"/>`);
  const blockStart = syncCase.offsetPage;
  const blockEnd = syncCase.offsetPage + syncCase.pages;
  for (const edge of [blockStart, blockEnd]) {
    if (edge >= firstPage && edge <= lastPage) parts.push(`<line x1="${x(edge)}" x2="${x(edge)}" y1="8" y2="${height - 14}" stroke="#2563eb" stroke-width="1.5"/>`);
  }
  rows.forEach((row, r) => {
    const y = 14 + r * (CELL + ROW_GAP);
    parts.push(`<text x="0" y="${y + CELL - 1}">${row.label}</text>`);
    row.bits.forEach((bit, i) => {
      if (bit === undefined) return;
      const changed = row.before !== undefined && row.before[i] !== bit;
      parts.push(`<rect x="${LABEL_WIDTH + i * CELL + 0.5}" y="${y}" width="${CELL - 1}" height="${CELL}" fill="${bit ? '#111827' : '#e5e7eb'}"${changed ? ' stroke="#dc2626" stroke-width="1.5"' : ''}/>`);
    });
  });
  for (let page = Math.ceil(firstPage / 16) * 16; page < lastPage; page += 16) {
    parts.push(`<text x="${x(page)}" y="${height - 3}">${page}</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}
