/**
 * Mini-batch BPR-MF (Rendle et al., "BPR: Bayesian Personalized Ranking from
 * Implicit Feedback", UAI 2009) on tfjs. For triples (u, i, j) of a user, an
 * item the user interacted with and a sampled item the user did not:
 *   x_uij = P[u] · (Q[i] − Q[j]) + itemBias[i] − itemBias[j]
 *   loss  = mean over the batch of −ln σ(x_uij)
 *         + regularization × mean over the batch of (|P[u]|² + |Q[i]|² + |Q[j]|² + itemBias[i]² + itemBias[j]²)
 * Every epoch pairs each training interaction with one negative drawn
 * uniformly, with a seeded generator, from the items the user has not seen.
 */
import * as tf from '@tensorflow/tfjs';
import type { Interactions } from '../../data/types';
import type { FitContext } from '../contract';
import { mulberry32, randomPermutation } from '../../eval/random';
import { createYielder, throwIfAborted } from '../../eval/schedule';
import { registerEmbeddingKernels } from '../../tf/kernels';
import type { FactorParameters } from '../implicit-als/factor-model';
import type { BprConfig } from './config';
import { distinctItemCount, groupItemsByUser, sampleNegative } from './sampling';
import { throwIfDiverged } from '../divergence';

/** Rows whose user has at least one item left to sample as a negative. */
function trainableRows(interactions: Interactions): { rows: Int32Array; groups: ReturnType<typeof groupItemsByUser> } {
	const groups = groupItemsByUser(interactions);
	const hasNegative = new Uint8Array(interactions.numUsers);
	for (let user = 0; user < interactions.numUsers; user++) {
		hasNegative[user] = distinctItemCount(groups, user) < interactions.numItems ? 1 : 0;
	}
	const rows: number[] = [];
	for (let row = 0; row < interactions.users.length; row++) if (hasNegative[interactions.users[row]]) rows.push(row);
	return { rows: Int32Array.from(rows), groups };
}

/** Trains the parameters; throws an AbortError on abort and a clear error on divergence, leaking no tensors. */
export async function trainBpr(interactions: Interactions, config: BprConfig, context: FitContext): Promise<FactorParameters> {
	const { rows, groups } = trainableRows(interactions);
	const count = rows.length;
	if (count === 0) {
		throw new Error('no training interactions with a possible negative item: BPR needs users who have not seen every item');
	}
	registerEmbeddingKernels();

	const random = mulberry32(context.seed);
	const { numUsers, numItems } = interactions;
	const { factors, initStd, batchSize, epochs, regularization } = config;

	// Variables and the optimiser's slots are released in `finally` unless training succeeds.
	const userFactors = tf.tidy(() => tf.variable(tf.randomNormal([numUsers, factors], 0, initStd, 'float32', context.seed)));
	const itemFactors = tf.tidy(() => tf.variable(tf.randomNormal([numItems, factors], 0, initStd, 'float32', context.seed + 1)));
	const itemBias = config.itemBias === 'on' ? tf.tidy(() => tf.variable(tf.zeros([numItems]))) : null;
	const trainable = itemBias ? [userFactors, itemFactors, itemBias] : [userFactors, itemFactors];
	// TODO: gather's gradient is a dense table, so Adam updates every user and item row each step.
	// That costs (users + items) × factors per step, which lazy (sparse) Adam would avoid.
	const optimizer = config.optimizer === 'sgd' ? tf.train.sgd(config.learningRate) : tf.train.adam(config.learningRate);
	let epochLossSum: tf.Scalar | null = null;
	let succeeded = false;

	const batchUsers = new Int32Array(batchSize);
	const batchPositives = new Int32Array(batchSize);
	const batchNegatives = new Int32Array(batchSize);
	const batchesPerEpoch = Math.ceil(count / batchSize);
	const totalBatches = batchesPerEpoch * epochs;
	const maybeYield = createYielder();
	const started = performance.now();
	let firstLoss = Number.NaN;

	try {
		for (let epoch = 1; epoch <= epochs; epoch++) {
			const order = randomPermutation(count, random);
			epochLossSum = tf.scalar(0);

			for (let batch = 0; batch < batchesPerEpoch; batch++) {
				throwIfAborted(context.signal);
				const start = batch * batchSize;
				const size = Math.min(batchSize, count - start);
				for (let offset = 0; offset < size; offset++) {
					const row = rows[order[start + offset]];
					const user = interactions.users[row];
					batchUsers[offset] = user;
					batchPositives[offset] = interactions.items[row];
					batchNegatives[offset] = sampleNegative(groups, user, numItems, random);
				}

				const users = tf.tensor1d(batchUsers.subarray(0, size), 'int32');
				const positives = tf.tensor1d(batchPositives.subarray(0, size), 'int32');
				const negatives = tf.tensor1d(batchNegatives.subarray(0, size), 'int32');
				const cost = optimizer.minimize(
					() => {
						const userVectors = tf.gather(userFactors, users);
						const positiveVectors = tf.gather(itemFactors, positives);
						const negativeVectors = tf.gather(itemFactors, negatives);
						let difference = tf.sum(tf.mul(userVectors, tf.sub(positiveVectors, negativeVectors)), 1);
						const norms = [tf.sum(tf.square(userVectors)), tf.sum(tf.square(positiveVectors)), tf.sum(tf.square(negativeVectors))];
						if (itemBias) {
							const positiveBias = tf.gather(itemBias, positives);
							const negativeBias = tf.gather(itemBias, negatives);
							difference = difference.add(positiveBias).sub(negativeBias);
							norms.push(tf.sum(tf.square(positiveBias)), tf.sum(tf.square(negativeBias)));
						}
						// −ln σ(x) = softplus(−x), which stays finite for large |x|.
						const rankingLoss = tf.mean(tf.softplus(tf.neg(difference)));
						return rankingLoss.add(tf.addN(norms).mul(regularization / size)) as tf.Scalar;
					},
					true,
					trainable
				);
				tf.dispose([users, positives, negatives]);
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
			if (epoch === 1) firstLoss = loss;
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
		}
		succeeded = true;
		return {
			userFactors: userFactors as tf.Tensor2D,
			itemFactors: itemFactors as tf.Tensor2D,
			itemBias: itemBias as tf.Tensor1D | null
		};
	} finally {
		optimizer.dispose();
		epochLossSum?.dispose();
		if (!succeeded) tf.dispose(trainable);
	}
}
