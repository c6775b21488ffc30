import { describe, expect, it } from 'vitest';
import type { Dataset } from '../data/types';
import type { FeatureMatrix } from './features';
import { liftTable, profileClusters, segmentRecommendations } from './profiles';

/**
 * Six users and four items. Users 0–2 (cluster 0) watch items 0 and 1 (Action).
 * Users 3–5 (cluster 1) watch items 2 and 3 (Romance), and user 2 also rated item 2.
 */
function catalogue(): Dataset {
	const users = Int32Array.of(0, 0, 1, 1, 2, 2, 2, 3, 3, 4, 4, 5);
	const items = Int32Array.of(0, 1, 0, 1, 0, 1, 2, 2, 3, 2, 3, 3);
	const values = Float32Array.of(5, 4, 5, 4, 4, 5, 2, 5, 5, 4, 5, 3);
	return {
		id: 'tiny',
		name: 'Tiny',
		kind: 'explicit',
		scale: { min: 1, max: 5, step: 1 },
		interactions: { users, items, values, times: null, numUsers: 6, numItems: 4 },
		ids: { userIds: ['1', '2', '3', '4', '5', '6'], itemIds: ['a', 'b', 'c', 'd'] },
		items: {
			titles: ['A', 'B', 'C', 'D'],
			genres: [['Action'], ['Action', 'Comedy'], ['Romance'], ['Romance', 'Comedy']],
			tags: [['explosions'], [], [], []],
			unmatchedIds: 0
		},
		sourceFiles: [],
		mapping: { user: 0, item: 1, rating: 2, timestamp: null },
		report: { rowsRead: 12, rowsKept: 12, dropped: [], duplicatesMerged: 0, warnings: [] },
		createdAt: 0
	};
}

const userClusters = Int32Array.of(0, 0, 0, 1, 1, 1);
const userFeatures: FeatureMatrix = { data: Float32Array.of(0, 0.1, 0.5, 5, 5.2, 6), rows: 6, dimensions: 1, preparation: '' };

describe('liftTable', () => {
	it('divides the inside share by the overall share', () => {
		// Inside: 3 of 6 units; overall: 4 of 16 units. Lift = 0.5 / 0.25 = 2.
		const table = liftTable(new Map([['genre\u0000Drama', 3]]), 6, new Map([['genre\u0000Drama', 4]]), 16, 1, 5);
		expect(table).toEqual([{ feature: 'Drama', kind: 'genre', share: 0.5, overallShare: 0.25, lift: 2 }]);
	});

	it('leaves out features below the minimum support', () => {
		expect(liftTable(new Map([['tag\u0000rare', 2]]), 4, new Map([['tag\u0000rare', 2]]), 100, 3, 5)).toEqual([]);
	});
});

describe('profileClusters', () => {
	it('profiles user clusters on a tiny catalogue', () => {
		const profiles = profileClusters(catalogue(), 'users', userClusters, 2, userFeatures, Float32Array.of(0.2, 5.4), { minSupport: 1 });
		expect(profiles.map((profile) => profile.size)).toEqual([3, 3]);
		// Cluster 0 rated 7 times: 5 + 4 + 5 + 4 + 4 + 5 + 2 = 29.
		expect(profiles[0].meanRating).toBeCloseTo(29 / 7, 12);
		expect(profiles[0].meanActivity).toBeCloseTo(7 / 3, 12);
		// Action: 6 of cluster 0's 7 interactions, 6 of all 12. Lift = (6/7) / (6/12) = 12/7.
		const action = profiles[0].topFeatures.find((entry) => entry.feature === 'Action');
		expect(action?.lift).toBeCloseTo(12 / 7, 12);
		expect(profiles[0].topFeatures[0].feature).toBe('Action');
		expect(profiles[1].topFeatures[0].feature).toBe('Romance');
		// Typical members: nearest the centroid first.
		expect(profiles[0].typical).toEqual([1, 0, 2]);
	});
});

describe('segmentRecommendations', () => {
	it('shrinks toward the global mean and skips items most members saw', () => {
		const dataset = catalogue();
		// Cluster 0 saw items 0 and 1 (all 3 members) and item 2 (1 of 3). With minCount 1,
		// item 2 scores (2 + 2 × μ) / (1 + 2), μ = 51 / 12.
		const rows = segmentRecommendations(dataset, userClusters, 0, 5, { pseudoCount: 2, minCount: 1 });
		expect(rows).toHaveLength(1);
		expect(rows[0].item).toBe(2);
		expect(rows[0].seenShare).toBeCloseTo(1 / 3, 12);
		expect(rows[0].score).toBeCloseTo((2 + 2 * (51 / 12)) / 3, 12);
	});

	it('rejects an item segmentation', () => {
		expect(() => segmentRecommendations(catalogue(), Int32Array.of(0, 1, 0, 1), 0, 5)).toThrow(/need a user segmentation/);
	});
});
