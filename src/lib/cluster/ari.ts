/**
 * Adjusted Rand index (Hubert and Arabie, "Comparing partitions", Journal of
 * Classification 2, 1985): agreement of two partitions of the same points,
 * corrected for chance.
 *   ARI = (Σij C(nij, 2) − E) / (½ (Σi C(ai, 2) + Σj C(bj, 2)) − E),
 *   E = Σi C(ai, 2) · Σj C(bj, 2) / C(n, 2)
 * where nij is the contingency table and ai, bj its row and column sums.
 * 1 means identical partitions (up to renaming), about 0 means chance agreement.
 */

function pairs(count: number): number {
	return (count * (count - 1)) / 2;
}

/** Adjusted Rand index of two labelings of the same points; labels are any strings or numbers. */
export function adjustedRandIndex(first: ArrayLike<number | string>, second: ArrayLike<number | string>): number {
	if (first.length !== second.length) {
		throw new Error(`labelings have different lengths ${first.length} and ${second.length}: pass one label per point in both`);
	}
	const count = first.length;
	if (count < 2) return 1;

	const cells = new Map<string, number>();
	const rowSums = new Map<number | string, number>();
	const columnSums = new Map<number | string, number>();
	for (let point = 0; point < count; point++) {
		const key = `${first[point]}\u0000${second[point]}`;
		cells.set(key, (cells.get(key) ?? 0) + 1);
		rowSums.set(first[point], (rowSums.get(first[point]) ?? 0) + 1);
		columnSums.set(second[point], (columnSums.get(second[point]) ?? 0) + 1);
	}

	let index = 0;
	for (const cell of cells.values()) index += pairs(cell);
	let rowPairs = 0;
	for (const sum of rowSums.values()) rowPairs += pairs(sum);
	let columnPairs = 0;
	for (const sum of columnSums.values()) columnPairs += pairs(sum);

	const expected = (rowPairs * columnPairs) / pairs(count);
	const maximum = (rowPairs + columnPairs) / 2;
	// Both partitions are all-singletons or both are one cluster: they agree exactly.
	if (maximum === expected) return 1;
	return (index - expected) / (maximum - expected);
}
