/** Hyperparameters of the hybrid recommender, documented for the UI, and their validation. */
import type { HyperParameter, ModelConfig } from '../contract';
import { resolveConfig } from '../config';

export const hybridType = 'hybrid';

export interface HybridConfig {
	/** Registered model ids, comma-separated, in blend order. */
	components: string;
	blend: 'ridge' | 'rank';
	ridgeLambda: number;
	validationFraction: number;
	coldUserThreshold: number;
	coldItemThreshold: number;
	coldFallback: 'content' | 'popularity';
}

/** Component lists the form offers. Fitting accepts any comma-separated list of registered ids. */
export const componentChoices = [
	'biased-mf,item-knn,content',
	'biased-mf,item-knn',
	'biased-mf,svdpp,item-knn,user-knn,content',
	'biased-mf,content',
	'item-knn,content',
	'ease,item-knn,content',
	'implicit-als,ease,content'
];

// Measured on MovieLens 100K's folds u1…u5 (the blend learned on 10% carved from each u*.base,
// WASM backend, Node 20): the defaults give mean test RMSE 0.906, and the components
// 'biased-mf,svdpp,item-knn,user-knn,content' give 0.898 at about five times the fit time.
// Switching items with fewer than 5 ratings to the content fallback raised it to 0.915, so switching is off by default.
export const hybridHyperParameters: HyperParameter[] = [
	{
		key: 'components',
		label: 'Components',
		description:
			'Models to blend, as registered model ids separated by commas. Each trains with its own defaults. Models the dataset cannot train (content without item metadata) are left out.',
		type: 'choice',
		default: 'biased-mf,item-knn,content',
		choices: componentChoices
	},
	{
		key: 'blend',
		label: 'Blend',
		description:
			"ridge: a linear regression of the ratings (or, on implicit data, of 1 for interactions and 0 for sampled non-interactions) on the components' scores, solved in closed form. rank: weights on standardised scores chosen by a coordinate search for the best validation NDCG@10.",
		type: 'choice',
		default: 'ridge',
		choices: ['ridge', 'rank']
	},
	{
		key: 'ridgeLambda',
		label: 'Ridge λ',
		description: 'L2 penalty on the blend weights (not on the intercept) in the ridge blend. Larger values pull the weights towards 0.',
		type: 'float',
		default: 1,
		min: 0,
		max: 1_000_000
	},
	{
		key: 'validationFraction',
		label: 'Validation fraction',
		description:
			'Share of the training interactions (seeded) that the components do not see while the blend weights are learned on it. The components are then refitted on all training interactions.',
		type: 'float',
		default: 0.1,
		min: 0.01,
		max: 0.5
	},
	{
		key: 'coldUserThreshold',
		label: 'Cold user threshold',
		description: 'Users with fewer training interactions than this get the fallback model’s score instead of the blend. 0 turns it off.',
		unit: 'interactions',
		type: 'int',
		default: 0,
		min: 0,
		max: 10_000
	},
	{
		key: 'coldItemThreshold',
		label: 'Cold item threshold',
		description: 'Items with fewer training interactions than this get the fallback model’s score instead of the blend. 0 turns it off.',
		unit: 'interactions',
		type: 'int',
		default: 0,
		min: 0,
		max: 10_000
	},
	{
		key: 'coldFallback',
		label: 'Cold-start fallback',
		description:
			'Model that scores cold users and items, calibrated on the validation part by a one-variable regression. content needs item metadata; without it popularity is used.',
		type: 'choice',
		default: 'content',
		choices: ['content', 'popularity']
	}
];

/** Fills defaults and validates `config`. `components` may list any ids, which fitting checks against the registry. */
export function resolveHybridConfig(config: ModelConfig): HybridConfig {
	const components = config.components;
	const others = resolveConfig(hybridType, hybridHyperParameters, { ...config, components: componentChoices[0] });
	if (components !== undefined && (typeof components !== 'string' || parseComponentIds(components).length === 0)) {
		throw new Error(`invalid components '${String(components)}': expected registered model ids separated by commas, such as 'biased-mf,item-knn'`);
	}
	return { ...(others as unknown as HybridConfig), components: components ?? componentChoices[0] };
}

/** Splits a component list into trimmed, distinct ids in their order. */
export function parseComponentIds(components: string): string[] {
	const ids = components
		.split(',')
		.map((id) => id.trim())
		.filter((id) => id.length > 0);
	return [...new Set(ids)];
}
