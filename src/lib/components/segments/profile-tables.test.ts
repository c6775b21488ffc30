import { describe, expect, it } from 'vitest';
import type { ClusterProfile, SegmentationResult } from '$lib/cluster/types';
import { suggestedK } from '$lib/charts/k-curves';
import { clusterMeasures, liftMatrix } from './profile-tables';

function feature(name: string, lift: number) {
	return { feature: name, share: 0.5, overallShare: 0.5 / lift, lift };
}

function fakeSegmentation(profiles: ClusterProfile[]): SegmentationResult {
	return {
		id: 'seg',
		datasetId: 'ds',
		entity: 'users',
		features: { kind: 'content' },
		preparation: '',
		k: profiles.length,
		kScores: [],
		assignments: new Int32Array(0),
		coordinates: new Float32Array(0),
		projection: 'pca',
		profiles,
		createdAt: 0,
		seconds: { features: 0, clustering: 0, projection: 0 }
	};
}

const profiles: ClusterProfile[] = [
	{ cluster: 1, size: 4, meanRating: null, meanActivity: 2, topFeatures: [feature('jazz', 1.5)], typical: [] },
	{ cluster: 0, size: 6, meanRating: null, meanActivity: 3, topFeatures: [feature('space', 4), feature('robots', 3.5), feature('jazz', 1.2)], typical: [] }
];

describe('liftMatrix', () => {
	it('orders clusters and takes features in turns', () => {
		const matrix = liftMatrix(fakeSegmentation(profiles));
		expect(matrix.clusters).toEqual([0, 1]);
		// Cluster 0's best, cluster 1's best, then cluster 0's second best.
		expect(matrix.features).toEqual(['space', 'jazz', 'robots']);
	});

	it('leaves features outside a cluster list blank', () => {
		const matrix = liftMatrix(fakeSegmentation(profiles));
		expect(matrix.lift[0][0]).toBe(4);
		expect(Number.isNaN(matrix.lift[0][1])).toBe(true);
		expect(matrix.lift[1]).toEqual([1.2, 1.5]);
	});
});

describe('clusterMeasures', () => {
	it('leaves out mean rating for implicit data', () => {
		expect(clusterMeasures(fakeSegmentation(profiles)).map((measure) => measure.label)).toEqual(['size', 'interactions per user']);
	});
});

describe('suggestedK', () => {
	it('picks the highest silhouette', () => {
		expect(
			suggestedK([
				{ k: 2, silhouette: 0.2, inertia: 9 },
				{ k: 3, silhouette: 0.4, inertia: 5 },
				{ k: 4, silhouette: Number.NaN, inertia: 4 }
			])
		).toBe(3);
	});

	it('returns null without finite scores', () => {
		expect(suggestedK([])).toBeNull();
	});
});
