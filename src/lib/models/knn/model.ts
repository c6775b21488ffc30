/**
 * The fitted kNN model (item- or user-based): scoring from the stored
 * neighbour lists and the user's ratings, explanations and saving.
 *
 * Explicit mode (Surprise's KNNBaseline):
 *   score(u, i) = b(u, i) + Σ_n sim_n · (r_n − b_n) / Σ_n sim_n
 * over the k most similar stored neighbours that have a rating: items j the user
 * rated (item-kNN, r_n = r_uj) or users v who rated i (user-kNN, r_n = r_vi),
 * where b(x, y) = globalMean + userBias[x] + itemBias[y]. Implicit mode:
 *   score(u, i) = Σ_n sim_n over the same neighbours.
 * With fewer than minK neighbours the score falls back to b(u, i) (explicit) or 0.
 */
import type { Explanation, FittedModel, ModelConfig, SavedModel, ScoredItem } from '../contract';
import { baselineArrays, type Baselines } from '../baselines/bias-baseline';
import { checkItem, checkUser, csrArrays, recommendFromScores, type Csr } from '../baselines/common';
import type { KnnConfig } from './config';
import { itemKnnFoldIn } from './fold-in';

/** Learned state: baselines, the training ratings by user, and the neighbour lists. */
export interface KnnState {
	baselines: Baselines;
	/** Ratings by user: each user's items with their values. */
	ratings: Csr;
	/** Per item (item-kNN) or per user (user-kNN): neighbours, most similar first. */
	neighbours: Csr;
}

type Neighbour = { index: number; similarity: number; value: number };

export class KnnModel implements FittedModel {
	private readonly numUsers: number;
	private readonly numItems: number;
	private readonly settings: KnnConfig;

	constructor(
		readonly modelType: string,
		readonly orientation: 'item' | 'user',
		readonly config: ModelConfig,
		private readonly state: KnnState
	) {
		this.settings = config as unknown as KnnConfig;
		this.numUsers = state.baselines.userBias.length;
		this.numItems = state.baselines.itemBias.length;
		if (orientation === 'item') Object.assign(this, itemKnnFoldIn(this.settings, state));
	}

	async score(user: number, items?: Int32Array): Promise<Float32Array> {
		checkUser(user, this.numUsers);
		items?.forEach((item) => checkItem(item, this.numItems));
		if (this.orientation === 'user') {
			const all = this.scoreAllUserBased(user);
			return items ? Float32Array.from(items, (item) => all[item]) : all;
		}
		const values = this.userValues(user);
		const count = items ? items.length : this.numItems;
		const scores = new Float32Array(count);
		for (let position = 0; position < count; position++) {
			scores[position] = this.predictItemBased(user, items ? items[position] : position, values, null).score;
		}
		return scores;
	}

	async recommend(user: number, k: number, exclude?: Iterable<number>): Promise<ScoredItem[]> {
		return recommendFromScores(await this.score(user), k, exclude);
	}

	async explain(user: number, item: number): Promise<Explanation> {
		checkUser(user, this.numUsers);
		checkItem(item, this.numItems);
		const used: Neighbour[] = [];
		const { fallback } =
			this.orientation === 'item'
				? this.predictItemBased(user, item, this.userValues(user), used)
				: this.predictUserBased(user, item, used);
		return {
			kind: 'neighbours',
			mode: this.orientation === 'item' ? 'items' : 'users',
			baseline: this.settings.mode === 'explicit' ? this.baseline(user, item) : 0,
			neighbours: fallback ? [] : used,
			...(fallback ? { fallback } : {})
		};
	}

	async save(): Promise<SavedModel> {
		return {
			modelType: this.modelType,
			config: { ...this.config },
			numUsers: this.numUsers,
			numItems: this.numItems,
			arrays: [
				...baselineArrays(this.state.baselines),
				...csrArrays('ratings', this.state.ratings),
				...csrArrays('neighbours', this.state.neighbours)
			]
		};
	}

	dispose(): void {}

	private baseline(user: number, item: number): number {
		const { globalMean, userBias, itemBias } = this.state.baselines;
		return globalMean + userBias[user] + itemBias[item];
	}

	/** Returns what a neighbour's rating contributes: its deviation from the baseline (explicit) or the raw value. */
	private neighbourValue(user: number, item: number, rating: number): number {
		return this.settings.mode === 'explicit' ? rating - this.baseline(user, item) : rating;
	}

	/** Returns the user's values per item (NaN where unrated), as {@link neighbourValue} defines them. */
	private userValues(user: number): Float64Array {
		const values = new Float64Array(this.numItems).fill(Number.NaN);
		const { offsets, indices, values: ratings } = this.state.ratings;
		for (let entry = offsets[user]; entry < offsets[user + 1]; entry++) {
			values[indices[entry]] = this.neighbourValue(user, indices[entry], ratings[entry]);
		}
		return values;
	}

	/** Combines the neighbours' sums into a score, or falls back with the reason. */
	private combine(user: number, item: number, taken: number, weighted: number, similaritySum: number) {
		const { minK, mode } = this.settings;
		const fallbackScore = mode === 'explicit' ? this.baseline(user, item) : 0;
		if (taken === 0) {
			const reason =
				this.orientation === 'item'
					? 'none of the user’s rated items is among this item’s stored neighbours'
					: 'none of the user’s stored neighbours rated this item';
			return { score: fallbackScore, fallback: reason };
		}
		if (taken < minK) {
			return { score: fallbackScore, fallback: `only ${taken} neighbours with a rating, fewer than minK (${minK})` };
		}
		const score = mode === 'explicit' ? fallbackScore + weighted / similaritySum : similaritySum;
		return { score, fallback: undefined };
	}

	/** Walks the item's neighbours, most similar first, and uses the first k the user rated. */
	private predictItemBased(user: number, item: number, userValues: Float64Array, used: Neighbour[] | null) {
		const { offsets, indices, values: similarities } = this.state.neighbours;
		let taken = 0;
		let weighted = 0;
		let similaritySum = 0;
		for (let entry = offsets[item]; entry < offsets[item + 1] && taken < this.settings.k; entry++) {
			const value = userValues[indices[entry]];
			if (Number.isNaN(value)) continue;
			const similarity = similarities[entry];
			weighted += similarity * value;
			similaritySum += similarity;
			taken++;
			used?.push({ index: indices[entry], similarity, value });
		}
		return this.combine(user, item, taken, weighted, similaritySum);
	}

	/** Predicts one item, user-based, from the first k of the user's neighbours (most similar first) who rated it. */
	private predictUserBased(user: number, item: number, used: Neighbour[] | null) {
		const { neighbours, ratings } = this.state;
		let taken = 0;
		let weighted = 0;
		let similaritySum = 0;
		for (let entry = neighbours.offsets[user]; entry < neighbours.offsets[user + 1] && taken < this.settings.k; entry++) {
			const other = neighbours.indices[entry];
			const position = findSorted(ratings.indices, ratings.offsets[other], ratings.offsets[other + 1], item);
			if (position < 0) continue;
			const similarity = neighbours.values[entry];
			const value = this.neighbourValue(other, item, ratings.values[position]);
			weighted += similarity * value;
			similaritySum += similarity;
			taken++;
			used?.push({ index: other, similarity, value });
		}
		return this.combine(user, item, taken, weighted, similaritySum);
	}

	/**
	 * Scores all items, user-based, in one pass over the neighbours' ratings. Walking the
	 * neighbours most similar first, each item takes its first k raters, as in
	 * {@link predictUserBased}.
	 */
	private scoreAllUserBased(user: number): Float32Array {
		const { neighbours, ratings } = this.state;
		const taken = new Int32Array(this.numItems);
		const weighted = new Float64Array(this.numItems);
		const similaritySums = new Float64Array(this.numItems);
		for (let entry = neighbours.offsets[user]; entry < neighbours.offsets[user + 1]; entry++) {
			const other = neighbours.indices[entry];
			const similarity = neighbours.values[entry];
			for (let rating = ratings.offsets[other]; rating < ratings.offsets[other + 1]; rating++) {
				const item = ratings.indices[rating];
				if (taken[item] >= this.settings.k) continue;
				taken[item]++;
				weighted[item] += similarity * this.neighbourValue(other, item, ratings.values[rating]);
				similaritySums[item] += similarity;
			}
		}
		const scores = new Float32Array(this.numItems);
		for (let item = 0; item < this.numItems; item++) {
			scores[item] = this.combine(user, item, taken[item], weighted[item], similaritySums[item]).score;
		}
		return scores;
	}
}

/** Position of `target` in the ascending slice sorted[start..end), or −1. */
function findSorted(sorted: Int32Array, start: number, end: number, target: number): number {
	let low = start;
	let high = end - 1;
	while (low <= high) {
		const middle = (low + high) >> 1;
		if (sorted[middle] === target) return middle;
		if (sorted[middle] < target) low = middle + 1;
		else high = middle - 1;
	}
	return -1;
}
