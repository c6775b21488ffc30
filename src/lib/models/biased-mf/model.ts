/** The fitted biased-MF model: scoring, top-k, explanations and saving. */
import * as tf from '@tensorflow/tfjs';
import { recommendFromScores } from '../baselines/common';
import type { Explanation, FittedModel, ModelConfig, NamedArray, SavedModel, ScoredItem } from '../contract';
import type { BiasedMfParameters } from './train';
import { biasedMfFoldIn } from './fold-in';

export const biasedMfType = 'biased-mf';

/** Names of the arrays in a saved model; globalMean is stored with shape [1]. */
export const arrayNames = ['globalMean', 'userBias', 'itemBias', 'userFactors', 'itemFactors'] as const;

export class BiasedMfModel implements FittedModel {
	readonly modelType = biasedMfType;
	readonly numUsers: number;
	readonly numItems: number;
	readonly factors: number;

	/** Takes ownership of the tensors in `parameters`; {@link dispose} frees them. */
	constructor(
		readonly config: ModelConfig,
		private readonly parameters: BiasedMfParameters
	) {
		[this.numUsers, this.factors] = parameters.userFactors.shape;
		this.numItems = parameters.itemFactors.shape[0];
		Object.assign(this, biasedMfFoldIn(parameters, config));
	}

	/** Scores with one matrix product: Q · P[user] plus the biases and the mean. */
	async score(user: number, items?: Int32Array): Promise<Float32Array> {
		this.checkUser(user);
		items?.forEach((item) => this.checkItem(item));
		const { userFactors, itemFactors, userBias, itemBias, globalMean } = this.parameters;
		const scores = tf.tidy(() => {
			const itemIndices = items ? tf.tensor1d(items, 'int32') : null;
			const itemVectors = itemIndices ? tf.gather(itemFactors, itemIndices) : itemFactors;
			const itemOffsets = itemIndices ? tf.gather(itemBias, itemIndices) : itemBias;
			const userVector = tf.slice(userFactors, [user, 0], [1, this.factors]);
			const products = tf.matMul(itemVectors, userVector, false, true).reshape([-1]);
			return products.add(itemOffsets).add(tf.slice(userBias, [user], [1])).add(globalMean);
		});
		try {
			return (await scores.data()) as Float32Array;
		} finally {
			scores.dispose();
		}
	}

	async recommend(user: number, k: number, exclude?: Iterable<number>): Promise<ScoredItem[]> {
		return recommendFromScores(await this.score(user), k, exclude);
	}

	/** Splits the score into mean, biases and per-dimension products; they sum to `score`. */
	async explain(user: number, item: number): Promise<Explanation> {
		this.checkUser(user);
		this.checkItem(item);
		const { userFactors, itemFactors, userBias, itemBias, globalMean } = this.parameters;
		const row = tf.tidy(() =>
			tf.concat([
				tf.slice(userFactors, [user, 0], [1, this.factors]).reshape([-1]),
				tf.slice(itemFactors, [item, 0], [1, this.factors]).reshape([-1]),
				tf.slice(userBias, [user], [1]),
				tf.slice(itemBias, [item], [1])
			])
		);
		const values = await row.data();
		row.dispose();

		const dimensions = [];
		for (let dimension = 0; dimension < this.factors; dimension++) {
			dimensions.push({ dimension, contribution: values[dimension] * values[this.factors + dimension] });
		}
		dimensions.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
		return {
			kind: 'latent-factors',
			globalMean,
			userBias: values[2 * this.factors],
			itemBias: values[2 * this.factors + 1],
			dimensions
		};
	}

	async save(): Promise<SavedModel> {
		const { userFactors, itemFactors, userBias, itemBias, globalMean } = this.parameters;
		const read = async (name: string, tensor: tf.Tensor): Promise<NamedArray> => ({
			name,
			shape: [...tensor.shape],
			dtype: 'float32',
			data: Float32Array.from(await tensor.data())
		});
		return {
			modelType: biasedMfType,
			config: { ...this.config },
			numUsers: this.numUsers,
			numItems: this.numItems,
			arrays: [
				{ name: 'globalMean', shape: [1], dtype: 'float32', data: Float32Array.of(globalMean) },
				await read('userBias', userBias),
				await read('itemBias', itemBias),
				await read('userFactors', userFactors),
				await read('itemFactors', itemFactors)
			]
		};
	}

	dispose(): void {
		const { userFactors, itemFactors, userBias, itemBias } = this.parameters;
		tf.dispose([userFactors, itemFactors, userBias, itemBias]);
	}

	private checkUser(user: number): void {
		if (!(Number.isInteger(user) && user >= 0 && user < this.numUsers)) {
			throw new Error(`user index ${user} out of range 0..${this.numUsers - 1}`);
		}
	}

	private checkItem(item: number): void {
		if (!(Number.isInteger(item) && item >= 0 && item < this.numItems)) {
			throw new Error(`item index ${item} out of range 0..${this.numItems - 1}`);
		}
	}
}

/** Rebuilds the model from saved arrays, checking each name and shape against the config. */
export function restoreBiasedMf(saved: SavedModel, config: ModelConfig, factors: number): BiasedMfModel {
	const expectedShapes: Record<(typeof arrayNames)[number], number[]> = {
		globalMean: [1],
		userBias: [saved.numUsers],
		itemBias: [saved.numItems],
		userFactors: [saved.numUsers, factors],
		itemFactors: [saved.numItems, factors]
	};
	const byName = new Map(saved.arrays.map((array) => [array.name, array]));
	for (const name of arrayNames) {
		const array = byName.get(name);
		if (!array) throw new Error(`biased-mf model is missing the array '${name}': re-export the model`);
		const expected = expectedShapes[name];
		const size = expected.reduce((product, length) => product * length, 1);
		if (array.shape.join(',') !== expected.join(',') || array.data.length !== size) {
			throw new Error(`biased-mf array '${name}' has shape [${array.shape}], expected [${expected}]`);
		}
	}
	const get = (name: (typeof arrayNames)[number]) => Float32Array.from(byName.get(name)?.data ?? []);
	return new BiasedMfModel(config, {
		globalMean: get('globalMean')[0],
		userBias: tf.tensor1d(get('userBias')),
		itemBias: tf.tensor1d(get('itemBias')),
		userFactors: tf.tensor2d(get('userFactors'), [saved.numUsers, factors]),
		itemFactors: tf.tensor2d(get('itemFactors'), [saved.numItems, factors])
	});
}
