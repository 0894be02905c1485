/**
 * Validation of `syncDirtyBitmap`'s arguments at the public edge, before anything is modified, so a
 * rejected call leaves memory, bitmap and effects untouched.
 */
import { rangeError, requireFunction, requireInteger, requireObject, requireUint32Array, typeError } from '../check.ts';
import type { DirtyMemory, RamBlock, SyncDirtyBitmap, SyncEffects } from './contract.ts';

/**
 * Checks every argument of a sync call against docs/specification.md.
 * @param fn - the name of the public function, used in error messages
 * @param mem - the global dirty bitmap
 * @param rb - the RAMBlock
 * @param startPage - first page of the range, block-relative
 * @param npages - pages in the range
 * @param effects - the effect callbacks
 * @throws TypeError for a value of the wrong kind; RangeError for a value outside its domain
 */
export function validateSyncArguments(fn: string, mem: unknown, rb: unknown, startPage: unknown, npages: unknown, effects: unknown): void {
  const memory = requireObject(fn, 'mem', mem);
  if (typeof memory.blockPages !== 'number') throw typeError(fn, 'mem.blockPages', 'a number', memory.blockPages);
  const blockPages = memory.blockPages;
  if (!Number.isSafeInteger(blockPages) || blockPages < 64 || blockPages % 64 !== 0) throw rangeError(fn, 'mem.blockPages', 'a positive multiple of 64', blockPages);
  if (!Array.isArray(memory.blocks)) throw typeError(fn, 'mem.blocks', 'an array of Uint32Array', memory.blocks);
  const blocks = memory.blocks as unknown[];
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index];
    // The parameter's name is built only for a bad block: every sync call validates every block.
    if (block instanceof Uint32Array && block.length === blockPages / 32) continue;
    const words = requireUint32Array(fn, `mem.blocks[${index}]`, block);
    throw rangeError(fn, `mem.blocks[${index}].length`, `${blockPages / 32} (blockPages / 32)`, words.length);
  }

  const ramBlock = requireObject(fn, 'rb', rb);
  const offsetPage = requireInteger(fn, 'rb.offsetPage', ramBlock.offsetPage, 0);
  const pages = requireInteger(fn, 'rb.pages', ramBlock.pages, 0);
  const bmap = requireUint32Array(fn, 'rb.bmap', ramBlock.bmap);
  if (bmap.length % 2 !== 0) throw rangeError(fn, 'rb.bmap.length', 'even (whole 64-bit words)', bmap.length);
  if (bmap.length * 32 < pages) throw rangeError(fn, 'rb.bmap.length', `>= ${Math.ceil(pages / 64) * 2} to hold rb.pages bits`, bmap.length);
  const memoryPages = blocks.length * blockPages;
  if (offsetPage + pages > memoryPages) {
    throw rangeError(fn, 'rb.offsetPage + rb.pages', `<= ${memoryPages} (pages in mem.blocks)`, offsetPage + pages);
  }

  const start = requireInteger(fn, 'startPage', startPage, 0, pages);
  requireInteger(fn, 'npages', npages, 0, pages - start);

  const sink = requireObject(fn, 'effects', effects);
  requireFunction(fn, 'effects.clearDirtyLog', sink.clearDirtyLog);
  requireFunction(fn, 'effects.dirtyBitsCleared', sink.dirtyBitsCleared);
  if (sink.deferDirtyLogClear !== undefined) requireFunction(fn, 'effects.deferDirtyLogClear', sink.deferDirtyLogClear);
}

/**
 * Wraps an unchecked sync so that it validates its arguments first.
 * @param fn - the public name used in error messages, e.g. `wordwise.syncDirtyBitmap`
 * @param unchecked - the implementation, which may assume valid arguments
 * @returns the checked implementation, which throws TypeError or RangeError for bad arguments
 */
export function withValidatedArguments(fn: string, unchecked: SyncDirtyBitmap): SyncDirtyBitmap {
  return (mem: DirtyMemory, rb: RamBlock, startPage: number, npages: number, effects: SyncEffects): number => {
    validateSyncArguments(fn, mem, rb, startPage, npages, effects);
    return unchecked(mem, rb, startPage, npages, effects);
  };
}
