/**
 * The findings × revisions table of a history run: a row per (law, family) broken at some revision,
 * a column per revision, and under it which commit introduced or removed each finding.
 */
import type { LawId } from '../sync/laws/law.ts';

/** One revision's result, as the table needs it. */
export interface RevisionFindings {
  /** The revision as given, or the commit's short hash. */
  readonly revision: string;
  /** The commit's full hash. */
  readonly commit: string;
  /** The commit's subject line. */
  readonly subject: string;
  /** The layout found, or why the revision could not be checked. */
  readonly layout: string;
  /** The broken (law, family) pairs and how each broke; undefined when the revision could not be built. */
  readonly findings?: readonly { readonly law: LawId; readonly family: string; readonly kind: string; readonly summary: string }[];
  /** Why the revision could not be built. */
  readonly error?: string;
}

/** One change of a finding between consecutive revisions. */
export interface FindingChange {
  /** `law family`. */
  readonly finding: string;
  /** `introduced` or `removed`. */
  readonly change: 'introduced' | 'removed';
  /** The revision at which it changed. */
  readonly revision: RevisionFindings;
}

/**
 * The findings seen at any revision, as `law family`, in law then family order of first appearance.
 * @param revisions - the results, oldest first
 * @returns the row keys
 */
export function findingKeys(revisions: readonly RevisionFindings[]): string[] {
  const keys: string[] = [];
  for (const revision of revisions) for (const f of revision.findings ?? []) if (!keys.includes(`${f.law} ${f.family}`)) keys.push(`${f.law} ${f.family}`);
  return keys.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/**
 * The changes between consecutive revisions that were both checked.
 * @param revisions - the results, oldest first
 * @returns the changes, in revision order
 */
export function findingChanges(revisions: readonly RevisionFindings[]): FindingChange[] {
  const changes: FindingChange[] = [];
  let previous: Set<string> | undefined;
  for (const revision of revisions) {
    if (!revision.findings) continue;
    const current = new Set(revision.findings.map((f) => `${f.law} ${f.family}`));
    if (previous) {
      for (const key of current) if (!previous.has(key)) changes.push({ finding: key, change: 'introduced', revision });
      for (const key of previous) if (!current.has(key)) changes.push({ finding: key, change: 'removed', revision });
    }
    previous = current;
  }
  return changes;
}

/**
 * Formats the table and the list of changes.
 * @param revisions - the results, oldest first
 * @returns the lines
 */
export function formatHistoryTable(revisions: readonly RevisionFindings[]): string[] {
  const keys = findingKeys(revisions);
  const columns = revisions.map((r) => r.commit.slice(0, 10));
  const keyWidth = Math.max(7, ...keys.map((k) => k.length));
  const lines = [`${'finding'.padEnd(keyWidth)}  ${columns.join(' ')}`];
  for (const key of keys) {
    const cells = revisions.map((r, i) => {
      const width = columns[i]?.length ?? 10;
      if (!r.findings) return '?'.padEnd(width);
      const found = r.findings.find((f) => `${f.law} ${f.family}` === key);
      return (found ? (found.kind === 'finding' ? 'x' : found.kind) : '.').padEnd(width);
    });
    lines.push(`${key.padEnd(keyWidth)}  ${cells.join(' ')}`.trimEnd());
  }
  lines.push('', 'x: the law is broken on the family; .: it holds; ?: the revision could not be checked', '', 'revisions:');
  for (const r of revisions) lines.push(`  ${r.commit.slice(0, 10)} ${r.subject}  [${r.error ? `not checked: ${r.error}` : r.layout}]`);
  const changes = findingChanges(revisions);
  lines.push('', changes.length === 0 ? 'no finding changed between these revisions' : 'changes:');
  for (const c of changes) lines.push(`  ${c.revision.commit.slice(0, 10)} ${c.change} ${c.finding}  (${c.revision.subject})`);
  return lines;
}
