/**
 * Renders the report's blocks as one self-contained HTML page: inline CSS, inline SVG, no scripts, no
 * external resources, so it opens from disk anywhere.
 */
import type { ReportBlock } from './report-document.ts';

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; max-width: 1100px; margin: 2rem auto; padding: 0 1rem; color: #111827; }
h1 { font-size: 1.7rem; margin-bottom: 0.2rem; } h2 { margin-top: 2.5rem; border-bottom: 2px solid #e5e7eb; } h3 { margin-top: 1.8rem; }
table { border-collapse: collapse; margin: 0.8rem 0; font-size: 13px; } th, td { border: 1px solid #d1d5db; padding: 3px 8px; vertical-align: top; text-align: left; }
th { background: #f3f4f6; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
code { background: #f3f4f6; padding: 0 3px; border-radius: 3px; font-size: 0.92em; }
pre { background: #f9fafb; border: 1px solid #e5e7eb; padding: 0.6rem; overflow-x: auto; font-size: 12px; line-height: 1.35; }
figure { margin: 1rem 0; overflow-x: auto; } figcaption { font-size: 13px; color: #4b5563; margin-top: 0.3rem; max-width: 900px; }
.lead { color: #374151; }
nav.toc { background: #f9fafb; border: 1px solid #e5e7eb; padding: 0.6rem 1rem; margin: 1rem 0; } nav.toc ul { margin: 0.3rem 0; padding-left: 1.2rem; }
nav.toc li.toc3 { margin-left: 1.4rem; list-style: circle; font-size: 14px; }
p.status { padding: 0.35rem 0.6rem; border-left: 5px solid; } p.status .badge { font-weight: 700; font-size: 12px; padding: 1px 6px; border-radius: 3px; color: white; margin-right: 0.4rem; }
p.status.known { border-color: #16a34a; background: #f0fdf4; } p.status.known .badge { background: #16a34a; }
p.status.new { border-color: #dc2626; background: #fef2f2; } p.status.new .badge { background: #dc2626; }
dl.provenance { display: grid; grid-template-columns: max-content auto; gap: 0.1rem 1rem; font-size: 13px; color: #374151; } dl.provenance dt { font-weight: 600; } dl.provenance dd { margin: 0; }
`;

/** Escapes text for HTML, then applies the paragraph markup (`**bold**`, `` `code` ``). */
function inline(text: string): string {
  return escape(text)
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/`([^`]+)`/g, '<code>$1</code>');
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function block(b: ReportBlock): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level} id="${b.id}">${inline(b.text)}</h${b.level}>`;
    case 'status':
      return `<p class="status ${b.status}"><span class="badge">${b.status === 'known' ? 'KNOWN, expected' : 'NEW, not in the known list'}</span> ${inline(b.text)}</p>`;
    case 'contents': {
      const items = b.entries.map((e) => `<li class="toc${e.level}"><a href="#${e.id}">${inline(e.text)}</a></li>`).join('\n');
      return `<nav class="toc"><strong>Contents</strong><ul>\n${items}\n</ul></nav>`;
    }
    case 'paragraph':
      return `<p>${inline(b.text)}</p>`;
    case 'code':
      return `<pre>${escape(b.text)}</pre>`;
    case 'figure':
      return `<figure id="${b.id}">${b.svg}<figcaption>${inline(b.caption)}</figcaption></figure>`;
    case 'table': {
      const numeric = new Set(b.numeric ?? []);
      const head = `<tr>${b.columns.map((c) => `<th>${inline(c)}</th>`).join('')}</tr>`;
      const rows = b.rows.map((row) => `<tr>${row.map((cell, i) => `<td${numeric.has(i) ? ' class="num"' : ''}>${inline(cell)}</td>`).join('')}</tr>`).join('\n');
      return `<table>\n${head}\n${rows}\n</table>`;
    }
  }
}

/**
 * Renders a whole page.
 * @param title - the page title
 * @param lead - one paragraph under the title
 * @param blocks - the report's blocks
 * @param provenance - (label, value) pairs under the title: commit, date, version, seed, runs
 * @returns the HTML document
 */
export function renderHtml(title: string, lead: string, blocks: readonly ReportBlock[], provenance: readonly (readonly [string, string])[] = []): string {
  const header = provenance.length === 0 ? '' : `<dl class="provenance">${provenance.map(([k, v]) => `<dt>${escape(k)}</dt><dd>${inline(v)}</dd>`).join('')}</dl>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title><style>${STYLE}</style></head>
<body>
<h1>${escape(title)}</h1>
<p class="lead">${inline(lead)}</p>
${header}
${blocks.map(block).join('\n')}
</body></html>
`;
}
