/**
 * SVD++ (Koren, "Factorization Meets the Neighborhood: a Multifaceted
 * Collaborative Filtering Model", KDD 2008): biased matrix factorisation whose
 * user vector also sums learned vectors of the items the user rated.
 * Trained with mini-batch Adam on tfjs; see train.ts for the loss.
 */
import type { ModelSpec } from '../contract';
import { checkModelType } from '../baselines/common';
import { resolveSvdppConfig, svdppHyperParameters, svdppType } from './config';
import { restoreSvdpp, SvdppModel } from './model';
import { trainSvdpp } from './train';

export const svdppSpec: ModelSpec = {
	id: svdppType,
	label: 'SVD++',
	description:
		'Predicts a rating as the global mean plus user and item biases plus the item vector times the user vector, where the user vector also includes what the set of rated items says about the user.',
	supports: ['explicit'],
	predictsRatings: true,
	hyperParameters: svdppHyperParameters,

	async fit(data, config, context) {
		const resolved = resolveSvdppConfig(config);
		const parameters = await trainSvdpp(data.interactions, resolved, context);
		return new SvdppModel({ ...resolved }, parameters);
	},

	async load(saved) {
		checkModelType(saved, svdppType);
		const resolved = resolveSvdppConfig(saved.config);
		return restoreSvdpp(saved, { ...resolved }, resolved.factors);
	}
};
