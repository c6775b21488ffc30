/**
 * Biased matrix factorisation (Koren, Bell and Volinsky, "Matrix Factorization
 * Techniques for Recommender Systems", IEEE Computer 2009), trained with
 * mini-batch Adam or SGD on tfjs. For implicit data it fits the values as given.
 */
import type { ModelSpec } from '../contract';
import { biasedMfHyperParameters, resolveBiasedMfConfig } from './config';
import { BiasedMfModel, biasedMfType, restoreBiasedMf } from './model';
import { trainBiasedMf } from './train';

export const biasedMfSpec: ModelSpec = {
	id: biasedMfType,
	label: 'Biased matrix factorisation',
	description:
		'Predicts a rating as the global mean plus a user bias, an item bias and the dot product of learned user and item vectors.',
	supports: ['explicit', 'implicit'],
	predictsRatings: true,
	supportsCheckpoints: true,
	hyperParameters: biasedMfHyperParameters,

	async fit(data, config, context) {
		const resolved = resolveBiasedMfConfig(config);
		const parameters = await trainBiasedMf(data.interactions, resolved, context);
		return new BiasedMfModel({ ...resolved }, parameters);
	},

	async load(saved) {
		if (saved.modelType !== biasedMfType) {
			throw new Error(`cannot load a '${saved.modelType}' model as '${biasedMfType}'`);
		}
		const resolved = resolveBiasedMfConfig(saved.config);
		return restoreBiasedMf(saved, { ...resolved }, resolved.factors);
	}
};
