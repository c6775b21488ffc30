/**
 * Candidate sets for ranking: full ranking over every item a user has not
 * trained on (the default), or sampled negatives as in He et al. 2017,
 * "Neural Collaborative Filtering" (each test item ranked against N sampled
 * items the user never interacted with).
 */

/** Candidate set that a user's test items are ranked against. */
export type CandidateSet = 'full' | { sampledNegatives: number; seed: number };

/** Label for result tables, such as "full ranking" or "100 sampled negatives". */
export function describeCandidates(candidates: CandidateSet): string {
	if (candidates === 'full') return 'full ranking';
	return `${candidates.sampledNegatives} sampled negative${candidates.sampledNegatives === 1 ? '' : 's'}`;
}

export function checkCandidates(candidates: CandidateSet): void {
	if (candidates === 'full') return;
	const { sampledNegatives, seed } = candidates;
	if (!(Number.isInteger(sampledNegatives) && sampledNegatives >= 1)) {
		throw new Error(`invalid sampledNegatives ${sampledNegatives}: expected a whole number of 1 or more, such as 100`);
	}
	if (!Number.isFinite(seed)) throw new Error(`invalid seed ${seed}: expected a number`);
}

/**
 * Draws `count` distinct items, uniformly, among those with `excluded[item] === 0`;
 * `excludedCount` is how many items are marked. Returns every allowed item when
 * there are no more than `count`. Uses rejection sampling while allowed items
 * are plentiful and a partial shuffle of the allowed items otherwise, so the
 * cost stays near `count` draws, or one pass over the items.
 */
export function sampleNegatives(
	numItems: number,
	excluded: Uint8Array,
	excludedCount: number,
	count: number,
	random: () => number
): Int32Array {
	const available = numItems - excludedCount;
	if (available <= 0) return new Int32Array(0);

	if (available >= 2 * count) {
		const chosen = new Set<number>();
		const result = new Int32Array(count);
		while (chosen.size < count) {
			const item = Math.floor(random() * numItems);
			if (excluded[item] === 1 || chosen.has(item)) continue;
			result[chosen.size] = item;
			chosen.add(item);
		}
		return result;
	}

	const allowed = new Int32Array(available);
	let cursor = 0;
	for (let item = 0; item < numItems; item++) if (excluded[item] === 0) allowed[cursor++] = item;
	const take = Math.min(count, available);
	for (let i = 0; i < take; i++) {
		const j = i + Math.floor(random() * (available - i));
		const swap = allowed[i];
		allowed[i] = allowed[j];
		allowed[j] = swap;
	}
	return allowed.slice(0, take);
}

/**
 * 0-based rank of `target` among `target` and `others`, by score, with the
 * same tie rule as topK: a higher score wins, an equal score goes to the lower
 * item index, and NaN ranks last.
 */
export function rankAmong(target: number, targetScore: number, others: ArrayLike<number>, otherScores: ArrayLike<number>): number {
	const score = Number.isNaN(targetScore) ? -Infinity : targetScore;
	let rank = 0;
	for (let i = 0; i < others.length; i++) {
		const other = Number.isNaN(otherScores[i]) ? -Infinity : otherScores[i];
		if (other > score || (other === score && others[i] < target)) rank++;
	}
	return rank;
}
