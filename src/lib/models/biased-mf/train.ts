/**
 * Mini-batch training of biased matrix factorisation on tfjs:
 *   prediction(u, i) = globalMean + userBias[u] + itemBias[i] + P[u] · Q[i]
 *   loss = mean over the batch of (prediction − value)² + penalty
 * With regularizationScope 'rating' the penalty is the batch mean of
 *   regularization × (|P[u]|² + |Q[i]|²) + biasRegularization × (userBias[u]² + itemBias[i]²),
 * the per-rating L2 of Funk's SGD. With 'entity' it is the same weights times
 * the squared norms of the whole tables divided by the number of training
 * ratings, so each vector is penalised once per epoch whatever its rating count.
 * The embedding lookups are `tf.gather`, whose gradient needs the scatter-add
 * kernel from src/lib/tf/kernels.ts to be fast on the CPU and WASM backends.
 */
import * as tf from '@tensorflow/tfjs';
import type { Interactions } from '../../data/types';
import type { FitContext, NamedArray, TrainingCheckpoint } from '../contract';
import { mulberry32, randomPermutation } from '../../eval/random';
import { createYielder, throwIfAborted } from '../../eval/schedule';
import { registerEmbeddingKernels } from '../../tf/kernels';
import type { BiasedMfConfig } from './config';
import { earlyStoppingPatience, splitValidation, type RatingRows } from './validation';
import { EarlyStopping } from '../early-stopping';
import { throwIfDiverged } from '../divergence';

/** Learned state; the model that receives it owns and disposes the tensors. */
export interface BiasedMfParameters {
	globalMean: number;
	userFactors: tf.Tensor2D;
	itemFactors: tf.Tensor2D;
	userBias: tf.Tensor1D;
	itemBias: tf.Tensor1D;
}

function meanOf(values: Float32Array): number {
	let sum = 0;
	for (const value of values) sum += value;
	return sum / values.length;
}

function createOptimizer(config: BiasedMfConfig): tf.Optimizer {
	return config.optimizer === 'sgd' ? tf.train.sgd(config.learningRate) : tf.train.adam(config.learningRate);
}

/**
 * Sets the step size of an SGD or Adam optimiser between steps. tfjs 4.22's
 * AdamOptimizer has no setter, but it reads its `learningRate` field on every step.
 * (`instanceof tf.SGDOptimizer` cannot tell them apart: it is true for Adam in tfjs 4.22.)
 */
function setLearningRate(optimizer: tf.Optimizer, kind: BiasedMfConfig['optimizer'], learningRate: number): void {
	if (kind === 'sgd') (optimizer as tf.SGDOptimizer).setLearningRate(learningRate);
	else (optimizer as unknown as { learningRate: number }).learningRate = learningRate;
}

/** RMSE of the current parameters on held-out rows, read with one `data()` call. */
async function biasedMfRmse(parameters: tf.Variable[], rows: RatingRows, globalMean: number): Promise<number> {
	const [userFactors, itemFactors, userBias, itemBias] = parameters;
	const squaredErrorSum = tf.tidy(() => {
		const users = tf.tensor1d(rows.users, 'int32');
		const items = tf.tensor1d(rows.items, 'int32');
		const products = tf.sum(tf.mul(tf.gather(userFactors, users), tf.gather(itemFactors, items)), 1);
		const predictions = products.add(tf.gather(userBias, users)).add(tf.gather(itemBias, items)).add(globalMean);
		return tf.sum(tf.squaredDifference(predictions, tf.tensor1d(rows.values)));
	});
	const sum = (await squaredErrorSum.data())[0];
	squaredErrorSum.dispose();
	return Math.sqrt(sum / rows.users.length);
}

const checkpointNames = ['userFactors', 'itemFactors', 'userBias', 'itemBias'] as const;

/** Reads the trainable variables into named arrays for a checkpoint. */
async function checkpointArrays(trainable: tf.Variable[]): Promise<NamedArray[]> {
	const arrays: NamedArray[] = [];
	for (const [index, variable] of trainable.entries()) {
		arrays.push({ name: checkpointNames[index], shape: variable.shape, dtype: 'float32', data: (await variable.data()) as Float32Array });
	}
	return arrays;
}

/** Tensors of a checkpoint's arrays, checked against the expected shapes. */
function checkpointTensors(checkpoint: TrainingCheckpoint, numUsers: number, numItems: number, factors: number) {
	const expected: Record<(typeof checkpointNames)[number], number[]> = {
		userFactors: [numUsers, factors],
		itemFactors: [numItems, factors],
		userBias: [numUsers],
		itemBias: [numItems]
	};
	const tensor = (name: (typeof checkpointNames)[number]) => {
		const array = checkpoint.arrays.find((entry) => entry.name === name);
		if (!array || array.shape.join(',') !== expected[name].join(',')) {
			throw new Error(`cannot resume: the checkpoint's '${name}' does not fit this data and config; discard it and train again`);
		}
		return tf.tensor(array.data, array.shape, 'float32');
	};
	return { userFactors: tensor('userFactors'), itemFactors: tensor('itemFactors'), userBias: tensor('userBias'), itemBias: tensor('itemBias') };
}

/** Trains the parameters; throws an AbortError on abort and a clear error on divergence, leaking no tensors. */
export async function trainBiasedMf(
	interactions: Interactions,
	config: BiasedMfConfig,
	context: FitContext
): Promise<BiasedMfParameters> {
	if (interactions.users.length === 0) throw new Error('no training interactions: import a dataset with at least one interaction');
	registerEmbeddingKernels();

	const random = mulberry32(context.seed);
	const { training, validation } = splitValidation(interactions, config.validationFraction, context.seed);
	const count = training.users.length;
	// Rounded to float32 as saved, so a restored model explains with the same mean.
	const globalMean = Math.fround(meanOf(training.values));
	const { numUsers, numItems } = interactions;
	const { factors, initStd, batchSize, epochs, regularization, biasRegularization } = config;
	const perRating = config.regularizationScope === 'rating';

	// Variables and the optimiser's slots are released in `finally` unless training succeeds.
	// tf.variable copies its initial value, and tidy frees that value but keeps variables.
	const resume = context.resumeFrom ? checkpointTensors(context.resumeFrom, numUsers, numItems, factors) : null;
	const userFactors = tf.tidy(() => tf.variable(resume?.userFactors ?? tf.randomNormal([numUsers, factors], 0, initStd, 'float32', context.seed)));
	const itemFactors = tf.tidy(() => tf.variable(resume?.itemFactors ?? tf.randomNormal([numItems, factors], 0, initStd, 'float32', context.seed + 1)));
	const userBias = tf.tidy(() => tf.variable(resume?.userBias ?? tf.zeros([numUsers])));
	const itemBias = tf.tidy(() => tf.variable(resume?.itemBias ?? tf.zeros([numItems])));
	if (resume) tf.dispose([resume.userFactors, resume.itemFactors, resume.userBias, resume.itemBias]);
	const firstEpoch = (context.resumeFrom?.epoch ?? 0) + 1;
	const trainable = [userFactors, itemFactors, userBias, itemBias];
	// TODO: gather's gradient is a dense table, so Adam updates every row each step.
	// That costs (users + items) × factors per step, which lazy (sparse) Adam would avoid.
	const optimizer = createOptimizer(config);
	const stopping = validation ? new EarlyStopping(earlyStoppingPatience) : null;
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

	/** Returns the loss of one batch of `size` ratings, as defined in the file header. */
	const batchLoss = (users: tf.Tensor1D, items: tf.Tensor1D, targets: tf.Tensor1D, size: number): tf.Scalar => {
		const userVectors = tf.gather(userFactors, users);
		const itemVectors = tf.gather(itemFactors, items);
		const userOffsets = tf.gather(userBias, users);
		const itemOffsets = tf.gather(itemBias, items);
		const predictions = tf.sum(tf.mul(userVectors, itemVectors), 1).add(userOffsets).add(itemOffsets);
		const squaredError = tf.mean(tf.squaredDifference(predictions, targets));

		const factorNorms = perRating
			? tf.add(tf.sum(tf.square(userVectors)), tf.sum(tf.square(itemVectors))).div(size)
			: tf.add(tf.sum(tf.square(userFactors)), tf.sum(tf.square(itemFactors))).div(count);
		const biasNorms = perRating
			? tf.add(tf.sum(tf.square(userOffsets)), tf.sum(tf.square(itemOffsets))).div(size)
			: tf.add(tf.sum(tf.square(userBias)), tf.sum(tf.square(itemBias))).div(count);
		return squaredError.add(factorNorms.mul(regularization)).add(biasNorms.mul(biasRegularization)) as tf.Scalar;
	};

	try {
		// A resumed run draws the finished epochs' orders too, so later epochs see the same batches as an uninterrupted run.
		for (let skipped = 1; skipped < firstEpoch; skipped++) randomPermutation(count, random);
		for (let epoch = firstEpoch; epoch <= epochs; epoch++) {
			setLearningRate(optimizer, config.optimizer, config.learningRate * config.learningRateDecay ** (epoch - 1));
			const order = randomPermutation(count, random);
			epochLossSum = tf.scalar(0);

			for (let batch = 0; batch < batchesPerEpoch; batch++) {
				throwIfAborted(context.signal);
				const start = batch * batchSize;
				const size = Math.min(batchSize, count - start);
				for (let offset = 0; offset < size; offset++) {
					const row = order[start + offset];
					batchUsers[offset] = training.users[row];
					batchItems[offset] = training.items[row];
					batchTargets[offset] = training.values[row] - globalMean;
				}

				const users = tf.tensor1d(batchUsers.subarray(0, size), 'int32');
				const items = tf.tensor1d(batchItems.subarray(0, size), 'int32');
				const targets = tf.tensor1d(batchTargets.subarray(0, size));
				const cost = optimizer.minimize(() => batchLoss(users, items, targets, size), true, trainable);
				tf.dispose([users, items, targets]);
				if (cost) {
					const previous: tf.Scalar = epochLossSum;
					epochLossSum = tf.tidy(() => previous.add(cost.mul(size)));
					tf.dispose([previous, cost]);
				}

				const done = (epoch - 1) * batchesPerEpoch + batch + 1;
				const elapsed = (performance.now() - started) / 1000;
				const etaSeconds = (elapsed / done) * (totalBatches - done);
				context.onProgress?.({ phase: 'train', done, total: totalBatches, epoch, etaSeconds });
				await maybeYield();
			}

			// One read per epoch: reading every batch would stall GPU backends.
			const loss = (await epochLossSum.data())[0] / count;
			epochLossSum.dispose();
			epochLossSum = null;
			if (epoch === firstEpoch) firstLoss = loss;
			throwIfDiverged(epoch, loss, firstLoss, config.learningRate);
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

			if (stopping && validation) {
				const validationRmse = await biasedMfRmse(trainable, validation, globalMean);
				if (stopping.update(validationRmse, trainable)) break;
			}
			if (context.onCheckpoint && epoch < epochs) {
				// NOTE: the optimiser's moments are not part of the checkpoint, so a resumed Adam run restarts them.
				await context.onCheckpoint({ epoch, arrays: await checkpointArrays(trainable) });
			}
		}

		succeeded = true;
		const [finalUserFactors, finalItemFactors, finalUserBias, finalItemBias] = stopping?.takeBest(trainable) ?? trainable;
		return {
			globalMean,
			userFactors: finalUserFactors as tf.Tensor2D,
			itemFactors: finalItemFactors as tf.Tensor2D,
			userBias: finalUserBias as tf.Tensor1D,
			itemBias: finalItemBias as tf.Tensor1D
		};
	} finally {
		optimizer.dispose();
		epochLossSum?.dispose();
		stopping?.dispose();
		if (!succeeded) tf.dispose(trainable);
	}
}
