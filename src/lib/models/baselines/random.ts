/**
 * Random baseline: each (user, item) gets a score in [0, 1) that is a fixed
 * hash of the fit seed, the user index and the item index, so the same seed
 * always gives the same ranking. Plain TypeScript, no tensors.
 */
import type { Explanation, FittedModel, ModelConfig, ModelSpec, SavedModel, ScoredItem } from '../contract';
import { checkItem, checkModelType, checkUser, int32Array, readInt32, recommendFromScores, resolveConfig } from './common';

const modelType = 'random';

/** Mixes three 32-bit integers into a float in [0, 1) (murmur3's finaliser over a combined key). */
export function randomScore(seed: number, user: number, item: number): number {
	let hash = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(user + 1, 0xc2b2ae35);
	hash = Math.imul(hash ^ (hash >>> 13), 0x27d4eb2f) ^ Math.imul(item + 1, 0x165667b1);
	hash ^= hash >>> 16;
	hash = Math.imul(hash, 0x85ebca6b);
	hash ^= hash >>> 13;
	hash = Math.imul(hash, 0xc2b2ae35);
	hash ^= hash >>> 16;
	return (hash >>> 0) / 4294967296;
}

class RandomModel implements FittedModel {
	readonly modelType = modelType;
	readonly config: ModelConfig = {};

	constructor(
		private readonly seed: number,
		private readonly numUsers: number,
		private readonly numItems: number
	) {}

	async score(user: number, items?: Int32Array): Promise<Float32Array> {
		checkUser(user, this.numUsers);
		items?.forEach((item) => checkItem(item, this.numItems));
		const count = items ? items.length : this.numItems;
		const scores = new Float32Array(count);
		for (let position = 0; position < count; position++) {
			scores[position] = randomScore(this.seed, user, items ? items[position] : position);
		}
		return scores;
	}

	async recommend(user: number, k: number, exclude?: Iterable<number>): Promise<ScoredItem[]> {
		return recommendFromScores(await this.score(user), k, exclude);
	}

	async explain(user: number, item: number): Promise<Explanation> {
		checkUser(user, this.numUsers);
		checkItem(item, this.numItems);
		return { kind: 'random' };
	}

	async save(): Promise<SavedModel> {
		return {
			modelType,
			config: {},
			numUsers: this.numUsers,
			numItems: this.numItems,
			arrays: [int32Array('seed', Int32Array.of(this.seed))]
		};
	}

	dispose(): void {}
}

export const randomSpec: ModelSpec = {
	id: modelType,
	label: 'Random',
	description: 'Ranks items in a random order that is fixed by the seed. The floor every model must clear.',
	supports: ['explicit', 'implicit'],
	predictsRatings: false,
	hyperParameters: [],

	async fit(data, config, context) {
		resolveConfig(modelType, [], config);
		const { numUsers, numItems } = data.interactions;
		return new RandomModel(context.seed | 0, numUsers, numItems);
	},

	async load(saved) {
		checkModelType(saved, modelType);
		resolveConfig(modelType, [], saved.config);
		return new RandomModel(readInt32(saved, 'seed', 1)[0], saved.numUsers, saved.numItems);
	}
};
