/**
 * The samples docs/migration-loop.md shows, computed from the current code: `tsx scripts/loop-doc-samples.ts`
 * prints each under its id; properties/docs/migration-loop-samples.test.ts holds the document to them.
 */
import { loopSampleTexts } from '../properties/docs/loop-samples.ts';

const samples = await loopSampleTexts();
for (const [id, text] of Object.entries(samples)) process.stdout.write(`<!-- sample: ${id} -->\n\`\`\`text\n${text}\n\`\`\`\n\n`);
