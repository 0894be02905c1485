/**
 * The laws of docs/specification.md in order, as every property and report iterates them.
 */
import { rangeError } from '../../check.ts';
import { emptyLaw, rearmLaw, remoteClearLaw } from './effect-laws.ts';
import type { LawId, SyncLaw } from './law.ts';
import { splitLaw } from './split-law.ts';
import { countLaw, harvestLaw, localityLaw, monotoneLaw, stateLaw } from './state-laws.ts';

/** L1–L9. */
export const LAWS: readonly SyncLaw[] = [stateLaw, localityLaw, monotoneLaw, countLaw, harvestLaw, remoteClearLaw, rearmLaw, emptyLaw, splitLaw];

/**
 * Looks a law up by id.
 * @param id - `L1` … `L9`
 * @returns the law
 * @throws RangeError for an unknown id
 */
export function lawById(id: LawId): SyncLaw {
  const law = LAWS.find((candidate) => candidate.id === id);
  if (!law) throw rangeError('lawById', 'id', `one of ${LAWS.map((l) => l.id).join(', ')}`, id);
  return law;
}
