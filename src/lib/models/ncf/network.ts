/**
 * The NCF networks (He et al., "Neural Collaborative Filtering", WWW 2017) as
 * tfjs Layers models with fixed layer names, so saved weights map back by name
 * and a rebuilt model matches the saved topology:
 *   GMF:   φ_GMF = p_u ⊙ q_i                                   (gmf_* embeddings)
 *   MLP:   φ_MLP = ReLU tower over [p'_u ; q'_i]                (mlp_* embeddings, mlp_dense_*)
 *   NeuMF: ŷ = a(hᵀ [φ_GMF ; φ_MLP])                           (layer 'prediction')
 * GMF and MLP alone use ŷ = a(hᵀ φ). The output activation `a` is the sigmoid
 * for the ranking objective. For the rating objective it is the identity, and
 * the output layer gets a bias that starts at the mean training rating.
 */
import * as tf from '@tensorflow/tfjs';
import type { NcfConfig, NcfVariant } from './config';

export const layerNames = {
	gmfUser: 'gmf_user_embedding',
	gmfItem: 'gmf_item_embedding',
	mlpUser: 'mlp_user_embedding',
	mlpItem: 'mlp_item_embedding',
	prediction: 'prediction'
} as const;

export function mlpDenseName(index: number): string {
	return `mlp_dense_${index + 1}`;
}

/** A built network and a second model over the same layers that outputs the two path vectors. */
export interface NcfNetwork {
	variant: NcfVariant;
	/** Inputs: user and item indices, each of shape [batch, 1] int32. Output: [batch, 1]. */
	model: tf.LayersModel;
	/** Outputs the path vectors the variant has, φ_GMF before φ_MLP; it owns no weights. */
	paths: tf.LayersModel;
	/** Width of φ_GMF inside the output layer's kernel: its first rows weigh the GMF path. */
	gmfWidth: number;
}

export interface NetworkShape {
	numUsers: number;
	numItems: number;
	/** Mean training rating, the initial output bias for the rating objective. */
	ratingMean: number;
}

function embedding(name: string, inputDim: number, outputDim: number, seed: number) {
	return tf.layers.embedding({
		name,
		inputDim,
		outputDim,
		embeddingsInitializer: tf.initializers.randomNormal({ mean: 0, stddev: 0.01, seed })
	});
}

/** Looks up both embeddings and flattens them to [batch, dim]. */
function lookUp(name: string, input: tf.SymbolicTensor, inputDim: number, outputDim: number, seed: number): tf.SymbolicTensor {
	const vectors = embedding(name, inputDim, outputDim, seed).apply(input) as tf.SymbolicTensor;
	return tf.layers.flatten({ name: `${name}_flat` }).apply(vectors) as tf.SymbolicTensor;
}

/**
 * Builds the network of `variant` with seeded initial weights. The same config,
 * sizes and seed always give the same layer names, weights and topology.
 */
export function buildNetwork(variant: NcfVariant, config: NcfConfig, shape: NetworkShape, seed: number): NcfNetwork {
	const { numUsers, numItems } = shape;
	const user = tf.input({ shape: [1], dtype: 'int32', name: 'user' });
	const item = tf.input({ shape: [1], dtype: 'int32', name: 'item' });
	const vectors: tf.SymbolicTensor[] = [];
	let gmfWidth = 0;

	if (variant !== 'mlp') {
		const userVector = lookUp(layerNames.gmfUser, user, numUsers, config.factors, seed);
		const itemVector = lookUp(layerNames.gmfItem, item, numItems, config.factors, seed + 1);
		vectors.push(tf.layers.multiply({ name: 'gmf_product' }).apply([userVector, itemVector]) as tf.SymbolicTensor);
		gmfWidth = config.factors;
	}

	if (variant !== 'gmf') {
		const [inputWidth, ...hidden] = config.mlpLayers;
		const userVector = lookUp(layerNames.mlpUser, user, numUsers, inputWidth / 2, seed + 2);
		const itemVector = lookUp(layerNames.mlpItem, item, numItems, inputWidth / 2, seed + 3);
		let tower = tf.layers.concatenate({ name: 'mlp_concat' }).apply([userVector, itemVector]) as tf.SymbolicTensor;
		hidden.forEach((units, index) => {
			const dense = tf.layers.dense({
				name: mlpDenseName(index),
				units,
				activation: 'relu',
				kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 10 + index })
			});
			tower = dense.apply(tower) as tf.SymbolicTensor;
		});
		vectors.push(tower);
	}

	const joined = vectors.length === 2 ? (tf.layers.concatenate({ name: 'neumf_concat' }).apply(vectors) as tf.SymbolicTensor) : vectors[0];
	const rating = config.objective === 'rating';
	const prediction = tf.layers
		.dense({
			name: layerNames.prediction,
			units: 1,
			activation: rating ? 'linear' : 'sigmoid',
			useBias: rating,
			kernelInitializer: tf.initializers.leCunUniform({ seed: seed + 9 }),
			...(rating ? { biasInitializer: tf.initializers.constant({ value: shape.ratingMean }) } : {})
		})
		.apply(joined) as tf.SymbolicTensor;

	const model = tf.model({ name: `ncf_${variant}`, inputs: [user, item], outputs: prediction });
	// A container over existing layers adds no weights, so disposing `model` frees everything.
	const paths = tf.model({
		name: `ncf_${variant}_paths`,
		inputs: [user, item],
		outputs: vectors
	});
	return { variant, model, paths, gmfWidth };
}

/** Copies the values of layer `name` in `source` into the same layer of `target`. */
export function copyLayerWeights(source: tf.LayersModel, target: tf.LayersModel, name: string): void {
	target.getLayer(name).setWeights(source.getLayer(name).getWeights());
}

/** The trainable tf.Variables of a model, for optimizer.minimize. */
export function trainableVariables(model: tf.LayersModel): tf.Variable[] {
	return model.trainableWeights.map((weight) => weight.read() as tf.Variable);
}

/** Kernels of the MLP and output layers, which the L2 penalty covers besides the embedding rows. */
export function denseKernels(model: tf.LayersModel): tf.Tensor[] {
	return model.layers
		.filter((layer) => layer.name.startsWith('mlp_dense_') || layer.name === layerNames.prediction)
		.map((layer) => layer.getWeights()[0]);
}
