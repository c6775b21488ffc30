/**
 * A fitted latent-factor ranking model: score(u, i) = P[u] · Q[i] (+ itemBias[i]
 * when the model has item biases). Shared by implicit ALS and BPR, which differ
 * only in how they learn P, Q and the biases.
 */
import * as tf from '@tensorflow/tfjs';
import { recommendFromScores } from '../baselines/common';
import type { Explanation, FittedModel, ModelConfig, NamedArray, SavedModel, ScoredItem } from '../contract';
import { factorFoldIn } from './fold-in';

/** Learned state; the model that receives it owns and disposes the tensors. */
export interface FactorParameters {
	userFactors: tf.Tensor2D;
	itemFactors: tf.Tensor2D;
	/** Absent for models without item biases (implicit ALS, BPR with `itemBias: 'off'`). */
	itemBias: tf.Tensor1D | null;
}

export class FactorModel implements FittedModel {
	readonly numUsers: number;
	readonly numItems: number;
	readonly factors: number;

	/** Takes ownership of the tensors in `parameters`; {@link dispose} frees them. */
	constructor(
		readonly modelType: string,
		readonly config: ModelConfig,
		private readonly parameters: FactorParameters
	) {
		[this.numUsers, this.factors] = parameters.userFactors.shape;
		this.numItems = parameters.itemFactors.shape[0];
		Object.assign(this, factorFoldIn(modelType, parameters, config));
	}

	/** Scores with one matrix product: Q · P[user], plus the item biases when present. */
	async score(user: number, items?: Int32Array): Promise<Float32Array> {
		this.checkUser(user);
		items?.forEach((item) => this.checkItem(item));
		const { userFactors, itemFactors, itemBias } = this.parameters;
		const scores = tf.tidy(() => {
			const itemIndices = items ? tf.tensor1d(items, 'int32') : null;
			const itemVectors = itemIndices ? tf.gather(itemFactors, itemIndices) : itemFactors;
			const userVector = tf.slice(userFactors, [user, 0], [1, this.factors]);
			const products = tf.matMul(itemVectors, userVector, false, true).reshape([-1]);
			if (!itemBias) return products;
			return products.add(itemIndices ? tf.gather(itemBias, itemIndices) : itemBias);
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

	/** Splits the score into the item bias and per-dimension products; they sum to `score`. */
	async explain(user: number, item: number): Promise<Explanation> {
		this.checkUser(user);
		this.checkItem(item);
		const { userFactors, itemFactors, itemBias } = this.parameters;
		const row = tf.tidy(() => {
			const parts = [
				tf.slice(userFactors, [user, 0], [1, this.factors]).reshape([-1]),
				tf.slice(itemFactors, [item, 0], [1, this.factors]).reshape([-1])
			];
			if (itemBias) parts.push(tf.slice(itemBias, [item], [1]));
			return tf.concat(parts);
		});
		const values = await row.data();
		row.dispose();

		const dimensions = [];
		for (let dimension = 0; dimension < this.factors; dimension++) {
			dimensions.push({ dimension, contribution: values[dimension] * values[this.factors + dimension] });
		}
		dimensions.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
		return {
			kind: 'latent-factors',
			globalMean: 0,
			userBias: 0,
			itemBias: itemBias ? values[2 * this.factors] : 0,
			dimensions
		};
	}

	async save(): Promise<SavedModel> {
		const { userFactors, itemFactors, itemBias } = this.parameters;
		const read = async (name: string, tensor: tf.Tensor): Promise<NamedArray> => ({
			name,
			shape: [...tensor.shape],
			dtype: 'float32',
			data: Float32Array.from(await tensor.data())
		});
		const arrays = [await read('userFactors', userFactors), await read('itemFactors', itemFactors)];
		if (itemBias) arrays.push(await read('itemBias', itemBias));
		return {
			modelType: this.modelType,
			config: { ...this.config },
			numUsers: this.numUsers,
			numItems: this.numItems,
			arrays
		};
	}

	dispose(): void {
		const { userFactors, itemFactors, itemBias } = this.parameters;
		tf.dispose([userFactors, itemFactors]);
		itemBias?.dispose();
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

/**
 * Rebuilds a factor model from saved arrays, checking each name and shape
 * against the config: `factors` columns, and an `itemBias` array exactly when
 * `hasItemBias` is set.
 */
export function restoreFactorModel(saved: SavedModel, config: ModelConfig, factors: number, hasItemBias: boolean): FactorModel {
	const expectedShapes: Record<string, number[]> = {
		userFactors: [saved.numUsers, factors],
		itemFactors: [saved.numItems, factors]
	};
	if (hasItemBias) expectedShapes.itemBias = [saved.numItems];
	if (!(Number.isInteger(saved.numUsers) && saved.numUsers > 0 && Number.isInteger(saved.numItems) && saved.numItems > 0)) {
		throw new Error(`${saved.modelType} model has invalid sizes (${saved.numUsers} users, ${saved.numItems} items): re-export the model`);
	}

	const byName = new Map(saved.arrays.map((array) => [array.name, array]));
	for (const [name, expected] of Object.entries(expectedShapes)) {
		const array = byName.get(name);
		if (!array) throw new Error(`${saved.modelType} model is missing the array '${name}': re-export the model`);
		const size = expected.reduce((product, length) => product * length, 1);
		if (array.shape.join(',') !== expected.join(',') || array.data.length !== size) {
			throw new Error(`${saved.modelType} array '${name}' has shape [${array.shape}], expected [${expected}]`);
		}
	}
	if (!hasItemBias && byName.has('itemBias')) {
		throw new Error(`${saved.modelType} model has an 'itemBias' array but its config has none: re-export the model`);
	}

	const get = (name: string) => Float32Array.from(byName.get(name)?.data ?? []);
	return new FactorModel(saved.modelType, config, {
		userFactors: tf.tensor2d(get('userFactors'), [saved.numUsers, factors]),
		itemFactors: tf.tensor2d(get('itemFactors'), [saved.numItems, factors]),
		itemBias: hasItemBias ? tf.tensor1d(get('itemBias')) : null
	});
}
