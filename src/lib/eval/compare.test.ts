import { describe, expect, it } from 'vitest';
import {
	bootstrapMeanInterval,
	bootstrapMeans,
	compareModels,
	concatPerUser,
	pairedBootstrapTest,
	quantileOfSorted
} from './compare';
import { PER_USER_METRICS, type PerUserMetric, type PerUserMetrics } from './evaluate';

/** Per-user metrics where every metric has the given values. */
function perUser(users: number[], values: number[]): PerUserMetrics {
	const arrays = Object.fromEntries(PER_USER_METRICS.map((metric) => [metric, Float64Array.from(values)])) as Record<PerUserMetric, Float64Array>;
	return { users: Int32Array.from(users), values: arrays };
}

describe('quantileOfSorted', () => {
	it('interpolates between order statistics', () => {
		// Position (5 − 1) × 0.25 = 1 → 20; (5 − 1) × 0.9 = 3.6 → 40 + 0.6 × 10.
		expect(quantileOfSorted([10, 20, 30, 40, 50], 0.25)).toBe(20);
		expect(quantileOfSorted([10, 20, 30, 40, 50], 0.9)).toBeCloseTo(46, 10);
		expect(quantileOfSorted([], 0.5)).toBeNaN();
	});
});

describe('bootstrapMeanInterval', () => {
	it('collapses to the value for constant data', () => {
		expect(bootstrapMeanInterval([0.3, 0.3, 0.3, 0.3])).toEqual({ mean: 0.3, lower: 0.3, upper: 0.3 });
	});

	it('brackets the mean and repeats for a seed', () => {
		const values = Array.from({ length: 200 }, (_, i) => (i % 10) / 10);
		const interval = bootstrapMeanInterval(values, { seed: 7 });
		expect(interval.mean).toBeCloseTo(0.45, 10);
		expect(interval.lower).toBeLessThan(0.45);
		expect(interval.upper).toBeGreaterThan(0.45);
		// Standard error of the mean: sd 0.287 / √200 ≈ 0.0203, so the 95% half-width is near 1.96 × 0.0203 ≈ 0.040.
		expect(interval.upper - interval.lower).toBeGreaterThan(0.06);
		expect(interval.upper - interval.lower).toBeLessThan(0.1);
		expect(bootstrapMeanInterval(values, { seed: 7 })).toEqual(interval);
		expect(bootstrapMeanInterval(values, { seed: 8 })).not.toEqual(interval);
	});

	it('rejects invalid options', () => {
		expect(() => bootstrapMeanInterval([1], { resamples: 0 })).toThrow(/invalid resamples 0/);
		expect(() => bootstrapMeanInterval([1], { confidence: 1 })).toThrow(/invalid confidence 1/);
	});
});

describe('bootstrapMeans', () => {
	it('resamples series together', () => {
		// b = a + 1 everywhere, so every resample's means differ by exactly 1.
		const [meansA, meansB] = bootstrapMeans([[1, 5, 2, 8], [2, 6, 3, 9]], 50, 3);
		for (let resample = 0; resample < 50; resample++) expect(meansB[resample] - meansA[resample]).toBeCloseTo(1, 10);
	});

	it('rejects series of different lengths', () => {
		expect(() => bootstrapMeans([[1, 2], [1]], 10, 0)).toThrow(/series lengths differ/);
	});
});

describe('pairedBootstrapTest', () => {
	it('gives p = 1 for identical models', () => {
		const result = pairedBootstrapTest([0, 1, 1, 0, 1], [0, 1, 1, 0, 1], { resamples: 200 });
		expect(result.meanDifference).toBe(0);
		expect(result.pValue).toBe(1);
	});

	it('gives the smallest p for a constant difference', () => {
		// Centred differences are all 0, so no resample reaches |d̄| = 0.5: p = 1 / (B + 1).
		const result = pairedBootstrapTest([1, 1.5, 2, 3], [0.5, 1, 1.5, 2.5], { resamples: 999 });
		expect(result.meanDifference).toBeCloseTo(0.5, 10);
		expect(result.pValue).toBeCloseTo(1 / 1000, 12);
		expect(result.lower).toBeCloseTo(0.5, 10);
		expect(result.upper).toBeCloseTo(0.5, 10);
	});

	it('matches the exact bootstrap p of a three-user case', () => {
		// Differences 1, 2, 6: d̄ = 3, centred −2, −1, 3. Of the 3³ = 27 equally likely resamples, only
		// (3, 3, 3) has a mean of absolute value ≥ 3 (the next largest are (3, 3, −1) → 5/3 and
		// (−2, −2, −2) → −2), so the exact p is 1/27 ≈ 0.0370. With B = 20,000 the estimate's standard
		// error is about √(0.037 × 0.963 / 20000) ≈ 0.0013.
		const result = pairedBootstrapTest([1, 2, 6], [0, 0, 0], { resamples: 20_000, seed: 11 });
		expect(result.meanDifference).toBe(3);
		expect(Math.abs(result.pValue - 1 / 27)).toBeLessThan(0.005);
	});

	it('finds a clear difference significant and noise not', () => {
		const random = Array.from({ length: 300 }, (_, i) => Math.sin(i * 12.9898) * 0.5 + 0.5);
		const better = random.map((value) => value + 0.2);
		expect(pairedBootstrapTest(better, random).pValue).toBeLessThan(0.01);
		const shuffled = random.map((_, i) => random[(i * 7) % 300]);
		expect(pairedBootstrapTest(shuffled, random).pValue).toBeGreaterThan(0.05);
	});
});

describe('compareModels', () => {
	const users = [0, 1, 2, 3, 4, 5];
	const strong = perUser(users, [1, 1, 1, 1, 0, 1]);
	const weak = perUser(users, [0, 1, 0, 0, 0, 1]);

	it('marks the best model and tests the others against it', () => {
		const [hitRate] = compareModels(
			[
				{ model: 'weak', perUser: weak },
				{ model: 'strong', perUser: strong }
			],
			{ metrics: ['hitRate'], seed: 1 }
		);
		expect(hitRate.metric).toBe('hitRate');
		expect(hitRate.usersCompared).toBe(6);
		const [weakRow, strongRow] = hitRate.rows;
		expect(strongRow.isBest).toBe(true);
		expect(strongRow.pValue).toBeNull();
		expect(strongRow.mean).toBeCloseTo(5 / 6, 10);
		expect(weakRow.isBest).toBe(false);
		expect(weakRow.mean).toBeCloseTo(2 / 6, 10);
		expect(weakRow.differenceFromBest).toBeCloseTo(-0.5, 10);
		expect(weakRow.pValue).toBeGreaterThan(0);
		expect(weakRow.pValue).toBeLessThan(0.2);
		expect(weakRow.lower).toBeLessThanOrEqual(weakRow.mean);
		expect(weakRow.upper).toBeGreaterThanOrEqual(weakRow.mean);
	});

	it('compares the default ranking metrics', () => {
		const comparisons = compareModels([{ model: 'strong', perUser: strong }]);
		expect(comparisons.map((comparison) => comparison.metric)).toEqual(['hitRate', 'ndcg', 'precision', 'recall', 'map', 'mrr']);
	});

	it('drops users with a missing value for any model', () => {
		const gappy = perUser(users, [0.5, Number.NaN, 0.5, 0.5, 0.5, 0.5]);
		const [diversity] = compareModels(
			[
				{ model: 'gappy', perUser: gappy },
				{ model: 'strong', perUser: strong }
			],
			{ metrics: ['diversity'] }
		);
		expect(diversity.usersCompared).toBe(5);
		// Strong without user 1: 4 of 5.
		expect(diversity.rows[1].mean).toBeCloseTo(0.8, 10);
	});

	it('rejects models ranked on different users', () => {
		const other = perUser([0, 1, 2, 3, 4, 6], [1, 1, 1, 1, 1, 1]);
		expect(() =>
			compareModels([
				{ model: 'a', perUser: strong },
				{ model: 'b', perUser: other }
			])
		).toThrow(/models 'a' and 'b' ranked different users/);
	});

	it('joins folds into one paired sample', () => {
		const joined = concatPerUser([perUser([0, 2], [1, 0]), perUser([1], [0.5])]);
		expect(Array.from(joined.users)).toEqual([0, 2, 1]);
		expect(Array.from(joined.values.ndcg)).toEqual([1, 0, 0.5]);
	});
});
