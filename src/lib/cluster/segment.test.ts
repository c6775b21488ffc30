import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../data/types';
import { useTestBackend } from '../tf/testing';
import { adjustedRandIndex } from './ari';
import { loadSampleDataset, loadSampleSegments } from './sample-fixture';
import { runSegmentation } from './segment';
import type { SegmentationRequest } from './types';

const noModels = async (id: string) => {
	throw new Error(`no model ${id} in this test`);
};

describe('runSegmentation', () => {
	let dataset: Dataset;
	beforeAll(async () => {
		await useTestBackend('wasm');
		dataset = await loadSampleDataset();
	});

	const request = (overrides: Partial<SegmentationRequest> = {}): SegmentationRequest => ({
		datasetId: 'sample',
		entity: 'users',
		features: { kind: 'interactions-svd', components: 12 },
		k: 'auto',
		kRange: [3, 6],
		seed: 4,
		projection: 'pca',
		sampleSize: 10_000,
		...overrides
	});

	it('segments the sample users end to end', async () => {
		const phases = new Set<string>();
		const before = tf.memory().numTensors;
		const result = await runSegmentation(dataset, request(), { loadModel: noModels, onProgress: (progress) => phases.add(progress.phase) });
		expect(tf.memory().numTensors).toBe(before);

		expect(result.kScores.map((score) => score.k)).toEqual([3, 4, 5, 6]);
		expect(result.assignments).toHaveLength(600);
		expect(result.coordinates).toHaveLength(1200);
		expect(result.profiles).toHaveLength(result.k);
		expect(result.profiles.reduce((sum, profile) => sum + profile.size, 0)).toBe(600);
		expect([...phases]).toEqual(expect.arrayContaining(['features', 'clustering k=3', 'clustering k=6', 'projection', 'profiles']));
		expect(result.preparation).toMatch(/truncated SVD/);
		// The interaction matrix alone, without a model, still finds most of the planted structure.
		expect(adjustedRandIndex(result.assignments, loadSampleSegments(dataset))).toBeGreaterThan(0.3);
	});

	it('content features put a liked genre on top of each segment', async () => {
		const result = await runSegmentation(dataset, request({ features: { kind: 'content' }, k: 5, kRange: [5, 5] }), { loadModel: noModels });
		expect(result.k).toBe(5);
		for (const profile of result.profiles) {
			expect(profile.topFeatures.length).toBeGreaterThan(0);
			expect(profile.topFeatures[0].lift).toBeGreaterThan(1);
		}
	});

	it('stops between phases when aborted', async () => {
		const controller = new AbortController();
		const before = tf.memory().numTensors;
		const run = runSegmentation(dataset, request(), {
			loadModel: noModels,
			signal: controller.signal,
			onProgress: (progress) => progress.phase.startsWith('clustering') && controller.abort()
		});
		await expect(run).rejects.toThrow(/cancelled/);
		expect(tf.memory().numTensors).toBe(before);
	});

	it('rejects an invalid k range', async () => {
		await expect(runSegmentation(dataset, request({ kRange: [1, 4] }), { loadModel: noModels })).rejects.toThrow(/invalid kRange \[1, 4\]/);
	});
});
