/**
 * Accuracy and ranking metrics. Ranking metrics use binary relevance: an item
 * is relevant to a user when it is among that user's test items.
 */

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
