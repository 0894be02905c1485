/**
 * The child process of {@link runQemuLaws}: loads the QEMU library, runs each (law, family) with the
 * native runner's journal watching every call, and writes the outcomes as JSON. Run as a script.
 */
import { writeFileSync, readFileSync } from 'node:fs';
import type { PropertySettings } from '../property-settings.ts';
import { CASE_FAMILIES } from '../sync/case-families.ts';
import { formatCounterexample } from '../sync/counterexample-format.ts';
import { lawById } from '../sync/laws/catalogue.ts';
import type { LawId } from '../sync/laws/law.ts';
import { checkEntry } from '../sync/law-suite.ts';
import { CALL_JOURNAL_VARIABLE, openCallJournal } from '../sync/native/call-journal.ts';
import { bindNativeSync } from '../sync/native/native-sync.ts';
import type { QemuLawOutcome } from './law-run.ts';

interface Request {
  readonly libraryPath: string;
  readonly label: string;
  readonly replayPrefix: string;
  readonly laws: readonly LawId[];
  readonly families: readonly string[];
  readonly settings: PropertySettings;
  readonly expectedPairs: readonly string[];
  readonly resultPath: string;
}

const requestPath = process.argv[2];
if (requestPath === undefined) throw new Error('law-run-child: the request file is the first argument');
const request = JSON.parse(readFileSync(requestPath, 'utf8')) as Request;
const journalPath = process.env[CALL_JOURNAL_VARIABLE];
const journal = journalPath ? openCallJournal(journalPath) : undefined;
const bound = { name: request.label, description: `QEMU's sync, ${request.libraryPath}`, syncDirtyBitmap: bindNativeSync(request.libraryPath, request.label) };
const implementation = journal ? journal.watch(bound) : bound;
const outcomes: QemuLawOutcome[] = [];
for (const lawId of request.laws) {
  for (const familyName of request.families) {
    const family = CASE_FAMILIES.find((f) => f.name === familyName);
    if (!family) throw new Error(`law-run-child: unknown family ${familyName}`);
    journal?.setContext({ law: lawId, family: familyName, seed: request.settings.seed });
    // A baseline's finding is searched for with ten times the runs, as the built-in suite does for its known findings.
    const factor = request.expectedPairs.includes(`${lawId}:${familyName}`) ? 10 : 1;
    const { result } = checkEntry(implementation, family, lawById(lawId), { ...request.settings, numRuns: request.settings.numRuns * factor }, false);
    const example = result.counterexample;
    outcomes.push({
      law: lawId,
      family: familyName,
      kind: example ? 'finding' : 'held',
      runs: result.runs,
      summary: example?.violation ?? '',
      report: example ? formatCounterexample(result, `${request.replayPrefix} --family ${familyName} --law ${lawId}`) : '',
    });
    writeFileSync(request.resultPath, JSON.stringify(outcomes));
  }
}
