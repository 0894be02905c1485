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
import { groupFindingsByCause } from '../../src/report/findings-section.ts';
import { KNOWN_FINDINGS, knownFinding } from '../../src/sync/known-findings.ts';
import { expectCauseMatchesPath } from '../sync/finding-cause-check.ts';

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

  test('shows every finding the law suite computed once, under the cause derived from its counterexample, all known', () => {
    const known = new Set(KNOWN_FINDINGS.map((f) => `${f.implementation} ${f.law}`));
    expect(new Set(report.data.findings.flatMap((f) => f.findings.map((finding) => `${finding.implementation} ${finding.law.id}`)))).toEqual(known);
    const groups = groupFindingsByCause(report.data.findings);
    const listed = groups.flatMap((g) => g.findings.map((e) => `${e.implementation} ${e.law.id} ${e.family}`));
    const computed = report.data.findings.flatMap((f) => f.findings.flatMap((finding) => finding.families.map((family) => `${finding.implementation} ${finding.law.id} ${family}`)));
    expect([...listed].sort()).toEqual([...computed].sort());
    for (const group of groups) {
      expect(group.cause, 'a finding no known cause explains').toBeDefined();
      for (const e of group.findings) expectCauseMatchesPath(e.law.id, e.result.counterexample!.observation, knownFinding(e.implementation, e.family, e.law.id)!.causes);
    }
    // One section per cause, each with one drawing, marked known in colour and in words.
    const sections = [...report.html.matchAll(/<h3 id="cause-([a-z-]+)">Cause \d+: [^<]+<\/h3>\n<p class="status known">/g)].map((m) => m[1]);
    expect(sections).toEqual(groups.map((g) => g.cause));
    for (const cause of sections) expect(report.html).toContain(`<figure id="finding-${cause}">`);
    expect(report.html).not.toContain('class="status new"');
  });

  test('opens with its provenance and a table of contents linking every heading', () => {
    const { provenance } = report.data;
    expect(provenance.seed).toBe(report.data.settings.seed);
    expect(provenance.packageVersion).toBe(JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')).version);
    for (const label of ['commit', 'built', 'version', 'seed', 'runs']) expect(report.html).toMatch(new RegExp(`<dt>${label}</dt><dd>`));
    expect(report.html).toContain(`<dd>${provenance.seed} (FC_SEED)</dd>`);
    const ids = [...report.html.matchAll(/<h[23] id="([^"]+)">/g)].map((m) => m[1]);
    const links = [...report.html.matchAll(/<li class="toc[23]"><a href="#([^"]+)">/g)].map((m) => m[1]);
    expect(links).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('counts remote clears as docs/specification.md says: one per page before the patch, one per sync after', () => {
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
      const unit = row.claim.quantity === 'dirty-rate-gbps' ? 'GB/s' : 'ms';
      const withUnit = (value: number | null) => (value === null ? 'none converges' : `${shown(value)} ${unit}`);
      expect(report.html).toContain(`<td>${row.match}</td><td class="num">${withUnit(row.simulated.seedPremises)}</td><td class="num">${withUnit(row.simulated.windowed)}</td>`);
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
