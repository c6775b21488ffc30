import { describe, expect, it } from 'vitest';
import type { Interactions } from '../data/types';
import type { Explanation, FittedModel, SavedModel, ScoredItem } from '../models/contract';
import { evaluateModel } from './evaluate';

/** Creates a model that gives every user the same fixed score per item. */
function fixedModel(itemScores: number[]): FittedModel {
	return {
		modelType: 'fixed',
		config: {},
		score: async () => Float32Array.from(itemScores),
		recommend: async (): Promise<ScoredItem[]> => [],
		explain: async (): Promise<Explanation> => ({ kind: 'popularity', count: 0, rank: 0 }),
		save: async (): Promise<SavedModel> => ({ modelType: 'fixed', config: {}, numUsers: 0, numItems: 0, arrays: [] }),
		dispose: () => {}
	};
}

function interactions(rows: [number, number, number][]): Interactions {
	return {
		users: Int32Array.from(rows, (row) => row[0]),
		items: Int32Array.from(rows, (row) => row[1]),
		values: Float32Array.from(rows, (row) => row[2]),
		times: null,
		numUsers: 3,
		numItems: 5
	};
}

describe('evaluateModel', () => {
	// Item scores rank items 4 > 3 > 2 > 1 > 0.
	const model = fixedModel([1, 2, 3, 4, 5]);
	const train = interactions([
		[0, 4, 5],
		[1, 0, 3],
		[2, 1, 4]
	]);
	const test = interactions([
		[0, 3, 4], // user 0: item 4 is in training, so item 3 ranks first: hit, NDCG 1
		[1, 0, 2], // user 1: only candidate ranks are 4, 3 … item 0 is a training item, so it is never ranked
		[2, 2, 3] // user 2: ranking 4, 3, 2 → item 2 third
	]);

	it('ranks all unseen items and averages over test users', async () => {
		const result = await evaluateModel(model, train, test, { k: 3, predictsRatings: true });
		const userTwoNdcg = 1 / Math.log2(4);
		expect(result.hitRate).toBeCloseTo(2 / 3, 10);
		expect(result.ndcg).toBeCloseTo((1 + 0 + userTwoNdcg) / 3, 10);
		expect(result.counts.rankedUsers).toBe(3);
		expect(result.counts.meanCandidateItems).toBe(4);
	});

	it('computes RMSE and MAE over test pairs', async () => {
		const result = await evaluateModel(model, train, test, { k: 3, predictsRatings: true });
		// Predictions 4, 1, 3 against 4, 2, 3.
		expect(result.rmse).toBeCloseTo(Math.sqrt(1 / 3), 6);
		expect(result.mae).toBeCloseTo(1 / 3, 6);
		const unrated = await evaluateModel(model, train, test, { k: 3, predictsRatings: false });
		expect(unrated.rmse).toBeUndefined();
	});

	it('stops with AbortError and reports progress', async () => {
		const controller = new AbortController();
		const seen: number[] = [];
		const onProgress = (progress: { done: number }) => {
			seen.push(progress.done);
			controller.abort();
		};
		const running = evaluateModel(model, train, test, { k: 3, predictsRatings: true, signal: controller.signal, onProgress });
		await expect(running).rejects.toMatchObject({ name: 'AbortError' });
		expect(seen).toEqual([1]);
	});
});
