/**
 * Verdicts on the seed's derivation, step by step: exact rational sampling says whether each step is
 * an equivalence, only an implication, or wrong under its premises, and which premises it needs; an
 * exact symbolic identity says whether the step is the operation it is read as.
 */
import { requireInteger } from '../check.ts';
import { DERIVATION_LINKS, DERIVATION_STEPS, type DerivationLink, type DerivationStep } from './derivation-steps.ts';
import { probeBoundaries } from './boundary-probe.ts';
import { type CompiledLink, compileLink, type PointClass, type SamplePoint } from './link-sampling.ts';
import { type Random, seededRandom } from './rational-sampler.ts';
import { stepIdentity } from './step-identity.ts';

/** `equivalence`: both directions hold; `implication`: only from ⇒ to; `wrong`: from does not imply to. */
export type StepVerdict = 'equivalence' | 'implication' | 'wrong';

/** A point that shows a step failing, with the lines' truth values there. */
export interface Counterexample {
  readonly inputs: Readonly<Record<string, string>>;
  /** `TF`: from holds and to does not; `FT`: the converse; `undefined`: a line divides by zero. */
  readonly pointClass: PointClass;
}

/** The verdict on one step. */
export interface StepCheck {
  readonly from: string;
  readonly to: string;
  readonly operation: string;
  readonly verdict: StepVerdict;
  /** How many points satisfying every premise were evaluated (random and next to a boundary), and how they fell. */
  readonly samples: number;
  /** Of those, the points found by bisecting towards a line's boundary. */
  readonly boundarySamples: number;
  readonly counts: Readonly<Record<PointClass, number>>;
  /** A point against the step (for `wrong`), or against its converse (for `implication`); else null. */
  readonly counterexample: Counterexample | null;
  /** Premises without which the verdict no longer holds, each with a point that shows it. */
  readonly reliesOn: readonly { readonly premise: string; readonly counterexample: Counterexample }[];
  /** Whether `diff(to) − k·diff(from)` is identically 0, and the sign k takes on every sample. */
  readonly symbolic: { readonly multiplier: string; readonly identity: boolean; readonly multiplierSign: 'positive' | 'nonzero' | 'not of one sign' };
}

/** How many points to draw; the seed fixes them, so the verdicts are reproducible data. */
export interface DerivationCheckOptions {
  readonly samples?: number;
  readonly boundaryProbes?: number;
  readonly samplesPerPremise?: number;
  readonly seed?: number;
}

/** Draws per wanted point before giving up, and before giving up on a domain no draw has reached (x <= 0 with (3), say). */
const ATTEMPTS_PER_SAMPLE = 40;
const ATTEMPTS_PER_SAMPLE_WHILE_EMPTY = 8;

function collect(draw: CompiledLink['draw'], random: Random, wanted: number, dropped?: number): SamplePoint[] {
  const points: SamplePoint[] = [];
  for (let attempt = 0; attempt < wanted * ATTEMPTS_PER_SAMPLE && points.length < wanted; attempt++) {
    if (points.length === 0 && attempt >= wanted * ATTEMPTS_PER_SAMPLE_WHILE_EMPTY) break;
    const point = draw(random, dropped);
    if (point !== null) points.push(point);
  }
  return points;
}

const breaks = (verdict: StepVerdict, c: PointClass) => c === 'undefined' || c === 'TF' || (verdict === 'equivalence' && c === 'FT');

/**
 * Checks one step of a derivation.
 * @param link - the step
 * @param steps - the lines (default: the seed's); pass an altered copy to check a changed derivation
 * @param options - random samples in the premises' domain (default 200), bisections towards a boundary
 *   (default 40), samples per dropped premise (default 60), seed
 * @returns the verdict, counts, counterexample, premises relied on and the symbolic result
 * @throws RangeError for options out of range, a step naming an unknown line, or premises no draw satisfies
 */
export function checkStep(link: DerivationLink, steps: readonly DerivationStep[] = DERIVATION_STEPS, options: DerivationCheckOptions = {}): StepCheck {
  const samples = requireInteger('checkStep', 'options.samples', options.samples ?? 200, 1);
  const samplesPerPremise = requireInteger('checkStep', 'options.samplesPerPremise', options.samplesPerPremise ?? 60, 0);
  // The generator keeps 32 bits of state: a larger or fractional seed would quietly alias another one.
  const random = seededRandom(requireInteger('checkStep', 'options.seed', options.seed ?? 20251215, 0, 0xffff_ffff));
  const boundaryProbes = requireInteger('checkStep', 'options.boundaryProbes', options.boundaryProbes ?? 40, 0);
  const compiled = compileLink(link, steps);
  const { draw } = compiled;
  const randomPoints = collect(draw, random, samples);
  // With no point in the premises' domain every count is 0, which would read as an equivalence.
  if (randomPoints.length === 0) {
    throw new RangeError(`checkStep: no point satisfying the premises of (${link.from})→(${link.to}) was found in ${samples * ATTEMPTS_PER_SAMPLE_WHILE_EMPTY} draws, so the step cannot be judged`);
  }
  const boundaryPoints = probeBoundaries(compiled, randomPoints, random, boundaryProbes);
  const points = [...randomPoints, ...boundaryPoints];
  const counts: Record<PointClass, number> = { TT: 0, FF: 0, TF: 0, FT: 0, undefined: 0 };
  for (const point of points) counts[point.pointClass]++;
  const verdict: StepVerdict = counts.TF + counts.undefined > 0 ? 'wrong' : counts.FT > 0 ? 'implication' : 'equivalence';
  const against = points.find((p) => (verdict === 'implication' ? p.pointClass === 'FT' : breaks('implication', p.pointClass)));
  const reliesOn = verdict === 'wrong' ? [] : link.premises.flatMap((premise, dropped) => {
    const relaxed = collect(draw, random, samplesPerPremise, dropped);
    const broken = relaxed.find((p) => breaks(verdict, p.pointClass));
    return broken === undefined ? [] : [{ premise: premise.label, counterexample: { inputs: broken.inputs, pointClass: broken.pointClass } }];
  });
  const { identity, equation } = stepIdentity(link, steps);
  const signs = points.map((p) => (p.multiplier === undefined || typeof p.multiplier === 'boolean' ? Number.NaN : p.multiplier.compare(0)));
  const multiplierSign = signs.every((s) => s > 0) ? 'positive' : equation && signs.every((s) => s !== 0 && !Number.isNaN(s)) ? 'nonzero' : 'not of one sign';
  return {
    from: link.from,
    to: link.to,
    operation: link.operation,
    verdict,
    samples: points.length,
    boundarySamples: boundaryPoints.length,
    counts,
    counterexample: against === undefined ? null : { inputs: against.inputs, pointClass: against.pointClass },
    reliesOn,
    symbolic: { multiplier: link.multiplier, identity, multiplierSign },
  };
}

/**
 * Checks every step the seed claims, (1)→(2) through (19)→(19D).
 * @param options - sample counts and seed, as for `checkStep`
 * @returns one verdict per step, in the seed's order
 * @throws RangeError for options out of range
 */
export function checkDerivation(options: DerivationCheckOptions = {}): StepCheck[] {
  return DERIVATION_LINKS.map((link) => checkStep(link, DERIVATION_STEPS, options));
}
