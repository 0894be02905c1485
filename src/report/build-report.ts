/**
 * Builds the whole report from the oracle's own functions (the same ones the tests check): the law
 * suite's findings, the remote-clear counts, and the convergence audit.
 */
import { auditSeedClaims, type ClaimAuditRow } from '../convergence/claims-audit.ts';
import { checkDerivation, type StepCheck } from '../convergence/derivation-check.ts';
import { DEFAULT_NUM_RUNS, DEFAULT_SEED, type PropertySettings } from '../property-settings.ts';
import { QEMU_BLOCK_PAGES } from '../sync/case-families.ts';
import { LAWS } from '../sync/laws/catalogue.ts';
import { summariseFindings, type ImplementationFindings } from '../sync/findings-summary.ts';
import { BUILT_IN_IMPLEMENTATIONS } from '../sync/implementations.ts';
import { measureRemoteClears, type RemoteClearRow } from '../sync/remote-clear-cost.ts';
import { renderHtml } from './html-renderer.ts';
import { renderMarkdown, type MarkdownReport } from './markdown-renderer.ts';
import { contentsOf, heading, paragraph, type ReportBlock } from './report-document.ts';
import { type Provenance, provenanceLines, reportProvenance } from './provenance.ts';
import { convergenceSection } from './convergence-section.ts';
import { loopSection } from './loop-section.ts';
import { syncSection } from './sync-section.ts';
import { committedQemuExperimentSection } from './qemu-experiment-section.ts';

/** Options of one report run. */
export interface ReportOptions {
  /** Fewer cases and sizes, for a quick look (and the tests). */
  readonly quick?: boolean;
  /** Called with a short description of each step as it starts. */
  readonly onProgress?: (step: string) => void;
}

/** The data the report shows, kept for its test and for a summary line. */
export interface ReportData {
  readonly settings: PropertySettings;
  readonly provenance: Provenance;
  readonly findings: readonly ImplementationFindings[];
  readonly remoteClears: readonly RemoteClearRow[];
  readonly claims: readonly ClaimAuditRow[];
  readonly derivation: readonly StepCheck[];
}

/** A built report. */
export interface BuiltReport {
  readonly data: ReportData;
  readonly html: string;
  readonly markdown: MarkdownReport;
  /** One line per part, for the terminal. */
  readonly summary: readonly string[];
}

const TITLE = 'dirty-sync-oracle report';
const LEAD =
  "What the oracle verified about QEMU's live-migration dirty-bitmap sync (`physical_memory_sync_dirty_bitmap`) before and after e8a6d158, and about the convergence argument of the patch's cover letter, and what it found.";

/**
 * Runs the verification and builds the report.
 * @param options - quick mode and progress
 * @returns the report as HTML, Markdown with its figure files, the data and a summary
 */
export async function buildReport(options: ReportOptions = {}): Promise<BuiltReport> {
  const progress = options.onProgress ?? (() => {});
  const settings: PropertySettings = { seed: DEFAULT_SEED, numRuns: options.quick ? 20 : DEFAULT_NUM_RUNS };
  const implementations = BUILT_IN_IMPLEMENTATIONS;
  progress('checking laws L1–L9');
  // Every family's counterexample is shrunk for the full report, so each cause is drawn at its
  // smallest; a quick report draws what was found (causes are derived alike from shrunk or not).
  const findings = summariseFindings(implementations, settings, (name) => progress(`checked ${name}`), options.quick !== true);
  progress('counting remote clears');
  const sizes = options.quick ? [1025, 16_385, 65_536] : [1025, 4097, 16_385, 65_537, 262_145, 1_048_577, 65_536, 1_048_576];
  const remoteClears = measureRemoteClears(implementations, sizes, QEMU_BLOCK_PAGES);
  progress('drawing the sync part');
  const blocks: ReportBlock[] = await syncSection({ settings, implementations, findings, remoteClears });
  progress('auditing the seed\'s claims');
  const claims = auditSeedClaims();
  progress('checking the derivation');
  const derivation = checkDerivation();
  progress('simulating migrations for the plots');
  const syncTimesMs = options.quick ? [5, 12, 20, 33, 50, 73, 100, 130] : Array.from({ length: 38 }, (_, i) => 2 + 4 * i);
  blocks.push(...(await convergenceSection({ claims, derivation, syncTimesMs })));
  progress('running QEMU\'s loop at the seed\'s points');
  blocks.push(...(await loopSection(options.quick === true)));
  progress('replaying the QEMU experiment against the loop model');
  blocks.push(...(await committedQemuExperimentSection()));
  const broken = findings.flatMap((f) => f.findings.map((finding) => `${f.implementation} ${finding.law.id}`));
  const claimVerdicts = claims.map((row) => row.verdict);
  const summary = [
    `sync: ${findings.length} implementations × ${LAWS.length} laws; findings: ${broken.length ? broken.join(', ') : 'none'}`,
    `convergence: ${claimVerdicts.filter((v) => v === 'reproduced').length} of ${claims.length} claims reproduced, ${claimVerdicts.filter((v) => v !== 'reproduced').length} outside their regime or not reproduced; derivation: ${derivation.filter((s) => s.verdict === 'equivalence').length} of ${derivation.length} steps are equivalences`,
  ];
  // The same lines the terminal gets open the page, so a reader sees the result before the detail;
  // the table of contents lists every section, including those other modules add to `blocks`.
  const body: ReportBlock[] = [heading(2, 'Summary'), ...summary.map(paragraph), ...blocks];
  const page: ReportBlock[] = [contentsOf(body), ...body];
  const provenance = reportProvenance(settings);
  const header = provenanceLines(provenance);
  return {
    data: { settings, provenance, findings, remoteClears, claims, derivation },
    html: renderHtml(TITLE, LEAD, page, header),
    markdown: renderMarkdown(TITLE, LEAD, page, header),
    summary,
  };
}
