/**
 * Implicit-feedback ALS (Hu, Koren and Volinsky, ICDM 2008): user and item
 * vectors whose dot product ranks items, learned by alternating least squares
 * with a confidence weight per interaction. See train.ts for the objective.
 */
import type { ModelSpec } from '../contract';
import { implicitAlsHyperParameters, implicitAlsType, resolveImplicitAlsConfig } from './config';
import { FactorModel, restoreFactorModel } from './factor-model';
import { trainImplicitAls } from './train';

export const implicitAlsSpec: ModelSpec = {
	id: implicitAlsType,
	label: 'Implicit ALS',
	description:
		'Learns user and item vectors by alternating least squares, treating every interaction as a preference weighted by its value and every missing pair as a weak negative. Explicit ratings are used as confidence, not as preference: a low rating still counts as a positive.',
	supports: ['implicit', 'explicit'],
	predictsRatings: false,
	hyperParameters: implicitAlsHyperParameters,

	async fit(data, config, context) {
		const resolved = resolveImplicitAlsConfig(config);
		const parameters = await trainImplicitAls(data.interactions, resolved, context);
		return new FactorModel(implicitAlsType, { ...resolved }, parameters);
	},

	async load(saved) {
		if (saved.modelType !== implicitAlsType) {
			throw new Error(`cannot load a '${saved.modelType}' model as '${implicitAlsType}'`);
		}
		const resolved = resolveImplicitAlsConfig(saved.config);
		return restoreFactorModel(saved, { ...resolved }, resolved.factors, false);
	}
};
