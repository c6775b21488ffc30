/**
 * Neural collaborative filtering (He, Liao, Zhang, Nie, Hu and Chua, "Neural
 * Collaborative Filtering", WWW 2017): GMF, MLP and NeuMF as tfjs Layers
 * models, trained on interactions against sampled negatives (ranking) or on
 * rating values (rating). See network.ts for the architecture and train.ts
 * for the loss.
 */
import type { ModelSpec } from '../contract';
import { checkModelType } from '../baselines/common';
import { ncfHyperParameters, ncfType, resolveNcfConfig } from './config';
import { fitNcf } from './fit';
import { NcfModel, restoreNcf } from './model';

export const ncfSpec: ModelSpec = {
	id: ncfType,
	label: 'Neural collaborative filtering (NeuMF)',
	description:
		'Learns user and item embeddings joined by an element-wise product (GMF), a ReLU network (MLP) or both (NeuMF), trained to tell interactions from sampled non-interactions, or to predict ratings.',
	supports: ['implicit', 'explicit'],
	// TODO: the rating objective predicts on the rating scale, but this flag is per
	// model type, so RMSE and MAE are not offered for it until the flag can depend on the config.
	predictsRatings: false,
	hyperParameters: ncfHyperParameters,

	async fit(data, config, context) {
		const resolved = resolveNcfConfig(config);
		const network = await fitNcf(data, resolved, context);
		return new NcfModel(resolved, network, data.interactions.numUsers, data.interactions.numItems);
	},

	async load(saved) {
		checkModelType(saved, ncfType);
		return restoreNcf(saved, resolveNcfConfig(saved.config));
	}
};
