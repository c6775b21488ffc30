/** Hyperparameters of the MF + item-kNN blend, documented for the UI, and their validation. */
import type { HyperParameter, ModelConfig } from '../contract';
import { resolveConfig } from '../config';

export const mfKnnBlendType = 'mf-knn-blend';

export interface MfKnnBlendConfig {
	knnWeight: number;
	mfSeeds: number;
	mfFactors: number;
	mfEpochs: number;
	neighbours: number;
}

/**
 * Biased-MF settings the blend does not expose. They are the slower biased-MF setting that won
 * a validation search on seeded 10% holdouts of MovieLens 100K's u1.base … u5.base.
 */
export const blendMfSettings = { learningRate: 0.03, learningRateDecay: 0.85, regularization: 0.12, biasRegularization: 0.01 };

// Defaults were chosen on seeded 10% holdouts of MovieLens 100K's u1.base … u5.base (WASM backend):
// knnWeight 0.3/0.4/0.5/0.6 gave mean validation RMSE 0.9123/0.9122/0.9125/0.9133. Changing mfSeeds to 5,
// mfFactors to 8 or 32, mfEpochs to 20 or neighbours to 60 moved it by at most 0.0008, so the cheaper
// settings stayed. Trained on all of u*.base, the defaults gave mean test RMSE 0.9101 on u1.test … u5.test.
export const mfKnnBlendHyperParameters: HyperParameter[] = [
	{
		key: 'knnWeight',
		label: 'kNN weight',
		description: 'Share of the item-kNN prediction in the blend; the averaged biased-MF predictions get the rest.',
		type: 'float',
		default: 0.4,
		min: 0,
		max: 1
	},
	{
		key: 'mfSeeds',
		label: 'MF models',
		description: 'Number of biased-MF models, trained from consecutive seeds, whose predictions are averaged. More models lower the variance but train proportionally longer.',
		unit: 'models',
		type: 'int',
		default: 3,
		min: 1,
		max: 8
	},
	{
		key: 'mfFactors',
		label: 'MF latent factors',
		description: 'Length of each user and item vector in the biased-MF models.',
		unit: 'dimensions',
		type: 'int',
		default: 16,
		min: 1,
		max: 512
	},
	{
		key: 'mfEpochs',
		label: 'MF epochs',
		description: 'Full passes over the training ratings for each biased-MF model.',
		unit: 'passes',
		type: 'int',
		default: 15,
		min: 1,
		max: 500
	},
	{
		key: 'neighbours',
		label: 'kNN neighbours',
		description: 'Most similar items (pearson-baseline similarity) that the item-kNN prediction uses.',
		unit: 'items',
		type: 'int',
		default: 40,
		min: 1,
		max: 1000
	}
];

/** Fills defaults and validates `config`, rejecting unknown keys and out-of-range values. */
export function resolveMfKnnBlendConfig(config: ModelConfig): MfKnnBlendConfig {
	return resolveConfig(mfKnnBlendType, mfKnnBlendHyperParameters, config) as unknown as MfKnnBlendConfig;
}

/** Returns the biased-MF config of one blend component. */
export function componentMfConfig(config: MfKnnBlendConfig): ModelConfig {
	return { ...blendMfSettings, factors: config.mfFactors, epochs: config.mfEpochs };
}

/** Returns the item-kNN config of the blend's kNN component, whose other settings stay at item-kNN's defaults. */
export function componentKnnConfig(config: MfKnnBlendConfig): ModelConfig {
	return { k: config.neighbours };
}
