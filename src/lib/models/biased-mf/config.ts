/** Hyperparameters of biased matrix factorisation, documented for the UI, and their validation. */
import type { HyperParameter, ModelConfig } from '../contract';
import { resolveConfig } from '../config';

export interface BiasedMfConfig {
	factors: number;
	epochs: number;
	learningRate: number;
	regularization: number;
	batchSize: number;
	optimizer: 'adam' | 'sgd';
	initStd: number;
	biasRegularization: number;
	regularizationScope: 'rating' | 'entity';
	learningRateDecay: number;
	validationFraction: number;
}

// Defaults were tuned on MovieLens 100K's folds u1…u5 (scripts/tune/mf-tune.bench.ts):
// mean RMSE 0.918 with about 0.75 s of training per fold on the WASM backend
// (Node 20, 2-core machine without GPU). The later parameters default to that
// behaviour: biasRegularization equal to regularization, 'rating' scope, no decay, no holdout.
// A validation search (seeded 10% holdouts of each u*.base, WASM) found one slower setting
// that beats these defaults, at about twice the training time: factors 16, epochs 15,
// learningRate 0.03, learningRateDecay 0.85 and biasRegularization 0.01. It gave validation
// RMSE 0.9196 against 0.9211, and test RMSE 0.9160 against 0.9175 on u1…u5. 'entity' scope (weights 5 to 40),
// SGD with batches of 512 or 1024, and early stopping with weaker regularisation all did worse.
export const biasedMfHyperParameters: HyperParameter[] = [
	{
		key: 'factors',
		label: 'Latent factors',
		description: 'Length of each user and item vector. More factors fit finer taste patterns but train slower and overfit sooner.',
		unit: 'dimensions',
		type: 'int',
		default: 16,
		min: 1,
		max: 512
	},
	{
		key: 'epochs',
		label: 'Epochs',
		description: 'Full passes over the training interactions.',
		unit: 'passes',
		type: 'int',
		default: 8,
		min: 1,
		max: 500
	},
	{
		key: 'learningRate',
		label: 'Learning rate',
		description:
			'Step size of the optimiser. Too high makes training diverge, too low makes it slow. The loss is a mean over the batch, so SGD needs a far larger rate than Adam (about the batch size times larger).',
		type: 'float',
		default: 0.025,
		min: 1e-5,
		// SGD on a batch-mean loss needs rates far above 1 at the default batch size (8192): on MovieLens 100K
		// fold u1, SGD gave RMSE 1.079 at rate 1 and 0.963 at rate 30 (Adam at its default: 0.930).
		max: 1000
	},
	{
		key: 'regularization',
		label: 'L2 regularisation',
		description:
			'Weight of the squared norms of the batch’s user and item vectors and biases, added per interaction to the squared error. Higher values shrink the model towards the mean.',
		type: 'float',
		default: 0.12,
		min: 0,
		// 'entity' scope divides by the rating count instead of the batch, so its useful weights are
		// about the mean ratings per user or item times larger than 'rating' ones.
		max: 100
	},
	{
		key: 'batchSize',
		label: 'Batch size',
		description: 'Interactions per optimiser step. Larger batches run faster per epoch on GPUs and WASM but take fewer steps.',
		unit: 'interactions',
		type: 'int',
		default: 8192,
		min: 1,
		max: 1_000_000
	},
	{
		key: 'optimizer',
		label: 'Optimiser',
		description: 'Adam adapts the step size per weight and is the robust default; SGD is plain gradient descent.',
		type: 'choice',
		default: 'adam',
		choices: ['adam', 'sgd']
	},
	{
		key: 'initStd',
		label: 'Initial spread',
		description: 'Standard deviation of the normal distribution that initialises the factor vectors (biases start at 0).',
		type: 'float',
		default: 0.01,
		min: 0,
		max: 1
	},
	{
		key: 'biasRegularization',
		label: 'Bias L2 regularisation',
		description:
			'Weight of the squared user and item biases, counted like the factor regularisation. Biases are few and well supported, so they usually need less shrinkage than the factor vectors.',
		type: 'float',
		default: 0.12,
		min: 0,
		max: 100
	},
	{
		key: 'regularizationScope',
		label: 'Regularisation scope',
		description:
			"'rating' adds each user's and item's penalty once per rating they appear in, as in Funk's SGD, so frequent users and items are shrunk more. 'entity' adds each vector's penalty once per epoch, spread over the batches, so the weights are comparable to ALS's plain λ.",
		type: 'choice',
		default: 'rating',
		choices: ['rating', 'entity']
	},
	{
		key: 'learningRateDecay',
		label: 'Learning-rate decay',
		description: 'Factor the learning rate is multiplied by after each epoch; 1 keeps it constant.',
		unit: 'per epoch',
		type: 'float',
		default: 1,
		min: 0.5,
		max: 1
	},
	{
		key: 'validationFraction',
		label: 'Validation fraction',
		description:
			'Share of the training interactions held out (seeded) to stop early: training ends two epochs after the validation RMSE last improved and keeps the best epoch. 0 trains on everything for the full number of epochs.',
		type: 'float',
		default: 0,
		min: 0,
		max: 0.5
	}
];

/**
 * Fills defaults and validates `config`: unknown keys, wrong types and values
 * outside a parameter's range are rejected with the key, the value and the range.
 */
export function resolveBiasedMfConfig(config: ModelConfig): BiasedMfConfig {
	return resolveConfig('biased-mf', biasedMfHyperParameters, config) as unknown as BiasedMfConfig;
}
