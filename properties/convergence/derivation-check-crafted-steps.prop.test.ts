/**
 * `checkStep` on steps made up for the purpose, whose answers are worked out by hand: a premise that
 * only the converse needs, the counterexample a wrong step reports, the multiplier's sign for
 * equations and inequalities, the sampler's draw limits, and the checks on the options.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkStep } from '../../src/convergence/derivation-check.ts';
import { DERIVATION_LINKS, DERIVATION_STEPS, type DerivationLink, type DerivationStep, type Premise } from '../../src/convergence/derivation-steps.ts';
import { exactMath } from '../../src/convergence/exact-math.ts';
import { drawRational, seededRandom } from '../../src/convergence/rational-sampler.ts';
import { property } from '../fast-check-property.ts';

const line = (id: string, expression: string): DerivationStep => ({ id, seedText: expression, expression });
const premise = (expression: string): Premise => ({ label: expression, expression });
const seedLink = (from: string, to: string): DerivationLink => {
  const found = DERIVATION_LINKS.find((l) => l.from === from && l.to === to);
  if (found === undefined) throw new Error(`no step ${from} → ${to}`);
  return found;
};
/** Evaluates a relation exactly at a counterexample's inputs, independently of the check. */
const holdsAt = (relation: string, inputs: Readonly<Record<string, string>> | undefined) =>
  exactMath.evaluate(relation, Object.fromEntries(Object.entries(inputs ?? {}).map(([name, value]) => [name, exactMath.fraction(value)])));
const few = { samples: 60, boundaryProbes: 6, samplesPerPremise: 30 };

describe('a step that needs a premise only for its converse', () => {
  // x > 1 ⇔ x² > 1 for x > 0 (x² − 1 = (x + 1)(x − 1), and x + 1 > 0 there); for x < −1 the square
  // exceeds 1 while x > 1 fails, so without x > 0 only the converse breaks.
  const steps = [line('a', 'x > 1'), line('b', 'x * x > 1')];
  const square: DerivationLink = { from: 'a', to: 'b', operation: 'multiply by x + 1', multiplier: 'x + 1', substitutions: [], premises: [premise('x > 0')] };

  test('is an equivalence that relies on x > 0, shown by an x < −1 where only the squared line holds', () => {
    const check = checkStep(square, steps, few);
    expect({ verdict: check.verdict, symbolic: check.symbolic, reliesOn: check.reliesOn.map((r) => [r.premise, r.counterexample.pointClass]) })
      .toEqual({ verdict: 'equivalence', symbolic: { multiplier: 'x + 1', identity: true, multiplierSign: 'positive' }, reliesOn: [['x > 0', 'FT']] });
    expect(holdsAt('x < -1', check.reliesOn[0].counterexample.inputs)).toBe(true);
  });
});

describe('a wrong step', () => {
  // Multiplying y > x by B − D keeps it only where B > D; where B < D the lines disagree both ways.
  const scaledSteps = [line('a', 'y > x'), line('b', '(B - D) * y > (B - D) * x')];
  const scaled: DerivationLink = { from: 'a', to: 'b', operation: 'multiply by B − D', multiplier: 'B - D', substitutions: [], premises: [premise('B != D')] };

  test('shows a point against the step itself, not against its converse, when both fail', () => {
    const check = checkStep(scaled, scaledSteps, few);
    expect(check.verdict).toBe('wrong');
    expect(check.counts.FT).toBeGreaterThan(0);
    expect(check.counterexample?.pointClass).toBe('TF');
    expect(holdsAt('y > x and B < D', check.counterexample?.inputs)).toBe(true);
    expect(check.reliesOn).toEqual([]);
    expect(check.symbolic).toEqual({ multiplier: 'B - D', identity: true, multiplierSign: 'not of one sign' });
  });

  test('shows a point against the step itself whatever the sample seed', property([fc.integer({ min: 1, max: 2 ** 31 - 1 })], (seed) => {
    const check = checkStep(scaled, scaledSteps, { samples: 40, boundaryProbes: 0, samplesPerPremise: 0, seed });
    expect(check.verdict).toBe('wrong');
    expect(holdsAt('y > x and B < D', check.counterexample?.inputs)).toBe(true);
  }, 4));

  test('is wrong where a line divides by zero even though no point has (1) without (2): B ≥ D for B > D in (1)→(2)', () => {
    // On B > D the step is an equivalence, so every failing point has B = D, where (2) and the
    // multiplier 1/(B − D) divide by zero.
    const weakened: DerivationLink = { ...seedLink('1', '2'), premises: [premise('B >= D'), premise('D > 0'), premise('x > 0')] };
    const check = checkStep(weakened, DERIVATION_STEPS, few);
    expect({ verdict: check.verdict, TF: check.counts.TF, FT: check.counts.FT }).toEqual({ verdict: 'wrong', TF: 0, FT: 0 });
    expect(check.counts.undefined).toBeGreaterThan(0);
    expect(check.counterexample?.pointClass).toBe('undefined');
    expect(holdsAt('B == D', check.counterexample?.inputs)).toBe(true);
    expect(check.reliesOn).toEqual([]);
    expect(check.symbolic).toEqual({ multiplier: '1 / (B - D)', identity: true, multiplierSign: 'not of one sign' });
  });
});

describe('the multiplier\'s sign', () => {
  test('need only be non-zero between two equations: (1)→(2) holds for B < D too', () => {
    // B·t = D·(x + t) ⇔ t·(B − D) = D·x, and dividing an equation by any non-zero B − D keeps it.
    const eitherSide: DerivationLink = { ...seedLink('1', '2'), premises: [premise('B != D'), premise('D > 0'), premise('x > 0')] };
    const check = checkStep(eitherSide, DERIVATION_STEPS, few);
    expect({ verdict: check.verdict, symbolic: check.symbolic, reliesOn: check.reliesOn.map((r) => r.premise) })
      .toEqual({ verdict: 'equivalence', symbolic: { multiplier: '1 / (B - D)', identity: true, multiplierSign: 'nonzero' }, reliesOn: ['B != D'] });
    expect(check.counts.TT).toBeGreaterThan(0);
  });

  test('is not of one sign where it can be 0, even between equations: multiplying y = x by D ≥ 0', () => {
    // At D = 0 the second line holds whatever y and x are, so only the implication survives.
    const steps = [line('a', 'y == x'), line('b', 'D * y == D * x')];
    const byRate: DerivationLink = { from: 'a', to: 'b', operation: 'multiply by D', multiplier: 'D', substitutions: [], premises: [premise('D >= 0')], witnesses: { y: 'x' } };
    const check = checkStep(byRate, steps, few);
    expect({ verdict: check.verdict, symbolic: check.symbolic, reliesOn: check.reliesOn })
      .toEqual({ verdict: 'implication', symbolic: { multiplier: 'D', identity: true, multiplierSign: 'not of one sign' }, reliesOn: [] });
    expect(check.counterexample?.pointClass).toBe('FT');
    expect(holdsAt('D == 0 and y != x', check.counterexample?.inputs)).toBe(true);
  });
});

describe('the sampler\'s draw limits', () => {
  // Only x = 50 satisfies the premise: one of the sampler's special values, about 1 draw in 47. With a
  // single free variable and no witnesses each draw is one `drawRational` on the seeded generator,
  // so which draws succeed is known without running the check, and a seed that puts a success exactly
  // at a limit can be searched for.
  const steps = [line('a', 'x > 0'), line('b', '2 * x > 0')];
  const rare: DerivationLink = { from: 'a', to: 'b', operation: 'double', multiplier: '2', substitutions: [], premises: [premise('x == 50')] };
  const successfulDraws = (seed: number, draws: number) => {
    const random = seededRandom(seed);
    return Array.from({ length: draws }, () => drawRational(random)).flatMap((x, draw) => (x.equals(50) ? [draw] : []));
  };
  const firstSeed = (draws: number, wanted: (successes: number[]) => boolean) => {
    for (let seed = 1; seed <= 5000; seed++) if (wanted(successfulDraws(seed, draws))) return seed;
    throw new Error(`no seed up to 5000 gives the draws wanted in ${draws}`);
  };
  const randomOnly = (samples: number, seed: number) => checkStep(rare, steps, { samples, boundaryProbes: 0, samplesPerPremise: 0, seed });

  test('stop after 40 draws per wanted point, even when the next draw would succeed', () => {
    const wanted = 3;
    // A first success before the give-up limit, then fewer than wanted before draw 40·wanted, which succeeds.
    const seed = firstSeed(40 * wanted + 1, (s) => s[0] < 8 * wanted && s.length <= wanted && s.at(-1) === 40 * wanted);
    const check = randomOnly(wanted, seed);
    expect({ samples: check.samples, TT: check.counts.TT }).toEqual({ samples: successfulDraws(seed, 40 * wanted).length, TT: successfulDraws(seed, 40 * wanted).length });
  });

  test('give up after 8 draws per wanted point while none has succeeded, even when the next would', () => {
    const wanted = 2;
    const seed = firstSeed(8 * wanted + 1, (s) => s.length === 1 && s[0] === 8 * wanted);
    // Had the 17th draw been taken, the step would be judged on that one point.
    expect(() => randomOnly(wanted, seed)).toThrow(new RangeError('checkStep: no point satisfying the premises of (a)→(b) was found in 16 draws, so the step cannot be judged'));
  });

  test('refuse to judge a step whose premises no point satisfies, instead of calling it an equivalence', () => {
    const contradictory: DerivationLink = { ...rare, premises: [premise('x < x')] };
    expect(() => checkStep(contradictory, steps, { samples: 5 })).toThrow(new RangeError('checkStep: no point satisfying the premises of (a)→(b) was found in 40 draws, so the step cannot be judged'));
  });
});

describe('the options', () => {
  const cheap = { samples: 10, boundaryProbes: 2, samplesPerPremise: 2 };

  test('default the seed to 20251215, and a different seed draws different points', () => {
    const withSeed = (seed?: number) => JSON.stringify(checkStep(seedLink('3', '4'), DERIVATION_STEPS, { ...cheap, seed }));
    expect(withSeed()).toBe(withSeed(20251215));
    expect(withSeed(123456789)).not.toBe(withSeed(20251215));
  });

  test('are rejected with the option named when out of range or not integers', () => {
    const step = seedLink('3', '4');
    expect(() => checkStep(step, DERIVATION_STEPS, { samples: 0 })).toThrow(new RangeError('checkStep: options.samples must be >= 1, got 0'));
    expect(() => checkStep(step, DERIVATION_STEPS, { samples: 2.5 })).toThrow(new RangeError('checkStep: options.samples must be an integer, got 2.5'));
    expect(() => checkStep(step, DERIVATION_STEPS, { samplesPerPremise: -1 })).toThrow(new RangeError('checkStep: options.samplesPerPremise must be >= 0, got -1'));
    expect(() => checkStep(step, DERIVATION_STEPS, { boundaryProbes: -1 })).toThrow(new RangeError('checkStep: options.boundaryProbes must be >= 0, got -1'));
    expect(() => checkStep(step, DERIVATION_STEPS, { boundaryProbes: '4' as never })).toThrow(new TypeError('checkStep: options.boundaryProbes must be a number, got "4"'));
    // The generator keeps 32 bits: these seeds would otherwise alias another seed without a word.
    expect(() => checkStep(step, DERIVATION_STEPS, { seed: 1.5 })).toThrow(new RangeError('checkStep: options.seed must be an integer, got 1.5'));
    expect(() => checkStep(step, DERIVATION_STEPS, { seed: -1 })).toThrow(new RangeError('checkStep: options.seed must be >= 0, got -1'));
    expect(() => checkStep(step, DERIVATION_STEPS, { seed: 2 ** 32 })).toThrow(new RangeError('checkStep: options.seed must be <= 4294967295, got 4294967296'));
    expect(() => checkStep(step, DERIVATION_STEPS, { seed: '7' as never })).toThrow(new TypeError('checkStep: options.seed must be a number, got "7"'));
  });
});
