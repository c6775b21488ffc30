/**
 * Accuracy, ranking and beyond-accuracy metrics for one user's list or a set
 * of lists. Ranking metrics use binary relevance: an item is relevant to a user
 * when it is in `relevant` (the evaluation decides which test items count).
 * `ranked` is a list of item indices, best first; only its first k entries count.
 */
import type { Interactions } from '../data/types';
import { groupByUser } from './group';

/** Root mean squared error. Throws on empty or unequal inputs. */
export function rmse(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
	checkPairs(predicted, actual);
	let sum = 0;
	for (let i = 0; i < actual.length; i++) sum += (predicted[i] - actual[i]) ** 2;
	return Math.sqrt(sum / actual.length);
}

/** Mean absolute error. Throws on empty or unequal inputs. */
export function mae(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
	checkPairs(predicted, actual);
	let sum = 0;
	for (let i = 0; i < actual.length; i++) sum += Math.abs(predicted[i] - actual[i]);
	return sum / actual.length;
}

function checkPairs(predicted: ArrayLike<number>, actual: ArrayLike<number>): void {
	if (predicted.length !== actual.length) {
		throw new Error(`predicted length ${predicted.length} differs from actual length ${actual.length}`);
	}
	if (actual.length === 0) throw new Error('no pairs to compare: the test set is empty');
}

/** 1 when any of the first k ranked items is relevant, else 0 (hit rate of one user). */
export function hitAtK(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
	const cutoff = Math.min(k, ranked.length);
	for (let position = 0; position < cutoff; position++) {
		if (relevant.has(ranked[position])) return 1;
	}
	return 0;
}

/**
 * Normalised discounted cumulative gain at k for one user:
 * DCG = Σ over relevant items at 1-based rank r ≤ k of 1 / log2(r + 1),
 * divided by the ideal DCG of min(|relevant|, k) relevant items at the top.
 * Returns 0 when there are no relevant items.
 */
export function ndcgAtK(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
	const idealCount = Math.min(relevant.size, k);
	if (idealCount === 0) return 0;
	let dcg = 0;
	const cutoff = Math.min(k, ranked.length);
	for (let position = 0; position < cutoff; position++) {
		if (relevant.has(ranked[position])) dcg += 1 / Math.log2(position + 2);
	}
	let idealDcg = 0;
	for (let position = 0; position < idealCount; position++) idealDcg += 1 / Math.log2(position + 2);
	return dcg / idealDcg;
}

/** Number of relevant items among the first k ranked items. */
function hitsWithin(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
	const cutoff = Math.min(k, ranked.length);
	let hits = 0;
	for (let position = 0; position < cutoff; position++) if (relevant.has(ranked[position])) hits++;
	return hits;
}

/**
 * Precision at k: relevant items in the top k divided by k. The divisor stays
 * k when fewer than k items could be ranked, so such a user cannot reach 1.
 */
export function precisionAtK(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
	return hitsWithin(ranked, relevant, k) / k;
}

/** Recall at k: relevant items in the top k divided by all relevant items; 0 when there are none. */
export function recallAtK(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
	if (relevant.size === 0) return 0;
	return hitsWithin(ranked, relevant, k) / relevant.size;
}

/**
 * Average precision at k for one user:
 * AP@k = (1 / min(|relevant|, k)) × Σ over relevant items at 1-based rank r ≤ k of precision@r.
 * The normaliser min(|relevant|, k) lets a perfect list score 1 even when the
 * user has more than k relevant items. MAP@k is its mean over users.
 */
export function averagePrecisionAtK(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
	const normaliser = Math.min(relevant.size, k);
	if (normaliser === 0) return 0;
	const cutoff = Math.min(k, ranked.length);
	let hits = 0;
	let sum = 0;
	for (let position = 0; position < cutoff; position++) {
		if (!relevant.has(ranked[position])) continue;
		hits++;
		sum += hits / (position + 1);
	}
	return sum / normaliser;
}

/** Reciprocal rank at k: 1 / (1-based rank of the first relevant item) when it is within the top k, else 0. MRR is its mean over users. */
export function reciprocalRankAtK(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
	const cutoff = Math.min(k, ranked.length);
	for (let position = 0; position < cutoff; position++) {
		if (relevant.has(ranked[position])) return 1 / (position + 1);
	}
	return 0;
}

/** Share of the catalogue's `numItems` items that appear in at least one list (each list already cut to k). */
export function catalogueCoverage(lists: Iterable<ArrayLike<number>>, numItems: number): number {
	if (numItems <= 0) return 0;
	const seen = new Uint8Array(numItems);
	let distinct = 0;
	for (const list of lists) {
		for (let position = 0; position < list.length; position++) {
			const item = list[position];
			if (seen[item] === 0) distinct++;
			seen[item] = 1;
		}
	}
	return distinct / numItems;
}

/**
 * Item popularity in the training data: `counts[item]` is the number of
 * distinct users who interacted with the item, and `users` the number of users
 * with at least one training interaction.
 */
export interface ItemPopularity {
	counts: Int32Array;
	users: number;
}

/** Counts, per item, the distinct training users who interacted with it. Linear in rows. */
export function itemPopularity(train: Interactions): ItemPopularity {
	const counts = new Int32Array(train.numItems);
	const byUser = groupByUser(train);
	// The last user counted per item, so a repeated user–item pair counts once.
	const lastUser = new Int32Array(train.numItems).fill(-1);
	let users = 0;
	for (let user = 0; user < train.numUsers; user++) {
		const start = byUser.offsets[user];
		const end = byUser.offsets[user + 1];
		if (end > start) users++;
		for (let position = start; position < end; position++) {
			const item = train.items[byUser.rows[position]];
			if (lastUser[item] !== user) counts[item]++;
			lastUser[item] = user;
		}
	}
	return { counts, users };
}

/**
 * Novelty of one list: the mean self-information −log2(p(i)) of its items,
 * where the popularity share p(i) is the share of training users who
 * interacted with item i (see {@link itemPopularity}). An item no training
 * user has seen counts as seen by one user, so its novelty stays finite (log2 of the user count).
 * Returns NaN for an empty list.
 */
export function noveltyOfList(ranked: ArrayLike<number>, popularity: ItemPopularity): number {
	if (ranked.length === 0 || popularity.users === 0) return Number.NaN;
	let sum = 0;
	for (let position = 0; position < ranked.length; position++) {
		const count = Math.max(1, popularity.counts[ranked[position]]);
		sum += -Math.log2(count / popularity.users);
	}
	return sum / ranked.length;
}

/** Mean popularity (training users per item, see {@link itemPopularity}) of the listed items; NaN for an empty list. */
export function averagePopularityOfList(ranked: ArrayLike<number>, popularity: ItemPopularity): number {
	if (ranked.length === 0) return Number.NaN;
	let sum = 0;
	for (let position = 0; position < ranked.length; position++) sum += popularity.counts[ranked[position]];
	return sum / ranked.length;
}

/**
 * Intra-list diversity of one list: the mean over all unordered pairs of listed
 * items of the distance 1 − similarity(i, j). Returns NaN for lists of fewer
 * than two items, which have no pairs.
 */
export function intraListDiversity(ranked: ArrayLike<number>, similarity: (a: number, b: number) => number): number {
	if (ranked.length < 2) return Number.NaN;
	let sum = 0;
	let pairs = 0;
	for (let first = 0; first < ranked.length; first++) {
		for (let second = first + 1; second < ranked.length; second++) {
			sum += 1 - similarity(ranked[first], ranked[second]);
			pairs++;
		}
	}
	return sum / pairs;
}

/**
 * Cosine similarity of items described by sets of features such as genres
 * (binary vectors): |A ∩ B| / sqrt(|A| × |B|). An item without features has
 * similarity 0 to every item, so it counts as fully distant.
 */
export function featureSetSimilarity(features: readonly (readonly string[])[]): (a: number, b: number) => number {
	const sets = features.map((list) => new Set(list));
	return (a, b) => {
		const first = sets[a];
		const second = sets[b];
		if (!first || !second || first.size === 0 || second.size === 0) return 0;
		let shared = 0;
		for (const feature of first) if (second.has(feature)) shared++;
		return shared / Math.sqrt(first.size * second.size);
	};
}
