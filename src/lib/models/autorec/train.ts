/**
 * Item-based AutoRec (Sedhain, Menon, Sanner and Xie, "AutoRec: Autoencoders
 * Meet Collaborative Filtering", WWW 2015). Each item i has a vector r_i of its
 * ratings by all users, 0 where unobserved, and the network reconstructs it:
 *   h(r_i) = f(V · g(W · r_i + μ) + b), with g the sigmoid and f the identity
 *   J = Σ over observed (u, i) of (r_ui − h(r_i)_u)² + (λ/2)(‖W‖² + ‖V‖²)
 * Only observed cells enter the error (a mask), so unobserved ones are not
 * pulled towards 0. The paper optimised J with L-BFGS or RProp on full batches.
 * This file uses Adam on mini-batches of items instead, because it needs no
 * line search, works within tfjs' optimisers and lets an abort stop between
 * batches. Each batch minimises
 *   Σ_batch observed error / observed cells in the batch + (λ/2)(‖W‖² + ‖V‖²) / observed cells in all training data,
 * which is J divided by the number of training ratings, estimated on the batch.
 * With a validation fraction, that share of the training ratings is left out of
 * both input and target. Their mean squared reconstruction error after each
 * epoch is the validation loss, and early stopping keeps the best epoch's weights.
 */
import * as tf from '@tensorflow/tfjs';
import type { Interactions } from '../../data/types';
import type { FitContext } from '../contract';
import { buildCsr, type Csr } from '../baselines/common';
import { mulberry32, randomPermutation } from '../../eval/random';
import { createYielder, throwIfAborted } from '../../eval/schedule';
import type { AutorecConfig } from './config';
import { throwIfDiverged } from '../divergence';
import { EarlyStopping, holdOutRows } from '../early-stopping';

/** Items per forward pass when measuring the validation loss. */
const validationBatch = 256;

/**
 * Largest item × user matrix accepted: the reconstruction is kept as one
 * Float32Array of this many entries (200 MB). MovieLens 1M (3,706 × 6,040) fits.
 */
export const maxCells = 50_000_000;

export const encoderName = 'encoder';
export const decoderName = 'decoder';

/** Builds the autoencoder numUsers → hiddenUnits (sigmoid) → numUsers (identity) with seeded weights. */
export function buildAutoencoder(numUsers: number, hiddenUnits: number, seed: number): tf.LayersModel {
	const input = tf.input({ shape: [numUsers], name: 'item_ratings' });
	const hidden = tf.layers
		.dense({ name: encoderName, units: hiddenUnits, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed }) })
		.apply(input) as tf.SymbolicTensor;
	const output = tf.layers
		.dense({ name: decoderName, units: numUsers, activation: 'linear', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) })
		.apply(hidden) as tf.SymbolicTensor;
	return tf.model({ name: 'autorec', inputs: input, outputs: output });
}

/** Throws a clear error when the dense item × user matrix would be too large. */
export function checkSize(numUsers: number, numItems: number): void {
	if (numUsers * numItems > maxCells) {
		throw new Error(
			`AutoRec needs a dense ${numItems} × ${numUsers} item-user matrix (${numItems * numUsers} cells), over the limit of ${maxCells}: filter the dataset to fewer users or items`
		);
	}
}

/** Groups the training ratings by item: user indices and ratings per item row. */
export function itemRows(interactions: Interactions): Csr {
	return buildCsr(interactions.items, interactions.users, interactions.values, interactions.numItems, interactions.numUsers);
}

/** Writes the dense rating vectors (and, when given, 0/1 masks) of `items` into row-major buffers of width numUsers. */
export function fillDense(rows: Csr, items: ArrayLike<number>, numUsers: number, ratings: Float32Array, mask?: Float32Array): void {
	ratings.fill(0, 0, items.length * numUsers);
	mask?.fill(0, 0, items.length * numUsers);
	for (let position = 0; position < items.length; position++) {
		const item = items[position];
		for (let entry = rows.offsets[item]; entry < rows.offsets[item + 1]; entry++) {
			// Duplicated (user, item) pairs keep the last value.
			ratings[position * numUsers + rows.indices[entry]] = rows.values[entry];
			if (mask) mask[position * numUsers + rows.indices[entry]] = 1;
		}
	}
}

function trainableVariables(model: tf.LayersModel): tf.Variable[] {
	return model.trainableWeights.map((weight) => weight.read() as tf.Variable);
}

/** Groups the ratings at `selected` rows by item. */
function itemRowsOf(interactions: Interactions, selected: Int32Array): Csr {
	const selectedMask = new Uint8Array(interactions.users.length);
	for (const row of selected) selectedMask[row] = 1;
	const pick = <T extends Int32Array | Float32Array>(column: T) => column.filter((_, row) => selectedMask[row] === 1) as T;
	return itemRows({ ...interactions, users: pick(interactions.users), items: pick(interactions.items), values: pick(interactions.values) });
}

/** Returns the items that have at least one entry in `rows`. */
function itemsWithEntries(rows: Csr): Int32Array {
	return Int32Array.from({ length: rows.offsets.length - 1 }, (_, item) => item).filter((item) => rows.offsets[item + 1] > rows.offsets[item]);
}

/** Returns the mean squared reconstruction error at the validation cells, with only the training cells as input. */
async function validationLoss(model: tf.LayersModel, trainRows: Csr, validationRows: Csr, numUsers: number): Promise<number> {
	const items = itemsWithEntries(validationRows);
	const buffer = new Float32Array(validationBatch * numUsers);
	let squared = 0;
	for (let start = 0; start < items.length; start += validationBatch) {
		const batch = items.subarray(start, start + validationBatch);
		fillDense(trainRows, batch, numUsers, buffer);
		const output = tf.tidy(() => model.predict(tf.tensor2d(buffer.subarray(0, batch.length * numUsers), [batch.length, numUsers])) as tf.Tensor);
		const reconstruction = await output.data();
		output.dispose();
		batch.forEach((item, position) => {
			for (let entry = validationRows.offsets[item]; entry < validationRows.offsets[item + 1]; entry++) {
				squared += (reconstruction[position * numUsers + validationRows.indices[entry]] - validationRows.values[entry]) ** 2;
			}
		});
	}
	return squared / validationRows.indices.length;
}

/** Trains a new autoencoder; throws an AbortError on abort and a clear error on divergence, leaking no tensors. */
export async function trainAutorec(interactions: Interactions, allRows: Csr, config: AutorecConfig, context: FitContext): Promise<tf.LayersModel> {
	const { numUsers } = interactions;
	const random = mulberry32(context.seed);
	const { batchSize, epochs, lambda } = config;
	const split = holdOutRows(interactions.users.length, config.validationFraction, random);
	const validationRows = split.validation.length > 0 ? itemRowsOf(interactions, split.validation) : null;
	const rows = validationRows ? itemRowsOf(interactions, split.train) : allRows;
	const trainItems = itemsWithEntries(rows);
	const observedTotal = rows.indices.length;

	const model = buildAutoencoder(numUsers, config.hiddenUnits, context.seed);
	const variables = trainableVariables(model);
	const kernels = [model.getLayer(encoderName).getWeights()[0], model.getLayer(decoderName).getWeights()[0]];
	const optimizer = tf.train.adam(config.learningRate);
	let epochLossSum: tf.Scalar | null = null;
	const stopping = new EarlyStopping(config.patience);
	let succeeded = false;

	const ratingBuffer = new Float32Array(batchSize * numUsers);
	const maskBuffer = new Float32Array(batchSize * numUsers);
	const batchItems = new Int32Array(batchSize);
	const batchesPerEpoch = Math.ceil(trainItems.length / batchSize);
	const totalBatches = batchesPerEpoch * epochs;
	const maybeYield = createYielder();
	const started = performance.now();
	let firstLoss = Number.NaN;

	try {
		for (let epoch = 1; epoch <= epochs; epoch++) {
			const order = randomPermutation(trainItems.length, random);
			epochLossSum = tf.scalar(0);

			for (let batch = 0; batch < batchesPerEpoch; batch++) {
				throwIfAborted(context.signal);
				const start = batch * batchSize;
				const size = Math.min(batchSize, trainItems.length - start);
				for (let offset = 0; offset < size; offset++) batchItems[offset] = trainItems[order[start + offset]];
				fillDense(rows, batchItems.subarray(0, size), numUsers, ratingBuffer, maskBuffer);
				let observed = 0;
				for (let offset = 0; offset < size; offset++) observed += rows.offsets[batchItems[offset] + 1] - rows.offsets[batchItems[offset]];

				const ratings = tf.tensor2d(ratingBuffer.subarray(0, size * numUsers), [size, numUsers]);
				const mask = tf.tensor2d(maskBuffer.subarray(0, size * numUsers), [size, numUsers]);
				const squaredErrors: tf.Scalar[] = [];
				const cost = optimizer.minimize(
					() => {
						const reconstruction = model.apply(ratings, { training: true }) as tf.Tensor;
						const error = tf.sum(tf.square(reconstruction.sub(ratings)).mul(mask));
						squaredErrors.push(tf.keep(error.clone()) as tf.Scalar);
						const penalty = tf.addN(kernels.map((kernel) => tf.sum(tf.square(kernel)))).mul(lambda / 2 / observedTotal);
						return error.div(observed).add(penalty) as tf.Scalar;
					},
					false,
					variables
				);
				cost?.dispose();
				tf.dispose([ratings, mask]);
				// The epoch loss is the mean squared error over the observed cells, without the penalty.
				const previous: tf.Scalar = epochLossSum;
				epochLossSum = tf.tidy(() => tf.addN([previous, ...squaredErrors]));
				tf.dispose([previous, ...squaredErrors]);

				const done = (epoch - 1) * batchesPerEpoch + batch + 1;
				const elapsed = (performance.now() - started) / 1000;
				context.onProgress?.({ phase: 'train', done, total: totalBatches, epoch, etaSeconds: (elapsed / done) * (totalBatches - done) });
				await maybeYield();
			}

			// One read per epoch: reading every batch would stall GPU backends.
			const loss = (await epochLossSum.data())[0] / observedTotal;
			epochLossSum.dispose();
			epochLossSum = null;
			if (epoch === 1) firstLoss = loss;
			throwIfDiverged(epoch, loss, firstLoss, config.learningRate);
			const validation = validationRows ? await validationLoss(model, rows, validationRows, numUsers) : undefined;
			const done = epoch * batchesPerEpoch;
			const elapsed = (performance.now() - started) / 1000;
			context.onProgress?.({ phase: 'train', done, total: totalBatches, epoch, loss, validationLoss: validation, etaSeconds: (elapsed / done) * (totalBatches - done) });

			if (validation !== undefined && stopping.update(validation, model.getWeights())) break;
		}
		stopping.restoreBest(model);
		succeeded = true;
		return model;
	} finally {
		optimizer.dispose();
		epochLossSum?.dispose();
		stopping.dispose();
		if (!succeeded) model.dispose();
	}
}
