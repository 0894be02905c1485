/**
 * The audit of the seed's worked numbers, and the printed-precision rule it applies.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { printedMatch } from '../../src/convergence/claim-precision.ts';
import { auditSeedClaim, auditSeedClaims, type ClaimAuditRow } from '../../src/convergence/claims-audit.ts';
import { SEED_CLAIMS } from '../../src/convergence/seed-claims.ts';
import { property } from '../fast-check-property.ts';
import { perTestFixture } from '../per-test-fixture.ts';

describe('seed claims audit', () => {
  const auditRows = perTestFixture(() => auditSeedClaims());
  const row = (id: string) => auditRows().find((r) => r.claim.id === id) as ClaimAuditRow;

  test('has one row per worked number, in the seed\'s order', () => {
    expect(auditRows().map((r) => `${r.claim.relation} ${r.claim.value}`)).toEqual(['= 146', '> 219', '= 24', '> 27.2', '< 7.7', '< 5.35', '< 13.8', '< 13.75']);
    expect(auditRows().map((r) => r.claim)).toEqual(SEED_CLAIMS);
  });

  test('reproduces every number from its equation, and finds (19)\'s two dirty rates outside (15)', () => {
    expect(Object.fromEntries(auditRows().map((r) => [r.claim.id, r.verdict]))).toEqual({
      'case1-x73-transfer': 'reproduced',
      'case1-x73-downtime': 'reproduced',
      'case1-x12-transfer': 'reproduced',
      'case1-x12-downtime': 'reproduced',
      'case2-x73-eq12': 'reproduced',
      'case2-x73-eq19': 'reproduced but outside its regime',
      'case2-x12-eq12': 'reproduced',
      'case2-x12-eq19': 'reproduced but outside its regime',
    });
  });

  test('finds 27.2 truncated from 27.27… and 5.35 rounded from 5.3524…; the rest exact', () => {
    expect(auditRows().map((r) => r.match)).toEqual(['exact', 'exact', 'exact', 'truncated', 'exact', 'rounded', 'exact', 'exact']);
    expect(row('case1-x12-downtime').closedForm).toBeCloseTo(300 / 11, 12);
    expect(row('case2-x73-eq19').closedForm).toBeCloseTo(60750 / 11350, 12);
  });

  test('has (15) fail at the dirty rates (19) gives: D < 4.05 GB/s is needed at x = 73 ms and D < 13.2 GB/s at x = 12 ms', () => {
    // (19)'s supremum D* exceeds B·(100 − x)/100, where x + t* = 100 ms: the critical iteration is long there, so (15) fails.
    expect(row('case2-x73-eq19').regimeHolds).toBe(false);
    expect(row('case2-x12-eq19').regimeHolds).toBe(false);
    expect(row('case2-x73-eq19').closedForm).toBeGreaterThan(15 * (100 - 73) / 100);
    expect(row('case2-x12-eq19').closedForm).toBeGreaterThan(15 * (100 - 12) / 100);
  });

  test('has both simulators settle at t* and agree with the closed forms wherever every iteration lasts >= 100 ms', () => {
    for (const id of ['case1-x73-transfer', 'case1-x12-transfer']) {
      expect(row(id).simulated.seedPremises).toBeCloseTo(row(id).closedForm, 6);
      expect(row(id).simulated.windowed).toBeCloseTo(row(id).closedForm, 6);
    }
    for (const id of ['case1-x73-downtime', 'case2-x73-eq12', 'case2-x12-eq12']) {
      expect(row(id).simulated.seedPremises).toBeCloseTo(row(id).closedForm, 6);
      expect(row(id).simulated.windowed).toBeCloseTo(row(id).closedForm, 6);
    }
  });

  test('has the windowed simulator need 35.03 ms where (19) says 27.27 ms (x = 12 ms: 36 ms iterations, 3 syncs per window)', () => {
    expect(row('case1-x12-downtime').simulated.seedPremises).toBeCloseTo(300 / 11, 6);
    expect(row('case1-x12-downtime').simulated.windowed).toBeCloseTo(35.0324, 3);
  });

  test('has both simulators give the greatest rate of (12), not (19), for the second case', () => {
    expect(row('case2-x73-eq19').simulated.seedPremises).toBeCloseTo(7.7, 6);
    expect(row('case2-x73-eq19').simulated.windowed).toBeCloseTo(7.7, 6);
    expect(row('case2-x12-eq19').simulated.seedPremises).toBeCloseTo(13.8, 6);
    expect(row('case2-x12-eq19').simulated.windowed).toBeCloseTo(13.8, 6);
  });

  test('names the regime each number needs, with the dirty rate it is checked at to 4 digits', () => {
    // (2) needs only B > D; (12) needs the long-iteration case (5), (19) the short one (15). The rates
    // by hand: (12) gives 15·(150 − x)/150 = 7.7 and 13.8 GB/s; (19) gives
    // 15·150·(100 − x)/(100·x + 150·(100 − x)) = 60750/11350 = 5.3524… and 198000/14400 = 13.75 GB/s.
    expect(Object.fromEntries(auditRows().map((r) => [r.claim.id, r.regimeCondition]))).toEqual({
      'case1-x73-transfer': 'B > D',
      'case1-x73-downtime': '(5)',
      'case1-x12-transfer': 'B > D',
      'case1-x12-downtime': '(15)',
      'case2-x73-eq12': '(5) at D = 7.700',
      'case2-x73-eq19': '(15) at D = 5.352',
      'case2-x12-eq12': '(5) at D = 13.80',
      'case2-x12-eq19': '(15) at D = 13.75',
    });
  });

  test('does not reproduce a number printed one unit off', () => {
    // D·x/(B − D) = 10·73/(15 − 10) = 146 ms exactly; 147 is neither it, nor it rounded or truncated.
    const [transfer] = SEED_CLAIMS;
    const row = auditSeedClaim({ ...transfer, value: 147 });
    expect([row.closedForm, row.match, row.verdict]).toEqual([146, 'none', 'not reproduced']);
  });

  test('is the same data on every run', () => {
    expect(JSON.stringify(auditSeedClaims())).toBe(JSON.stringify(auditRows()));
  });
});

describe('printed precision', () => {
  const value = fc.double({ min: -1e6, max: 1e6, noNaN: true });
  const decimals = fc.integer({ min: 0, max: 4 });

  test('accepts a value printed rounded, or exact', property([value, decimals], (v, d) => {
    const printed = Math.round(v * 10 ** d) / 10 ** d;
    expect(['exact', 'rounded']).toContain(printedMatch(v, printed, d));
  }, 300));

  test('accepts a value printed truncated', property([value, decimals], (v, d) => {
    // Within the rule's slack (1e-12 relative) of a digit boundary a value counts as on it.
    fc.pre(Math.abs(v * 10 ** d - Math.round(v * 10 ** d)) > 1e-10 * Math.max(1, Math.abs(v * 10 ** d)));
    const printed = Math.trunc(v * 10 ** d) / 10 ** d;
    expect(printedMatch(v, printed, d)).not.toBe('none');
  }, 300));

  test('rejects a value two units of the last digit away', property([value, decimals], (v, d) => {
    expect(printedMatch(v, Math.round(v * 10 ** d) / 10 ** d + 2 / 10 ** d, d)).toBe('none');
  }, 300));
});
