/**
 * Global-mean baseline: predicts the mean training value for every user and
 * item, so every item ties. Plain TypeScript, no tensors.
 */
import type { Explanation, FittedModel, ModelConfig, ModelSpec, SavedModel, ScoredItem } from '../contract';
import { checkItem, checkModelType, checkUser, float32Array, readFloat32, recommendFromScores, resolveConfig } from './common';

const modelType = 'global-mean';

class GlobalMeanModel implements FittedModel {
	readonly modelType = modelType;
	readonly config: ModelConfig = {};

	constructor(
		private readonly globalMean: number,
		private readonly numUsers: number,
		private readonly numItems: number
	) {}

	async score(user: number, items?: Int32Array): Promise<Float32Array> {
		checkUser(user, this.numUsers);
		items?.forEach((item) => checkItem(item, this.numItems));
		return new Float32Array(items ? items.length : this.numItems).fill(this.globalMean);
	}

	async recommend(user: number, k: number, exclude?: Iterable<number>): Promise<ScoredItem[]> {
		return recommendFromScores(await this.score(user), k, exclude);
	}

	async explain(user: number, item: number): Promise<Explanation> {
		checkUser(user, this.numUsers);
		checkItem(item, this.numItems);
		return { kind: 'baseline', globalMean: this.globalMean, userBias: 0, itemBias: 0 };
	}

	async save(): Promise<SavedModel> {
		return {
			modelType,
			config: {},
			numUsers: this.numUsers,
			numItems: this.numItems,
			arrays: [float32Array('globalMean', Float32Array.of(this.globalMean))]
		};
	}

	dispose(): void {}
}

/** Returns the mean of `values` in double precision; throws on an empty training set. */
export function meanValue(values: Float32Array): number {
	if (values.length === 0) throw new Error('no training interactions: import a dataset with at least one interaction');
	let sum = 0;
	for (const value of values) sum += value;
	return sum / values.length;
}

export const globalMeanSpec: ModelSpec = {
	id: modelType,
	label: 'Global mean',
	description: 'Predicts the mean rating of the training data for everyone. The reference point for RMSE.',
	supports: ['explicit'],
	predictsRatings: true,
	hyperParameters: [],

	async fit(data, config) {
		resolveConfig(modelType, [], config);
		const { numUsers, numItems, values } = data.interactions;
		// Rounded to float32 here, so save and load give the same scores.
		return new GlobalMeanModel(Math.fround(meanValue(values)), numUsers, numItems);
	},

	async load(saved) {
		checkModelType(saved, modelType);
		resolveConfig(modelType, [], saved.config);
		return new GlobalMeanModel(readFloat32(saved, 'globalMean', 1)[0], saved.numUsers, saved.numItems);
	}
};
