/**
 * Most-popular baseline: every user gets the items with the most interactions.
 * Score = interaction count of the item, whatever the value (rating or count);
 * ties go to the lower item index. Uses no tensors.
 */
import type { Explanation, FittedModel, ModelConfig, ModelSpec, NewUserPick, SavedModel, ScoredItem } from '../contract';
import type { Interactions } from '../../data/types';
import { topK } from '../../eval/top-k';
import { resolveConfig } from '../config';

const modelType = 'popularity';

function rejectUnknownKeys(config: ModelConfig): ModelConfig {
	return resolveConfig(modelType, [], config);
}

export function countInteractions(interactions: Interactions): Int32Array {
	const counts = new Int32Array(interactions.numItems);
	for (const item of interactions.items) counts[item]++;
	return counts;
}

class PopularityModel implements FittedModel {
	readonly modelType = modelType;
	readonly config: ModelConfig = {};
	/** 1-based rank of each item by count, ties to the lower index. */
	private readonly ranks: Int32Array;

	constructor(
		private readonly counts: Int32Array,
		private readonly numUsers: number
	) {
		this.ranks = new Int32Array(counts.length);
		const order = topK(counts, counts.length);
		order.forEach((item, position) => (this.ranks[item] = position + 1));
	}

	/** A new user gets the same popularity scores as everyone. */
	async scoreNewUser(_picks: NewUserPick[], items?: Int32Array): Promise<Float32Array> {
		return items ? Float32Array.from(items, (item) => this.counts[this.checkItem(item)]) : Float32Array.from(this.counts);
	}

	async explainNewUser(_picks: NewUserPick[], item: number): Promise<Explanation> {
		return { kind: 'popularity', count: this.counts[this.checkItem(item)], rank: this.ranks[item] };
	}

	async score(user: number, items?: Int32Array): Promise<Float32Array> {
		this.checkUser(user);
		if (!items) return Float32Array.from(this.counts);
		return Float32Array.from(items, (item) => this.counts[this.checkItem(item)]);
	}

	async recommend(user: number, k: number, exclude?: Iterable<number>): Promise<ScoredItem[]> {
		this.checkUser(user);
		const excluded = new Set(exclude ?? []);
		const items = topK(this.counts, k, (item) => excluded.has(item));
		return Array.from(items, (item) => ({ item, score: this.counts[item] }));
	}

	async explain(user: number, item: number): Promise<Explanation> {
		this.checkUser(user);
		this.checkItem(item);
		return { kind: 'popularity', count: this.counts[item], rank: this.ranks[item] };
	}

	async save(): Promise<SavedModel> {
		return {
			modelType,
			config: {},
			numUsers: this.numUsers,
			numItems: this.counts.length,
			arrays: [{ name: 'counts', shape: [this.counts.length], dtype: 'int32', data: Int32Array.from(this.counts) }]
		};
	}

	dispose(): void {}

	private checkUser(user: number): void {
		if (!(Number.isInteger(user) && user >= 0 && user < this.numUsers)) {
			throw new Error(`user index ${user} out of range 0..${this.numUsers - 1}`);
		}
	}

	private checkItem(item: number): number {
		if (!(Number.isInteger(item) && item >= 0 && item < this.counts.length)) {
			throw new Error(`item index ${item} out of range 0..${this.counts.length - 1}`);
		}
		return item;
	}
}

export const popularitySpec: ModelSpec = {
	id: modelType,
	label: 'Most popular',
	description: 'Recommends the items with the most interactions to everyone. A baseline every model should beat.',
	supports: ['explicit', 'implicit'],
	predictsRatings: false,
	hyperParameters: [],

	async fit(data, config) {
		rejectUnknownKeys(config);
		return new PopularityModel(countInteractions(data.interactions), data.interactions.numUsers);
	},

	async load(saved) {
		if (saved.modelType !== modelType) {
			throw new Error(`cannot load a '${saved.modelType}' model as '${modelType}'`);
		}
		rejectUnknownKeys(saved.config);
		const counts = saved.arrays.find((array) => array.name === 'counts');
		if (!counts || counts.data.length !== saved.numItems) {
			throw new Error(`popularity model file needs a 'counts' array of length numItems (${saved.numItems})`);
		}
		return new PopularityModel(Int32Array.from(counts.data), saved.numUsers);
	}
};
