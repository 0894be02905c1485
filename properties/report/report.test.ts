/**
 * `npm run report` produces a self-contained page and a Markdown twin, and shows the numbers the
 * oracle's own functions computed (nothing in the report recomputes them).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { auditSeedClaims } from '../../src/convergence/claims-audit.ts';
import { checkDerivation } from '../../src/convergence/derivation-check.ts';
import { buildReport, type BuiltReport } from '../../src/report/build-report.ts';
import { KNOWN_FINDINGS } from '../../src/sync/known-findings.ts';

let report: BuiltReport;

beforeAll(async () => {
  report = await buildReport({ quick: true });
});

describe('the report', () => {
  test('is one self-contained HTML page: no scripts, no external resources', () => {
    expect(report.html).toMatch(/^<!doctype html>/);
    expect(report.html).not.toMatch(/<script|<link |src="http|href="http/);
    expect(report.html.match(/<svg/g)?.length).toBeGreaterThanOrEqual(KNOWN_FINDINGS.length > 0 ? 2 : 1);
  });

  test('shows every finding the law suite computed, and only those', () => {
    const computed = report.data.findings.flatMap((f) => f.findings.map((finding) => `${finding.implementation} breaks ${finding.law.id} ${finding.law.name}`));
    const known = new Set(KNOWN_FINDINGS.map((f) => `${f.implementation} ${f.law}`));
    expect(new Set(report.data.findings.flatMap((f) => f.findings.map((finding) => `${finding.implementation} ${finding.law.id}`)))).toEqual(known);
    const shown = [...report.html.matchAll(/<h3>(\S+ breaks L\d [^<]+)<\/h3>/g)].map((m) => m[1]);
    expect(shown).toEqual(computed);
    for (const finding of computed) expect(report.markdown.text).toContain(`### ${finding}`);
  });

  test('counts remote clears as SPEC §1.4 says: one per page before the patch, one per sync after', () => {
    for (const row of report.data.remoteClears.filter((r) => !r.aligned)) {
      expect(row.counts['qemu-pre-patch'].clearDirtyLogCalls).toBe(row.pages);
      expect(row.counts.reference.clearDirtyLogCalls).toBe(row.pages);
      expect(row.counts['qemu-landed'].clearDirtyLogCalls).toBe(1);
      expect(row.counts.wordwise.clearDirtyLogCalls).toBe(1);
      expect(report.html).toContain(`<td class="num">${row.pages.toLocaleString('en')}</td><td>misaligned</td><td class="num">${row.pages}</td><td class="num">1</td>`);
    }
  });

  test("shows the claims audit and the derivation verdicts exactly as src/convergence computes them", () => {
    expect(report.data.claims).toEqual(auditSeedClaims());
    for (const row of report.data.claims) {
      const quote = row.claim.quote.replace(/>/g, '&gt;').replace(/</g, '&lt;');
      const shown = (value: number | null) => (value === null ? 'none' : String(Number(value.toPrecision(6))));
      // The row as the table prints it: the quote, the equation, then the audit's own numbers.
      expect(report.html).toContain(`<td><code>${quote}</code></td><td>(${row.claim.equation})</td><td class="num">${shown(row.closedForm)} `);
      expect(report.html).toContain(`<td>${row.match}</td><td class="num">${shown(row.simulated.seedPremises)}</td><td class="num">${shown(row.simulated.windowed)}</td>`);
    }
    expect(report.data.derivation.map((s) => `${s.from}->${s.to} ${s.verdict}`)).toEqual(checkDerivation().map((s) => `${s.from}->${s.to} ${s.verdict}`));
    for (const id of ['least-downtime', 'max-dirty-rate', 'pending-per-iteration']) expect(report.markdown.files.has(`figures/${id}.svg`)).toBe(true);
  });

  test('its Markdown refers to figure files it carries', () => {
    const referenced = [...report.markdown.text.matchAll(/\]\((figures\/[^)]+\.svg)\)/g)].map((m) => m[1]);
    expect(referenced.length).toBeGreaterThan(0);
    expect(new Set(referenced)).toEqual(new Set(report.markdown.files.keys()));
  });

  test('the report code computes nothing itself: it imports results, it does not define formulas or laws', () => {
    const directory = resolve(import.meta.dirname, '../../src/report');
    for (const name of readdirSync(directory)) {
      const text = readFileSync(join(directory, name), 'utf8');
      // No closed form (B − D, D/B, 100 − x …), no bit twiddling, no law check, no simulation loop of its own.
      expect(text, name).not.toMatch(/\b[BD]\s*[-/]\s*[BD]\b|\b100\s*-\s*x\b|countOnes|testAndClear|\.check\(|from 'mathjs'|runMigration|createBandwidthEstimator/);
    }
  });
});
