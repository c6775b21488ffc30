/**
 * A blend of biased matrix factorisation and item kNN: the mean of several
 * biased-MF models (different seeds) and Koren's baseline-corrected item kNN,
 * weighted and clipped to the rating range. The two make different errors, so
 * the blend predicts ratings better than either alone.
 */
import type { FittedModel, ModelSpec } from '../contract';
import { checkModelType } from '../baselines/common';
import { biasedMfSpec } from '../biased-mf';
import { itemKnnSpec } from '../knn';
import { componentKnnConfig, componentMfConfig, mfKnnBlendHyperParameters, mfKnnBlendType, resolveMfKnnBlendConfig } from './config';
import { MfKnnBlendModel, restoreMfKnnBlend } from './model';

export const mfKnnBlendSpec: ModelSpec = {
	id: mfKnnBlendType,
	label: 'MF + item kNN blend',
	description:
		'Predicts a rating as a weighted mean of several biased matrix factorisations and an item-kNN prediction, clipped to the rating range.',
	supports: ['explicit'],
	predictsRatings: true,
	hyperParameters: mfKnnBlendHyperParameters,

	async fit(data, config, context) {
		const resolved = resolveMfKnnBlendConfig(config);
		const { values } = data.interactions;
		if (values.length === 0) throw new Error('no training interactions: import a dataset with at least one interaction');
		let low = Infinity;
		let high = -Infinity;
		for (const value of values) {
			low = Math.min(low, value);
			high = Math.max(high, value);
		}

		const components: FittedModel[] = [];
		const total = resolved.mfSeeds + 1;
		try {
			for (let index = 0; index < resolved.mfSeeds; index++) {
				const onProgress = context.onProgress && ((progress: Parameters<NonNullable<typeof context.onProgress>>[0]) =>
					context.onProgress?.({ ...progress, phase: `mf ${index + 1} of ${total - 1}` }));
				components.push(await biasedMfSpec.fit(data, componentMfConfig(resolved), { ...context, seed: context.seed + index, onProgress }));
			}
			const onProgress = context.onProgress && ((progress: Parameters<NonNullable<typeof context.onProgress>>[0]) =>
				context.onProgress?.({ ...progress, phase: 'item knn' }));
			const knnModel = await itemKnnSpec.fit(data, componentKnnConfig(resolved), { ...context, onProgress });
			return new MfKnnBlendModel({ ...resolved }, resolved, components, knnModel, [low, high]);
		} catch (error) {
			for (const model of components) model.dispose();
			throw error;
		}
	},

	async load(saved) {
		checkModelType(saved, mfKnnBlendType);
		return restoreMfKnnBlend(saved, resolveMfKnnBlendConfig(saved.config));
	}
};
