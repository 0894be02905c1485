/**
 * The experiment's guest image, built at experiment time from `guest/dirty-guest.S` with the system's
 * GNU `as`, `ld` and `objcopy` (no binary is committed), then given its working set and rate by
 * patching the parameter block in its second sector.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { rangeError } from '../check.ts';

const run = promisify(execFile);

/** Where the guest's source is. */
export const GUEST_SOURCE = resolve(dirname(fileURLToPath(import.meta.url)), '../../guest/dirty-guest.S');

/** Bytes per guest page (x86 target pages). */
export const GUEST_PAGE_BYTES = 4096;

/** The working set starts at 1 MiB, above the BIOS and the guest's own code. */
export const WORKING_SET_BASE_BYTES = 0x10_0000;

/** Image offset of the parameter block: the magic "DSOG", then base, pages, pages per second (little-endian u32). */
const PARAMETER_OFFSET = 512;

/** What the guest does. */
export interface GuestParameters {
  /** Pages the guest rewrites, round after round (4 KiB pages). */
  readonly workingSetPages: number;
  /** Pages written per second of guest time; 0 for as fast as the vCPU goes (pages/s). */
  readonly pagesPerSecond: number;
}

/**
 * Assembles and links the guest into a flat boot image.
 * @param workDirectory - a directory for the object files and the image
 * @returns the image's bytes
 * @throws Error naming the tool when `as`, `ld` or `objcopy` fails or is missing
 */
export async function assembleGuest(workDirectory: string): Promise<Buffer> {
  const object = join(workDirectory, 'dirty-guest.o');
  const elf = join(workDirectory, 'dirty-guest.elf');
  const flat = join(workDirectory, 'dirty-guest.bin');
  const steps: [string, string[]][] = [
    ['as', ['--32', '-o', object, GUEST_SOURCE]],
    ['ld', ['-m', 'elf_i386', '-Ttext=0x7c00', '-e', 'start', '-o', elf, object]],
    ['objcopy', ['-O', 'binary', '-j', '.text', elf, flat]],
  ];
  for (const [tool, args] of steps) {
    try {
      await run(tool, args);
    } catch (error) {
      throw new Error(`guest image: ${tool} failed: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return readFileSync(flat);
}

/**
 * A copy of the image with the guest's parameters patched in.
 * @param image - the assembled image
 * @param parameters - working set and rate
 * @param memoryBytes - the guest's RAM, which the working set must fit in with 8 MiB to spare for the BIOS (bytes)
 * @returns the patched copy
 * @throws RangeError for a working set or rate out of range; Error when the image has no parameter block
 */
export function patchGuestParameters(image: Buffer, parameters: GuestParameters, memoryBytes: number): Buffer {
  const fn = 'patchGuestParameters';
  const maxPages = Math.floor((memoryBytes - WORKING_SET_BASE_BYTES - 8 * 1024 * 1024) / GUEST_PAGE_BYTES);
  if (!Number.isSafeInteger(parameters.workingSetPages) || parameters.workingSetPages < 1 || parameters.workingSetPages > maxPages) {
    throw rangeError(fn, 'workingSetPages', `an integer in [1, ${maxPages}] for ${memoryBytes} bytes of RAM`, parameters.workingSetPages);
  }
  // The guest multiplies PIT counts (at most about 1193 per reading) by the rate in 32 bits.
  if (!Number.isSafeInteger(parameters.pagesPerSecond) || parameters.pagesPerSecond < 0 || parameters.pagesPerSecond > 1_000_000) {
    throw rangeError(fn, 'pagesPerSecond', 'an integer in [0, 1000000]', parameters.pagesPerSecond);
  }
  if (image.toString('latin1', PARAMETER_OFFSET, PARAMETER_OFFSET + 4) !== 'DSOG') throw new Error(`${fn}: the image has no parameter block at offset ${PARAMETER_OFFSET}`);
  const copy = Buffer.from(image);
  copy.writeUInt32LE(WORKING_SET_BASE_BYTES, PARAMETER_OFFSET + 4);
  copy.writeUInt32LE(parameters.workingSetPages, PARAMETER_OFFSET + 8);
  copy.writeUInt32LE(parameters.pagesPerSecond, PARAMETER_OFFSET + 12);
  return copy;
}

/**
 * Writes a patched image for one run.
 * @param image - the assembled image
 * @param parameters - working set and rate
 * @param memoryBytes - the guest's RAM (bytes)
 * @param path - where to write it
 * @returns the path
 */
export function writeGuestImage(image: Buffer, parameters: GuestParameters, memoryBytes: number, path: string): string {
  writeFileSync(path, patchGuestParameters(image, parameters, memoryBytes));
  return path;
}
