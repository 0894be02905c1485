/**
 * The seed's derivation as data: each numbered line as a mathjs relation, and each step between
 * consecutive lines with the premises it is claimed under, the substitutions it makes and the
 * operation that should carry one line to the next. `derivation-check.ts` turns these into verdicts.
 *
 * The operation is this suite's reading of the step, written as a multiplier k with
 * `diff(to) = k · diff(from)`, where `diff` of `a > b` or `a = b` is `a − b` and of `a < b` is `b − a`.
 * If that is an identity and k > 0 (k ≠ 0 for equations) wherever the premises hold, the two lines
 * are equivalent there.
 */

/** One numbered line of the seed. `12D`/`19D` are (12)/(19) solved for D, as the seed's second case uses them. */
export interface DerivationStep {
  readonly id: string;
  /** The line as the seed prints it. */
  readonly seedText: string;
  /** The same relation in mathjs syntax. */
  readonly expression: string;
}

/** A condition a step is claimed under, such as `B > D` or the case condition (3). */
export interface Premise {
  readonly label: string;
  readonly expression: string;
}

/** A variable the step replaces by an expression, e.g. t by eq. (2). */
export interface Substitution {
  readonly name: string;
  /** Evaluated exactly at each sample (may be a mathjs conditional). */
  readonly expression: string;
  /** The rational expression used in the symbolic check, where it differs (the regime's branch of R). */
  readonly symbolic?: string;
}

/** One step from a line to the next, as the seed claims it. */
export interface DerivationLink {
  readonly from: string;
  readonly to: string;
  /** What the step does, in words. */
  readonly operation: string;
  /** k in `diff(to) = k · diff(from)`. */
  readonly multiplier: string;
  readonly substitutions: readonly Substitution[];
  readonly premises: readonly Premise[];
  /** Values to draw a free variable from half of the time, so that an equation's solutions are sampled. */
  readonly witnesses?: Readonly<Record<string, string>>;
}

const T: Substitution = { name: 't', expression: 'D * x / (B - D)' };
/** The seed's R rule; at x + t = 100 both branches agree (`seed-estimate.ts`). */
const R_RULE = 'x + t >= 100 ? B * t / (x + t) : B * (100 - x) / 100';
const R_LONG: Substitution = { name: 'R', expression: R_RULE, symbolic: 'B * t / (x + t)' };
const R_SHORT: Substitution = { name: 'R', expression: R_RULE, symbolic: 'B * (100 - x) / 100' };

const RATES: readonly Premise[] = [
  { label: 'B > D', expression: 'B > D' },
  { label: 'D > 0', expression: 'D > 0' },
  { label: 'x > 0', expression: 'x > 0' },
];
const LIMIT: Premise = { label: 'y > 0', expression: 'y > 0' };
const LONG: readonly Premise[] = [...RATES, LIMIT, { label: '(3) x + t > 100', expression: 'x + t > 100' }];
const SHORT: readonly Premise[] = [...RATES, LIMIT, { label: '(13) x + t < 100', expression: 'x + t < 100' }];

/** Lines (1)–(19) of the seed, and the two rearrangements its second case relies on. */
export const DERIVATION_STEPS: readonly DerivationStep[] = [
  { id: '1', seedText: 'B * t = D * (x + t)', expression: 'B * t == D * (x + t)' },
  { id: '2', seedText: 't = D * x / (B - D)', expression: 't == D * x / (B - D)' },
  { id: '3', seedText: 'x + t > 100', expression: 'x + t > 100' },
  { id: '4', seedText: 'x + D * x / (B - D) > 100', expression: 'x + D * x / (B - D) > 100' },
  { id: '5', seedText: 'x > 100 - 100 * D / B', expression: 'x > 100 - 100 * D / B' },
  { id: '6', seedText: 'R * y > D * (x + t)', expression: 'R * y > D * (x + t)' },
  { id: '7', seedText: 'B * t * y / (x + t) > D * (x + t)', expression: 'B * t * y / (x + t) > D * (x + t)' },
  { id: '8', seedText: '(B * (D * x / (B - D)) * y) / (x + D * x / (B - D)) > D * (x + D * x / (B - D))', expression: '(B * (D * x / (B - D)) * y) / (x + D * x / (B - D)) > D * (x + D * x / (B - D))' },
  { id: '9', seedText: 'D * y > D * (x + D * x / (B - D))', expression: 'D * y > D * (x + D * x / (B - D))' },
  { id: '10', seedText: 'y > x + D * x / (B - D)', expression: 'y > x + D * x / (B - D)' },
  { id: '11', seedText: '(B - D) * y > B * x', expression: '(B - D) * y > B * x' },
  { id: '12', seedText: 'y > B * x / (B - D)', expression: 'y > B * x / (B - D)' },
  { id: '12D', seedText: 'D < B * (y - x) / y', expression: 'D < B * (y - x) / y' },
  { id: '13', seedText: 'x + t < 100', expression: 'x + t < 100' },
  { id: '14', seedText: 'x + D * x / (B - D) < 100', expression: 'x + D * x / (B - D) < 100' },
  { id: '15', seedText: 'x < 100 - 100 * D / B', expression: 'x < 100 - 100 * D / B' },
  { id: '16', seedText: 'R * y > D * (x + t)', expression: 'R * y > D * (x + t)' },
  { id: '17', seedText: 'B * (100 - x) * y / 100 > D * (x + t)', expression: 'B * (100 - x) * y / 100 > D * (x + t)' },
  { id: '18', seedText: 'B * (100 - x) * y / 100 > D * (x + D * x / (B - D))', expression: 'B * (100 - x) * y / 100 > D * (x + D * x / (B - D))' },
  { id: '19', seedText: 'y > 100 * D * x / ((B - D) * (100 - x))', expression: 'y > 100 * D * x / ((B - D) * (100 - x))' },
  { id: '19D', seedText: '(not printed; the seed gives only "D < 5.35" and "D < 13.75")', expression: 'D < y * B * (100 - x) / (100 * x + y * (100 - x))' },
];

/** Every step the seed claims, in its order. */
export const DERIVATION_LINKS: readonly DerivationLink[] = [
  { from: '1', to: '2', operation: 'collect t and divide by B − D', multiplier: '1 / (B - D)', substitutions: [], premises: RATES, witnesses: { t: 'D * x / (B - D)' } },
  { from: '3', to: '4', operation: 'substitute t from (2)', multiplier: '1', substitutions: [T], premises: RATES },
  { from: '4', to: '5', operation: 'multiply by (B − D)/B', multiplier: '(B - D) / B', substitutions: [T], premises: RATES },
  { from: '6', to: '7', operation: "substitute the seed's R = B·t/(x+t), its rule when x + t > 100", multiplier: '1', substitutions: [T, R_LONG], premises: LONG },
  { from: '7', to: '8', operation: 'substitute t from (2)', multiplier: '1', substitutions: [T], premises: LONG },
  { from: '8', to: '9', operation: 'simplify the left side: B·t/(x+t) = D at the critical state (divides through by x)', multiplier: '1', substitutions: [T], premises: LONG },
  { from: '9', to: '10', operation: 'divide by D', multiplier: '1 / D', substitutions: [T], premises: LONG },
  { from: '10', to: '11', operation: 'multiply by B − D', multiplier: 'B - D', substitutions: [T], premises: LONG },
  { from: '11', to: '12', operation: 'divide by B − D', multiplier: '1 / (B - D)', substitutions: [T], premises: LONG },
  { from: '12', to: '12D', operation: 'solve for D (the seed\'s second case)', multiplier: '(B - D) / y', substitutions: [T], premises: LONG },
  { from: '13', to: '14', operation: 'substitute t from (2)', multiplier: '1', substitutions: [T], premises: RATES },
  { from: '14', to: '15', operation: 'multiply by (B − D)/B', multiplier: '(B - D) / B', substitutions: [T], premises: RATES },
  { from: '16', to: '17', operation: "substitute the seed's R = B·(100−x)/100, its rule when x + t < 100", multiplier: '1', substitutions: [T, R_SHORT], premises: SHORT },
  { from: '17', to: '18', operation: 'substitute t from (2)', multiplier: '1', substitutions: [T], premises: SHORT },
  { from: '18', to: '19', operation: 'divide by B·(100 − x)/100', multiplier: '100 / (B * (100 - x))', substitutions: [T], premises: SHORT },
  { from: '19', to: '19D', operation: 'solve for D', multiplier: '(B - D) * (100 - x) / (100 * x + y * (100 - x))', substitutions: [T], premises: SHORT },
];
