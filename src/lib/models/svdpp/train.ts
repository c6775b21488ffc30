/**
 * Mini-batch training of SVD++ (Koren, "Factorization Meets the Neighborhood",
 * KDD 2008) with Adam on tfjs:
 *   prediction(u, i) = globalMean + userBias[u] + itemBias[i] + Q[i] · (P[u] + implicit[u])
 *   implicit[u] = |N(u)|^(−½) Σ_{j ∈ N(u)} Y[j], N(u) = the items u rated in training
 *   loss = batch mean of (prediction − value)²
 *        + regularization × batch mean of (|P[u]|² + |Q[i]|² + |Y[i]|²)
 *        + biasRegularization × batch mean of (userBias[u]² + itemBias[i]²)
 * A batch contains all ratings of a set of users, so N(u) of each user in it is
 * exactly that user's rows there: the implicit sums are one gather of Y by the
 * batch's items and one segment sum by user, and each rating's gathered Y[i]
 * is also its implicit-vector penalty.
 */
import * as tf from '@tensorflow/tfjs';
import type { Interactions } from '../../data/types';
import type { FitContext } from '../contract';
import { buildCsr } from '../baselines/common';
import { mulberry32, randomPermutation } from '../../eval/random';
import { createYielder, throwIfAborted } from '../../eval/schedule';
import { registerEmbeddingKernels } from '../../tf/kernels';
import { earlyStoppingPatience, splitValidation, type RatingRows } from '../biased-mf/validation';
import { EarlyStopping } from '../early-stopping';
import type { SvdppConfig } from './config';
import { implicitNorms, implicitUserVectors, type ImplicitIndex } from './implicit';
import { throwIfDiverged } from '../divergence';

/** Learned state; the model that receives it owns and disposes the tensors. */
export interface SvdppParameters {
	globalMean: number;
	userFactors: tf.Tensor2D;
	itemFactors: tf.Tensor2D;
	implicitFactors: tf.Tensor2D;
	userBias: tf.Tensor1D;
	itemBias: tf.Tensor1D;
	/** N(u) for every user, from the training ratings. */
	implicitIndex: ImplicitIndex;
}

/** One batch: whole users' ratings, with each rating's user also as a 0-based position in the batch. */
interface UserBatch {
	users: Int32Array;
	localUsers: Int32Array;
	items: Int32Array;
	targets: Float32Array;
	norms: Float32Array;
}

/** Packs users, in the given order, into batches of at most `batchSize` ratings (a larger user gets a batch alone). */
function packUserBatches(order: Int32Array, offsets: Int32Array, batchSize: number): Int32Array[] {
	const batches: Int32Array[] = [];
	let current: number[] = [];
	let ratings = 0;
	for (const user of order) {
		const count = offsets[user + 1] - offsets[user];
		if (count === 0) continue;
		if (current.length > 0 && ratings + count > batchSize) {
			batches.push(Int32Array.from(current));
			current = [];
			ratings = 0;
		}
		current.push(user);
		ratings += count;
	}
	if (current.length > 0) batches.push(Int32Array.from(current));
	return batches;
}

function fillBatch(users: Int32Array, index: ImplicitIndex, values: Float32Array, norms: Float32Array, globalMean: number): UserBatch {
	let size = 0;
	for (const user of users) size += index.offsets[user + 1] - index.offsets[user];
	const batch: UserBatch = {
		users: new Int32Array(size),
		localUsers: new Int32Array(size),
		items: new Int32Array(size),
		targets: new Float32Array(size),
		norms: new Float32Array(users.length)
	};
	let row = 0;
	users.forEach((user, local) => {
		batch.norms[local] = norms[user];
		for (let entry = index.offsets[user]; entry < index.offsets[user + 1]; entry++, row++) {
			batch.users[row] = user;
			batch.localUsers[row] = local;
			batch.items[row] = index.items[entry];
			batch.targets[row] = values[entry] - globalMean;
		}
	});
	return batch;
}

/** RMSE on held-out rows with the implicit term from the training index, read with one `data()` call. */
async function svdppRmse(variables: tf.Variable[], index: ImplicitIndex, rows: RatingRows, globalMean: number): Promise<number> {
	const [userFactors, itemFactors, implicitFactors, userBias, itemBias] = variables;
	const squaredErrorSum = tf.tidy(() => {
		const users = tf.tensor1d(rows.users, 'int32');
		const items = tf.tensor1d(rows.items, 'int32');
		const effective = tf.add(userFactors, implicitUserVectors(implicitFactors as tf.Tensor2D, index));
		const products = tf.sum(tf.mul(tf.gather(effective, users), tf.gather(itemFactors, items)), 1);
		const predictions = products.add(tf.gather(userBias, users)).add(tf.gather(itemBias, items)).add(globalMean);
		return tf.sum(tf.squaredDifference(predictions, tf.tensor1d(rows.values)));
	});
	const sum = (await squaredErrorSum.data())[0];
	squaredErrorSum.dispose();
	return Math.sqrt(sum / rows.users.length);
}

/** Trains the parameters; throws an AbortError on abort and a clear error on divergence, leaking no tensors. */
export async function trainSvdpp(interactions: Interactions, config: SvdppConfig, context: FitContext): Promise<SvdppParameters> {
	if (interactions.users.length === 0) throw new Error('no training interactions: import a dataset with at least one interaction');
	registerEmbeddingKernels();

	const { numUsers, numItems } = interactions;
	const { training, validation } = splitValidation(interactions, config.validationFraction, context.seed);
	const count = training.users.length;
	const csr = buildCsr(training.users, training.items, training.values, numUsers, numItems);
	const index: ImplicitIndex = { offsets: csr.offsets, items: csr.indices };
	const norms = implicitNorms(index);
	let ratingSum = 0;
	for (const value of training.values) ratingSum += value;
	// Rounded to float32 as saved, so a restored model explains with the same mean.
	const globalMean = Math.fround(ratingSum / count);
	const random = mulberry32(context.seed);
	const { factors, initStd, regularization, biasRegularization } = config;

	// Variables and the optimiser's slots are released in `finally` unless training succeeds.
	const normal = (rows: number, seed: number) => tf.tidy(() => tf.variable(tf.randomNormal([rows, factors], 0, initStd, 'float32', seed)));
	const userFactors = normal(numUsers, context.seed);
	const itemFactors = normal(numItems, context.seed + 1);
	const implicitFactors = normal(numItems, context.seed + 2);
	const userBias = tf.tidy(() => tf.variable(tf.zeros([numUsers])));
	const itemBias = tf.tidy(() => tf.variable(tf.zeros([numItems])));
	const trainable = [userFactors, itemFactors, implicitFactors, userBias, itemBias];
	// TODO: find where the time goes. With the defaults, one MovieLens 100K fold took 35–45 s on WASM under heavy
	// machine load, 5 to 10 times biased MF, and validation RMSE did not beat biased MF.
	const optimizer = tf.train.adam(config.learningRate);
	const stopping = validation ? new EarlyStopping(earlyStoppingPatience) : null;
	let epochLossSum: tf.Scalar | null = null;
	let succeeded = false;

	const batchLoss = (batch: UserBatch): tf.Scalar => {
		const users = tf.tensor1d(batch.users, 'int32');
		const localUsers = tf.tensor1d(batch.localUsers, 'int32');
		const items = tf.tensor1d(batch.items, 'int32');
		const implicitRows = tf.gather(implicitFactors, items);
		const implicitSums = tf.unsortedSegmentSum(implicitRows, localUsers, batch.norms.length);
		const implicit = tf.mul(implicitSums, tf.tensor2d(batch.norms, [batch.norms.length, 1]));

		const userVectors = tf.gather(userFactors, users);
		const itemVectors = tf.gather(itemFactors, items);
		const userOffsets = tf.gather(userBias, users);
		const itemOffsets = tf.gather(itemBias, items);
		const effective = tf.add(userVectors, tf.gather(implicit, localUsers));
		const predictions = tf.sum(tf.mul(effective, itemVectors), 1).add(userOffsets).add(itemOffsets);
		const squaredError = tf.mean(tf.squaredDifference(predictions, tf.tensor1d(batch.targets)));

		const size = batch.users.length;
		const factorNorms = tf.addN([tf.sum(tf.square(userVectors)), tf.sum(tf.square(itemVectors)), tf.sum(tf.square(implicitRows))]);
		const biasNorms = tf.add(tf.sum(tf.square(userOffsets)), tf.sum(tf.square(itemOffsets)));
		return squaredError.add(factorNorms.mul(regularization / size)).add(biasNorms.mul(biasRegularization / size)) as tf.Scalar;
	};

	const maybeYield = createYielder();
	const started = performance.now();
	let firstLoss = Number.NaN;
	let done = 0;
	let total = 0;

	try {
		for (let epoch = 1; epoch <= config.epochs; epoch++) {
			// Adam reads its `learningRate` field on every step; tfjs 4.22 has no setter for it.
			(optimizer as unknown as { learningRate: number }).learningRate = config.learningRate * config.learningRateDecay ** (epoch - 1);
			const batches = packUserBatches(randomPermutation(numUsers, random), index.offsets, config.batchSize);
			if (epoch === 1) total = batches.length * config.epochs;
			epochLossSum = tf.scalar(0);

			for (const batchUsers of batches) {
				throwIfAborted(context.signal);
				const batch = fillBatch(batchUsers, index, csr.values, norms, globalMean);
				const cost = optimizer.minimize(() => tf.tidy(() => batchLoss(batch)), true, trainable);
				if (cost) {
					const previous: tf.Scalar = epochLossSum;
					epochLossSum = tf.tidy(() => previous.add(cost.mul(batch.users.length)));
					tf.dispose([previous, cost]);
				}
				done++;
				const elapsed = (performance.now() - started) / 1000;
				context.onProgress?.({ phase: 'train', done, total, epoch, etaSeconds: (elapsed / done) * (total - done) });
				await maybeYield();
			}

			// One read per epoch: reading every batch would stall GPU backends.
			const loss = (await epochLossSum.data())[0] / count;
			epochLossSum.dispose();
			epochLossSum = null;
			if (epoch === 1) firstLoss = loss;
			// NOTE: no test reaches this branch, because Adam's bounded steps did not diverge on the tiny fixture.
			throwIfDiverged(epoch, loss, firstLoss, config.learningRate);
			const elapsed = (performance.now() - started) / 1000;
			context.onProgress?.({ phase: 'train', done, total, epoch, loss, etaSeconds: (elapsed / done) * (total - done) });

			if (stopping && validation) {
				const validationRmse = await svdppRmse(trainable, index, validation, globalMean);
				if (stopping.update(validationRmse, trainable)) break;
			}
		}

		succeeded = true;
		const [finalUser, finalItem, finalImplicit, finalUserBias, finalItemBias] = stopping?.takeBest(trainable) ?? trainable;
		return {
			globalMean,
			userFactors: finalUser as tf.Tensor2D,
			itemFactors: finalItem as tf.Tensor2D,
			implicitFactors: finalImplicit as tf.Tensor2D,
			userBias: finalUserBias as tf.Tensor1D,
			itemBias: finalItemBias as tf.Tensor1D,
			implicitIndex: index
		};
	} finally {
		optimizer.dispose();
		epochLossSum?.dispose();
		stopping?.dispose();
		if (!succeeded) tf.dispose(trainable);
	}
}
