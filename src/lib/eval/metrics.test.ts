import { describe, expect, it } from 'vitest';
import { hitAtK, mae, ndcgAtK, rmse } from './metrics';
import { topK } from './top-k';

describe('rating metrics', () => {
	// Errors −1, 0, −2, 4: squares sum to 21, absolute values to 7.
	const predicted = [3, 4, 2, 5];
	const actual = [4, 4, 4, 1];

	it('computes RMSE of four pairs', () => {
		expect(rmse(predicted, actual)).toBeCloseTo(Math.sqrt(21 / 4), 10);
	});

	it('computes MAE of four pairs', () => {
		expect(mae(predicted, actual)).toBeCloseTo(1.75, 10);
	});

	it('rejects empty and unequal inputs', () => {
		expect(() => rmse([], [])).toThrow(/test set is empty/);
		expect(() => mae([1], [1, 2])).toThrow(/predicted length 1 differs from actual length 2/);
	});
});

describe('ranking metrics', () => {
	const ranked = [5, 2, 9, 1];
	const relevant = new Set([2, 1, 7]);

	it('computes NDCG@3 of a worked list', () => {
		// Only item 2 (rank 2) is relevant within the top 3: DCG = 1/log2(3).
		// Ideal: 3 relevant items at ranks 1..3 = 1 + 1/log2(3) + 1/2.
		const expected = 1 / Math.log2(3) / (1 + 1 / Math.log2(3) + 0.5);
		expect(ndcgAtK(ranked, relevant, 3)).toBeCloseTo(expected, 10);
		expect(ndcgAtK(ranked, relevant, 3)).toBeCloseTo(0.29608, 5);
	});

	it('limits the ideal DCG to the relevant count', () => {
		expect(ndcgAtK([4, 8, 6], new Set([4]), 3)).toBe(1);
	});

	it('counts a hit only within the cut-off', () => {
		expect(hitAtK(ranked, relevant, 3)).toBe(1);
		expect(hitAtK(ranked, new Set([1]), 3)).toBe(0);
		expect(hitAtK(ranked, new Set([1]), 4)).toBe(1);
	});
});

describe('topK', () => {
	it('orders by score with ties to the lower index', () => {
		expect(Array.from(topK([1, 3, 3, 0, 2], 3))).toEqual([1, 2, 4]);
	});

	it('skips excluded items and ranks NaN last', () => {
		expect(Array.from(topK([Number.NaN, 5, 4, 1], 4, (item) => item === 1))).toEqual([2, 3, 0]);
	});

	it('returns every item when k exceeds the count', () => {
		expect(Array.from(topK([2, 1], 10))).toEqual([0, 1]);
	});
});
