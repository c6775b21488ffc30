/** Hyperparameters of item-based AutoRec, documented for the UI, and their validation. */
import type { HyperParameter, ModelConfig } from '../contract';
import { resolveConfig } from '../config';
import { earlyStoppingHyperParameters } from '../early-stopping';

export const autorecType = 'autorec';

export interface AutorecConfig {
	hiddenUnits: number;
	epochs: number;
	batchSize: number;
	learningRate: number;
	lambda: number;
	validationFraction: number;
	patience: number;
}

// Defaults were chosen by the validation RMSE of the split carved from MovieLens 100K's u1.base, never u1.test
// (WASM, Node 20, Adam with early stopping, learning rate 0.001). λ 1 gave 0.919, 30 gave 0.913, 200 gave 0.909 and
// 500 gave 0.939. Learning rate 0.003 overfitted within a few epochs. BENCHMARKS.md has the five-fold test RMSE.
export const autorecHyperParameters: HyperParameter[] = [
	{
		key: 'hiddenUnits',
		label: 'Hidden units',
		description: 'Width of the sigmoid hidden layer that encodes each item’s vector of user ratings.',
		unit: 'units',
		type: 'int',
		default: 500,
		min: 1,
		max: 4096
	},
	{
		key: 'epochs',
		label: 'Epochs',
		description: 'Most full passes over the items; early stopping usually ends training sooner.',
		unit: 'passes',
		type: 'int',
		default: 100,
		min: 1,
		max: 2000
	},
	{
		key: 'batchSize',
		label: 'Batch size',
		description: 'Items per Adam step; each item contributes its whole vector of user ratings.',
		unit: 'items',
		type: 'int',
		default: 64,
		min: 1,
		max: 16384
	},
	{
		key: 'learningRate',
		label: 'Learning rate',
		description: 'Step size of Adam. Too high makes training diverge, too low makes it slow.',
		type: 'float',
		default: 0.001,
		min: 1e-6,
		max: 1
	},
	{
		key: 'lambda',
		label: 'L2 regularisation (λ)',
		description:
			'Weight λ of (λ/2)(‖W‖² + ‖V‖²) on the encoder and decoder kernels, against the squared error summed over the observed ratings.',
		type: 'float',
		default: 200,
		min: 0,
		max: 10000
	},
	...earlyStoppingHyperParameters('ratings', 5)
];

/** Fills defaults and validates `config`: unknown keys, wrong types and values out of range are rejected. */
export function resolveAutorecConfig(config: ModelConfig): AutorecConfig {
	return resolveConfig(autorecType, autorecHyperParameters, config) as unknown as AutorecConfig;
}
