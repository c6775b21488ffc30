/** Display names of the metrics an evaluation reports, shared by tables and pickers. */

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
