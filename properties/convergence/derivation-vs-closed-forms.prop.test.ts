/**
 * The derivation's data and the closed-form code say the same thing: the right-hand sides of lines
 * (2), (5), (12), (12D), (19) and (19D), evaluated by mathjs from `derivation-steps.ts`, equal the
 * functions the rest of the suite calls. Without this, the step checks could verify one formula while
 * the thresholds, the CLI and the report use another.
 */
import fc from 'fast-check';
import { parse, type MathNode } from 'mathjs';
import { describe, expect, test } from 'vitest';
import { criticalTransferMs } from '../../src/convergence/critical-state.ts';
import { DERIVATION_STEPS } from '../../src/convergence/derivation-steps.ts';
import { eq12DirtyRateBytesPerMs, eq19DirtyRateBytesPerMs } from '../../src/convergence/dirty-rate-bounds.ts';
import { eq12DowntimeMs, eq19DowntimeMs } from '../../src/convergence/downtime-bounds.ts';
import { regimeBoundarySyncMs } from '../../src/convergence/regime.ts';
import { property } from '../fast-check-property.ts';

/** The right-hand side of a line's single relation, as mathjs parses it. */
function rightHandSide(id: string): MathNode {
  const line = DERIVATION_STEPS.find((step) => step.id === id);
  if (!line) throw new Error(`no line (${id}) in DERIVATION_STEPS`);
  const node = parse(line.expression) as MathNode & { args?: MathNode[] };
  if (!node.args || node.args.length !== 2) throw new Error(`line (${id}) is not one relation: ${line.expression}`);
  return node.args[1];
}

const inputs = fc.record({
  bandwidth: fc.double({ min: 1, max: 1e8, noNaN: true }),
  dirtyShare: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
  syncMs: fc.double({ min: 0.1, max: 99.9, noNaN: true }),
  downtimeMs: fc.double({ min: 0.1, max: 5000, noNaN: true }),
});

const closeTo = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));

describe('the derivation data and the closed-form functions agree', () => {
  const cases: [string, (B: number, D: number, x: number, y: number) => number][] = [
    ['2', (B, D, x) => criticalTransferMs(B, D, x)],
    ['5', (B, D) => regimeBoundarySyncMs(B, D)],
    ['12', (B, D, x) => eq12DowntimeMs(B, D, x)],
    ['19', (B, D, x) => eq19DowntimeMs(B, D, x)],
    ['12D', (B, _D, x, y) => eq12DirtyRateBytesPerMs(B, x, y)],
    ['19D', (B, _D, x, y) => eq19DirtyRateBytesPerMs(B, x, y)],
  ];
  for (const [id, closedForm] of cases) {
    test(`line (${id}) evaluates to the code's closed form`, property([inputs], ({ bandwidth, dirtyShare, syncMs, downtimeMs }) => {
      const scope = { B: bandwidth, D: bandwidth * dirtyShare, x: syncMs, y: downtimeMs };
      closeTo(rightHandSide(id).compile().evaluate(scope) as number, closedForm(scope.B, scope.D, scope.x, scope.y));
    }, 200));
  }
});
