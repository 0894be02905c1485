/**
 * Exact sample points for one derivation step: free variables drawn as rationals, substitutions
 * evaluated, premises tested, and both lines classified at each point.
 */
import type { EvalFunction } from 'mathjs';
import type { DerivationLink, DerivationStep } from './derivation-steps.ts';
import { compileExact, evaluateExact, exactMath, type ExactScope, formatExact } from './exact-math.ts';
import { drawRational, type Random } from './rational-sampler.ts';

/** How the two lines of a step compare at one point: T/F for each, or undefined (a division by zero). */
export type PointClass = 'TT' | 'FF' | 'TF' | 'FT' | 'undefined';

/** One evaluated point. */
export interface SamplePoint {
  /** Exact values of the free variables, to evaluate nearby points from. */
  readonly free: Readonly<ExactScope>;
  /** Exact values of the free and substituted variables, as fractions (`73`, `-1/3`). */
  readonly inputs: Readonly<Record<string, string>>;
  readonly pointClass: PointClass;
  /** The step's multiplier at this point (undefined where it divides by zero). */
  readonly multiplier: ReturnType<typeof evaluateExact>;
}

/** A step compiled once, ready to be evaluated at many points. */
export interface CompiledLink {
  readonly freeVariables: readonly string[];
  /**
   * Draws one point and keeps it only if every premise holds, or, with `dropped`, if that premise
   * fails and every other one holds. Premises are tested lazily, the dropped one first, because
   * most draws are rejected and evaluation is the cost.
   */
  readonly draw: (random: Random, dropped?: number) => SamplePoint | null;
  /** Evaluates given free values under the same acceptance rule as `draw`. */
  readonly evaluate: (free: Readonly<ExactScope>, dropped?: number) => SamplePoint | null;
}

function symbolsOf(expression: string): string[] {
  return exactMath.parse(expression).filter((node) => node.type === 'SymbolNode').map((node) => (node as unknown as { name: string }).name);
}

function statement(steps: readonly DerivationStep[], id: string): EvalFunction {
  const step = steps.find((candidate) => candidate.id === id);
  if (step === undefined) throw new RangeError(`compileLink: step id must name a line of the derivation, got ${JSON.stringify(id)}`);
  return compileExact(step.expression);
}

/**
 * Compiles a step for exact sampling.
 * @param link - the step
 * @param steps - the lines it refers to
 * @returns the free variables and a function drawing and classifying one point
 * @throws RangeError when the step names a line that is not in `steps`
 */
export function compileLink(link: DerivationLink, steps: readonly DerivationStep[]): CompiledLink {
  const from = statement(steps, link.from);
  const to = statement(steps, link.to);
  const fromText = steps.find((s) => s.id === link.from)?.expression ?? '';
  const toText = steps.find((s) => s.id === link.to)?.expression ?? '';
  const bound = new Set(link.substitutions.map((s) => s.name));
  const texts = [fromText, toText, link.multiplier, ...link.premises.map((p) => p.expression), ...link.substitutions.map((s) => s.expression)];
  const freeVariables = [...new Set(texts.flatMap(symbolsOf))].filter((name) => !bound.has(name)).sort();
  const substitutions = link.substitutions.map((s) => ({ name: s.name, compiled: compileExact(s.expression) }));
  const premises = link.premises.map((p) => ({ compiled: compileExact(p.expression), symbols: symbolsOf(p.expression) }));
  const witnesses = Object.entries(link.witnesses ?? {}).map(([name, expression]) => ({ name, compiled: compileExact(expression) }));
  const multiplier = compileExact(link.multiplier);

  const premiseOrder = (dropped: number | undefined) => (dropped === undefined ? premises.map((_, i) => i) : [dropped, ...premises.map((_, i) => i).filter((i) => i !== dropped)]);

  const evaluate = (free: Readonly<ExactScope>, dropped?: number): SamplePoint | null => {
    const scope: ExactScope = { ...free };
    let defined = true;
    for (const s of substitutions) {
      // A later substitution may use this one (R uses t): stop at the first that is undefined, or
      // mathjs would read the missing name as a unit (t is the tonne).
      const value = evaluateExact(s.compiled, scope);
      if (value === undefined || typeof value === 'boolean') {
        defined = false;
        break;
      }
      scope[s.name] = value;
    }
    for (const i of premiseOrder(dropped)) {
      // A premise about an undefined substitution (t when B = D) does not hold; one about the inputs alone still can.
      const premise = premises[i];
      const held = premise.symbols.every((name) => name in scope) && evaluateExact(premise.compiled, scope) === true;
      if (held !== (i !== dropped)) return null;
    }
    const inputs = Object.fromEntries(Object.entries(scope).map(([name, value]) => [name, formatExact(value)]));
    if (!defined) return { free, inputs, pointClass: 'undefined', multiplier: undefined };
    const p = evaluateExact(from, scope);
    const q = evaluateExact(to, scope);
    const pointClass: PointClass = p === undefined || q === undefined ? 'undefined' : (`${p ? 'T' : 'F'}${q ? 'T' : 'F'}` as PointClass);
    return { free, inputs, pointClass, multiplier: evaluateExact(multiplier, scope) };
  };

  const draw = (random: Random, dropped?: number): SamplePoint | null => {
    const free: ExactScope = {};
    for (const name of freeVariables) free[name] = drawRational(random, Object.values(free));
    for (const witness of witnesses) {
      const value = random() < 0.5 ? evaluateExact(witness.compiled, free) : undefined;
      if (value !== undefined && typeof value !== 'boolean') free[witness.name] = value;
    }
    return evaluate(free, dropped);
  };
  return { freeVariables, draw, evaluate };
}
