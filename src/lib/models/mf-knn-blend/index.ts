/**
 * A blend of rating predictors: the mean of several biased-MF models
 * (different seeds), Koren's baseline-corrected item kNN and, when their
 * weights are above 0, user kNN and SVD++, weighted and clipped to the rating
 * range. The components make different errors, so the blend predicts ratings
 * better than any one of them.
 */
import type { ModelSpec, TrainProgress } from '../contract';
import { checkModelType } from '../baselines/common';
import { mfKnnBlendHyperParameters, mfKnnBlendType, resolveMfKnnBlendConfig } from './config';
import { MfKnnBlendModel, restoreMfKnnBlend, type FittedPart } from './model';
import { blendParts } from './parts';

export const mfKnnBlendSpec: ModelSpec = {
	id: mfKnnBlendType,
	label: 'MF + kNN blend',
	description:
		'Predicts a rating as a weighted mean of several biased matrix factorisations, item kNN and, if weighted, user kNN and SVD++, clipped to the rating range.',
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

		const parts = blendParts(resolved);
		const fitted: FittedPart[] = [];
		try {
			for (const [index, part] of parts.entries()) {
				const phase = `${part.name} (${index + 1} of ${parts.length})`;
				// Progress counts whole components, so the bar never runs backwards; a component's loss is left out of the blend's curve.
				const onProgress =
					context.onProgress &&
					((progress: TrainProgress) => {
						const done = index + (progress.total > 0 ? progress.done / progress.total : 0);
						// No time estimate: the components take very different times, so one from the share done would mislead.
						context.onProgress?.({ phase, done, total: parts.length, epoch: progress.epoch });
					});
				fitted.push({ ...part, model: await part.spec.fit(data, part.config, { ...context, seed: context.seed + part.seedOffset, onProgress }) });
			}
			return new MfKnnBlendModel({ ...resolved }, fitted, [low, high]);
		} catch (error) {
			for (const { model } of fitted) model.dispose();
			throw error;
		}
	},

	async load(saved) {
		checkModelType(saved, mfKnnBlendType);
		// Blends saved before user kNN and SVD++ joined have neither component.
		const resolved = resolveMfKnnBlendConfig({ userKnnWeight: 0, svdppWeight: 0, ...saved.config });
		return restoreMfKnnBlend(saved, { ...resolved }, blendParts(resolved));
	}
};
