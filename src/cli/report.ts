/**
 * `npm run report [-- --out DIR] [--quick]`: runs the verification and writes `index.html`
 * (self-contained) and `report.md` (with `figures/*.svg`) into DIR (default `report/`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildReport } from '../report/build-report.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string', default: 'report' }, quick: { type: 'boolean', default: false } } });
  const out = resolve(values.out ?? 'report');
  const started = Date.now();
  // Progress only on a terminal: piped or CI output stays quiet until the summary.
  const onProgress = process.stderr.isTTY ? (step: string) => process.stderr.write(`\r\x1b[K${((Date.now() - started) / 1000).toFixed(1)}s ${step}…`) : undefined;
  const report = await buildReport({ quick: values.quick ?? false, onProgress });
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'index.html'), report.html);
  writeFileSync(join(out, 'report.md'), report.markdown.text);
  for (const [path, svg] of report.markdown.files) {
    mkdirSync(dirname(join(out, path)), { recursive: true });
    writeFileSync(join(out, path), svg);
  }
  for (const line of report.summary) console.log(line);
  console.log(`report written in ${((Date.now() - started) / 1000).toFixed(1)} s: ${join(out, 'index.html')} (and report.md)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
});
