/**
 * Renders the report's blocks as Markdown; figures become SVG files beside it, referenced by path.
 */
import type { ReportBlock } from './report-document.ts';

/** The Markdown text and the figure files it refers to (relative path → SVG text). */
export interface MarkdownReport {
  readonly text: string;
  readonly files: ReadonlyMap<string, string>;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/**
 * Renders a whole report.
 * @param title - the title
 * @param lead - one paragraph under the title
 * @param blocks - the report's blocks
 * @param provenance - (label, value) pairs under the title: commit, date, version, seed, runs
 * @returns the Markdown and its figure files (under `figures/`)
 */
export function renderMarkdown(title: string, lead: string, blocks: readonly ReportBlock[], provenance: readonly (readonly [string, string])[] = []): MarkdownReport {
  const files = new Map<string, string>();
  const parts = [`# ${title}`, lead, ...(provenance.length === 0 ? [] : [provenance.map(([k, v]) => `**${k}:** ${v}`).join('  \n')])];
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading':
        parts.push(`<a id="${b.id}"></a>\n\n${'#'.repeat(b.level)} ${b.text}`);
        break;
      case 'status':
        parts.push(`> **${b.status === 'known' ? 'KNOWN, expected' : 'NEW, not in the known list'}.** ${b.text}`);
        break;
      case 'contents':
        parts.push(['**Contents**', '', ...b.entries.map((e) => `${e.level === 3 ? '  ' : ''}- [${e.text.replace(/[[\]]/g, '')}](#${e.id})`)].join('\n'));
        break;
      case 'paragraph':
        parts.push(b.text);
        break;
      case 'code':
        parts.push(`\`\`\`\n${b.text}\n\`\`\``);
        break;
      case 'figure': {
        const path = `figures/${b.id}.svg`;
        files.set(path, b.svg);
        parts.push(`![${cell(b.caption)}](${path})\n\n*${b.caption}*`);
        break;
      }
      case 'table': {
        const numeric = new Set(b.numeric ?? []);
        const align = b.columns.map((_, i) => (numeric.has(i) ? '---:' : '---'));
        parts.push([b.columns, align, ...b.rows].map((row) => `| ${row.map(cell).join(' | ')} |`).join('\n'));
        break;
      }
    }
  }
  return { text: `${parts.join('\n\n')}\n`, files };
}
