/**
 * Every public closed form rejects each argument outside the seed's domain with the documented
 * message, `fn: param must be <constraint>, got <value>`, naming the function the caller called and
 * the argument at fault: a message that names the wrong function or parameter is a bug a user meets.
 */
import { describe, expect, test } from 'vitest';
import { criticalTransferMs } from '../../src/convergence/critical-state.ts';
import { eq12DirtyRateBytesPerMs, eq19DirtyRateBytesPerMs } from '../../src/convergence/dirty-rate-bounds.ts';
import { eq12DowntimeMs, eq19DowntimeMs } from '../../src/convergence/downtime-bounds.ts';
import { maxDirtyRate } from '../../src/convergence/max-dirty-rate.ts';
import { minDowntime } from '../../src/convergence/min-downtime.ts';
import { eq15Holds, eq5Holds, regimeBoundarySyncMs, regimeOf } from '../../src/convergence/regime.ts';
import { seedEstimateBytesPerMs } from '../../src/convergence/seed-estimate.ts';

type ClosedForm = (...args: number[]) => unknown;

/** A rejected value of one argument, and the constraint the message must state. */
interface Rejection {
  readonly value: unknown;
  readonly constraint: string;
  readonly kind: 'RangeError' | 'TypeError';
}

const notANumber: Rejection = { value: '15', constraint: 'a number', kind: 'TypeError' };
const positive = (...values: number[]): Rejection[] => values.map((value) => ({ value, constraint: '> 0', kind: 'RangeError' }));
const finite = [Number.NaN, Number.POSITIVE_INFINITY].map((value): Rejection => ({ value, constraint: 'a finite number', kind: 'RangeError' }));

/** What each parameter rejects; the valid values are B = 15, D = 10, x = 12, y = 150. */
const REJECTS = {
  bandwidthBytesPerMs: [...positive(0, -1, -0.5), ...finite, notANumber],
  // D must also stay below B = 15.
  dirtyRateBytesPerMs: [...positive(0, -1), ...finite, notANumber, ...[15, 16].map((value): Rejection => ({ value, constraint: '< bandwidthBytesPerMs (15)', kind: 'RangeError' }))],
  syncMs: [...positive(0, -12), ...finite, notANumber],
  downtimeLimitMs: [...positive(0, -150), ...finite, notANumber],
  transferMs: [...positive(0, -24), ...finite, notANumber],
} as const;
const VALID: Record<keyof typeof REJECTS, number> = { bandwidthBytesPerMs: 15, dirtyRateBytesPerMs: 10, syncMs: 12, downtimeLimitMs: 150, transferMs: 24 };
type Parameter = keyof typeof REJECTS;

const BELOW_WINDOW: Rejection[] = [100, 150].map((value) => ({ value, constraint: '< 100', kind: 'RangeError' }));

const CLOSED_FORMS: readonly { name: string; fn: ClosedForm; parameters: readonly Parameter[]; syncBelowWindow?: boolean }[] = [
  { name: 'criticalTransferMs', fn: criticalTransferMs, parameters: ['bandwidthBytesPerMs', 'dirtyRateBytesPerMs', 'syncMs'] },
  { name: 'eq5Holds', fn: eq5Holds, parameters: ['bandwidthBytesPerMs', 'dirtyRateBytesPerMs', 'syncMs'] },
  { name: 'eq15Holds', fn: eq15Holds, parameters: ['bandwidthBytesPerMs', 'dirtyRateBytesPerMs', 'syncMs'] },
  { name: 'regimeOf', fn: regimeOf, parameters: ['bandwidthBytesPerMs', 'dirtyRateBytesPerMs', 'syncMs'] },
  { name: 'regimeBoundarySyncMs', fn: regimeBoundarySyncMs, parameters: ['bandwidthBytesPerMs', 'dirtyRateBytesPerMs'] },
  { name: 'minDowntime', fn: minDowntime, parameters: ['bandwidthBytesPerMs', 'dirtyRateBytesPerMs', 'syncMs'] },
  { name: 'eq12DowntimeMs', fn: eq12DowntimeMs, parameters: ['bandwidthBytesPerMs', 'dirtyRateBytesPerMs', 'syncMs'] },
  { name: 'eq19DowntimeMs', fn: eq19DowntimeMs, parameters: ['bandwidthBytesPerMs', 'dirtyRateBytesPerMs', 'syncMs'], syncBelowWindow: true },
  { name: 'eq12DirtyRateBytesPerMs', fn: eq12DirtyRateBytesPerMs, parameters: ['bandwidthBytesPerMs', 'syncMs', 'downtimeLimitMs'] },
  { name: 'eq19DirtyRateBytesPerMs', fn: eq19DirtyRateBytesPerMs, parameters: ['bandwidthBytesPerMs', 'syncMs', 'downtimeLimitMs'], syncBelowWindow: true },
  { name: 'maxDirtyRate', fn: maxDirtyRate, parameters: ['bandwidthBytesPerMs', 'syncMs', 'downtimeLimitMs'] },
  { name: 'seedEstimateBytesPerMs', fn: seedEstimateBytesPerMs, parameters: ['bandwidthBytesPerMs', 'syncMs', 'transferMs'] },
];

const shown = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : String(value));

describe('closed forms reject arguments outside the domain, naming function and parameter', () => {
  for (const { name, fn, parameters, syncBelowWindow } of CLOSED_FORMS) {
    test(`${name}(${parameters.join(', ')})`, () => {
      const valid = parameters.map((parameter) => VALID[parameter]);
      expect(() => fn(...valid)).not.toThrow();
      for (const [position, parameter] of parameters.entries()) {
        const rejections = parameter === 'syncMs' && syncBelowWindow ? [...REJECTS.syncMs, ...BELOW_WINDOW] : REJECTS[parameter];
        for (const { value, constraint, kind } of rejections) {
          const args = valid.slice();
          args[position] = value as number;
          const ErrorKind = kind === 'TypeError' ? TypeError : RangeError;
          expect(() => fn(...args), `${name} with ${parameter} = ${shown(value)}`).toThrow(new ErrorKind(`${name}: ${parameter} must be ${constraint}, got ${shown(value)}`));
        }
      }
    });
  }

  test('bandwidth -1 with y = 10, x = 5 is an error, not the dirty rate -0.5', () => {
    expect(() => eq12DirtyRateBytesPerMs(-1, 5, 10)).toThrow(RangeError);
    expect(() => eq19DirtyRateBytesPerMs(-1, 5, 10)).toThrow(RangeError);
  });
});
