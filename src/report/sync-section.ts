/**
 * The report's sync part: what was checked, the outcome per law and implementation, each finding with
 * its minimal counterexample drawn as bit rows, and the remote-clear calls per sync.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { PropertySettings } from '../property-settings.ts';
import { CASE_FAMILIES } from '../sync/case-families.ts';
import type { SyncImplementation } from '../sync/contract.ts';
import type { ImplementationFindings } from '../sync/findings-summary.ts';
import { LAWS } from '../sync/laws/catalogue.ts';
import type { RemoteClearRow } from '../sync/remote-clear-cost.ts';
import { findingsBlocks, groupFindingsByCause } from './findings-section.ts';
import { renderPlot } from './plot.ts';
import { heading, paragraph, type ReportBlock } from './report-document.ts';

/** What the sync part is built from. */
export interface SyncSectionInput {
  readonly settings: PropertySettings;
  readonly implementations: readonly SyncImplementation[];
  readonly findings: readonly ImplementationFindings[];
  readonly remoteClears: readonly RemoteClearRow[];
}

/**
 * Builds the sync part of the report.
 * @param input - the law suite's findings and the remote-clear counts
 * @returns the blocks
 */
export async function syncSection(input: SyncSectionInput): Promise<ReportBlock[]> {
  const { settings, implementations, findings } = input;
  const totalCases = findings.reduce((sum, f) => sum + f.outcomes.reduce((s, o) => s + o.cases, 0), 0);
  const blocks: ReportBlock[] = [
    heading(2, 'Sync correctness'),
    paragraph(
      `Each of the ${LAWS.length} laws was checked on each of the ${implementations.length} implementations over ${CASE_FAMILIES.length} families of generated cases: ` +
        `${totalCases.toLocaleString('en')} cases in all (seed ${settings.seed}, ${settings.numRuns} runs per property scaled per family; a broken law stops at its first failing case). ` +
        '`reference` is the specification, bit by bit; `wordwise` is this project\'s optimized sync; the two QEMU models follow QEMU before and after e8a6d158.',
    ),
    heading(3, 'Outcome per law'),
    {
      kind: 'table',
      columns: ['law', 'the implementation …', ...implementations.map((i) => i.name)],
      rows: LAWS.map((law) => [
        `${law.id} ${law.name}`,
        law.statement,
        ...findings.map((f) => {
          const outcome = f.outcomes.find((o) => o.law.id === law.id)!;
          return outcome.families.length === 0 ? `holds (${outcome.cases.toLocaleString('en')} cases)` : `**broken** on ${outcome.families.join(', ')}`;
        }),
      ]),
    },
    heading(3, 'Implementations and case families'),
    { kind: 'table', columns: ['implementation', 'what it is'], rows: implementations.map((i) => [`\`${i.name}\``, i.description]) },
    { kind: 'table', columns: ['family', 'what it covers'], rows: CASE_FAMILIES.map((f) => [`\`${f.name}\``, f.description]) },
  ];

  const groups = groupFindingsByCause(findings);
  blocks.push(heading(3, 'Findings by cause'));
  blocks.push(
    paragraph(
      `The QEMU models break laws for ${groups.filter((g) => g.cause !== undefined).length} causes. Each broken (implementation, family, law) is explained by the path its own counterexample takes through the model, not by where it was found: one family can reach both of QEMU's paths. ` +
        'In each drawing the synced range is shaded yellow, the RAMBlock\'s edges are blue lines, bits the sync changed are outlined in orange, bits that differ from the reference\'s are filled red, and ⋯ marks pages left out between the parts drawn.',
    ),
  );
  blocks.push(...findingsBlocks(groups));

  blocks.push(...(await remoteClearBlocks(input)));
  return blocks;
}

async function remoteClearBlocks({ implementations, remoteClears }: SyncSectionInput): Promise<ReportBlock[]> {
  const names = implementations.map((i) => i.name);
  const rows = remoteClears.map((row) => [
    row.pages.toLocaleString('en'),
    row.aligned ? 'aligned' : 'misaligned',
    ...names.map((name) => {
      const counts = row.counts[name];
      return counts.deferDirtyLogClearCalls > 0 ? `${counts.clearDirtyLogCalls} (+${counts.deferDirtyLogClearCalls} deferred)` : String(counts.clearDirtyLogCalls);
    }),
  ]);
  const points = remoteClears.filter((row) => !row.aligned).flatMap((row) => names.map((name) => ({ pages: row.pages, implementation: name, calls: row.counts[name].clearDirtyLogCalls })));
  const spec: TopLevelSpec = {
    width: 520,
    height: 280,
    title: 'Remote dirty-log clears per whole-block sync, misaligned blocks',
    data: { values: points },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'pages', type: 'quantitative', scale: { type: 'log' }, title: 'RAMBlock length (pages of 4 KiB, not a multiple of 64)' },
      y: { field: 'calls', type: 'quantitative', scale: { type: 'log' }, title: 'clearDirtyLog calls per sync (ioctls per listener)' },
      color: { field: 'implementation', type: 'nominal', title: 'implementation' },
      strokeDash: { field: 'implementation', type: 'nominal' },
    },
  };
  return [
    heading(3, 'Remote-clear calls per sync'),
    paragraph(
      'The cost the QEMU patch removed, counted from the recorded effects: one whole-block sync with every page dirty. On x86 with SMM each call is two KVM ioctls (two listeners). ' +
        'Before the patch a misaligned block cost one call per page; after it, one per sync. Aligned blocks defer the clear to `clear_bmap` chunks in both.',
    ),
    { kind: 'table', columns: ['pages', 'path', ...names], rows, numeric: [0, ...names.map((_, i) => i + 2)] },
    { kind: 'figure', id: 'remote-clears', svg: await renderPlot(spec), caption: 'clearDirtyLog calls per sync against RAMBlock length, log-log. `reference` and `qemu-pre-patch` grow with the block; `qemu-landed` and `wordwise` make one call (their lines coincide).' },
  ];
}
