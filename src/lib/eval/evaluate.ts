/** Offline evaluation of a fitted model on a train/test split. */
import type { Interactions } from '../data/types';
import type { FittedModel } from '../models/contract';
import { hitAtK, mae, ndcgAtK, rmse } from './metrics';
import { createYielder, throwIfAborted } from './schedule';
import { topK } from './top-k';

export interface EvaluateOptions {
	/** Cut-off of the ranking metrics; default 10. */
	k?: number;
	/** Whether scores are ratings on the data's scale, so RMSE and MAE apply. */
	predictsRatings: boolean;
	signal?: AbortSignal;
	onProgress?: (progress: { phase: string; done: number; total: number }) => void;
}

export interface EvaluationResult {
	k: number;
	/** Present only for models that predict ratings. */
	rmse?: number;
	mae?: number;
	/** Share of test users with at least one test item in their top k. */
	hitRate: number;
	/** Mean NDCG@k over test users. */
	ndcg: number;
	counts: {
		testInteractions: number;
		/** Users with at least one test interaction, each ranked once. */
		rankedUsers: number;
		/** Mean number of items a user is ranked against: all items minus that user's training items. */
		meanCandidateItems: number;
	};
	timing: { seconds: number; secondsPerUser: number };
}

/** Row offsets grouping the rows of `interactions` by user (a CSR index). */
function groupByUser(interactions: Interactions): { offsets: Int32Array; rows: Int32Array } {
	const offsets = new Int32Array(interactions.numUsers + 1);
	for (const user of interactions.users) offsets[user + 1]++;
	for (let user = 0; user < interactions.numUsers; user++) offsets[user + 1] += offsets[user];
	const cursor = offsets.slice(0, interactions.numUsers);
	const rows = new Int32Array(interactions.users.length);
	for (let row = 0; row < interactions.users.length; row++) rows[cursor[interactions.users[row]]++] = row;
	return { offsets, rows };
}

/**
 * Evaluates `model` on `test`. Rating metrics (RMSE, MAE) cover every test
 * interaction when `predictsRatings` is set. Ranking metrics rank, for each
 * user with a test interaction, ALL items that user has not interacted with
 * in `train` (no sampled negatives), with the user's test items as relevant.
 */
export async function evaluateModel(
	model: FittedModel,
	train: Interactions,
	test: Interactions,
	options: EvaluateOptions
): Promise<EvaluationResult> {
	const k = options.k ?? 10;
	if (!(Number.isInteger(k) && k > 0)) throw new Error(`invalid k ${k}: expected a positive integer such as 10`);
	if (train.numUsers !== test.numUsers || train.numItems !== test.numItems) {
		throw new Error(
			`train (${train.numUsers} users, ${train.numItems} items) and test (${test.numUsers}, ${test.numItems}) index different id spaces: split one dataset`
		);
	}
	const started = performance.now();
	const trainByUser = groupByUser(train);
	const testByUser = groupByUser(test);
	const testUsers: number[] = [];
	for (let user = 0; user < test.numUsers; user++) {
		if (testByUser.offsets[user + 1] > testByUser.offsets[user]) testUsers.push(user);
	}

	const predicted = new Float32Array(test.users.length);
	const seen = new Uint8Array(train.numItems);
	const maybeYield = createYielder();
	let hits = 0;
	let ndcgSum = 0;
	let candidateSum = 0;

	for (let done = 0; done < testUsers.length; done++) {
		throwIfAborted(options.signal);
		const user = testUsers[done];
		// TODO: score users in batches. Each call costs a kernel launch and a read,
		// which adds up at MovieLens-25M scale (about 160k test users).
		const scores = await model.score(user);

		// Rating predictions for this user's test rows.
		const relevant = new Set<number>();
		for (let position = testByUser.offsets[user]; position < testByUser.offsets[user + 1]; position++) {
			const row = testByUser.rows[position];
			predicted[row] = scores[test.items[row]];
			relevant.add(test.items[row]);
		}

		// Full ranking of the items this user did not interact with in training.
		let seenCount = 0;
		for (let position = trainByUser.offsets[user]; position < trainByUser.offsets[user + 1]; position++) {
			const item = train.items[trainByUser.rows[position]];
			if (seen[item] === 0) seenCount++;
			seen[item] = 1;
		}
		candidateSum += train.numItems - seenCount;
		const ranked = topK(scores, k, (item) => seen[item] === 1);
		for (let position = trainByUser.offsets[user]; position < trainByUser.offsets[user + 1]; position++) {
			seen[train.items[trainByUser.rows[position]]] = 0;
		}
		hits += hitAtK(ranked, relevant, k);
		ndcgSum += ndcgAtK(ranked, relevant, k);

		options.onProgress?.({ phase: 'evaluate', done: done + 1, total: testUsers.length });
		await maybeYield();
	}

	const seconds = (performance.now() - started) / 1000;
	const userCount = testUsers.length;
	const result: EvaluationResult = {
		k,
		hitRate: userCount > 0 ? hits / userCount : 0,
		ndcg: userCount > 0 ? ndcgSum / userCount : 0,
		counts: {
			testInteractions: test.users.length,
			rankedUsers: userCount,
			meanCandidateItems: userCount > 0 ? candidateSum / userCount : 0
		},
		timing: { seconds, secondsPerUser: userCount > 0 ? seconds / userCount : 0 }
	};
	if (options.predictsRatings && test.users.length > 0) {
		result.rmse = rmse(predicted, test.values);
		result.mae = mae(predicted, test.values);
	}
	return result;
}
