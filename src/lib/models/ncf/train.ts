/**
 * The NCF training loop: mini-batches through optimizer.minimize on the Layers
 * model's variables, so an abort stops between two batches.
 *   ranking: loss = mean log loss of the sigmoid output against 1 (interaction) or 0 (sampled negative)
 *   rating:  loss = mean squared error of the linear output against the rating
 * plus l2 × (squared norms of the batch's embedding rows / batch size + squared norms of the dense kernels).
 * Each epoch reports its training loss and, with a validation split, the
 * validation loss; early stopping keeps the weights of the best epoch.
 */
import * as tf from '@tensorflow/tfjs';
import type { FitContext } from '../contract';
import { createYielder, throwIfAborted } from '../../eval/schedule';
import { randomPermutation } from '../../eval/random';
import type { NcfConfig } from './config';
import type { Examples } from './examples';
import { denseKernels, layerNames, type NcfNetwork, trainableVariables } from './network';
import { throwIfDiverged } from '../divergence';
import { EarlyStopping } from '../early-stopping';

/** Examples per forward pass when measuring the validation loss. */
const evaluationBatch = 8192;

export interface TrainOptions {
	/** Progress phase name, such as 'train' or 'pretrain-gmf'. */
	phase: string;
	optimizer: 'adam' | 'sgd';
	/** Builds one epoch's examples (fresh negatives each call). */
	epochExamples: () => Examples;
	validation: Examples | null;
	random: () => number;
}

function exampleLoss(objective: NcfConfig['objective'], targets: tf.Tensor, predictions: tf.Tensor): tf.Scalar {
	return objective === 'rating' ? tf.losses.meanSquaredError(targets, predictions) : tf.losses.logLoss(targets, predictions);
}

function embeddingTables(network: NcfNetwork): { table: tf.Tensor; input: 'user' | 'item' }[] {
	const names = [
		[layerNames.gmfUser, 'user'],
		[layerNames.gmfItem, 'item'],
		[layerNames.mlpUser, 'user'],
		[layerNames.mlpItem, 'item']
	] as const;
	return names
		.filter(([name]) => network.model.layers.some((layer) => layer.name === name))
		.map(([name, input]) => ({ table: network.model.getLayer(name).getWeights()[0], input }));
}

function column(values: Int32Array, order: Int32Array, start: number, size: number): tf.Tensor2D {
	const batch = new Int32Array(size);
	for (let offset = 0; offset < size; offset++) batch[offset] = values[order[start + offset]];
	return tf.tensor2d(batch, [size, 1], 'int32');
}

/** Mean loss over `examples` without gradients, read with one await. */
async function evaluationLoss(network: NcfNetwork, objective: NcfConfig['objective'], examples: Examples): Promise<number> {
	const count = examples.users.length;
	const total = tf.tidy(() => {
		let sum = tf.scalar(0);
		for (let start = 0; start < count; start += evaluationBatch) {
			const end = Math.min(count, start + evaluationBatch);
			const users = tf.tensor2d(examples.users.subarray(start, end), [end - start, 1], 'int32');
			const items = tf.tensor2d(examples.items.subarray(start, end), [end - start, 1], 'int32');
			const targets = tf.tensor2d(examples.targets.subarray(start, end), [end - start, 1]);
			const predictions = network.model.apply([users, items], { training: false }) as tf.Tensor;
			sum = sum.add(exampleLoss(objective, targets, predictions).mul(end - start));
		}
		return sum;
	});
	const value = (await total.data())[0] / count;
	total.dispose();
	return value;
}

/**
 * Trains `network` in place for up to `config.epochs` epochs. Throws an
 * AbortError on abort and a clear error on divergence; creates and frees its
 * own optimizer and leaves no tensors behind.
 */
export async function trainNetwork(network: NcfNetwork, config: NcfConfig, context: FitContext, options: TrainOptions): Promise<void> {
	const { model } = network;
	const { objective, epochs, batchSize, l2 } = config;
	const variables = trainableVariables(model);
	const tables = embeddingTables(network);
	const kernels = denseKernels(model);
	const optimizer = options.optimizer === 'sgd' ? tf.train.sgd(config.learningRate) : tf.train.adam(config.learningRate);
	let epochLossSum: tf.Scalar | null = null;
	const stopping = new EarlyStopping(config.patience);

	const maybeYield = createYielder();
	const started = performance.now();
	let firstLoss = Number.NaN;
	let done = 0;

	try {
		for (let epoch = 1; epoch <= epochs; epoch++) {
			const examples = options.epochExamples();
			const count = examples.users.length;
			const order = randomPermutation(count, options.random);
			const batchesPerEpoch = Math.ceil(count / batchSize);
			// The total assumes every epoch has this epoch's size; sampled epochs differ little.
			const total = batchesPerEpoch * epochs;
			epochLossSum = tf.scalar(0);

			for (let batch = 0; batch < batchesPerEpoch; batch++) {
				throwIfAborted(context.signal);
				const start = batch * batchSize;
				const size = Math.min(batchSize, count - start);
				const users = column(examples.users, order, start, size);
				const items = column(examples.items, order, start, size);
				const targetValues = new Float32Array(size);
				for (let offset = 0; offset < size; offset++) targetValues[offset] = examples.targets[order[start + offset]];
				const targets = tf.tensor2d(targetValues, [size, 1]);

				const cost = optimizer.minimize(
					() => {
						const predictions = model.apply([users, items], { training: true }) as tf.Tensor;
						let loss = exampleLoss(objective, targets, predictions);
						if (l2 > 0) {
							const rows = tables.map(({ table, input }) => tf.sum(tf.square(tf.gather(table, (input === 'user' ? users : items).reshape([-1])))));
							const dense = kernels.map((kernel) => tf.sum(tf.square(kernel)));
							loss = loss.add(tf.addN(rows).div(size).add(tf.addN([tf.scalar(0), ...dense])).mul(l2));
						}
						return loss as tf.Scalar;
					},
					true,
					variables
				);
				tf.dispose([users, items, targets]);
				if (cost) {
					const previous: tf.Scalar = epochLossSum;
					epochLossSum = tf.tidy(() => previous.add(cost.mul(size)));
					tf.dispose([previous, cost]);
				}

				done++;
				const elapsed = (performance.now() - started) / 1000;
				context.onProgress?.({ phase: options.phase, done, total, epoch, etaSeconds: (elapsed / done) * Math.max(0, total - done) });
				await maybeYield();
			}

			// One read per epoch: reading every batch would stall GPU backends.
			const loss = (await epochLossSum.data())[0] / count;
			epochLossSum.dispose();
			epochLossSum = null;
			if (epoch === 1) firstLoss = loss;
			throwIfDiverged(epoch, loss, firstLoss, config.learningRate);

			const validationLoss = options.validation ? await evaluationLoss(network, objective, options.validation) : undefined;
			const elapsed = (performance.now() - started) / 1000;
			context.onProgress?.({
				phase: options.phase,
				done,
				total: batchesPerEpoch * epochs,
				epoch,
				loss,
				validationLoss,
				etaSeconds: (elapsed / done) * Math.max(0, batchesPerEpoch * epochs - done)
			});

			if (validationLoss !== undefined && stopping.update(validationLoss, model.getWeights())) break;
		}
		stopping.restoreBest(model);
	} finally {
		optimizer.dispose();
		epochLossSum?.dispose();
		stopping.dispose();
	}
}
