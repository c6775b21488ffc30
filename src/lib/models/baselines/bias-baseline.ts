/**
 * Bias baseline: prediction(u, i) = globalMean + userBias[u] + itemBias[i],
 * with regularised biases fitted by alternating least squares as in Surprise's
 * BaselineOnly (Koren, "Factor in the Neighbors", TKDD 2010, section 2.1).
 * Each epoch first sets every item bias, then every user bias:
 *   itemBias[i] = Σ_{u ∈ R(i)} (r_ui − globalMean − userBias[u]) / (regItem + |R(i)|)
 *   userBias[u] = Σ_{i ∈ R(u)} (r_ui − globalMean − itemBias[i]) / (regUser + |R(u)|)
 * Plain TypeScript: each epoch is one pass over the ratings, which needs no tensors.
 * The kNN models reuse {@link fitBaselines} for their baseline estimates.
 */
import type { Interactions } from '../../data/types';
import type { Explanation, FittedModel, HyperParameter, ModelConfig, ModelSpec, SavedModel, ScoredItem } from '../contract';
import { buildCsr, checkItem, checkModelType, checkUser, float32Array, readFloat32, recommendFromScores, resolveConfig } from './common';
import { throwIfAborted } from '../../eval/schedule';
import { meanValue } from './global-mean';

const modelType = 'bias-baseline';

export interface BaselineOptions {
	regItem: number;
	regUser: number;
	epochs: number;
}

/** Global mean and biases; the arrays are float32 so saved and runtime values agree exactly. */
export interface Baselines {
	globalMean: number;
	userBias: Float32Array;
	itemBias: Float32Array;
}

export const defaultBaselineOptions: BaselineOptions = { regItem: 10, regUser: 15, epochs: 10 };

export const biasBaselineHyperParameters: HyperParameter[] = [
	{
		key: 'regItem',
		label: 'Item bias regularisation',
		description: 'Added to the rating count in each item bias’s denominator, so items with few ratings stay near the mean.',
		unit: 'ratings',
		type: 'float',
		default: defaultBaselineOptions.regItem,
		min: 0,
		max: 1000
	},
	{
		key: 'regUser',
		label: 'User bias regularisation',
		description: 'Added to the rating count in each user bias’s denominator, so users with few ratings stay near the mean.',
		unit: 'ratings',
		type: 'float',
		default: defaultBaselineOptions.regUser,
		min: 0,
		max: 1000
	},
	{
		key: 'epochs',
		label: 'Epochs',
		description: 'Alternating passes, each updating all item biases and then all user biases.',
		unit: 'passes',
		type: 'int',
		default: defaultBaselineOptions.epochs,
		min: 1,
		max: 100
	}
];

/** Fits the global mean and biases by alternating least squares (see the file header). */
export function fitBaselines(interactions: Interactions, options: BaselineOptions): Baselines {
	const { users, items, values, numUsers, numItems } = interactions;
	const globalMean = meanValue(values);
	const byItem = buildCsr(items, users, values, numItems, numUsers);
	const byUser = buildCsr(users, items, values, numUsers, numItems);
	const userBias = new Float64Array(numUsers);
	const itemBias = new Float64Array(numItems);

	for (let epoch = 0; epoch < options.epochs; epoch++) {
		for (let item = 0; item < numItems; item++) {
			let deviation = 0;
			for (let entry = byItem.offsets[item]; entry < byItem.offsets[item + 1]; entry++) {
				deviation += byItem.values[entry] - globalMean - userBias[byItem.indices[entry]];
			}
			const count = byItem.offsets[item + 1] - byItem.offsets[item];
			itemBias[item] = count > 0 ? deviation / (options.regItem + count) : 0;
		}
		for (let user = 0; user < numUsers; user++) {
			let deviation = 0;
			for (let entry = byUser.offsets[user]; entry < byUser.offsets[user + 1]; entry++) {
				deviation += byUser.values[entry] - globalMean - itemBias[byUser.indices[entry]];
			}
			const count = byUser.offsets[user + 1] - byUser.offsets[user];
			userBias[user] = count > 0 ? deviation / (options.regUser + count) : 0;
		}
	}
	return { globalMean: Math.fround(globalMean), userBias: Float32Array.from(userBias), itemBias: Float32Array.from(itemBias) };
}

/** Arrays of a saved bias baseline, also written by the kNN models. */
export function baselineArrays(baselines: Baselines) {
	return [
		float32Array('globalMean', Float32Array.of(baselines.globalMean)),
		float32Array('userBias', baselines.userBias),
		float32Array('itemBias', baselines.itemBias)
	];
}

export function readBaselines(saved: SavedModel): Baselines {
	return {
		globalMean: readFloat32(saved, 'globalMean', 1)[0],
		userBias: readFloat32(saved, 'userBias', saved.numUsers),
		itemBias: readFloat32(saved, 'itemBias', saved.numItems)
	};
}

class BiasBaselineModel implements FittedModel {
	readonly modelType = modelType;
	private readonly numUsers: number;
	private readonly numItems: number;

	constructor(
		readonly config: ModelConfig,
		private readonly baselines: Baselines
	) {
		this.numUsers = baselines.userBias.length;
		this.numItems = baselines.itemBias.length;
	}

	async score(user: number, items?: Int32Array): Promise<Float32Array> {
		checkUser(user, this.numUsers);
		items?.forEach((item) => checkItem(item, this.numItems));
		const { globalMean, userBias, itemBias } = this.baselines;
		const count = items ? items.length : this.numItems;
		const scores = new Float32Array(count);
		for (let position = 0; position < count; position++) {
			scores[position] = globalMean + userBias[user] + itemBias[items ? items[position] : position];
		}
		return scores;
	}

	async recommend(user: number, k: number, exclude?: Iterable<number>): Promise<ScoredItem[]> {
		return recommendFromScores(await this.score(user), k, exclude);
	}

	async explain(user: number, item: number): Promise<Explanation> {
		checkUser(user, this.numUsers);
		checkItem(item, this.numItems);
		const { globalMean, userBias, itemBias } = this.baselines;
		return { kind: 'baseline', globalMean, userBias: userBias[user], itemBias: itemBias[item] };
	}

	async save(): Promise<SavedModel> {
		return {
			modelType,
			config: { ...this.config },
			numUsers: this.numUsers,
			numItems: this.numItems,
			arrays: baselineArrays(this.baselines)
		};
	}

	dispose(): void {}
}

export const biasBaselineSpec: ModelSpec = {
	id: modelType,
	label: 'Bias baseline',
	description: 'Predicts a rating as the global mean plus a regularised user bias and item bias, fitted by alternating least squares.',
	supports: ['explicit'],
	predictsRatings: true,
	hyperParameters: biasBaselineHyperParameters,

	async fit(data, config, context) {
		const resolved = resolveConfig(modelType, biasBaselineHyperParameters, config);
		throwIfAborted(context.signal);
		const baselines = fitBaselines(data.interactions, resolved as unknown as BaselineOptions);
		context.onProgress?.({ phase: 'train', done: 1, total: 1 });
		return new BiasBaselineModel(resolved, baselines);
	},

	async load(saved) {
		checkModelType(saved, modelType);
		return new BiasBaselineModel(resolveConfig(modelType, biasBaselineHyperParameters, saved.config), readBaselines(saved));
	}
};
