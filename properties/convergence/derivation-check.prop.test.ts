/**
 * The verdicts on the seed's derivation: every step it claims is an equivalence under its premises,
 * the premises each step needs are the ones found, and an altered step is caught.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkDerivation, checkStep, type StepCheck } from '../../src/convergence/derivation-check.ts';
import { DERIVATION_LINKS, DERIVATION_STEPS, type DerivationLink, type DerivationStep } from '../../src/convergence/derivation-steps.ts';
import { exactMath } from '../../src/convergence/exact-math.ts';
import { property } from '../fast-check-property.ts';
import { perTestFixture } from '../per-test-fixture.ts';

const link = (from: string, to: string): DerivationLink => {
  const found = DERIVATION_LINKS.find((l) => l.from === from && l.to === to);
  if (found === undefined) throw new Error(`no step ${from} → ${to}`);
  return found;
};
const alter = (id: string, expression: string): DerivationStep[] => DERIVATION_STEPS.map((s) => (s.id === id ? { ...s, expression } : s));
const reliance = (check: StepCheck) => check.reliesOn.map((r) => r.premise);

describe('the seed\'s derivation', () => {
  const derivationChecks = perTestFixture(() => checkDerivation());

  test('claims every consecutive step from (1)→(2) to (19)→(19D)', () => {
    expect(derivationChecks().map((c) => `${c.from}→${c.to}`)).toEqual(DERIVATION_LINKS.map((l) => `${l.from}→${l.to}`));
  });

  test('has every step an equivalence under its premises, with both truth values sampled', () => {
    for (const check of derivationChecks()) {
      expect({ step: `${check.from}→${check.to}`, verdict: check.verdict, undefinedPoints: check.counts.undefined }).toEqual({ step: `${check.from}→${check.to}`, verdict: 'equivalence', undefinedPoints: 0 });
      expect(check.samples - check.boundarySamples).toBe(200);
      expect(check.boundarySamples).toBeGreaterThan(20);
      expect(check.counts.TT).toBeGreaterThan(0);
      expect(check.counts.FF).toBeGreaterThan(0);
    }
  });

  test('has every step an exact identity diff(to) = k·diff(from) with k > 0 on every sample', () => {
    for (const check of derivationChecks()) expect({ step: `${check.from}→${check.to}`, ...check.symbolic }).toMatchObject({ step: `${check.from}→${check.to}`, identity: true, multiplierSign: 'positive' });
  });

  test('needs B > D where a step multiplies or divides by B − D, or substitutes t from (2)', () => {
    const needsRate = derivationChecks().filter((c) => reliance(c).includes('B > D')).map((c) => `${c.from}→${c.to}`);
    expect(needsRate).toEqual(['1→2', '3→4', '4→5', '10→11', '11→12', '12→12D', '13→14', '14→15', '18→19', '19→19D']);
  });

  test('needs the case condition where R is substituted, and (13) again for (18)→(19), which divides by 100 − x', () => {
    const byStep = Object.fromEntries(derivationChecks().map((c) => [`${c.from}→${c.to}`, reliance(c)]));
    expect(byStep['6→7']).toContain('(3) x + t > 100');
    expect(byStep['16→17']).toContain('(13) x + t < 100');
    expect(byStep['18→19']).toContain('(13) x + t < 100');
    expect(byStep['9→10']).toEqual(['D > 0']);
    expect(byStep['12→12D']).toContain('y > 0');
  });

  test('needs nothing beyond the critical state for the pure substitutions (7)→(8) and (17)→(18), and (8)→(9)', () => {
    for (const step of ['7→8', '8→9', '17→18']) expect(derivationChecks().find((c) => `${c.from}→${c.to}` === step)?.reliesOn).toEqual([]);
  });

  test('gives a reliance counterexample that really breaks the step when evaluated exactly', () => {
    const check = derivationChecks().find((c) => c.from === '10');
    const point = check?.reliesOn[0].counterexample.inputs ?? {};
    const scope = Object.fromEntries(Object.entries(point).map(([name, value]) => [name, exactMath.fraction(value)]));
    const from = exactMath.evaluate(DERIVATION_STEPS.find((s) => s.id === '10')?.expression ?? '', scope);
    const to = exactMath.evaluate(DERIVATION_STEPS.find((s) => s.id === '11')?.expression ?? '', scope);
    expect(from).not.toBe(to);
  });

  test('is the same data on every run with the same seed', () => {
    const small = { samples: 20, samplesPerPremise: 5, boundaryProbes: 4, seed: 7 };
    expect(JSON.stringify(checkDerivation(small))).toBe(JSON.stringify(checkDerivation(small)));
  });
});

describe('the seed\'s derivation under other sample seeds', () => {
  test('has every step an equivalence whatever the seed', property([fc.integer({ min: 1, max: 2 ** 31 - 1 })], (seed) => {
    const verdicts = checkDerivation({ samples: 50, samplesPerPremise: 0, boundaryProbes: 10, seed }).map((c) => c.verdict);
    expect(new Set(verdicts)).toEqual(new Set(['equivalence']));
  }, 3));
});

describe('altered steps', () => {
  const options = { samples: 150, samplesPerPremise: 20 };

  test('catch B + D for B − D in (12): no longer an equivalence, with a limit it accepts that (11) rejects', () => {
    // B·x/(B + D) < B·x/(B − D), so the altered bound still follows from (11) but admits limits that do
    // not converge: an implication only, and the step is no longer the identity it claims to be.
    const altered = alter('12', 'y > B * x / (B + D)');
    const check = checkStep(link('11', '12'), altered, options);
    expect(check.verdict).toBe('implication');
    expect(check.counterexample?.pointClass).toBe('FT');
    expect(check.symbolic.identity).toBe(false);
    const point = Object.fromEntries(Object.entries(check.counterexample?.inputs ?? {}).map(([n, v]) => [n, exactMath.fraction(v)]));
    expect(exactMath.evaluate('B > D and D > 0 and x > 0 and y > 0', point)).toBe(true);
  });

  test('catch a weakened (12), y > x, as only an implication', () => {
    const check = checkStep(link('11', '12'), alter('12', 'y > x'), options);
    expect(check.verdict).toBe('implication');
    expect(check.counterexample?.pointClass).toBe('FT');
  });

  test('catch a dropped factor 100 in (19) as only an implication (a bound 100 times too low)', () => {
    expect(checkStep(link('18', '19'), alter('19', 'y > D * x / ((B - D) * (100 - x))'), options).verdict).toBe('implication');
  });

  test('catch a bound raised by 1 ms in (12) as wrong: (11) no longer implies it', () => {
    const check = checkStep(link('11', '12'), alter('12', 'y > B * x / (B - D) + 1'), options);
    expect(check.verdict).toBe('wrong');
    expect(check.counterexample?.pointClass).toBe('TF');
  });

  test('catch B + D in the critical state (2) as wrong', () => {
    expect(checkStep(link('1', '2'), alter('2', 't == D * x / (B + D)'), options).verdict).toBe('wrong');
  });

  test('catch the case condition flipped in (5) as wrong', () => {
    expect(checkStep(link('4', '5'), alter('5', 'x < 100 - 100 * D / B'), options).verdict).toBe('wrong');
  });

  test('reject a step naming a line that does not exist', () => {
    expect(() => checkStep({ ...link('1', '2'), to: '20' })).toThrow(new RangeError('compileLink: step id must name a line of the derivation, got "20"'));
  });
});
