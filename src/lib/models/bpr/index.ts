/**
 * BPR matrix factorisation (Rendle et al., UAI 2009): user and item vectors,
 * plus an optional item bias, trained so that each user's items score above
 * items the user has not interacted with. See train.ts for the loss.
 */
import type { ModelSpec } from '../contract';
import { FactorModel, restoreFactorModel } from '../implicit-als/factor-model';
import { bprHyperParameters, bprType, resolveBprConfig } from './config';
import { trainBpr } from './train';

export const bprSpec: ModelSpec = {
	id: bprType,
	label: 'BPR matrix factorisation',
	description:
		'Learns user and item vectors so that items a user interacted with rank above sampled items they did not. Explicit ratings count as interactions, whatever their value.',
	supports: ['implicit', 'explicit'],
	predictsRatings: false,
	hyperParameters: bprHyperParameters,

	async fit(data, config, context) {
		const resolved = resolveBprConfig(config);
		const parameters = await trainBpr(data.interactions, resolved, context);
		return new FactorModel(bprType, { ...resolved }, parameters);
	},

	async load(saved) {
		if (saved.modelType !== bprType) {
			throw new Error(`cannot load a '${saved.modelType}' model as '${bprType}'`);
		}
		const resolved = resolveBprConfig(saved.config);
		return restoreFactorModel(saved, { ...resolved }, resolved.factors, resolved.itemBias === 'on');
	}
};
