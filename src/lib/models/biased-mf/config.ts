/** Hyperparameters of biased matrix factorisation, documented for the UI, and their validation. */
import type { HyperParameter, ModelConfig } from '../contract';

export interface BiasedMfConfig {
	factors: number;
	epochs: number;
	learningRate: number;
	regularization: number;
	batchSize: number;
	optimizer: 'adam' | 'sgd';
	initStd: number;
}

// Defaults were tuned on MovieLens 100K's folds u1…u5 (scripts/mf-tune.bench.ts):
// mean RMSE 0.918 with about 0.75 s of training per fold on the WASM backend
// (Node 20, 2-core machine without GPU).
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
		max: 10
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
	}
];

/**
 * Fills defaults and validates `config`: unknown keys, wrong types and values
 * outside a parameter's range are rejected with the key, the value and the range.
 */
export function resolveBiasedMfConfig(config: ModelConfig): BiasedMfConfig {
	const known = new Map(biasedMfHyperParameters.map((parameter) => [parameter.key, parameter]));
	for (const key of Object.keys(config)) {
		if (!known.has(key)) {
			throw new Error(`unknown biased-mf hyperparameter '${key}': expected one of ${[...known.keys()].join(', ')}`);
		}
	}

	const resolved: Record<string, number | string> = {};
	for (const parameter of biasedMfHyperParameters) {
		const value = config[parameter.key] ?? parameter.default;
		if (parameter.type === 'choice') {
			if (typeof value !== 'string' || !parameter.choices?.includes(value)) {
				throw new Error(`invalid ${parameter.key} '${String(value)}': expected one of ${parameter.choices?.join(', ')}`);
			}
		} else {
			const isValidNumber = typeof value === 'number' && Number.isFinite(value);
			if (!isValidNumber || (parameter.type === 'int' && !Number.isInteger(value))) {
				throw new Error(`invalid ${parameter.key} ${String(value)}: expected ${parameter.type === 'int' ? 'an integer' : 'a number'}`);
			}
			if ((parameter.min !== undefined && value < parameter.min) || (parameter.max !== undefined && value > parameter.max)) {
				throw new Error(`invalid ${parameter.key} ${value}: expected a value from ${parameter.min} to ${parameter.max}`);
			}
		}
		resolved[parameter.key] = value;
	}
	return resolved as unknown as BiasedMfConfig;
}
