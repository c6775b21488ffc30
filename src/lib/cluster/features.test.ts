import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../data/types';
import { biasedMfSpec } from '../models/biased-mf';
import type { ModelRecord } from '../storage/schema';
import { testBackends, useTestBackend } from '../tf/testing';
import { adjustedRandIndex } from './ari';
import { buildFeatures, factorFeatures, findFactorArray } from './features';
import { fitKMeans } from './kmeans';
import { loadSampleDataset, loadSampleSegments } from './sample-fixture';
import { truncatedSvd, type SparseMatrix } from './svd';

/** Wraps saved arrays in a stored-model record, as the training worker writes it. */
function recordOf(arrays: ModelRecord['arrays'], numUsers: number, numItems: number): ModelRecord {
	return {
		id: 'model-test',
		name: 'Test model',
		modelType: 'biased-mf',
		config: {},
		datasetId: 'sample',
		datasetFingerprint: '',
		datasetName: 'Sample',
		numUsers,
		numItems,
		arrays,
		userIds: [],
		itemIds: [],
		metrics: {},
		backend: 'cpu',
		fitSeconds: 0,
		lossHistory: [],
		createdAt: 0,
		source: 'trained'
	};
}

/** Four users and four items: users 0, 1 like items 0, 1 and dislike 2, 3; users 2, 3 the opposite. */
function tinyDataset(): Dataset {
	const users = Int32Array.of(0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3);
	const items = Int32Array.of(0, 1, 2, 3, 0, 1, 3, 1, 2, 3, 0, 2, 3);
	const values = Float32Array.of(5, 5, 1, 1, 4, 5, 2, 1, 5, 4, 2, 5, 5);
	return {
		id: 'tiny',
		name: 'Tiny',
		kind: 'explicit',
		scale: { min: 1, max: 5, step: 1 },
		interactions: { users, items, values, times: null, numUsers: 4, numItems: 4 },
		ids: { userIds: ['a', 'b', 'c', 'd'], itemIds: ['i', 'j', 'k', 'l'] },
		items: {
			titles: ['Space Voyage', 'Space Station', 'Love Letter', 'Love Song'],
			genres: [['Sci-Fi'], ['Sci-Fi'], ['Romance'], ['Romance']],
			tags: [['robots'], ['robots'], ['wedding'], ['wedding']],
			unmatchedIds: 0
		},
		sourceFiles: [],
		mapping: { user: 0, item: 1, rating: 2, timestamp: null },
		report: { rowsRead: 13, rowsKept: 13, dropped: [], duplicatesMerged: 0, warnings: [] },
		createdAt: 0
	};
}

describe('factor features', () => {
	it('centres and scales factor rows to unit length', () => {
		const record = recordOf(
			[
				{ name: 'userBias', shape: [2], dtype: 'float32', data: Float32Array.of(9, 9) },
				{ name: 'userFactors', shape: [2, 2], dtype: 'float32', data: Float32Array.of(3, 0, 1, 0) }
			],
			2,
			0
		);
		const features = factorFeatures(record, 'users', 2);
		// Column means (2, 0) removed: rows (1, 0) and (−1, 0), already unit length.
		expect(Array.from(features.data)).toEqual([1, 0, -1, 0]);
		expect(features.preparation).toMatch(/biases left out/);
	});

	it('rejects a model without factors', () => {
		const record = recordOf([{ name: 'itemBias', shape: [3], dtype: 'float32', data: new Float32Array(3) }], 0, 3);
		expect(() => findFactorArray(record, 'items')).toThrow(/no 'itemFactors' array \(it has itemBias\)/);
	});

	it('rejects a model of another dataset', () => {
		const record = recordOf([{ name: 'userFactors', shape: [2, 1], dtype: 'float32', data: new Float32Array(2) }], 2, 0);
		expect(() => factorFeatures(record, 'users', 5)).toThrow(/has 2 users but the dataset has 5/);
	});
});

describe.each(testBackends)('tensor features on %s', (backend) => {
	beforeAll(async () => {
		await useTestBackend(backend);
	});

	it('truncated SVD recovers a rank-2 matrix', async () => {
		// Rows are combinations of two orthogonal patterns with singular values 6 and 3.
		const rows: number[] = [];
		const columns: number[] = [];
		const values: number[] = [];
		const dense = [
			[3, 3, 0, 0],
			[3, 3, 0, 0],
			[0, 0, 1.5, 1.5],
			[0, 0, 1.5, 1.5]
		];
		dense.forEach((row, r) =>
			row.forEach((value, c) => {
				if (value !== 0) {
					rows.push(r);
					columns.push(c);
					values.push(value);
				}
			})
		);
		const matrix: SparseMatrix = { rows: Int32Array.from(rows), columns: Int32Array.from(columns), values: Float32Array.from(values), numRows: 4, numColumns: 4 };
		const before = tf.memory().numTensors;
		const { singularValues, embedding, rank } = await truncatedSvd(matrix, { rank: 2, seed: 1 });
		expect(tf.memory().numTensors).toBe(before);
		expect(rank).toBe(2);
		expect(singularValues[0]).toBeCloseTo(6, 3);
		expect(singularValues[1]).toBeCloseTo(3, 3);
		// Row embeddings U Σ keep row norms: |row 0| = √18, |row 2| = √4.5.
		expect(Math.hypot(embedding[0], embedding[1])).toBeCloseTo(Math.sqrt(18), 3);
		expect(Math.hypot(embedding[4], embedding[5])).toBeCloseTo(Math.sqrt(4.5), 3);
	});

	it('interaction SVD separates opposite tastes without leaking', async () => {
		const dataset = tinyDataset();
		const before = tf.memory().numTensors;
		const features = await buildFeatures(dataset, 'users', { kind: 'interactions-svd', components: 2 }, { seed: 3 });
		expect(tf.memory().numTensors).toBe(before);
		const fit = await fitKMeans(features, { k: 2, seed: 1 });
		expect(fit.assignments[0]).toBe(fit.assignments[1]);
		expect(fit.assignments[2]).toBe(fit.assignments[3]);
		expect(fit.assignments[0]).not.toBe(fit.assignments[2]);
		expect(features.preparation).toMatch(/minus each user’s mean/);
	});

	it('content features group items and users by genre without leaking', async () => {
		const dataset = tinyDataset();
		const before = tf.memory().numTensors;
		const items = await buildFeatures(dataset, 'items', { kind: 'content' }, { seed: 1 });
		const users = await buildFeatures(dataset, 'users', { kind: 'content' }, { seed: 1 });
		expect(tf.memory().numTensors).toBe(before);
		const itemFit = await fitKMeans(items, { k: 2, seed: 1 });
		expect(itemFit.assignments[0]).toBe(itemFit.assignments[1]);
		expect(itemFit.assignments[0]).not.toBe(itemFit.assignments[2]);
		const userFit = await fitKMeans(users, { k: 2, seed: 1 });
		expect(userFit.assignments[0]).toBe(userFit.assignments[1]);
		expect(userFit.assignments[0]).not.toBe(userFit.assignments[2]);
	});
});

describe('segments of the shipped sample', () => {
	beforeAll(async () => {
		await useTestBackend('wasm');
	});

	it('biased-MF user factors recover the planted segments', async () => {
		const dataset = await loadSampleDataset();
		const truth = loadSampleSegments(dataset);
		// Light regularisation and a wider start (initStd 0.1) let the factors carry taste
		// while the model's own biases absorb generosity and popularity. Seed 7 gave ARI 0.94–0.95
		// for k-means seeds 1–3, and 0.86–0.93 with 10–16 factors and regularisation 0.01–0.02.
		const config = { factors: 10, epochs: 20, regularization: 0.05, initStd: 0.1 };
		const model = await biasedMfSpec.fit({ interactions: dataset.interactions, kind: dataset.kind }, config, { seed: 7 });
		const saved = await model.save();
		model.dispose();

		const record = recordOf(saved.arrays, saved.numUsers, saved.numItems);
		const features = await buildFeatures(dataset, 'users', { kind: 'model-factors', modelId: record.id }, { seed: 1, loadModel: async () => record });
		const fit = await fitKMeans(features, { k: 5, seed: 1, restarts: 5 });
		const ari = adjustedRandIndex(fit.assignments, truth);
		expect(ari).toBeGreaterThanOrEqual(0.6);
	});
});
