/**
 * Item-based and user-based k-nearest-neighbour recommenders (Sarwar et al.,
 * "Item-Based Collaborative Filtering Recommendation Algorithms", WWW 2001;
 * the explicit prediction is Koren's baseline-corrected kNN as in Surprise's
 * KNNBaseline). Both share the similarity code and the model; they differ
 * only in which side the neighbour lists index. Plain TypeScript, no tensors.
 */
import type { FitContext, ModelSpec, TrainData } from '../contract';
import { defaultBaselineOptions, fitBaselines, readBaselines } from '../baselines/bias-baseline';
import { buildCsr, checkModelType, readCsr } from '../baselines/common';
import { knnHyperParameters, resolveKnnConfig } from './config';
import { KnnModel } from './model';
import { computeNeighbours, similarityInputs } from './similarity';

async function fitKnn(modelType: string, orientation: 'item' | 'user', data: TrainData, config: Record<string, number | string>, context: FitContext) {
	const resolved = resolveKnnConfig(modelType, config);
	if (data.kind === 'implicit' && (resolved.mode !== 'implicit' || resolved.similarity !== 'cosine')) {
		throw new Error(
			`${modelType} on implicit data needs mode 'implicit' and similarity 'cosine' (got mode '${resolved.mode}', similarity '${resolved.similarity}'): ratings-based modes need explicit ratings`
		);
	}
	const { interactions } = data;
	// Baselines use the bias baseline's defaults; they feed pearson-baseline and the explicit prediction.
	const baselines = fitBaselines(interactions, defaultBaselineOptions);
	const { rows, columns } = similarityInputs(interactions, orientation, resolved.similarity, baselines);
	const neighbours = await computeNeighbours(rows, columns, resolved, context);
	const ratings = buildCsr(interactions.users, interactions.items, interactions.values, interactions.numUsers, interactions.numItems);
	return new KnnModel(modelType, orientation, { ...resolved }, { baselines, ratings, neighbours });
}

function createKnnSpec(modelType: string, orientation: 'item' | 'user', label: string, description: string): ModelSpec {
	return {
		id: modelType,
		label,
		description,
		supports: ['explicit', 'implicit'],
		// TODO: true only in explicit mode; implicit mode scores are sums of similarities, not ratings.
		predictsRatings: true,
		hyperParameters: knnHyperParameters,

		fit: (data, config, context) => fitKnn(modelType, orientation, data, config, context),

		async load(saved) {
			checkModelType(saved, modelType);
			const resolved = resolveKnnConfig(modelType, saved.config);
			const neighbourRows = orientation === 'item' ? saved.numItems : saved.numUsers;
			return new KnnModel(modelType, orientation, { ...resolved }, {
				baselines: readBaselines(saved),
				ratings: readCsr(saved, 'ratings', saved.numUsers, saved.numItems),
				neighbours: readCsr(saved, 'neighbours', neighbourRows, neighbourRows)
			});
		}
	};
}

export const itemKnnSpec = createKnnSpec(
	'item-knn',
	'item',
	'Item kNN',
	'Scores an item from the user’s ratings of the most similar items, with similarities computed from co-ratings.'
);

export const userKnnSpec = createKnnSpec(
	'user-knn',
	'user',
	'User kNN',
	'Scores an item from the ratings that the most similar users gave it, with similarities computed from co-ratings.'
);
