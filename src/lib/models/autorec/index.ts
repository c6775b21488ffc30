/**
 * Item-based AutoRec (Sedhain et al., WWW 2015): an autoencoder with one
 * sigmoid hidden layer reconstructs each item's vector of user ratings, and
 * the reconstruction of an unobserved cell is the predicted rating. See
 * train.ts for the objective and the optimiser.
 */
import type { ModelSpec } from '../contract';
import { checkModelType } from '../baselines/common';
import { autorecHyperParameters, autorecType, resolveAutorecConfig } from './config';
import { AutorecModel, restoreAutorec } from './model';
import { checkSize, itemRows, trainAutorec } from './train';

export const autorecSpec: ModelSpec = {
	id: autorecType,
	label: 'AutoRec (item-based autoencoder)',
	description:
		'Compresses each item’s ratings by all users through a small hidden layer and reads predicted ratings off the reconstruction. Users or items without training ratings get the global mean.',
	supports: ['explicit'],
	predictsRatings: true,
	hyperParameters: autorecHyperParameters,

	async fit(data, config, context) {
		const resolved = resolveAutorecConfig(config);
		const { interactions } = data;
		if (interactions.users.length === 0) throw new Error('no training interactions: import a dataset with at least one rating');
		checkSize(interactions.numUsers, interactions.numItems);

		const rows = itemRows(interactions);
		let sum = 0;
		let low = Number.POSITIVE_INFINITY;
		let high = Number.NEGATIVE_INFINITY;
		for (const value of interactions.values) {
			sum += value;
			low = Math.min(low, value);
			high = Math.max(high, value);
		}
		const network = await trainAutorec(interactions, rows, resolved, context);
		return AutorecModel.create({ ...resolved }, network, {
			rows,
			globalMean: sum / interactions.values.length,
			ratingRange: [low, high],
			numUsers: interactions.numUsers,
			numItems: interactions.numItems
		});
	},

	async load(saved) {
		checkModelType(saved, autorecType);
		return restoreAutorec(saved, resolveAutorecConfig(saved.config));
	}
};
