/** Offline evaluation of a fitted model on a train/test split. */
import type { Interactions } from '../data/types';
import type { FittedModel } from '../models/contract';
import { checkCandidates, describeCandidates, rankAmong, sampleNegatives, type CandidateSet } from './candidates';
import { groupByUser } from './group';
import {
	averagePopularityOfList,
	averagePrecisionAtK,
	featureSetSimilarity,
	hitAtK,
	intraListDiversity,
	itemPopularity,
	mae,
	ndcgAtK,
	noveltyOfList,
	precisionAtK,
	recallAtK,
	reciprocalRankAtK,
	rmse
} from './metrics';
import { mulberry32 } from './random';
import { createYielder, throwIfAborted } from './schedule';
import { topK } from './top-k';

export type { CandidateSet } from './candidates';

export interface EvaluateOptions {
	/** Cut-off of the ranking metrics; default 10. */
	k?: number;
	/** Whether scores are ratings on the data's scale, so RMSE and MAE apply. */
	predictsRatings: boolean;
	/**
	 * Explicit data: test items with a value at or above this count as relevant.
	 * Default null: every test item is relevant, whatever its rating. Users with
	 * no relevant test item are left out of the ranking metrics.
	 */
	relevanceThreshold?: number | null;
	/**
	 * Default 'full': rank every item the user has not interacted with in training.
	 * `{ sampledNegatives: N, seed }`: rank each relevant test item against the
	 * same N items per user, sampled among those the user has no training or test
	 * interaction with (He et al. 2017). Beyond-accuracy metrics are then null.
	 */
	candidates?: CandidateSet;
	/** Similarity in [0, 1] of two items, for intra-list diversity. Takes precedence over `itemFeatures`. */
	itemSimilarity?: (a: number, b: number) => number;
	/** Feature sets per item (such as genres), compared by cosine for intra-list diversity. */
	itemFeatures?: readonly (readonly string[])[];
	signal?: AbortSignal;
	onProgress?: (progress: { phase: string; done: number; total: number }) => void;
}

/** Metrics kept per ranked user, for bootstrap intervals and paired tests. */
export const PER_USER_METRICS = ['hitRate', 'ndcg', 'precision', 'recall', 'map', 'mrr', 'novelty', 'diversity', 'averagePopularity'] as const;
export type PerUserMetric = (typeof PER_USER_METRICS)[number];

/**
 * Per-user values: `values[metric][i]` belongs to user `users[i]`. Users are
 * the ranked users in increasing index order, so two models evaluated on the
 * same split and options have the same `users` and can be paired.
 * Beyond-accuracy entries are NaN where undefined (sampled negatives, no features, lists of one item).
 */
export interface PerUserMetrics {
	users: Int32Array;
	values: Record<PerUserMetric, Float64Array>;
}

export interface EvaluationResult {
	k: number;
	/** Present only for models that predict ratings. */
	rmse?: number;
	mae?: number;
	/** Share of ranked users with at least one relevant item in their top k. */
	hitRate: number;
	/** Mean NDCG@k over ranked users. */
	ndcg: number;
	/** Mean precision@k (hits / k) over ranked users. */
	precision: number;
	/** Mean recall@k (hits / relevant items) over ranked users. */
	recall: number;
	/** Mean average precision@k, normalised by min(relevant, k), over ranked users. */
	map: number;
	/** Mean reciprocal rank of the first relevant item within the top k. */
	mrr: number;
	/** Share of all items in at least one user's top k; null with sampled negatives. */
	coverage: number | null;
	/** Mean self-information of recommended items, in bits; null with sampled negatives. */
	novelty: number | null;
	/** Mean intra-list diversity; null without item features or with sampled negatives. */
	diversity: number | null;
	/** Mean number of training users per recommended item; null with sampled negatives. */
	averagePopularity: number | null;
	/** Candidate set in words, such as "full ranking" or "100 sampled negatives". */
	candidateLabel: string;
	/** Relevance rule in words, such as "all test items relevant". */
	relevanceLabel: string;
	perUser: PerUserMetrics;
	counts: {
		testInteractions: number;
		/** Test interactions that count as relevant. */
		relevantInteractions: number;
		/** Users with at least one relevant test interaction, each ranked once. */
		rankedUsers: number;
		/** Mean number of items a ranked user's test items compete with (with sampled negatives: N + 1). */
		meanCandidateItems: number;
	};
	timing: { seconds: number; secondsPerUser: number };
}

interface UserOutcome {
	hitRate: number;
	ndcg: number;
	precision: number;
	recall: number;
	map: number;
	mrr: number;
}

/** Metrics of a full ranking: the top k of every non-training item. */
function rankFully(scores: Float32Array, k: number, isTrainItem: Uint8Array, relevant: ReadonlySet<number>): { outcome: UserOutcome; ranked: Int32Array } {
	const ranked = topK(scores, k, (item) => isTrainItem[item] === 1);
	const outcome = {
		hitRate: hitAtK(ranked, relevant, k),
		ndcg: ndcgAtK(ranked, relevant, k),
		precision: precisionAtK(ranked, relevant, k),
		recall: recallAtK(ranked, relevant, k),
		map: averagePrecisionAtK(ranked, relevant, k),
		mrr: reciprocalRankAtK(ranked, relevant, k)
	};
	return { outcome, ranked };
}

/** Metrics with sampled negatives: each relevant item is ranked against the negatives alone, and the user's value is the mean over relevant items. */
function rankAgainstNegatives(k: number, relevant: readonly number[], relevantScores: readonly number[], negatives: Int32Array, negativeScores: Float32Array): UserOutcome {
	const outcome: UserOutcome = { hitRate: 0, ndcg: 0, precision: 0, recall: 0, map: 0, mrr: 0 };
	for (let i = 0; i < relevant.length; i++) {
		const rank = rankAmong(relevant[i], relevantScores[i], negatives, negativeScores);
		if (rank >= k) continue;
		outcome.hitRate += 1;
		outcome.ndcg += 1 / Math.log2(rank + 2);
		outcome.precision += 1 / k;
		outcome.recall += 1;
		outcome.map += 1 / (rank + 1);
		outcome.mrr += 1 / (rank + 1);
	}
	for (const key of Object.keys(outcome) as (keyof UserOutcome)[]) outcome[key] /= relevant.length;
	return outcome;
}

function meanOf(values: Float64Array): number {
	let sum = 0;
	for (const value of values) sum += value;
	return values.length > 0 ? sum / values.length : 0;
}

/** Mean of the finite entries, or null when there are none. */
function finiteMeanOf(values: Float64Array): number | null {
	let sum = 0;
	let count = 0;
	for (const value of values) {
		if (!Number.isFinite(value)) continue;
		sum += value;
		count++;
	}
	return count > 0 ? sum / count : null;
}

/**
 * Evaluates `model` on `test`. Rating metrics (RMSE, MAE) cover every test
 * interaction when `predictsRatings` is set. Ranking metrics cover each user
 * with a relevant test item, ranked against the candidates that
 * `options.candidates` describes, with that user's relevant test items as the
 * targets. Users are scored one at a time, checking `signal` between users.
 */
export async function evaluateModel(model: FittedModel, train: Interactions, test: Interactions, options: EvaluateOptions): Promise<EvaluationResult> {
	const k = options.k ?? 10;
	if (!(Number.isInteger(k) && k > 0)) throw new Error(`invalid k ${k}: expected a positive integer such as 10`);
	if (train.numUsers !== test.numUsers || train.numItems !== test.numItems) {
		throw new Error(
			`train (${train.numUsers} users, ${train.numItems} items) and test (${test.numUsers}, ${test.numItems}) index different id spaces: split one dataset`
		);
	}
	const candidates = options.candidates ?? 'full';
	checkCandidates(candidates);
	const threshold = options.relevanceThreshold ?? null;
	if (threshold !== null && !Number.isFinite(threshold)) throw new Error(`invalid relevanceThreshold ${threshold}: expected a number such as 4, or null`);
	const isRelevant = (value: number) => threshold === null || value >= threshold;
	const similarity = options.itemSimilarity ?? (options.itemFeatures ? featureSetSimilarity(options.itemFeatures) : null);

	const started = performance.now();
	const trainByUser = groupByUser(train);
	const testByUser = groupByUser(test);
	const popularity = itemPopularity(train);
	const testUsers: number[] = [];
	const rankedUsers: number[] = [];
	let relevantInteractions = 0;
	for (let user = 0; user < test.numUsers; user++) {
		const start = testByUser.offsets[user];
		const end = testByUser.offsets[user + 1];
		if (end === start) continue;
		testUsers.push(user);
		let relevantCount = 0;
		for (let position = start; position < end; position++) if (isRelevant(test.values[testByUser.rows[position]])) relevantCount++;
		relevantInteractions += relevantCount;
		if (relevantCount > 0) rankedUsers.push(user);
	}
	// Users without relevant test items need scores only for RMSE and MAE.
	const usersToScore = options.predictsRatings ? testUsers : rankedUsers;

	const perUser: PerUserMetrics = {
		users: Int32Array.from(rankedUsers),
		values: Object.fromEntries(PER_USER_METRICS.map((metric) => [metric, new Float64Array(rankedUsers.length).fill(Number.NaN)])) as Record<
			PerUserMetric,
			Float64Array
		>
	};
	const predicted = new Float32Array(test.users.length);
	const interacted = new Uint8Array(train.numItems);
	const recommended = new Uint8Array(train.numItems);
	const random = candidates === 'full' ? null : mulberry32(candidates.seed);
	const maybeYield = createYielder();
	let rankedIndex = 0;
	let candidateSum = 0;

	for (let done = 0; done < usersToScore.length; done++) {
		throwIfAborted(options.signal);
		const user = usersToScore[done];
		const isRanked = rankedIndex < rankedUsers.length && rankedUsers[rankedIndex] === user;
		const testStart = testByUser.offsets[user];
		const testEnd = testByUser.offsets[user + 1];
		const relevant: number[] = [];
		for (let position = testStart; position < testEnd; position++) {
			const row = testByUser.rows[position];
			if (isRelevant(test.values[row])) relevant.push(test.items[row]);
		}

		// Mark the user's training items; with sampled negatives, test items are excluded from the negatives too.
		let markedCount = 0;
		const mark = (item: number) => {
			if (interacted[item] === 0) markedCount++;
			interacted[item] = 1;
		};
		for (let position = trainByUser.offsets[user]; position < trainByUser.offsets[user + 1]; position++) mark(train.items[trainByUser.rows[position]]);
		const trainMarked = markedCount;

		if (candidates === 'full' || random === null) {
			// TODO: score users in batches once FittedModel offers a batch method. Each call costs a
			// kernel launch and a read, which adds up at MovieLens-25M scale (about 160k test users).
			const scores = await model.score(user);
			for (let position = testStart; position < testEnd; position++) {
				const row = testByUser.rows[position];
				predicted[row] = scores[test.items[row]];
			}
			if (isRanked) {
				const { outcome, ranked } = rankFully(scores, k, interacted, new Set(relevant));
				storeOutcome(perUser, rankedIndex, outcome);
				perUser.values.novelty[rankedIndex] = noveltyOfList(ranked, popularity);
				perUser.values.averagePopularity[rankedIndex] = averagePopularityOfList(ranked, popularity);
				if (similarity) perUser.values.diversity[rankedIndex] = intraListDiversity(ranked, similarity);
				for (const item of ranked) recommended[item] = 1;
				candidateSum += train.numItems - trainMarked;
			}
		} else {
			for (let position = testStart; position < testEnd; position++) mark(test.items[testByUser.rows[position]]);
			const negatives = isRanked ? sampleNegatives(train.numItems, interacted, markedCount, candidates.sampledNegatives, random) : new Int32Array(0);
			const testItems = Int32Array.from({ length: testEnd - testStart }, (_, i) => test.items[testByUser.rows[testStart + i]]);
			const candidateItems = new Int32Array(negatives.length + testItems.length);
			candidateItems.set(negatives);
			candidateItems.set(testItems, negatives.length);
			const scores = await model.score(user, candidateItems);
			const scoreOf = new Map<number, number>();
			for (let i = 0; i < testItems.length; i++) {
				predicted[testByUser.rows[testStart + i]] = scores[negatives.length + i];
				scoreOf.set(testItems[i], scores[negatives.length + i]);
			}
			if (isRanked) {
				const relevantScores = relevant.map((item) => scoreOf.get(item) ?? Number.NaN);
				storeOutcome(perUser, rankedIndex, rankAgainstNegatives(k, relevant, relevantScores, negatives, scores.subarray(0, negatives.length)));
				candidateSum += negatives.length + 1;
			}
			for (let position = testStart; position < testEnd; position++) interacted[test.items[testByUser.rows[position]]] = 0;
		}

		for (let position = trainByUser.offsets[user]; position < trainByUser.offsets[user + 1]; position++) interacted[train.items[trainByUser.rows[position]]] = 0;
		if (isRanked) rankedIndex++;
		options.onProgress?.({ phase: 'evaluate', done: done + 1, total: usersToScore.length });
		await maybeYield();
	}

	const seconds = (performance.now() - started) / 1000;
	const userCount = rankedUsers.length;
	const full = candidates === 'full';
	let recommendedCount = 0;
	for (const flag of recommended) recommendedCount += flag;
	const result: EvaluationResult = {
		k,
		hitRate: meanOf(perUser.values.hitRate),
		ndcg: meanOf(perUser.values.ndcg),
		precision: meanOf(perUser.values.precision),
		recall: meanOf(perUser.values.recall),
		map: meanOf(perUser.values.map),
		mrr: meanOf(perUser.values.mrr),
		coverage: full && userCount > 0 && train.numItems > 0 ? recommendedCount / train.numItems : null,
		novelty: full ? finiteMeanOf(perUser.values.novelty) : null,
		diversity: full && similarity ? finiteMeanOf(perUser.values.diversity) : null,
		averagePopularity: full ? finiteMeanOf(perUser.values.averagePopularity) : null,
		candidateLabel: describeCandidates(candidates),
		relevanceLabel: threshold === null ? 'all test items relevant' : `test items rated ${threshold} or higher relevant`,
		perUser,
		counts: {
			testInteractions: test.users.length,
			relevantInteractions,
			rankedUsers: userCount,
			meanCandidateItems: userCount > 0 ? candidateSum / userCount : 0
		},
		timing: { seconds, secondsPerUser: usersToScore.length > 0 ? seconds / usersToScore.length : 0 }
	};
	if (options.predictsRatings && test.users.length > 0) {
		result.rmse = rmse(predicted, test.values);
		result.mae = mae(predicted, test.values);
	}
	return result;
}

function storeOutcome(perUser: PerUserMetrics, index: number, outcome: UserOutcome): void {
	for (const key of Object.keys(outcome) as (keyof UserOutcome)[]) perUser.values[key][index] = outcome[key];
}

/** Collects the aggregate metrics of a result into one flat record, leaving out those that are absent or null. */
export function summarizeEvaluation(result: EvaluationResult): Record<string, number> {
	const summary: Record<string, number> = {};
	const keys = ['rmse', 'mae', 'hitRate', 'ndcg', 'precision', 'recall', 'map', 'mrr', 'coverage', 'novelty', 'diversity', 'averagePopularity'] as const;
	for (const key of keys) {
		const value = result[key];
		if (typeof value === 'number') summary[key] = value;
	}
	return summary;
}
