import { describe, expect, it } from 'vitest';
import type { Interactions } from '../data/types';
import {
	averagePopularityOfList,
	averagePrecisionAtK,
	catalogueCoverage,
	featureSetSimilarity,
	hitAtK,
	intraListDiversity,
	itemPopularity,
	mae,
	ndcgAtK,
	noveltyOfList,
	precisionAtK,
	recallAtK,
	reciprocalRankAtK,
	rmse
} from './metrics';
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

describe('precision, recall, AP and RR at k', () => {
	// Ranked 5, 2, 9, 1 with relevant {2, 1, 7}: hits at ranks 2 and 4.
	const ranked = [5, 2, 9, 1];
	const relevant = new Set([2, 1, 7]);

	it('computes precision@k with divisor k', () => {
		expect(precisionAtK(ranked, relevant, 2)).toBeCloseTo(1 / 2, 10); // 1 hit in 2
		expect(precisionAtK(ranked, relevant, 4)).toBeCloseTo(2 / 4, 10);
		// k beyond the list: 2 hits, still divided by k = 10.
		expect(precisionAtK(ranked, relevant, 10)).toBeCloseTo(2 / 10, 10);
	});

	it('computes recall@k over all relevant items', () => {
		expect(recallAtK(ranked, relevant, 3)).toBeCloseTo(1 / 3, 10);
		expect(recallAtK(ranked, relevant, 4)).toBeCloseTo(2 / 3, 10);
		expect(recallAtK(ranked, new Set(), 4)).toBe(0);
	});

	it('computes AP@k with normaliser min(relevant, k)', () => {
		// k = 4: precision@2 = 1/2, precision@4 = 2/4; normaliser min(3, 4) = 3 → (0.5 + 0.5) / 3.
		expect(averagePrecisionAtK(ranked, relevant, 4)).toBeCloseTo(1 / 3, 10);
		// k = 2: only the hit at rank 2 counts; normaliser min(3, 2) = 2 → 0.5 / 2.
		expect(averagePrecisionAtK(ranked, relevant, 2)).toBeCloseTo(0.25, 10);
		// A perfect top 2 of a user with 3 relevant items reaches 1.
		expect(averagePrecisionAtK([2, 1, 5], relevant, 2)).toBe(1);
		expect(averagePrecisionAtK(ranked, new Set(), 4)).toBe(0);
	});

	it('computes the reciprocal rank within k', () => {
		expect(reciprocalRankAtK(ranked, relevant, 4)).toBe(1 / 2);
		expect(reciprocalRankAtK(ranked, relevant, 1)).toBe(0);
		expect(reciprocalRankAtK([], relevant, 4)).toBe(0);
	});
});

describe('beyond-accuracy metrics', () => {
	// Training data: user 0 has items 0, 1; user 1 has items 0, 2 (and item 0 twice); user 2 has item 0.
	// Item 3 has no training users. Popularity (distinct users): [3, 1, 1, 0], over 3 users.
	const train: Interactions = {
		users: Int32Array.of(1, 0, 2, 1, 0, 1),
		items: Int32Array.of(0, 0, 0, 2, 1, 0),
		values: new Float32Array(6).fill(1),
		times: null,
		numUsers: 4,
		numItems: 4
	};
	const popularity = itemPopularity(train);

	it('counts distinct training users per item', () => {
		expect(Array.from(popularity.counts)).toEqual([3, 1, 1, 0]);
		expect(popularity.users).toBe(3);
	});

	it('computes coverage over the catalogue', () => {
		// Items 0, 1, 2 appear; 3 of 4.
		expect(catalogueCoverage([[0, 1], [1, 2], []], 4)).toBe(0.75);
		expect(catalogueCoverage([], 4)).toBe(0);
	});

	it('computes novelty as mean self-information', () => {
		// Item 0: −log2(3/3) = 0; item 1: −log2(1/3) = log2 3. Mean = log2(3) / 2.
		expect(noveltyOfList([0, 1], popularity)).toBeCloseTo(Math.log2(3) / 2, 10);
		// Item 3 has no training users and counts as one: −log2(1/3).
		expect(noveltyOfList([3], popularity)).toBeCloseTo(Math.log2(3), 10);
		expect(noveltyOfList([], popularity)).toBeNaN();
	});

	it('computes the average popularity of a list', () => {
		// (3 + 1 + 0) / 3.
		expect(averagePopularityOfList([0, 1, 3], popularity)).toBeCloseTo(4 / 3, 10);
	});

	it('computes intra-list diversity from genre sets', () => {
		const similarity = featureSetSimilarity([['Drama'], ['Drama', 'Comedy'], ['Horror'], []]);
		// cos(0, 1) = 1 / sqrt(1 × 2); cos(0, 2) = 0; cos(1, 2) = 0.
		expect(similarity(0, 1)).toBeCloseTo(1 / Math.SQRT2, 10);
		expect(similarity(0, 3)).toBe(0);
		// Distances 1 − 1/√2, 1, 1 over three pairs.
		expect(intraListDiversity([0, 1, 2], similarity)).toBeCloseTo((3 - 1 / Math.SQRT2) / 3, 10);
		expect(intraListDiversity([0], similarity)).toBeNaN();
	});

	it('accepts any similarity callback', () => {
		expect(intraListDiversity([4, 5, 6], () => 0.25)).toBeCloseTo(0.75, 10);
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
