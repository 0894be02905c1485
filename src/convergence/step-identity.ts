/**
 * The symbolic half of the derivation check: whether a step is exactly the operation it is read as,
 * `diff(to) = k · diff(from)` with the step's substitutions made, decided on the rational normal form.
 */
import type { DerivationLink, DerivationStep } from './derivation-steps.ts';
import { exactMath } from './exact-math.ts';
import { isIdenticallyZero, multiplyRational, type RationalFunction, subtractRational, toRationalFunction } from './rational-function.ts';

/** `a > b` and `a = b` become `a − b`, `a < b` becomes `b − a`: the line holds iff its difference is > 0 (= 0). */
function difference(steps: readonly DerivationStep[], id: string, bindings: ReadonlyMap<string, RationalFunction>): { diff: RationalFunction; equation: boolean } {
  const node = exactMath.parse(steps.find((s) => s.id === id)?.expression ?? '') as unknown as { fn: string; args: [never, never] };
  const [a, b] = node.args.map((arg) => toRationalFunction(arg, bindings));
  return node.fn === 'smaller' || node.fn === 'smallerEq' ? { diff: subtractRational(b, a), equation: false } : { diff: subtractRational(a, b), equation: node.fn === 'equal' };
}

/**
 * Whether `diff(to) − k·diff(from)` is identically zero after the step's substitutions.
 * @param link - the step, with its multiplier k and substitutions
 * @param steps - the lines it refers to
 * @returns whether it is an identity, and whether both lines are equations (so k need only be non-zero)
 * @throws TypeError when a line or the multiplier is not a rational relation
 */
export function stepIdentity(link: DerivationLink, steps: readonly DerivationStep[]): { identity: boolean; equation: boolean } {
  const bindings = new Map<string, RationalFunction>();
  for (const s of link.substitutions) bindings.set(s.name, toRationalFunction(s.symbolic ?? s.expression, bindings));
  const from = difference(steps, link.from, bindings);
  const to = difference(steps, link.to, bindings);
  const residual = subtractRational(to.diff, multiplyRational(toRationalFunction(link.multiplier, bindings), from.diff));
  return { identity: isIdenticallyZero(residual), equation: from.equation && to.equation };
}
