/**
 * The report's findings, one section per cause: where the cause lives in QEMU, why it breaks laws, the
 * laws and families it breaks per implementation, and its smallest counterexample drawn as bits. The
 * cause of every broken (implementation, family, law) is derived from its own counterexample's path;
 * one that no known cause explains, or that its known finding does not accept, is marked new.
 */
import { formatCounterexample, replayCommand } from '../sync/counterexample-format.ts';
import { deriveCause, type DerivedCause, FINDING_CAUSES, type FindingCauseId } from '../sync/finding-causes.ts';
import type { ImplementationFindings } from '../sync/findings-summary.ts';
import { knownFinding } from '../sync/known-findings.ts';
import type { LawCheckResult } from '../sync/law-check.ts';
import type { SyncLaw } from '../sync/laws/law.ts';
import { bitRowsSvg } from './bit-rows.ts';
import { heading, paragraph, type ReportBlock } from './report-document.ts';

/** One broken (implementation, family, law) with the cause derived from its counterexample. */
export interface ExplainedFinding {
  readonly implementation: string;
  readonly law: SyncLaw;
  readonly family: string;
  readonly result: LawCheckResult;
  /** Undefined when no known cause fits the counterexample. */
  readonly derived?: DerivedCause;
  /** Whether the known findings list this combination with this cause. */
  readonly known: boolean;
}

/** The findings of one cause, or of none (`cause` undefined: new findings no cause explains). */
export interface CauseGroup {
  readonly cause?: FindingCauseId;
  readonly findings: readonly ExplainedFinding[];
}

/**
 * Derives the cause of every broken combination and groups them by cause, in the causes' order.
 * @param findings - the law suite's findings (best with every family's counterexample shrunk)
 * @returns one group per cause that occurs, then one group of unexplained findings if any
 */
export function groupFindingsByCause(findings: readonly ImplementationFindings[]): CauseGroup[] {
  const explained: ExplainedFinding[] = findings.flatMap((f) =>
    f.findings.flatMap((finding) =>
      finding.byFamily.map((result) => {
        const derived = deriveCause(finding.law.id, result.counterexample!.observation);
        const accepted = knownFinding(f.implementation, result.family, finding.law.id)?.causes ?? [];
        return { implementation: f.implementation, law: finding.law, family: result.family, result, ...(derived ? { derived } : {}), known: derived !== undefined && accepted.includes(derived.cause) };
      }),
    ),
  );
  const groups: CauseGroup[] = (Object.keys(FINDING_CAUSES) as FindingCauseId[])
    .map((cause) => ({ cause, findings: explained.filter((e) => e.derived?.cause === cause) }))
    .filter((g) => g.findings.length > 0);
  const unexplained = explained.filter((e) => e.derived === undefined);
  return unexplained.length > 0 ? [...groups, { findings: unexplained }] : groups;
}

/** The smallest counterexample of a group: fewest pages synced, then the shortest block. */
function smallest(findings: readonly ExplainedFinding[]): ExplainedFinding {
  const size = (e: ExplainedFinding) => [e.result.counterexample!.syncCase.npages, e.result.counterexample!.syncCase.pages];
  return [...findings].sort((a, b) => size(a)[0] - size(b)[0] || size(a)[1] - size(b)[1])[0];
}

/** Rows of (implementation, law) with the families broken, in the order found. */
function breaksTable(findings: readonly ExplainedFinding[]): ReportBlock {
  const rows = new Map<string, { implementation: string; law: SyncLaw; families: string[] }>();
  for (const e of findings) {
    const key = `${e.implementation} ${e.law.id}`;
    const row = rows.get(key) ?? { implementation: e.implementation, law: e.law, families: [] };
    row.families.push(e.known ? e.family : `${e.family} (**new**)`);
    rows.set(key, row);
  }
  return { kind: 'table', columns: ['implementation', 'law broken', 'case families whose counterexample has this cause'], rows: [...rows.values()].map((r) => [`\`${r.implementation}\``, `${r.law.id} ${r.law.name}: ${r.law.statement}`, r.families.join(', ')]) };
}

function counterexampleBlocks(shown: ExplainedFinding, figureId: string): ReportBlock[] {
  const example = shown.result.counterexample!;
  const evidence = shown.derived === undefined ? '' : ` **Its path:** ${shown.derived.evidence}.`;
  return [
    paragraph(`**Smallest counterexample** (\`${shown.implementation}\`, ${shown.law.id}, family ${shown.family}): ${example.violation}.${evidence}`),
    { kind: 'figure', id: figureId, svg: bitRowsSvg(example.observation), caption: `The counterexample's source and \`bmap\` bits, one column per global page (\`bmap\` bits under the global page they stand for), every bit the sync changed included: a bit ORed onto the wrong page shows in the wrong column.` },
    { kind: 'code', text: formatCounterexample(shown.result, replayCommand(shown.implementation, shown.family, shown.law.id)) },
  ];
}

/**
 * Builds the findings part: a section per cause, and a section of new findings if any.
 * @param groups - from `groupFindingsByCause`
 * @returns the blocks
 */
export function findingsBlocks(groups: readonly CauseGroup[]): ReportBlock[] {
  const blocks: ReportBlock[] = [];
  groups.forEach((group, index) => {
    if (group.cause === undefined) {
      blocks.push(heading(3, 'New findings: no known cause fits', 'new-findings'));
      blocks.push({ kind: 'status', status: 'new', text: 'These counterexamples take no path a known cause explains. Each needs review: a bug in the model, or a new finding for the known list.' });
      blocks.push(breaksTable(group.findings));
      group.findings.forEach((e, i) => blocks.push(...counterexampleBlocks(e, `finding-new-${i + 1}`)));
      return;
    }
    const cause = FINDING_CAUSES[group.cause];
    const allKnown = group.findings.every((e) => e.known);
    blocks.push(heading(3, `Cause ${index + 1}: ${cause.title}`, `cause-${cause.id}`));
    blocks.push(
      allKnown
        ? { kind: 'status', status: 'known', text: 'Every finding below is in the known list with this cause, so `npm test` expects it.' }
        : { kind: 'status', status: 'new', text: 'Some findings below (marked new) are not in the known list with this cause: `npm test` fails until they are reviewed.' },
    );
    blocks.push(paragraph(`**Where in QEMU:** ${cause.where}. **Why:** ${cause.explanation} Background: \`docs/qemu-background.md#${cause.docAnchor}\`.`));
    blocks.push(breaksTable(group.findings));
    blocks.push(...counterexampleBlocks(smallest(group.findings), `finding-${cause.id}`));
  });
  return blocks;
}
