/** Display names of the metrics an evaluation reports, shared by tables, pickers and exports. */

/** Every metric a comparison reports, in the order tables and exports list them. */
export const METRIC_KEYS = ['rmse', 'mae', 'hitRate', 'ndcg', 'precision', 'recall', 'map', 'mrr', 'coverage', 'novelty', 'diversity', 'averagePopularity'];

/** Returns the column label of `key` at cut-off `k`, such as "NDCG@10", or the key itself when unknown. */
export function metricLabel(key: string, k: number): string {
	const labels: Record<string, string> = {
		rmse: 'RMSE',
		mae: 'MAE',
		hitRate: `HR@${k}`,
		ndcg: `NDCG@${k}`,
		precision: `P@${k}`,
		recall: `R@${k}`,
		map: `MAP@${k}`,
		mrr: 'MRR',
		coverage: 'Coverage',
		novelty: 'Novelty (bits)',
		diversity: 'Diversity',
		averagePopularity: 'Avg. popularity'
	};
	return labels[key] ?? key;
}
