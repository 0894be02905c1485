/**
 * Reads what the guest printed on its serial port: its start line, heartbeats with the round and the
 * count of lost writes it found, and the first lost pages. The format is the one `guest/dirty-guest.S`
 * documents; numbers are hex.
 */

/** One heartbeat: where the guest was, 250 ms of guest time apart. */
export interface GuestHeartbeat {
  /** The round being written (1 is the first pass after initialisation). */
  readonly round: number;
  /** The page about to be written. */
  readonly page: number;
  /** Lost writes found so far. */
  readonly lostWrites: number;
}

/** A page whose last write the guest did not find. */
export interface GuestLostWrite {
  readonly page: number;
  /** The round the page held. */
  readonly foundRound: number;
  /** The round being written, so the page should have held this minus 1. */
  readonly round: number;
}

/** Everything the guest printed, parsed. */
export interface GuestSerialLog {
  /** The start line's parameters, or undefined when the guest never started. */
  readonly started: { readonly baseBytes: number; readonly pages: number; readonly pagesPerSecond: number } | undefined;
  /** The working set is initialised and dirtying has begun. */
  readonly ready: boolean;
  readonly heartbeats: readonly GuestHeartbeat[];
  readonly lostWrites: readonly GuestLostWrite[];
}

const HEX = '([0-9a-f]{8})';
const START = new RegExp(`^G ${HEX} ${HEX} ${HEX}$`);
const HEARTBEAT = new RegExp(`^H ${HEX} ${HEX} ${HEX}$`);
const LOST = new RegExp(`^L ${HEX} ${HEX} ${HEX}$`);

/**
 * Parses the serial output. An incomplete last line (the guest may be mid-line) is ignored.
 * @param text - the serial output
 * @returns the parsed log
 */
export function parseGuestSerial(text: string): GuestSerialLog {
  const lines = text.split('\n');
  lines.pop();
  let started: GuestSerialLog['started'];
  let ready = false;
  const heartbeats: GuestHeartbeat[] = [];
  const lostWrites: GuestLostWrite[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    let match: RegExpMatchArray | null;
    if ((match = START.exec(line))) started = { baseBytes: parseInt(match[1], 16), pages: parseInt(match[2], 16), pagesPerSecond: parseInt(match[3], 16) };
    else if (line === 'R') ready = true;
    else if ((match = HEARTBEAT.exec(line))) heartbeats.push({ round: parseInt(match[1], 16), page: parseInt(match[2], 16), lostWrites: parseInt(match[3], 16) });
    else if ((match = LOST.exec(line))) lostWrites.push({ page: parseInt(match[1], 16), foundRound: parseInt(match[2], 16), round: parseInt(match[3], 16) });
  }
  return { started, ready, heartbeats, lostWrites };
}

/**
 * Pages written between two heartbeats.
 * @param earlier - the first heartbeat
 * @param later - the second heartbeat
 * @param workingSetPages - pages per round
 * @returns the pages written in between
 */
export function pagesWrittenBetween(earlier: GuestHeartbeat, later: GuestHeartbeat, workingSetPages: number): number {
  return (later.round - earlier.round) * workingSetPages + (later.page - earlier.page);
}
