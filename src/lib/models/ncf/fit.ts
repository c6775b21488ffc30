/**
 * Fitting NCF: data checks, the validation split, optional pre-training of
 * NeuMF from a GMF and an MLP model, and the main training run.
 */
import * as tf from '@tensorflow/tfjs';
import type { FitContext, TrainData } from '../contract';
import { mulberry32 } from '../../eval/random';
import { registerEmbeddingKernels } from '../../tf/kernels';
import type { NcfConfig } from './config';
import { type Examples, negativeSampler, rankingExamples, ratingExamples } from './examples';
import { holdOutRows } from '../early-stopping';
import { buildNetwork, copyLayerWeights, layerNames, mlpDenseName, type NcfNetwork, type NetworkShape } from './network';
import { trainNetwork, type TrainOptions } from './train';

/** Weight of the GMF output layer in the pre-trained NeuMF output layer; the MLP's gets 1 − α (He et al. use 0.5). */
const pretrainAlpha = 0.5;

function disposeNetwork(network: NcfNetwork): void {
	network.model.dispose();
}

/**
 * Builds NeuMF from trained GMF and MLP networks: their embeddings and tower
 * as they are, and the output kernel [α·h_GMF ; (1 − α)·h_MLP].
 */
function joinPretrained(gmf: NcfNetwork, mlp: NcfNetwork, config: NcfConfig, shape: NetworkShape, seed: number): NcfNetwork {
	const neumf = buildNetwork('neumf', config, shape, seed);
	for (const name of [layerNames.gmfUser, layerNames.gmfItem]) copyLayerWeights(gmf.model, neumf.model, name);
	const mlpNames = [layerNames.mlpUser, layerNames.mlpItem, ...config.mlpLayers.slice(1).map((_, index) => mlpDenseName(index))];
	for (const name of mlpNames) copyLayerWeights(mlp.model, neumf.model, name);

	const gmfOutput = gmf.model.getLayer(layerNames.prediction).getWeights();
	const mlpOutput = mlp.model.getLayer(layerNames.prediction).getWeights();
	const joined = tf.tidy(() => {
		const kernel = tf.concat([gmfOutput[0].mul(pretrainAlpha), mlpOutput[0].mul(1 - pretrainAlpha)], 0);
		// The rating objective's biases are joined with the same weights.
		return gmfOutput.length > 1 ? [kernel, gmfOutput[1].mul(pretrainAlpha).add(mlpOutput[1].mul(1 - pretrainAlpha))] : [kernel];
	});
	neumf.model.getLayer(layerNames.prediction).setWeights(joined);
	tf.dispose(joined);
	return neumf;
}

/** Trains the configured network; throws an AbortError on abort, leaking no tensors or models. */
export async function fitNcf(data: TrainData, config: NcfConfig, context: FitContext): Promise<NcfNetwork> {
	const { interactions } = data;
	const count = interactions.users.length;
	if (count === 0) throw new Error('no training interactions: import a dataset with at least one interaction');
	if (config.objective === 'rating' && data.kind !== 'explicit') {
		throw new Error(`objective 'rating' needs explicit ratings but the dataset is ${data.kind}: choose objective 'ranking'`);
	}
	registerEmbeddingKernels();

	const random = mulberry32(context.seed);
	const split = holdOutRows(count, config.validationFraction, random);
	let ratingSum = 0;
	for (const row of split.train) ratingSum += interactions.values[row];
	const shape: NetworkShape = { numUsers: interactions.numUsers, numItems: interactions.numItems, ratingMean: ratingSum / split.train.length };

	const sampler = config.objective === 'ranking' ? negativeSampler(interactions) : null;
	const examplesOf = (rows: Int32Array): Examples =>
		sampler ? rankingExamples(interactions, rows, sampler, config.negativeRatio, random) : ratingExamples(interactions, rows);
	// Validation negatives are drawn once, so the validation loss of each epoch compares like with like.
	const validation = split.validation.length > 0 ? examplesOf(split.validation) : null;
	const trainRun = (phase: string, optimizer: TrainOptions['optimizer']): TrainOptions => ({
		phase,
		optimizer,
		epochExamples: () => examplesOf(split.train),
		validation,
		random
	});

	if (config.pretrain === 'none') {
		const network = buildNetwork(config.variant, config, shape, context.seed);
		try {
			await trainNetwork(network, config, context, trainRun('train', 'adam'));
			return network;
		} catch (error) {
			disposeNetwork(network);
			throw error;
		}
	}

	const gmf = buildNetwork('gmf', config, shape, context.seed);
	const mlp = buildNetwork('mlp', config, shape, context.seed);
	let neumf: NcfNetwork | null = null;
	try {
		await trainNetwork(gmf, config, context, trainRun('pretrain-gmf', 'adam'));
		await trainNetwork(mlp, config, context, trainRun('pretrain-mlp', 'adam'));
		neumf = joinPretrained(gmf, mlp, config, shape, context.seed);
		// He et al. fine-tune the pre-trained NeuMF with plain SGD, because Adam's
		// momentum state from pre-training is not carried over.
		await trainNetwork(neumf, config, context, trainRun('train', 'sgd'));
		return neumf;
	} catch (error) {
		if (neumf) disposeNetwork(neumf);
		throw error;
	} finally {
		disposeNetwork(gmf);
		disposeNetwork(mlp);
	}
}
