import { describe, expect, it } from 'vitest';
import type { Dataset } from '$lib/data/types';
import { attributesFromDataset, describePoint, summariseSelection } from './point-attributes';

/** Three users and three items: user 0 likes Drama, user 1 Comedy, user 2 rated nothing. */
function tinyDataset(): Dataset {
	return {
		id: 'ds',
		name: 'tiny',
		kind: 'explicit',
		scale: { min: 1, max: 5, step: 1 },
		interactions: {
			users: Int32Array.from([0, 0, 1, 1, 1]),
			items: Int32Array.from([0, 1, 2, 1, 2]),
			values: Float32Array.from([5, 3, 4, 2, 4]),
			times: null,
			numUsers: 3,
			numItems: 3
		},
		ids: { userIds: ['u1', 'u2', 'u3'], itemIds: ['i1', 'i2', 'i3'] },
		items: { titles: ['Alpha', 'Beta', 'Gamma'], genres: [['Drama'], ['Drama', 'Comedy'], ['Comedy']], unmatchedIds: 0 },
		sourceFiles: [],
		mapping: { user: 0, item: 1, rating: 2, timestamp: null },
		report: { rowsRead: 5, rowsKept: 5, dropped: [], duplicatesMerged: 0 },
		createdAt: 0
	} as unknown as Dataset;
}

describe('attributesFromDataset', () => {
	it('counts activity and mean rating per user', () => {
		const attributes = attributesFromDataset(tinyDataset(), 'users');
		expect([...attributes.activity!]).toEqual([2, 3, 0]);
		expect(attributes.meanRating![0]).toBeCloseTo(4);
		expect(attributes.meanRating![1]).toBeCloseTo(10 / 3);
		expect(Number.isNaN(attributes.meanRating![2])).toBe(true);
	});

	it('finds each user favourite genre', () => {
		const attributes = attributesFromDataset(tinyDataset(), 'users');
		const favourite = [...attributes.genre!].map((index) => (index >= 0 ? attributes.genreNames[index] : null));
		expect(favourite).toEqual(['Drama', 'Comedy', null]);
	});

	it('uses the first genre and popularity of items', () => {
		const attributes = attributesFromDataset(tinyDataset(), 'items');
		expect([...attributes.activity!]).toEqual([1, 2, 2]);
		expect(attributes.genreNames[attributes.genre![1]]).toBe('Drama');
	});
});

describe('describePoint', () => {
	it('names an item by title and id', () => {
		const attributes = attributesFromDataset(tinyDataset(), 'items');
		expect(describePoint(attributes, 0, 2)).toBe('Alpha (id i1) · 1 interactions · mean rating 5.00 · Drama · cluster 2');
	});

	it('sums up a user', () => {
		const attributes = attributesFromDataset(tinyDataset(), 'users');
		expect(describePoint(attributes, 1, 0)).toBe('user u2 · 3 interactions · mean rating 3.33 · favourite genre Comedy · cluster 0');
	});
});

describe('summariseSelection', () => {
	it('counts clusters and item genres', () => {
		const attributes = attributesFromDataset(tinyDataset(), 'items');
		const summary = summariseSelection(Int32Array.from([0, 1]), Int32Array.from([1, 1, 0]), attributes);
		expect(summary.count).toBe(2);
		expect(summary.clusters).toEqual([{ cluster: 1, count: 2 }]);
		expect(summary.genres).toEqual([
			{ genre: 'Drama', count: 2 },
			{ genre: 'Comedy', count: 1 }
		]);
	});
});
