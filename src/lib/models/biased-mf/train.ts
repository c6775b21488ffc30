/**
 * Mini-batch training of biased matrix factorisation on tfjs:
 *   prediction(u, i) = globalMean + userBias[u] + itemBias[i] + P[u] · Q[i]
 *   loss = mean over the batch of (prediction − value)²
 *        + regularization × mean over the batch of (|P[u]|² + |Q[i]|² + userBias[u]² + itemBias[i]²)
 * The embedding lookups are `tf.gather`, whose gradient needs the scatter-add
 * kernel from src/lib/tf/kernels.ts to be fast on the CPU and WASM backends.
 */
import * as tf from '@tensorflow/tfjs';
import type { Interactions } from '../../data/types';
import type { FitContext } from '../contract';
import { mulberry32, randomPermutation } from '../../eval/random';
import { createYielder, throwIfAborted } from '../../eval/schedule';
import { registerEmbeddingKernels } from '../../tf/kernels';
import type { BiasedMfConfig } from './config';

/** Learned state; the model that receives it owns and disposes the tensors. */
export interface BiasedMfParameters {
	globalMean: number;
	userFactors: tf.Tensor2D;
	itemFactors: tf.Tensor2D;
	userBias: tf.Tensor1D;
	itemBias: tf.Tensor1D;
}

/** An epoch loss this many times the first epoch's loss counts as divergence. */
const explosionFactor = 100;

function meanOf(values: Float32Array): number {
	let sum = 0;
	for (const value of values) sum += value;
	return sum / values.length;
}

function createOptimizer(config: BiasedMfConfig): tf.Optimizer {
	return config.optimizer === 'sgd' ? tf.train.sgd(config.learningRate) : tf.train.adam(config.learningRate);
}

/** Trains the parameters; throws an AbortError on abort and a clear error on divergence, leaking no tensors. */
export async function trainBiasedMf(
	interactions: Interactions,
	config: BiasedMfConfig,
	context: FitContext
): Promise<BiasedMfParameters> {
	const count = interactions.users.length;
	if (count === 0) throw new Error('no training interactions: import a dataset with at least one interaction');
	registerEmbeddingKernels();

	const globalMean = meanOf(interactions.values);
	const random = mulberry32(context.seed);
	const { numUsers, numItems } = interactions;
	const { factors, initStd, batchSize, epochs, regularization } = config;

	// Variables and the optimiser's slots are released in `finally` unless training succeeds.
	// tf.variable copies its initial value, and tidy frees that value but keeps variables.
	const userFactors = tf.tidy(() => tf.variable(tf.randomNormal([numUsers, factors], 0, initStd, 'float32', context.seed)));
	const itemFactors = tf.tidy(() => tf.variable(tf.randomNormal([numItems, factors], 0, initStd, 'float32', context.seed + 1)));
	const userBias = tf.tidy(() => tf.variable(tf.zeros([numUsers])));
	const itemBias = tf.tidy(() => tf.variable(tf.zeros([numItems])));
	const trainable = [userFactors, itemFactors, userBias, itemBias];
	// TODO: gather's gradient is a dense table, so Adam updates every row each step.
	// That costs (users + items) × factors per step, which lazy (sparse) Adam would avoid.
	const optimizer = createOptimizer(config);
	let epochLossSum: tf.Scalar | null = null;
	let succeeded = false;

	const batchUsers = new Int32Array(batchSize);
	const batchItems = new Int32Array(batchSize);
	const batchTargets = new Float32Array(batchSize);
	const batchesPerEpoch = Math.ceil(count / batchSize);
	const totalBatches = batchesPerEpoch * epochs;
	const maybeYield = createYielder();
	const started = performance.now();
	let firstLoss = Number.NaN;
	let latestLoss: number | undefined;

	try {
		for (let epoch = 1; epoch <= epochs; epoch++) {
			const order = randomPermutation(count, random);
			epochLossSum = tf.scalar(0);

			for (let batch = 0; batch < batchesPerEpoch; batch++) {
				throwIfAborted(context.signal);
				const start = batch * batchSize;
				const size = Math.min(batchSize, count - start);
				for (let offset = 0; offset < size; offset++) {
					const row = order[start + offset];
					batchUsers[offset] = interactions.users[row];
					batchItems[offset] = interactions.items[row];
					batchTargets[offset] = interactions.values[row] - globalMean;
				}

				const users = tf.tensor1d(batchUsers.subarray(0, size), 'int32');
				const items = tf.tensor1d(batchItems.subarray(0, size), 'int32');
				const targets = tf.tensor1d(batchTargets.subarray(0, size));
				const cost = optimizer.minimize(
					() => {
						const userVectors = tf.gather(userFactors, users);
						const itemVectors = tf.gather(itemFactors, items);
						const userOffsets = tf.gather(userBias, users);
						const itemOffsets = tf.gather(itemBias, items);
						const predictions = tf.sum(tf.mul(userVectors, itemVectors), 1).add(userOffsets).add(itemOffsets);
						const squaredError = tf.mean(tf.squaredDifference(predictions, targets));
						const norms = tf.addN([
							tf.sum(tf.square(userVectors)),
							tf.sum(tf.square(itemVectors)),
							tf.sum(tf.square(userOffsets)),
							tf.sum(tf.square(itemOffsets))
						]);
						return squaredError.add(norms.mul(regularization / size)) as tf.Scalar;
					},
					true,
					trainable
				);
				tf.dispose([users, items, targets]);
				if (cost) {
					const previous: tf.Scalar = epochLossSum;
					epochLossSum = tf.tidy(() => previous.add(cost.mul(size)));
					tf.dispose([previous, cost]);
				}

				const done = (epoch - 1) * batchesPerEpoch + batch + 1;
				const elapsed = (performance.now() - started) / 1000;
				const etaSeconds = (elapsed / done) * (totalBatches - done);
				context.onProgress?.({ phase: 'train', done, total: totalBatches, epoch, loss: latestLoss, etaSeconds });
				await maybeYield();
			}

			// One read per epoch: reading every batch would stall GPU backends.
			const loss = (await epochLossSum.data())[0] / count;
			epochLossSum.dispose();
			epochLossSum = null;
			if (epoch === 1) firstLoss = loss;
			if (!Number.isFinite(loss) || loss > explosionFactor * firstLoss) {
				throw new Error(
					`training diverged at epoch ${epoch} (loss ${loss}): lower the learning rate (now ${config.learningRate})`
				);
			}
			latestLoss = loss;
			const done = epoch * batchesPerEpoch;
			const elapsed = (performance.now() - started) / 1000;
			context.onProgress?.({
				phase: 'train',
				done,
				total: totalBatches,
				epoch,
				loss,
				etaSeconds: (elapsed / done) * (totalBatches - done)
			});
		}
		succeeded = true;
		return {
			globalMean,
			userFactors: userFactors as tf.Tensor2D,
			itemFactors: itemFactors as tf.Tensor2D,
			userBias: userBias as tf.Tensor1D,
			itemBias: itemBias as tf.Tensor1D
		};
	} finally {
		optimizer.dispose();
		epochLossSum?.dispose();
		if (!succeeded) tf.dispose(trainable);
	}
}
