/** The fitted NCF model: scoring, top-k, explanations, saving and restoring. */
import * as tf from '@tensorflow/tfjs';
import type { Explanation, FittedModel, ModelConfig, NamedArray, SavedModel, ScoredItem } from '../contract';
import { checkItem, checkUser, recommendFromScores } from '../baselines/common';
import { registerEmbeddingKernels } from '../../tf/kernels';
import { type NcfConfig, ncfConfigToJson, ncfType } from './config';
import { buildNetwork, layerNames, type NcfNetwork } from './network';

/** Items listed in an explanation's `nearestItems`. */
const nearestCount = 5;

export class NcfModel implements FittedModel {
	readonly modelType = ncfType;
	readonly config: ModelConfig;

	/** Takes ownership of `network`; {@link dispose} frees it. */
	constructor(
		private readonly settings: NcfConfig,
		private readonly network: NcfNetwork,
		readonly numUsers: number,
		readonly numItems: number
	) {
		this.config = ncfConfigToJson(settings);
	}

	/** Probabilities of interaction (ranking objective) or predicted ratings (rating objective). */
	async score(user: number, items?: Int32Array): Promise<Float32Array> {
		checkUser(user, this.numUsers);
		items?.forEach((item) => checkItem(item, this.numItems));
		const count = items ? items.length : this.numItems;
		if (count === 0) return new Float32Array(0);
		const scores = tf.tidy(() => {
			const itemIndices = items ? tf.tensor2d(items, [count, 1], 'int32') : tf.range(0, count, 1, 'int32').reshape([count, 1]);
			const userIndices = tf.fill([count, 1], user, 'int32');
			return this.network.model.apply([userIndices, itemIndices], { training: false }) as tf.Tensor;
		});
		try {
			return Float32Array.from(await scores.data());
		} finally {
			scores.dispose();
		}
	}

	async recommend(user: number, k: number, exclude?: Iterable<number>): Promise<ScoredItem[]> {
		return recommendFromScores(await this.score(user), k, exclude);
	}

	/**
	 * Splits the output layer's pre-activation value into the GMF and MLP paths'
	 * contributions (hᵀφ restricted to each path) plus the bias. They add up to
	 * the logit exactly up to float rounding, because the layer is linear before its activation.
	 */
	async explain(user: number, item: number): Promise<Explanation> {
		checkUser(user, this.numUsers);
		checkItem(item, this.numItems);
		const { model, paths, gmfWidth, variant } = this.network;
		const outputWeights = model.getLayer(layerNames.prediction).getWeights();
		const contributions = tf.tidy(() => {
			const inputs = [tf.tensor2d([user], [1, 1], 'int32'), tf.tensor2d([item], [1, 1], 'int32')];
			const vectors = paths.apply(inputs, { training: false }) as tf.Tensor | tf.Tensor[];
			const joined = Array.isArray(vectors) ? tf.concat(vectors, 1) : vectors;
			return joined.reshape([-1]).mul(outputWeights[0].reshape([-1]));
		});
		const products = await contributions.data();
		contributions.dispose();
		const bias = outputWeights.length > 1 ? (await outputWeights[1].data())[0] : 0;

		let gmfShare = 0;
		let mlpShare = 0;
		products.forEach((product, index) => {
			if (index < gmfWidth) gmfShare += product;
			else mlpShare += product;
		});
		return {
			kind: 'neural',
			gmfShare: variant === 'mlp' ? 0 : gmfShare,
			mlpShare: variant === 'gmf' ? 0 : mlpShare,
			bias,
			nearestItems: await this.nearestItems(item)
		};
	}

	/** Items by cosine similarity of item embeddings: GMF's, or the MLP's for the MLP variant. */
	private async nearestItems(item: number): Promise<{ index: number; similarity: number }[]> {
		const tableName = this.network.variant === 'mlp' ? layerNames.mlpItem : layerNames.gmfItem;
		const table = this.network.model.getLayer(tableName).getWeights()[0];
		const similarities = tf.tidy(() => {
			const norms = tf.norm(table, 'euclidean', 1, true).maximum(1e-12);
			const unit = table.div(norms);
			return tf.matMul(unit, unit.slice([item, 0], [1, -1]), false, true).reshape([-1]);
		});
		const values = await similarities.data();
		similarities.dispose();
		const order = recommendFromScores(Float32Array.from(values), nearestCount, [item]);
		return order.map((entry) => ({ index: entry.item, similarity: entry.score }));
	}

	async save(): Promise<SavedModel> {
		const arrays: NamedArray[] = [];
		for (const weight of this.network.model.weights) {
			arrays.push({
				name: weight.originalName,
				shape: weight.shape.map((length) => length ?? 0),
				dtype: 'float32',
				data: Float32Array.from(await weight.read().data())
			});
		}
		return {
			modelType: ncfType,
			config: { ...this.config },
			numUsers: this.numUsers,
			numItems: this.numItems,
			arrays,
			topology: this.network.model.toJSON(null, false)
		};
	}

	dispose(): void {
		this.network.model.dispose();
	}
}

/**
 * Rebuilds the network from the config, which fixes every layer name and
 * shape, and sets each weight from the saved array of the same name.
 */
export function restoreNcf(saved: SavedModel, settings: NcfConfig): NcfModel {
	if (saved.topology !== undefined && (typeof saved.topology !== 'object' || saved.topology === null)) {
		throw new Error('ncf model topology must be a model.json modelTopology object: re-export the model');
	}
	registerEmbeddingKernels();
	const network = buildNetwork(settings.variant, settings, { numUsers: saved.numUsers, numItems: saved.numItems, ratingMean: 0 }, 0);
	try {
		const byName = new Map(saved.arrays.map((array) => [array.name, array]));
		const known = new Set(network.model.weights.map((weight) => weight.originalName));
		const extra = [...byName.keys()].filter((name) => !known.has(name));
		if (extra.length > 0) throw new Error(`ncf model has arrays the ${settings.variant} network does not use: ${extra.join(', ')}`);
		for (const weight of network.model.weights) {
			const array = byName.get(weight.originalName);
			if (!array) throw new Error(`ncf model is missing the array '${weight.originalName}': re-export the model`);
			const size = weight.shape.reduce((product: number, length) => product * (length ?? 0), 1);
			if (array.shape.join(',') !== weight.shape.join(',') || array.data.length !== size) {
				throw new Error(`ncf array '${weight.originalName}' has shape [${array.shape}], expected [${weight.shape}]`);
			}
		}
		const values = network.model.weights.map((weight) => {
			const array = byName.get(weight.originalName) as NamedArray;
			return tf.tensor(Float32Array.from(array.data), array.shape);
		});
		network.model.setWeights(values);
		tf.dispose(values);
	} catch (error) {
		network.model.dispose();
		throw error;
	}
	return new NcfModel(settings, network, saved.numUsers, saved.numItems);
}
