/**
 * Recommendations for a new user, on the training worker: the user picks a few
 * items with ratings, and the stored model scores the catalogue for them at
 * once through its fold-in (FittedModel.scoreNewUser), without retraining.
 */
import type { FittedModel, NewUserPick } from '../models/contract';
import type { Dataset } from '../data/types';
import type { ModelRecord } from '../storage/schema';
import { getDatasetRecord, loadDataset } from '../storage/datasets';
import { loadModelRecord } from '../storage/models';
import { recommendFromScores } from '../models/baselines/common';
import { countInteractions } from '../models/popularity';
import { dimensionItemsFor } from './factor-items';
import type { RecommendationRow } from './train-service';

export interface NewUserRequest {
	modelId: string;
	/** Picked item indices with the rating the user gave (the scale's maximum for "like"; 1 on implicit data). */
	picks: { item: number; rating: number }[];
	k: number;
}

export interface NewUserResult {
	rows: RecommendationRow[];
}

export interface ColdStartApi {
	recommendForNewUser(request: NewUserRequest): Promise<NewUserResult>;
	/** Interactions per item in the model's dataset, for the "popular in this genre" lists. */
	itemPopularity(modelId: string): Promise<Int32Array>;
}

/** `fittedModel` is the training service's cache of loaded models, so both share one copy. */
export function createColdStartApi(fittedModel: (record: ModelRecord) => Promise<FittedModel>): ColdStartApi {
	let cachedDataset: Dataset | null = null;

	async function datasetOf(record: ModelRecord): Promise<Dataset | null> {
		if (!record.datasetId || !(await getDatasetRecord(record.datasetId))) return null;
		if (cachedDataset?.id !== record.datasetId) {
			cachedDataset = null;
			cachedDataset = await loadDataset(record.datasetId);
		}
		return cachedDataset;
	}

	return {
		async recommendForNewUser(request) {
			const record = await loadModelRecord(request.modelId);
			const model = await fittedModel(record);
			const { scoreNewUser, explainNewUser } = model;
			if (!scoreNewUser || !explainNewUser) {
				throw new Error(`"${record.name}" (${record.modelType}) cannot recommend for a new user without retraining. Pick a factor, neighbourhood, content, EASE, popularity or hybrid model.`);
			}
			if (request.picks.length === 0) throw new Error('Pick at least one item first.');
			const picks: NewUserPick[] = request.picks.map((pick) => ({ item: pick.item, value: pick.rating }));

			const scores = await scoreNewUser.call(model, picks);
			const top = recommendFromScores(scores, request.k, picks.map((pick) => pick.item));
			const dataset = await datasetOf(record);
			const itemLabel = (index: number) => dataset?.items?.titles[index] || `item ${record.itemIds[index]}`;
			const rows: RecommendationRow[] = [];
			for (const { item, score } of top) {
				const explanation = await explainNewUser.call(model, picks, item);
				rows.push({
					item,
					itemId: record.itemIds[item],
					title: dataset?.items?.titles[item] ?? '',
					genres: dataset?.items?.genres[item] ?? [],
					score,
					explanation,
					labels: Object.fromEntries(picks.map((pick) => [pick.item, itemLabel(pick.item)])),
					dimensionItems: dimensionItemsFor(explanation, record.modelType, record.arrays, record.strings, itemLabel)
				});
			}
			return { rows };
		},

		async itemPopularity(modelId) {
			const record = await loadModelRecord(modelId);
			const dataset = await datasetOf(record);
			return dataset ? countInteractions(dataset.interactions) : new Int32Array(record.numItems);
		}
	};
}
