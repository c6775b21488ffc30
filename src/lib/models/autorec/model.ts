/**
 * The fitted AutoRec model. After training (or loading) it reconstructs every
 * item's rating vector once and keeps the item × user predictions in a
 * Float32Array, so scoring a user reads a column instead of running the
 * network over all items.
 */
import * as tf from '@tensorflow/tfjs';
import type { Explanation, FittedModel, ModelConfig, NamedArray, SavedModel, ScoredItem } from '../contract';
import { checkItem, checkUser, csrArrays, type Csr, float32Array, readCsr, readFloat32, recommendFromScores } from '../baselines/common';
import { autorecType, type AutorecConfig } from './config';
import { buildAutoencoder, checkSize, fillDense } from './train';

/** Items per forward pass when reconstructing all items. */
const reconstructionBatch = 256;

/** What the model needs besides the network: the training ratings per item and the fallback value. */
export interface AutorecData {
	rows: Csr;
	globalMean: number;
	/** Smallest and largest training rating; predictions are clipped to this range. */
	ratingRange: [number, number];
	numUsers: number;
	numItems: number;
}

/** Runs the network over every item's rating vector; returns the item-major numItems × numUsers predictions. */
async function reconstructAll(network: tf.LayersModel, data: AutorecData): Promise<Float32Array> {
	const { numUsers, numItems, rows } = data;
	const predictions = new Float32Array(numItems * numUsers);
	const buffer = new Float32Array(reconstructionBatch * numUsers);
	for (let start = 0; start < numItems; start += reconstructionBatch) {
		const end = Math.min(numItems, start + reconstructionBatch);
		const items = Int32Array.from({ length: end - start }, (_, offset) => start + offset);
		fillDense(rows, items, numUsers, buffer);
		const output = tf.tidy(() => network.apply(tf.tensor2d(buffer.subarray(0, items.length * numUsers), [items.length, numUsers]), { training: false }) as tf.Tensor);
		try {
			predictions.set(await output.data(), start * numUsers);
		} finally {
			output.dispose();
		}
	}
	return predictions;
}

export class AutorecModel implements FittedModel {
	readonly modelType = autorecType;
	private readonly userRatingCounts: Int32Array;

	private constructor(
		readonly config: ModelConfig,
		private readonly network: tf.LayersModel,
		private readonly data: AutorecData,
		private readonly predictions: Float32Array
	) {
		this.userRatingCounts = new Int32Array(data.numUsers);
		for (const user of data.rows.indices) this.userRatingCounts[user]++;
	}

	/** Takes ownership of `network`, which {@link dispose} frees, and reconstructs all items. */
	static async create(config: ModelConfig, network: tf.LayersModel, data: AutorecData): Promise<AutorecModel> {
		try {
			return new AutorecModel(config, network, data, await reconstructAll(network, data));
		} catch (error) {
			network.dispose();
			throw error;
		}
	}

	/** The fallback reason for (user, item), or null when the network predicts the cell. */
	private fallbackReason(user: number, item: number): string | null {
		const { rows } = this.data;
		if (rows.offsets[item + 1] === rows.offsets[item]) return 'the item has no training ratings, so its input vector is empty';
		if (this.userRatingCounts[user] === 0) return 'the user has no training ratings, so no output unit was trained for them';
		return null;
	}

	private predict(user: number, item: number): number {
		if (this.fallbackReason(user, item) !== null) return this.data.globalMean;
		const [low, high] = this.data.ratingRange;
		return Math.min(high, Math.max(low, this.predictions[item * this.data.numUsers + user]));
	}

	/** Predicted ratings, clipped to the training rating range; the global mean where the model falls back. */
	async score(user: number, items?: Int32Array): Promise<Float32Array> {
		checkUser(user, this.data.numUsers);
		items?.forEach((item) => checkItem(item, this.data.numItems));
		const wanted = items ?? Int32Array.from({ length: this.data.numItems }, (_, item) => item);
		return Float32Array.from(wanted, (item) => this.predict(user, item));
	}

	async recommend(user: number, k: number, exclude?: Iterable<number>): Promise<ScoredItem[]> {
		return recommendFromScores(await this.score(user), k, exclude);
	}

	async explain(user: number, item: number): Promise<Explanation> {
		checkUser(user, this.data.numUsers);
		checkItem(item, this.data.numItems);
		const fallback = this.fallbackReason(user, item);
		return {
			kind: 'autoencoder',
			prediction: this.predict(user, item),
			globalMean: this.data.globalMean,
			inputRatings: this.data.rows.offsets[item + 1] - this.data.rows.offsets[item],
			...(fallback ? { fallback } : {})
		};
	}

	/** Layer weights first, then the training ratings and the fallback values, which model.json does not list. */
	async save(): Promise<SavedModel> {
		const arrays: NamedArray[] = [];
		for (const weight of this.network.weights) {
			arrays.push({
				name: weight.originalName,
				shape: weight.shape.map((length) => length ?? 0),
				dtype: 'float32',
				data: Float32Array.from(await weight.read().data())
			});
		}
		arrays.push(...csrArrays('itemRatings', this.data.rows));
		arrays.push(float32Array('globalMean', Float32Array.of(this.data.globalMean)));
		arrays.push(float32Array('ratingRange', Float32Array.from(this.data.ratingRange)));
		return {
			modelType: autorecType,
			config: { ...this.config },
			numUsers: this.data.numUsers,
			numItems: this.data.numItems,
			arrays,
			topology: this.network.toJSON(null, false)
		};
	}

	dispose(): void {
		this.network.dispose();
	}
}

/** Rebuilds the network from the config and sets its weights from the saved arrays, checking names and shapes. */
export async function restoreAutorec(saved: SavedModel, config: AutorecConfig): Promise<AutorecModel> {
	const { numUsers, numItems } = saved;
	checkSize(numUsers, numItems);
	const rows = readCsr(saved, 'itemRatings', numItems, numUsers);
	const [globalMean] = readFloat32(saved, 'globalMean', 1);
	const [low, high] = readFloat32(saved, 'ratingRange', 2);
	const network = buildAutoencoder(numUsers, config.hiddenUnits, 0);
	try {
		const values = network.weights.map((weight) => {
			const array = saved.arrays.find((candidate) => candidate.name === weight.originalName);
			if (!array) throw new Error(`autorec model is missing the array '${weight.originalName}': re-export the model`);
			const size = weight.shape.reduce((product: number, length) => product * (length ?? 0), 1);
			if (array.shape.join(',') !== weight.shape.join(',') || array.data.length !== size) {
				throw new Error(`autorec array '${weight.originalName}' has shape [${array.shape}], expected [${weight.shape}]`);
			}
			return array;
		});
		const tensors = values.map((array) => tf.tensor(Float32Array.from(array.data), array.shape));
		network.setWeights(tensors);
		tf.dispose(tensors);
	} catch (error) {
		network.dispose();
		throw error;
	}
	return AutorecModel.create({ ...config }, network, { rows, globalMean, ratingRange: [low, high], numUsers, numItems });
}
