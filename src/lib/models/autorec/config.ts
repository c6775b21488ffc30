/** Hyperparameters of item-based AutoRec, documented for the UI, and their validation. */
import type { HyperParameter, ModelConfig } from '../contract';
import { resolveConfig } from '../config';

export const autorecType = 'autorec';

export interface AutorecConfig {
	hiddenUnits: number;
	epochs: number;
	batchSize: number;
	learningRate: number;
	lambda: number;
}

// TODO: these defaults are not tuned. On MovieLens 100K fold u1 (WASM, Node 20, shared 2-core machine)
// 20 epochs at these settings gave RMSE 1.010 against 0.92 for tuned biased MF; λ and epochs need a search.
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
		description: 'Full passes over the items.',
		unit: 'passes',
		type: 'int',
		default: 60,
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
		default: 0.003,
		min: 1e-6,
		max: 1
	},
	{
		key: 'lambda',
		label: 'L2 regularisation (λ)',
		description:
			'Weight λ of (λ/2)(‖W‖² + ‖V‖²) on the encoder and decoder kernels, against the squared error summed over the observed ratings.',
		type: 'float',
		default: 1,
		min: 0,
		max: 10000
	}
];

/** Fills defaults and validates `config`: unknown keys, wrong types and values out of range are rejected. */
export function resolveAutorecConfig(config: ModelConfig): AutorecConfig {
	return resolveConfig(autorecType, autorecHyperParameters, config) as unknown as AutorecConfig;
}
