/** A user's recommendations as CSV and JSON files for download. */
import type { RecommendResult } from '../services/train-service';
import { toCsv } from './csv';

/** Writes one CSV row per recommended item (rank, ids, title, genres, score), with text cells neutralised for spreadsheets. */
export function recommendationsCsv(result: RecommendResult, modelName: string): string {
	return toCsv(
		['model', 'userId', 'rank', 'itemId', 'title', 'genres', 'score'],
		result.rows.map((row, index) => [modelName, result.userId, index + 1, row.itemId, row.title, row.genres.join('|'), row.score])
	);
}

/** Writes the same list with each item's explanation as JSON. */
export function recommendationsJson(result: RecommendResult, modelName: string): string {
	return JSON.stringify(
		{
			model: modelName,
			userId: result.userId,
			dataset: result.datasetName,
			recommendations: result.rows.map((row, index) => ({
				rank: index + 1,
				itemId: row.itemId,
				title: row.title,
				genres: row.genres,
				score: row.score,
				explanation: row.explanation
			}))
		},
		null,
		2
	);
}
