import { describe, expect, it } from 'vitest';
import type { SegmentationResult } from '../cluster/types';
import { restoreSegmentation } from './segmentations';

function validRecord(): SegmentationResult {
	return {
		id: 'seg-1',
		datasetId: 'ds-1',
		entity: 'users',
		features: { kind: 'content' },
		preparation: 'test',
		k: 2,
		kScores: [{ k: 2, silhouette: 0.5, inertia: 1 }],
		assignments: Int32Array.of(0, 1, 1),
		coordinates: new Float32Array(6),
		projection: 'pca',
		profiles: [
			{ cluster: 0, size: 1, meanRating: null, meanActivity: 1, topFeatures: [], typical: [0] },
			{ cluster: 1, size: 2, meanRating: null, meanActivity: 1, topFeatures: [], typical: [1] }
		],
		createdAt: 0,
		seconds: { features: 0, clustering: 0, projection: 0 }
	};
}

describe('restoreSegmentation', () => {
	it('accepts a valid record', () => {
		const record = validRecord();
		expect(restoreSegmentation(record)).toBe(record);
	});

	it.each([
		['null', null, /invalid record/],
		['a string', 'garbage', /invalid record/],
		['a bad entity', { ...validRecord(), entity: 'people' }, /invalid entity/],
		['plain-array assignments', { ...validRecord(), assignments: [0, 1, 1] }, /invalid assignments: expected an Int32Array/],
		['short coordinates', { ...validRecord(), coordinates: new Float32Array(4) }, /invalid coordinates: expected a Float32Array of 6 values/],
		['a cluster out of range', { ...validRecord(), assignments: Int32Array.of(0, 2, 1) }, /found 2/],
		['missing profiles', { ...validRecord(), profiles: undefined }, /invalid profiles/]
	])('rejects %s', (_case, value, message) => {
		expect(() => restoreSegmentation(value)).toThrow(message);
	});
});
