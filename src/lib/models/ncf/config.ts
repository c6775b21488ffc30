/** Hyperparameters of neural collaborative filtering, documented for the UI, and their validation. */
import type { HyperParameter, ModelConfig } from '../contract';
import { resolveConfig } from '../config';
import { earlyStoppingHyperParameters } from '../early-stopping';

export const ncfType = 'ncf';

export type NcfVariant = 'gmf' | 'mlp' | 'neumf';

export interface NcfConfig {
	variant: NcfVariant;
	objective: 'ranking' | 'rating';
	pretrain: 'none' | 'gmf+mlp';
	factors: number;
	/** Sizes of the MLP tower, parsed from the `mlpLayers` choice: the first is the concatenated embedding size. */
	mlpLayers: number[];
	epochs: number;
	batchSize: number;
	learningRate: number;
	l2: number;
	negativeRatio: number;
	validationFraction: number;
	patience: number;
}

export const mlpLayerChoices = ['16,8', '32,16,8', '64,32,16', '128,64,32,16'];

// NOTE: defaults follow He et al. (Adam, 4 negatives per positive, MLP 64-32-16) and were not tuned here.
export const ncfHyperParameters: HyperParameter[] = [
	{
		key: 'variant',
		label: 'Architecture',
		description:
			'GMF: element-wise product of user and item embeddings. MLP: a ReLU tower over their concatenation. NeuMF: both, joined by one linear output layer.',
		type: 'choice',
		default: 'neumf',
		choices: ['neumf', 'gmf', 'mlp']
	},
	{
		key: 'objective',
		label: 'Objective',
		description:
			'Ranking: log loss on the interactions against sampled non-interactions, scores are probabilities. Rating: squared error on the rating values, scores are on the rating scale.',
		type: 'choice',
		default: 'ranking',
		choices: ['ranking', 'rating']
	},
	{
		key: 'pretrain',
		label: 'Pre-training',
		description:
			'NeuMF only. gmf+mlp trains a GMF and an MLP model first, copies their weights into NeuMF and joins their output layers with weight 0.5 each, then fine-tunes with SGD.',
		type: 'choice',
		default: 'none',
		choices: ['none', 'gmf+mlp']
	},
	{
		key: 'factors',
		label: 'GMF factors',
		description: 'Length of the user and item embeddings of the GMF path.',
		unit: 'dimensions',
		type: 'int',
		default: 16,
		min: 1,
		max: 256
	},
	{
		key: 'mlpLayers',
		label: 'MLP layers',
		description:
			'Widths of the MLP tower, widest first. The first is the concatenated user and item embedding (half each); each later one is a ReLU layer.',
		unit: 'units per layer',
		type: 'choice',
		default: '64,32,16',
		choices: mlpLayerChoices
	},
	{
		key: 'epochs',
		label: 'Epochs',
		description: 'Full passes over the training interactions (with freshly sampled negatives each pass). Early stopping may end training sooner.',
		unit: 'passes',
		type: 'int',
		default: 10,
		min: 1,
		max: 200
	},
	{
		key: 'batchSize',
		label: 'Batch size',
		description: 'Training examples (interactions plus sampled negatives) per Adam step.',
		unit: 'examples',
		type: 'int',
		default: 256,
		min: 1,
		max: 65536
	},
	{
		key: 'learningRate',
		label: 'Learning rate',
		description: 'Step size of Adam (and of SGD when fine-tuning a pre-trained NeuMF). Too high makes training diverge.',
		type: 'float',
		default: 0.001,
		min: 1e-6,
		max: 1
	},
	{
		key: 'l2',
		label: 'L2 regularisation',
		description:
			'Weight of the squared norms of the embedding rows in each batch (averaged over the batch) and of the dense kernels, added to the loss.',
		type: 'float',
		default: 1e-5,
		min: 0,
		max: 1
	},
	{
		key: 'negativeRatio',
		label: 'Negatives per positive',
		description:
			'Ranking objective: items the user has not interacted with, sampled uniformly with the run seed, per training interaction and epoch.',
		unit: 'items',
		type: 'int',
		default: 4,
		min: 1,
		max: 50
	},
	...earlyStoppingHyperParameters('interactions', 3)
];

/**
 * Fills defaults and validates `config`: unknown keys, wrong types, values out
 * of range and pre-training of a variant other than NeuMF are rejected.
 */
export function resolveNcfConfig(config: ModelConfig): NcfConfig {
	const resolved = resolveConfig(ncfType, ncfHyperParameters, config);
	if (resolved.pretrain !== 'none' && resolved.variant !== 'neumf') {
		throw new Error(`invalid pretrain '${resolved.pretrain}' for variant '${resolved.variant}': pre-training applies to neumf only, so set pretrain to 'none'`);
	}
	return {
		...(resolved as unknown as Omit<NcfConfig, 'mlpLayers'>),
		mlpLayers: String(resolved.mlpLayers).split(',').map(Number)
	};
}

/** The config as plain JSON, with `mlpLayers` back in its string form. */
export function ncfConfigToJson(config: NcfConfig): ModelConfig {
	return { ...config, mlpLayers: config.mlpLayers.join(',') };
}
