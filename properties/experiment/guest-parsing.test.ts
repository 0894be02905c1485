import { describe, expect, it } from 'vitest';
import { patchGuestParameters } from '../../src/experiment/guest-image.ts';
import { pagesWrittenBetween, parseGuestSerial } from '../../src/experiment/guest-serial.ts';
import { missingQemuHint } from '../../src/experiment/qemu-availability.ts';
import { parseQemuTrace } from '../../src/experiment/qemu-trace-events.ts';

describe('guest serial log', () => {
  it('reads the start line, heartbeats and lost writes in hex, and ignores a half-written last line', () => {
    const log = parseGuestSerial('G 00100000 00000040 00001f40\nR\nH 0000000a 0000003f 00000000\nL 00000005 00000009 0000000c\nH 0000000c 00000001 00000001\nH 0000');
    expect(log.started).toEqual({ baseBytes: 0x100000, pages: 64, pagesPerSecond: 8000 });
    expect(log.ready).toBe(true);
    expect(log.heartbeats).toEqual([
      { round: 10, page: 63, lostWrites: 0 },
      { round: 12, page: 1, lostWrites: 1 },
    ]);
    expect(log.lostWrites).toEqual([{ page: 5, foundRound: 9, round: 12 }]);
  });

  it('counts the pages written between heartbeats across rounds', () => {
    // Round 10 page 63 to round 12 page 1 of a 64-page set: 1 page of round 10, all of round 11, 1 of round 12.
    expect(pagesWrittenBetween({ round: 10, page: 63, lostWrites: 0 }, { round: 12, page: 1, lostWrites: 0 }, 64)).toBe(66);
  });

  it('reports a guest that never started', () => {
    expect(parseGuestSerial('SeaBIOS (version 1.16)\n')).toEqual({ started: undefined, ready: false, heartbeats: [], lostWrites: [] });
  });
});

describe('guest parameters', () => {
  const image = Buffer.alloc(2048);
  image.write('DSOG', 512, 'latin1');

  it('writes base, pages and rate little-endian after the magic, leaving the original alone', () => {
    const patched = patchGuestParameters(image, { workingSetPages: 0x1234, pagesPerSecond: 8000 }, 64 * 1024 * 1024);
    expect(patched.subarray(512, 528).toString('hex')).toBe('44534f47' + '00001000' + '34120000' + '401f0000');
    expect(image.readUInt32LE(520)).toBe(0);
  });

  it('rejects a working set that does not fit above 1 MiB with 8 MiB spare, and rates out of range', () => {
    // 16 MiB of RAM leaves (16 - 1 - 8) MiB = 1792 pages.
    expect(() => patchGuestParameters(image, { workingSetPages: 1793, pagesPerSecond: 0 }, 16 * 1024 * 1024)).toThrow(
      'patchGuestParameters: workingSetPages must be an integer in [1, 1792] for 16777216 bytes of RAM, got 1793',
    );
    expect(() => patchGuestParameters(image, { workingSetPages: 0, pagesPerSecond: 0 }, 16 * 1024 * 1024)).toThrow(RangeError);
    expect(() => patchGuestParameters(image, { workingSetPages: 1, pagesPerSecond: 1.5 }, 16 * 1024 * 1024)).toThrow(
      'patchGuestParameters: pagesPerSecond must be an integer in [0, 1000000], got 1.5',
    );
  });

  it('refuses an image without the parameter block', () => {
    expect(() => patchGuestParameters(Buffer.alloc(2048), { workingSetPages: 1, pagesPerSecond: 0 }, 16 * 1024 * 1024)).toThrow('no parameter block at offset 512');
  });
});

describe('QEMU trace events', () => {
  it('pairs sync start and end, reads pending and threshold, and times everything from the first event', () => {
    const text = [
      '1234@1700000000.100000:migration_bitmap_sync_start ',
      '1234@1700000000.102500:migration_bitmap_sync_end dirty_pages 0',
      '1234@1700000000.250000:migrate_pending pending size 262144 max 2092 (pre = 262144 compat=0 post=0)',
      'unrelated line',
      '1234@1700000000.300000:migration_bitmap_sync_start ',
      '1234@1700000000.301000:migration_bitmap_sync_end dirty_pages 64',
      '1234@1700000000.400000:migration_completion_vm_stop ret 0',
    ].join('\n');
    const trace = parseQemuTrace(text);
    expect(trace.originEpochS).toBeCloseTo(1700000000.1, 6);
    expect(trace.syncs.map((s) => [Math.round(s.startMs * 1000) / 1000, Math.round(s.durationMs * 1000) / 1000, s.dirtyPages])).toEqual([
      [0, 2.5, 0],
      [200, 1, 64],
    ]);
    expect(trace.pendingChecks.map((p) => [Math.round(p.atMs), p.pendingBytes, p.thresholdBytes])).toEqual([[150, 262144, 2092]]);
    expect(Math.round(trace.vmStopMs ?? -1)).toBe(300);
  });
});

describe('experiment without QEMU', () => {
  it('explains how to install QEMU instead of failing', () => {
    const hint = missingQemuHint('/nonexistent/qemu-system-x86_64');
    expect(hint?.[0]).toBe('experiment:qemu: /nonexistent/qemu-system-x86_64 is not installed, so there is nothing to run.');
    expect(hint?.join('\n')).toContain('apt-get install qemu-system-x86 binutils');
  });
});
