/**
 * Compiling and evaluating one derivation step on small hand-made steps, where the free variables,
 * each point's classification and the premise verdicts follow directly from the expressions.
 */
import { describe, expect, test } from 'vitest';
import type { DerivationLink, DerivationStep } from '../../src/convergence/derivation-steps.ts';
import { exactMath } from '../../src/convergence/exact-math.ts';
import { compileLink } from '../../src/convergence/link-sampling.ts';
import type { Random } from '../../src/convergence/rational-sampler.ts';

const line = (id: string, expression: string): DerivationStep => ({ id, seedText: expression, expression });
const link = (fields: Omit<Partial<DerivationLink>, 'premises'> & { premises?: string[] }): DerivationLink => ({
  from: 'a', to: 'b', operation: 'test step', multiplier: '1', substitutions: [], ...fields,
  premises: (fields.premises ?? []).map((p) => ({ label: p, expression: p })),
});
const exact = (values: Record<string, number>) => Object.fromEntries(Object.entries(values).map(([name, v]) => [name, exactMath.fraction(v)]));

function scripted(...values: number[]): Random {
  return () => {
    const next = values.shift();
    if (next === undefined) throw new Error('scripted: sequence exhausted');
    return next;
  };
}

describe('compileLink', () => {
  test('frees every variable of both lines, the multiplier, premises and substitutions, sorted, except the substituted names', () => {
    // The two lines are not the first entries of the list, so finding them by id matters.
    const steps = [line('z', 'zeta > 0'), line('a', 'y > t'), line('b', 'B * t > x')];
    const compiled = compileLink(link({ multiplier: 'k', premises: ['D > 0'], substitutions: [{ name: 't', expression: 'D * w' }] }), steps);
    expect(compiled.freeVariables).toEqual(['B', 'D', 'k', 'w', 'x', 'y']);
  });

  test('names a missing line in its error', () => {
    expect(() => compileLink(link({ to: 'nope' }), [line('a', 'x > 0')])).toThrow(new RangeError('compileLink: step id must name a line of the derivation, got "nope"'));
  });
});

describe('evaluate', () => {
  const steps = [line('a', 'x > 5'), line('b', 'x / (x - 3) > 2')];

  test('classifies both lines as T or F, and as undefined where either divides by zero', () => {
    // x/(x−3) > 2 holds for 3 < x < 6.
    const compiled = compileLink(link({}), steps);
    const classOf = (x: number) => compiled.evaluate(exact({ x }))?.pointClass;
    expect([classOf(1), classOf(4), classOf(5.5), classOf(7), classOf(3)]).toEqual(['FF', 'FT', 'TT', 'TF', 'undefined']);
    const fromUndefined = compileLink(link({}), [line('a', '1 / (x - 3) > 0'), line('b', 'x > 0')]);
    expect(fromUndefined.evaluate(exact({ x: 3 }))?.pointClass).toBe('undefined');
  });

  test('keeps a point only if every premise holds, or with `dropped` only if that one fails and the rest hold', () => {
    const compiled = compileLink(link({ premises: ['x > 0', 'x < 10', 'x != -2'] }), steps);
    const kept = (x: number, dropped?: number) => compiled.evaluate(exact({ x }), dropped) !== null;
    expect([kept(4), kept(-1), kept(12), kept(-2)]).toEqual([true, false, false, false]);
    // -2 fails the dropped premise, as wanted, but also x != -2.
    expect([kept(-1, 0), kept(4, 0), kept(12, 0), kept(-2, 0)]).toEqual([true, false, false, false]);
    expect([kept(12, 1), kept(4, 1), kept(-1, 1)]).toEqual([true, false, false]);
  });

  test('marks a point undefined where a substitution divides by zero or is not a number, and fails premises about it', () => {
    const compiled = compileLink(link({ substitutions: [{ name: 't', expression: 'x / (B - D)' }], premises: ['B > 0'] }), [line('a', 't > 1'), line('b', 'x > 1')]);
    expect(compiled.evaluate(exact({ B: 2, D: 1, x: 4 }))?.pointClass).toBe('TT');
    const tie = compiled.evaluate(exact({ B: 2, D: 2, x: 4 }));
    expect(tie?.pointClass).toBe('undefined');
    expect(tie?.multiplier).toBeUndefined();
    // A premise about t does not hold when t is undefined (mathjs would otherwise read t as the tonne).
    const aboutT = compileLink(link({ substitutions: [{ name: 't', expression: 'x / (B - D)' }], premises: ['t > 0'] }), [line('a', 't > 1'), line('b', 'x > 1')]);
    expect(aboutT.evaluate(exact({ B: 2, D: 2, x: 4 }))).toBeNull();
    const truthValued = compileLink(link({ substitutions: [{ name: 't', expression: 'x > 1' }] }), [line('a', 'x > 0'), line('b', 'x > 1')]);
    expect(truthValued.evaluate(exact({ x: 4 }))?.pointClass).toBe('undefined');
  });
});

describe('draw', () => {
  // Free variables t, x (sorted). Each draw: t = p/q from three uniforms (0.5 → 1500/21 = 500/7); x from
  // four (no reuse, no special value, p = −1000, q = 1); then one uniform decides the witness t = x + 1.
  const tx = [0.5, 0.5, 0.5, 0.5, 0.5, 0, 0];
  const witnessed = (witness: string, decider: number) =>
    compileLink(link({ witnesses: { t: witness } }), [line('a', 't > x'), line('b', 'x > 0')]).draw(scripted(...tx, decider))?.inputs;

  test('sets a witness in half of the draws: below 0.5 only', () => {
    expect(witnessed('x + 1', 0.25)).toEqual({ t: '-999', x: '-1000' });
    expect(witnessed('x + 1', 0.5)).toEqual({ t: '500/7', x: '-1000' });
    expect(witnessed('x + 1', 0.75)).toEqual({ t: '500/7', x: '-1000' });
  });

  test('ignores a witness that is not a number', () => {
    expect(witnessed('x > 0', 0.25)).toEqual({ t: '500/7', x: '-1000' });
  });
});
