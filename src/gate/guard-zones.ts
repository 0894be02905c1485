/**
 * Guard zones around the bitmaps a plug-in receives. Each source block and `bmap` is a view into a
 * larger buffer whose words before and after the view hold a fixed pattern; after every call the
 * zones are read back, and a changed word is an out-of-bounds write, named by how far past which
 * buffer it landed. A JS plug-in reaches the zones only through `.buffer`; a C plug-in reached
 * through the FFI writes into them directly, since the FFI passes a pointer into the same memory.
 */
import type { PageGuards } from '../sync/native/page-guards.ts';
import type { SyncState } from '../sync/sync-case.ts';

/** 64-bit words of pattern on each side of every buffer: one cache line. */
export const GUARD_ZONE_LONGS = 8;

/** The value of every 32-bit word of a zone: not 0, not all ones, not a plausible bit pattern. */
export const GUARD_PATTERN = 0x5a17c0de;

const ZONE_WORDS = GUARD_ZONE_LONGS * 2;

/** One guarded buffer: the view the plug-in gets and the whole allocation around it. */
interface GuardedBuffer {
  /** How a person names the buffer: `block 3`, `bmap`. */
  readonly name: string;
  /** The whole allocation: zone, view, zone. */
  readonly whole: Uint32Array;
  /** 32-bit words of the view. */
  readonly viewWords: number;
  /** 32-bit words of pattern after the view: none when a protected page follows it. */
  readonly afterWords: number;
  /** Gives page-guarded memory back. */
  readonly release?: () => void;
}

/** The zones of one state, in the order the state lists its buffers (blocks, then `bmap`). */
export interface GuardZones {
  /**
   * Reads every zone back and restores the pattern.
   * @returns one line per buffer whose zones changed, e.g. `wrote outside the bitmaps: 2 words past the end of block 3`; empty when none did
   */
  check(): string[];
  /** Gives page-guarded memory back; the state's arrays must not be used afterwards. */
  release(): void;
}

/**
 * Allocates a copy of `words` inside guard zones.
 * @param words - the content of the view
 * @param name - the buffer's name in messages
 * @returns the view and its record
 */
function guardedCopy(words: Uint32Array, name: string, pageGuards?: PageGuards): { view: Uint32Array; buffer: GuardedBuffer } {
  // With page guards the view ends at the protected page, which replaces the zone after it.
  const afterWords = pageGuards ? 0 : ZONE_WORDS;
  const mapped = pageGuards?.allocate(ZONE_WORDS + words.length, name);
  const whole = mapped?.words ?? new Uint32Array(ZONE_WORDS + words.length + afterWords);
  whole.fill(GUARD_PATTERN, 0, ZONE_WORDS);
  whole.fill(GUARD_PATTERN, ZONE_WORDS + words.length);
  const view = whole.subarray(ZONE_WORDS, ZONE_WORDS + words.length);
  view.set(words);
  return { view, buffer: { name, whole, viewWords: words.length, afterWords, ...(mapped ? { release: mapped.release } : {}) } };
}

/**
 * Copies a state into guarded buffers.
 * @param state - the state to copy (its arrays are not kept)
 * @param pageGuards - also end every buffer at a protected page (for native code)
 * @returns the guarded state, and its zones
 */
export function guardState(state: SyncState, pageGuards?: PageGuards): { state: SyncState; zones: GuardZones } {
  const buffers: GuardedBuffer[] = [];
  const blocks = state.mem.blocks.map((block, index) => {
    const { view, buffer } = guardedCopy(block, `block ${index}`, pageGuards);
    buffers.push(buffer);
    return view;
  });
  const { view: bmap, buffer } = guardedCopy(state.rb.bmap, 'bmap', pageGuards);
  buffers.push(buffer);
  return {
    state: { mem: { blockPages: state.mem.blockPages, blocks }, rb: { offsetPage: state.rb.offsetPage, pages: state.rb.pages, bmap } },
    zones: { check: () => buffers.flatMap(checkBuffer), release: () => buffers.forEach((b) => b.release?.()) },
  };
}

/**
 * Checks one buffer's zones, restoring them, and describes a change by its farthest word.
 * @param buffer - the buffer
 * @returns zero or one line
 */
function checkBuffer(buffer: GuardedBuffer): string[] {
  const { whole, viewWords, afterWords, name } = buffer;
  const after = ZONE_WORDS + viewWords;
  let farthestBefore = 0;
  let farthestAfter = 0;
  for (let word = 0; word < ZONE_WORDS; word++) {
    if (whole[word] !== GUARD_PATTERN) farthestBefore = Math.max(farthestBefore, GUARD_ZONE_LONGS - (word >> 1));
  }
  for (let word = 0; word < afterWords; word++) {
    if (whole[after + word] !== GUARD_PATTERN) farthestAfter = Math.max(farthestAfter, (word >> 1) + 1);
  }
  if (farthestBefore === 0 && farthestAfter === 0) return [];
  whole.fill(GUARD_PATTERN, 0, ZONE_WORDS);
  whole.fill(GUARD_PATTERN, after);
  const places = [
    ...(farthestBefore > 0 ? [`${longs(farthestBefore)} before the start of ${name}`] : []),
    ...(farthestAfter > 0 ? [`${longs(farthestAfter)} past the end of ${name}`] : []),
  ];
  return [`wrote outside the bitmaps: ${places.join(' and ')}`];
}

/** `1 word`, `2 words`: 64-bit words, as counterexamples count them. */
function longs(count: number): string {
  return `${count} word${count === 1 ? '' : 's'}`;
}
