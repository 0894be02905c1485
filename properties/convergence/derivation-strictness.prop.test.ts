/**
 * Strictness of the derivation's lines. The symbolic check compares the lines' differences and random
 * samples almost never land on equality, so neither notices `>=` written for the seed's `>`. Here
 * each line's relation symbol is read from the seed's text and compared with the one the suite
 * evaluates, and each line is evaluated, with exact rationals, at points where its two sides are
 * equal: there a strict relation is false, a non-strict one or an equation true.
 */
import fc from 'fast-check';
import type { Fraction, MathNode, OperatorNode } from 'mathjs';
import { describe, expect, test } from 'vitest';
import { DERIVATION_LINKS, DERIVATION_STEPS } from '../../src/convergence/derivation-steps.ts';
import { exactMath } from '../../src/convergence/exact-math.ts';
import { property } from '../fast-check-property.ts';

type Relation = '<' | '<=' | '>' | '>=' | '=';
const MATHJS_RELATION: Record<string, Relation> = { smaller: '<', smallerEq: '<=', larger: '>', largerEq: '>=', equal: '=' };

/**
 * The first relation symbol of a line as the seed prints it (`=`, not mathjs's `==`).
 * @param text - the seed's text of the line
 * @returns the symbol
 */
function seedRelation(text: string): Relation {
  const match = /<=|>=|<|>|=/.exec(text);
  if (match === null) throw new Error(`no relation in the seed's text "${text}"`);
  return match[0] as Relation;
}

/** The top-level relation of a line's expression, and its two sides. */
function parsedRelation(expression: string): { relation: Relation; left: MathNode; right: MathNode } {
  const node = exactMath.parse(expression);
  const relation = node.type === 'OperatorNode' ? MATHJS_RELATION[(node as OperatorNode).fn] : undefined;
  if (relation === undefined) throw new Error(`"${expression}" is not a relation`);
  const [left, right] = (node as OperatorNode).args;
  return { relation, left, right };
}

const f = (n: number, d = 1) => exactMath.fraction(n, d) as Fraction;
const { add, subtract, multiply, divide } = exactMath;

/** B > D > 0 and 0 < x < 100 as exact rationals, and t at the critical state, eq. (2). */
const criticalState = fc
  .record({ b: fc.integer({ min: 2, max: 5000 }), dPart: fc.integer({ min: 1, max: 999 }), xNum: fc.integer({ min: 1, max: 9999 }) })
  .map(({ b, dPart, xNum }) => {
    const B = f(b);
    const D = f(b * dPart, 1000);
    const x = f(xNum, 100);
    const t = divide(multiply(D, x), subtract(B, D)) as Fraction;
    const state: CriticalState = { B, D, x, t };
    return state;
  });

type Scope = Record<string, Fraction>;
interface CriticalState {
  readonly B: Fraction;
  readonly D: Fraction;
  readonly x: Fraction;
  readonly t: Fraction;
}

/**
 * Where each line's two sides meet, built from the seed's own relations: (1)–(2) hold at the critical
 * state; (3)–(5) and (13)–(15) meet where x + t = 100; (6)–(12D) where y = B·x/(B − D) with the long
 * rule for R; (16)–(19D) where y = 100·D·x/((B − D)·(100 − x)) with the short rule.
 */
const BOUNDARY: Record<string, (state: CriticalState) => Scope> = {};
const critical = (s: CriticalState): Scope => ({ ...s });
const windowEdge = ({ B, D }: CriticalState): Scope => {
  const x = multiply(100, divide(subtract(B, D), B)) as Fraction;
  return { B, D, x, t: subtract(100, x) as Fraction };
};
const longEdge = ({ B, D, x, t }: CriticalState): Scope => ({
  B, D, x, t,
  R: divide(multiply(B, t), add(x, t)) as Fraction,
  y: divide(multiply(B, x), subtract(B, D)) as Fraction,
});
const shortEdge = ({ B, D, x, t }: CriticalState): Scope => ({
  B, D, x, t,
  R: divide(multiply(B, subtract(100, x)), 100) as Fraction,
  y: divide(multiply(multiply(100, D), x), multiply(subtract(B, D), subtract(100, x))) as Fraction,
});
for (const id of ['1', '2']) BOUNDARY[id] = critical;
for (const id of ['3', '4', '5', '13', '14', '15']) BOUNDARY[id] = windowEdge;
for (const id of ['6', '7', '8', '9', '10', '11', '12', '12D']) BOUNDARY[id] = longEdge;
for (const id of ['16', '17', '18', '19', '19D']) BOUNDARY[id] = shortEdge;

describe("derivation strictness: each line's relation as the seed writes it", () => {
  test('every line evaluated has the relation symbol of its seed text', () => {
    const mismatches = DERIVATION_STEPS.filter((step) => parsedRelation(step.expression).relation !== seedRelation(step.seedText))
      .map((step) => `(${step.id}) seed "${step.seedText}" has ${seedRelation(step.seedText)}, expression "${step.expression}" has ${parsedRelation(step.expression).relation}`);
    expect(mismatches).toEqual([]);
  });

  test('the seed writes strict inequalities for every case condition and bound, and equations for (1), (2)', () => {
    const symbols = Object.fromEntries(DERIVATION_STEPS.map((step) => [step.id, seedRelation(step.seedText)]));
    expect(symbols).toEqual({
      1: '=', 2: '=', 3: '>', 4: '>', 5: '>', 6: '>', 7: '>', 8: '>', 9: '>', 10: '>', 11: '>', 12: '>', '12D': '<',
      13: '<', 14: '<', 15: '<', 16: '>', 17: '>', 18: '>', 19: '>', '19D': '<',
    });
  });

  test("every step's premises evaluate the relation their label states", () => {
    const mismatches = DERIVATION_LINKS.flatMap((link) => link.premises)
      .filter((premise) => parsedRelation(premise.expression).relation !== seedRelation(premise.label))
      .map((premise) => `premise "${premise.label}" is evaluated as "${premise.expression}"`);
    expect(mismatches).toEqual([]);
  });

  test('every line has a boundary construction here', () => {
    expect(DERIVATION_STEPS.map((step) => step.id).filter((id) => BOUNDARY[id] === undefined)).toEqual([]);
  });

  // Compiled once: exact evaluation is slow, and a few dozen points per line are enough to be sure
  // the construction, not luck, puts both sides on equality.
  const lines = DERIVATION_STEPS.map((step) => {
    const { left, right } = parsedRelation(step.expression);
    return { step, left: left.compile(), right: right.compile(), whole: exactMath.compile(step.expression), strict: ['<', '>'].includes(seedRelation(step.seedText)) };
  });

  test('at points where its two sides are equal, a strict line is false and a non-strict one true', property([criticalState], (state) => {
    for (const { step, left, right, whole, strict } of lines) {
      const scope = BOUNDARY[step.id](state);
      const [l, r] = [left.evaluate(scope) as Fraction, right.evaluate(scope) as Fraction];
      expect(exactMath.equal(l, r), `(${step.id}) sides at the boundary: ${l} and ${r}`).toBe(true);
      expect(whole.evaluate(scope), `(${step.id}) ${step.expression} at its boundary`).toBe(!strict);
    }
  }, 30));
});
