import { describe, expect, it } from 'vitest';
import type { Interactions } from '../data/types';
import type { Explanation, FittedModel, SavedModel, ScoredItem } from '../models/contract';
import { rankAmong, sampleNegatives } from './candidates';
import { evaluateModel, summarizeEvaluation } from './evaluate';
import { mulberry32 } from './random';

/** Creates a model that gives every user the same fixed score per item. */
function fixedModel(itemScores: number[]): FittedModel {
	return {
		modelType: 'fixed',
		config: {},
		score: async (_user: number, items?: Int32Array) => (items ? Float32Array.from(items, (item) => itemScores[item]) : Float32Array.from(itemScores)),
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

	it('computes every ranking metric per user', async () => {
		// Top 3 per user: user 0 → [3, 2, 1] with relevant item 3 at rank 1. User 1 → [4, 3, 2] without
		// its relevant item 0. User 2 → [4, 3, 2] with relevant item 2 at rank 3.
		const result = await evaluateModel(model, train, test, { k: 3, predictsRatings: true });
		expect(Array.from(result.perUser.users)).toEqual([0, 1, 2]);
		expect(Array.from(result.perUser.values.hitRate)).toEqual([1, 0, 1]);
		expect(Array.from(result.perUser.values.ndcg)).toEqual([1, 0, 0.5]);
		// Precision: 1/3, 0, 1/3. Recall: 1, 0, 1. AP (normaliser min(1, 3) = 1): 1, 0, 1/3. RR: 1, 0, 1/3.
		expect(result.precision).toBeCloseTo(2 / 9, 10);
		expect(result.recall).toBeCloseTo(2 / 3, 10);
		expect(result.map).toBeCloseTo(4 / 9, 10);
		expect(result.mrr).toBeCloseTo(4 / 9, 10);
		expect(result.candidateLabel).toBe('full ranking');
		expect(result.relevanceLabel).toBe('all test items relevant');
	});

	it('computes coverage, novelty and popularity of the lists', async () => {
		// Lists cover items {1, 2, 3, 4} of 5. Training popularity [1, 1, 0, 0, 1] over 3 users, so
		// every list item has self-information log2(3) (items 2 and 3 count as one user), and each
		// list's popularity is (1 + 0 + 0) / 3.
		const result = await evaluateModel(model, train, test, { k: 3, predictsRatings: false });
		expect(result.coverage).toBeCloseTo(4 / 5, 10);
		expect(result.novelty).toBeCloseTo(Math.log2(3), 10);
		expect(result.averagePopularity).toBeCloseTo(1 / 3, 10);
		expect(result.diversity).toBeNull();
		expect(Array.from(result.perUser.values.diversity).every(Number.isNaN)).toBe(true);
	});

	it('computes diversity from a similarity or features', async () => {
		const bySimilarity = await evaluateModel(model, train, test, { k: 3, predictsRatings: false, itemSimilarity: () => 0.25 });
		expect(bySimilarity.diversity).toBeCloseTo(0.75, 10);
		// Items 1–4 share no genre except 2 and 3 (cosine 1): lists [3, 2, 1] and [4, 3, 2] each have one
		// zero-distance pair of three, so diversity 2/3.
		const genres = [['A'], ['B'], ['C'], ['C'], ['D']];
		const byFeatures = await evaluateModel(model, train, test, { k: 3, predictsRatings: false, itemFeatures: genres });
		expect(byFeatures.diversity).toBeCloseTo(2 / 3, 10);
	});

	it('ranks only items above a relevance threshold', async () => {
		// Test ratings 4, 2, 3: with threshold 3 user 1 has nothing relevant and is not ranked.
		const result = await evaluateModel(model, train, test, { k: 3, predictsRatings: true, relevanceThreshold: 3 });
		expect(Array.from(result.perUser.users)).toEqual([0, 2]);
		expect(result.hitRate).toBe(1);
		expect(result.ndcg).toBeCloseTo(0.75, 10);
		expect(result.counts.relevantInteractions).toBe(2);
		expect(result.relevanceLabel).toBe('test items rated 3 or higher relevant');
		// RMSE still covers all three test ratings.
		expect(result.rmse).toBeCloseTo(Math.sqrt(1 / 3), 6);
	});

	it('ranks against sampled negatives when asked', async () => {
		// 100 negatives exceed what is available, so each user gets every item outside train and test:
		// user 0: {0, 1, 2} → item 3 (score 4) ranks first; user 1: {1, 2, 3, 4} → item 0 (score 1) ranks 5th;
		// user 2: {0, 3, 4} → item 2 (score 3) ranks 3rd: NDCG 1/log2(4), AP and RR 1/3.
		const result = await evaluateModel(model, train, test, { k: 3, predictsRatings: true, candidates: { sampledNegatives: 100, seed: 1 } });
		expect(Array.from(result.perUser.values.hitRate)).toEqual([1, 0, 1]);
		expect(result.ndcg).toBeCloseTo(0.5, 10);
		expect(result.map).toBeCloseTo(4 / 9, 10);
		expect(result.precision).toBeCloseTo(2 / 9, 10);
		expect(result.counts.meanCandidateItems).toBeCloseTo(13 / 3, 10);
		expect(result.candidateLabel).toBe('100 sampled negatives');
		expect(result.coverage).toBeNull();
		expect(result.novelty).toBeNull();
		expect(result.rmse).toBeCloseTo(Math.sqrt(1 / 3), 6);
	});

	it('samples the same negatives for the same seed', async () => {
		const options = { k: 1, predictsRatings: false, candidates: { sampledNegatives: 2, seed: 5 } };
		const first = await evaluateModel(model, train, test, options);
		const second = await evaluateModel(model, train, test, options);
		expect(Array.from(second.perUser.values.ndcg)).toEqual(Array.from(first.perUser.values.ndcg));
		expect(first.counts.meanCandidateItems).toBe(3);
	});

	it('handles k larger than the candidates', async () => {
		// 4 candidates per user, k = 10: user 0 ranks [3, 2, 1, 0] and hits once, so precision 1/10.
		const result = await evaluateModel(model, train, test, { k: 10, predictsRatings: false });
		expect(result.perUser.values.precision[0]).toBeCloseTo(0.1, 10);
		expect(result.hitRate).toBeCloseTo(2 / 3, 10);
		expect(result.coverage).toBe(1);
	});

	it('handles an empty test set', async () => {
		const empty = interactions([]);
		const result = await evaluateModel(model, train, empty, { k: 3, predictsRatings: true });
		expect(result.counts.rankedUsers).toBe(0);
		expect(result.hitRate).toBe(0);
		expect(result.rmse).toBeUndefined();
		expect(result.coverage).toBeNull();
		expect(result.perUser.users.length).toBe(0);
		expect(summarizeEvaluation(result)).toEqual({ hitRate: 0, ndcg: 0, precision: 0, recall: 0, map: 0, mrr: 0 });
	});

	it('rejects invalid options', async () => {
		await expect(evaluateModel(model, train, test, { k: 0, predictsRatings: false })).rejects.toThrow(/invalid k 0/);
		await expect(evaluateModel(model, train, test, { predictsRatings: false, candidates: { sampledNegatives: 0, seed: 1 } })).rejects.toThrow(
			/invalid sampledNegatives 0/
		);
	});
});

describe('sampled negatives', () => {
	const excluded = Uint8Array.of(1, 0, 0, 1, 0, 0, 0, 0, 0, 0);

	it('draws distinct allowed items in both regimes', () => {
		for (const count of [2, 5, 8, 20]) {
			const drawn = Array.from(sampleNegatives(10, excluded, 2, count, mulberry32(3)));
			expect(drawn).toHaveLength(Math.min(count, 8));
			expect(new Set(drawn).size).toBe(drawn.length);
			expect(drawn.every((item) => excluded[item] === 0)).toBe(true);
		}
	});

	it('ranks ties to the lower item index', () => {
		// Target item 5 scores 2: item 9 scores higher, item 3 ties with a lower index, item 7 ties with a higher one.
		expect(rankAmong(5, 2, [9, 3, 7, 1], [3, 2, 2, 1])).toBe(2);
		// NaN ranks last.
		expect(rankAmong(5, Number.NaN, [9], [-100])).toBe(1);
	});
});
