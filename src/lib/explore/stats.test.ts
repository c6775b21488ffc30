import { describe, expect, it } from 'vitest';
import type { Dataset, ItemMetadata } from '../data/types';
import { computeDatasetStats } from './stats';
import { frequencyOfCounts, linearBars, log2CountBars, log2ValueBars, spreadOfCounts } from './histogram';

const DAY = 86_400_000;
const JAN_1 = Date.UTC(2024, 0, 1);

interface Row {
	user: number;
	item: number;
	value: number;
	time?: number;
}

function makeDataset(rows: Row[], options: Partial<Pick<Dataset, 'kind' | 'scale' | 'items'>> & { numUsers?: number; numItems?: number } = {}): Dataset {
	const hasTimes = rows.some((row) => row.time !== undefined);
	return {
		id: 'tiny',
		name: 'tiny',
		kind: options.kind ?? 'explicit',
		scale: options.scale === undefined ? { min: 1, max: 5, step: 1 } : options.scale,
		interactions: {
			users: Int32Array.from(rows, (row) => row.user),
			items: Int32Array.from(rows, (row) => row.item),
			values: Float32Array.from(rows, (row) => row.value),
			times: hasTimes ? Float64Array.from(rows, (row) => row.time ?? Number.NaN) : null,
			numUsers: options.numUsers ?? Math.max(0, ...rows.map((row) => row.user + 1)),
			numItems: options.numItems ?? Math.max(0, ...rows.map((row) => row.item + 1))
		},
		ids: { userIds: [], itemIds: [] },
		items: options.items ?? null,
		sourceFiles: [],
		mapping: { user: 0, item: 1, rating: 2, timestamp: 3 },
		report: { rowsRead: rows.length, rowsKept: rows.length, dropped: [], duplicatesMerged: 0, warnings: [] },
		createdAt: 0
	};
}

/*
 * Seven ratings by four users on three items, plus two metadata-only items.
 * Users rated 3, 2, 1, 1 items; items received 4, 2, 1 ratings.
 */
const tinyRows: Row[] = [
	{ user: 0, item: 0, value: 5, time: JAN_1 + 10 * 3_600_000 },
	{ user: 0, item: 1, value: 3, time: JAN_1 + 23 * 3_600_000 },
	{ user: 0, item: 2, value: 4, time: JAN_1 + 2 * DAY },
	{ user: 1, item: 0, value: 4, time: JAN_1 + 2 * DAY + 12 * 3_600_000 },
	{ user: 1, item: 1, value: 2, time: JAN_1 + DAY + 5 * 3_600_000 },
	{ user: 2, item: 0, value: 5 },
	{ user: 3, item: 0, value: 1, time: JAN_1 }
];
const tinyItems: ItemMetadata = {
	titles: ['A', 'B', 'C'],
	genres: [['Drama', 'Comedy'], ['Drama'], []],
	tags: [['funny', 'funny'], [''], ['dark']],
	unmatchedIds: 2
};
const tiny = computeDatasetStats(makeDataset(tinyRows, { items: tinyItems }));

describe('computeDatasetStats on a tiny explicit dataset', () => {
	it('counts users, items, interactions and density', () => {
		expect(tiny.numUsers).toBe(4);
		expect(tiny.numItems).toBe(3);
		expect(tiny.numInteractions).toBe(7);
		expect(tiny.density).toBeCloseTo(7 / 12, 12);
		expect(tiny.catalogueItems).toBe(5);
		expect(tiny.kind).toBe('explicit');
		expect(tiny.scale).toEqual({ min: 1, max: 5, step: 1 });
	});

	it('reports the value range', () => {
		expect(tiny.values.min).toBe(1);
		expect(tiny.values.max).toBe(5);
		expect(tiny.values.mean).toBeCloseTo(24 / 7, 6);
	});

	it('counts each rating on the scale', () => {
		expect(tiny.valueHistogram.binning).toBe('scale');
		expect(tiny.valueHistogram.bars.map((bar) => [bar.label, bar.count])).toEqual([
			['1', 1],
			['2', 1],
			['3', 1],
			['4', 2],
			['5', 2]
		]);
	});

	it('sorts item popularity descending', () => {
		expect(tiny.popularity.points).toEqual([
			{ rank: 1, count: 4 },
			{ rank: 2, count: 2 },
			{ rank: 3, count: 1 }
		]);
		expect(tiny.popularity.items).toBe(3);
	});

	it('computes the Gini coefficient', () => {
		// Ascending counts 1, 2, 4: (−2·1 + 0·2 + 2·4) / (3 · 7) = 6/21.
		expect(tiny.popularity.gini).toBeCloseTo(6 / 21, 12);
	});

	it('gives the top item share for each percent', () => {
		// 1%, 10% and 20% of 3 items all round up to the single top item, which has 4 of 7 ratings.
		expect(tiny.popularity.topShares).toEqual([
			{ percent: 1, share: 4 / 7 },
			{ percent: 10, share: 4 / 7 },
			{ percent: 20, share: 4 / 7 }
		]);
	});

	it('bins user activity by powers of two', () => {
		expect(tiny.userActivity.bars).toEqual([
			{ label: '1', low: 1, high: 2, count: 2 },
			{ label: '2–3', low: 2, high: 4, count: 2 }
		]);
		expect(tiny.userActivity.spread).toEqual({ min: 1, median: 1.5, mean: 1.75, max: 3 });
	});

	it('summarises item activity', () => {
		expect(tiny.itemActivity.min).toBe(1);
		expect(tiny.itemActivity.median).toBe(2);
		expect(tiny.itemActivity.mean).toBeCloseTo(7 / 3, 12);
		expect(tiny.itemActivity.max).toBe(4);
	});

	it('buckets a short span per UTC day', () => {
		const timeline = tiny.timeline!;
		expect(timeline.unit).toBe('day');
		expect(timeline.buckets).toEqual([
			{ start: JAN_1, count: 3 },
			{ start: JAN_1 + DAY, count: 1 },
			{ start: JAN_1 + 2 * DAY, count: 2 }
		]);
		expect(timeline.first).toBe(JAN_1);
		expect(timeline.last).toBe(JAN_1 + 2 * DAY + 12 * 3_600_000);
		expect(timeline.missing).toBe(1);
	});

	it('counts genres over items and interactions', () => {
		expect(tiny.genres).toEqual({
			top: [
				{ label: 'Drama', items: 2, interactions: 6 },
				{ label: 'Comedy', items: 1, interactions: 4 }
			],
			distinct: 2,
			unlabelledItems: 1
		});
	});

	it('counts a repeated tag once and skips empty tags', () => {
		expect(tiny.tags).toEqual({
			top: [
				{ label: 'funny', items: 1, interactions: 4 },
				{ label: 'dark', items: 1, interactions: 1 }
			],
			distinct: 2,
			unlabelledItems: 1
		});
	});

	it('counts cold users and items', () => {
		expect(tiny.coldUsers).toEqual([
			{ threshold: 1, count: 0 },
			{ threshold: 5, count: 4 },
			{ threshold: 10, count: 4 }
		]);
		// The two metadata-only items have zero interactions.
		expect(tiny.coldItems).toEqual([
			{ threshold: 1, count: 2 },
			{ threshold: 5, count: 5 },
			{ threshold: 10, count: 5 }
		]);
	});

	it('bins mean ratings per user and item', () => {
		const { users, items } = tiny.meanRatings!;
		expect(users).toHaveLength(16);
		// User means 4, 3, 5, 1 in bins of width 0.25 from 1: bins 12, 8, 15 (the last bin includes the maximum), 0.
		const occupied = (bars: typeof users) => bars.flatMap((bar, index) => (bar.count > 0 ? [[index, bar.count]] : []));
		expect(occupied(users)).toEqual([
			[0, 1],
			[8, 1],
			[12, 1],
			[15, 1]
		]);
		expect(users[8].label).toBe('3–3.25');
		// Item means 3.75, 2.5, 4: bins 11, 6, 12.
		expect(occupied(items)).toEqual([
			[6, 1],
			[11, 1],
			[12, 1]
		]);
	});
});

describe('computeDatasetStats edge cases', () => {
	it('buckets a long span per UTC month with empty months', () => {
		const rows: Row[] = [
			{ user: 0, item: 0, value: 1, time: Date.UTC(2020, 0, 31, 23) },
			{ user: 0, item: 1, value: 1, time: Date.UTC(2020, 2, 1) },
			{ user: 1, item: 0, value: 1, time: Date.UTC(2020, 7, 15) },
			{ user: 1, item: 1, value: 1, time: Date.UTC(2020, 7, 31, 23, 59) }
		];
		const stats = computeDatasetStats(makeDataset(rows, { kind: 'implicit', scale: null }));
		expect(stats.timeline!.unit).toBe('month');
		expect(stats.timeline!.buckets.map((bucket) => bucket.count)).toEqual([1, 0, 1, 0, 0, 0, 0, 2]);
		expect(stats.timeline!.buckets[2].start).toBe(Date.UTC(2020, 2, 1));
	});

	it('has no timeline, genres or mean ratings when absent', () => {
		const stats = computeDatasetStats(makeDataset([{ user: 0, item: 0, value: 3 }], { kind: 'implicit', scale: null }));
		expect(stats.timeline).toBeNull();
		expect(stats.genres).toBeNull();
		expect(stats.tags).toBeNull();
		expect(stats.meanRatings).toBeNull();
	});

	it('bins implicit values by powers of two', () => {
		const rows = [1, 1, 2, 3, 4, 7, 8].map((value, index) => ({ user: index, item: 0, value }));
		const stats = computeDatasetStats(makeDataset(rows, { kind: 'implicit', scale: null }));
		expect(stats.valueHistogram.binning).toBe('log2');
		expect(stats.valueHistogram.bars.map((bar) => [bar.label, bar.count])).toEqual([
			['1', 2],
			['2–3', 2],
			['4–7', 2],
			['8–15', 1]
		]);
	});

	it('rounds off-grid ratings to the nearest step', () => {
		const rows = [3.5, 4.4, 1].map((value, index) => ({ user: index, item: 0, value }));
		const stats = computeDatasetStats(makeDataset(rows));
		expect(stats.valueHistogram.bars.map((bar) => bar.count)).toEqual([1, 0, 0, 2, 0]);
	});

	it('uses equal-width bins on a fine scale', () => {
		const rows = [0, 50, 100].map((value, index) => ({ user: index, item: 0, value }));
		const stats = computeDatasetStats(makeDataset(rows, { scale: { min: 0, max: 100, step: 0.5 } }));
		expect(stats.valueHistogram.binning).toBe('linear');
		expect(stats.valueHistogram.bars).toHaveLength(20);
		expect(stats.valueHistogram.bars[0].count).toBe(1);
		expect(stats.valueHistogram.bars[10].count).toBe(1);
		expect(stats.valueHistogram.bars[19].count).toBe(1);
	});

	it('uses round mean-rating bins on a half-star scale', () => {
		const rows = [0.5, 5].map((value, index) => ({ user: index, item: index, value }));
		const { users } = computeDatasetStats(makeDataset(rows, { scale: { min: 0.5, max: 5, step: 0.5 } })).meanRatings!;
		// Step 0.5 halved once gives 18 bins of 0.25.
		expect(users).toHaveLength(18);
		expect(users[1].label).toBe('0.75–1');
		expect(users[0].count).toBe(1);
		expect(users[17].count).toBe(1);
	});

	it('survives an empty dataset', () => {
		const stats = computeDatasetStats(makeDataset([], { numUsers: 0, numItems: 0 }));
		expect(stats.numInteractions).toBe(0);
		expect(stats.density).toBe(0);
		expect(stats.values).toEqual({ min: 0, mean: 0, max: 0 });
		expect(stats.popularity).toEqual({ points: [], items: 0, topShares: expect.any(Array), gini: 0 });
		expect(stats.userActivity.spread).toEqual({ min: 0, median: 0, mean: 0, max: 0 });
	});

	it('computes top shares on 100 items', () => {
		// Item i has 100 − i interactions: 5,050 in all.
		const rows: Row[] = [];
		for (let item = 0; item < 100; item++) for (let user = 0; user < 100 - item; user++) rows.push({ user, item, value: 1 });
		const stats = computeDatasetStats(makeDataset(rows, { kind: 'implicit', scale: null }));
		const shares = stats.popularity.topShares.map((entry) => entry.share);
		expect(shares[0]).toBeCloseTo(100 / 5050, 12);
		expect(shares[1]).toBeCloseTo(955 / 5050, 12);
		expect(shares[2]).toBeCloseTo(1810 / 5050, 12);
	});

	it('gives Gini 0 for equally popular items', () => {
		const rows = [0, 1, 2, 3].map((item) => ({ user: 0, item, value: 1 }));
		expect(computeDatasetStats(makeDataset(rows, { kind: 'implicit', scale: null })).popularity.gini).toBe(0);
	});

	it('downsamples a long popularity curve', () => {
		// 5,000 items where item i has (i mod 7) + 1 interactions.
		const rows: Row[] = [];
		for (let item = 0; item < 5000; item++) for (let user = 0; user <= item % 7; user++) rows.push({ user, item, value: 1 });
		const { points } = computeDatasetStats(makeDataset(rows, { kind: 'implicit', scale: null })).popularity;
		expect(points.length).toBeLessThanOrEqual(2001);
		expect(points.slice(0, 1000).map((point) => point.rank)).toEqual(Array.from({ length: 1000 }, (_, index) => index + 1));
		expect(points[points.length - 1]).toEqual({ rank: 5000, count: 1 });
		expect(points[0].count).toBe(7);
		for (let index = 1; index < points.length; index++) {
			expect(points[index].rank).toBeGreaterThan(points[index - 1].rank);
			expect(points[index].count).toBeLessThanOrEqual(points[index - 1].count);
		}
	});
});

describe('histogram helpers', () => {
	it('spreads counts from frequencies', () => {
		expect(spreadOfCounts(frequencyOfCounts(Int32Array.from([0, 1, 4, 5, 9, 10])))).toEqual({
			min: 0,
			median: 4.5,
			mean: 29 / 6,
			max: 10
		});
	});

	it('puts zero counts in their own bar', () => {
		expect(log2CountBars(frequencyOfCounts(Int32Array.from([0, 0, 1, 5]))).map((bar) => [bar.label, bar.count])).toEqual([
			['0', 2],
			['1', 1],
			['2–3', 0],
			['4–7', 1]
		]);
	});

	it('labels fractional log bins with edges', () => {
		expect(log2ValueBars([0, 0.5, 1, 3]).map((bar) => [bar.label, bar.count])).toEqual([
			['≤ 0', 1],
			['0.5–1', 1],
			['1–2', 1],
			['2–4', 1]
		]);
	});

	it('keeps the maximum in the last linear bar', () => {
		expect(linearBars([1, 2, 3, 9], 1, 3, 2).map((bar) => bar.count)).toEqual([1, 2]);
	});
});
