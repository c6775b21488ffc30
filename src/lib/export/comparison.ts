/** Comparison results as CSV and JSON files for download. */
import type { CompareOutcome } from '../services/compare-service';
import { toCsv } from './csv';
import { METRIC_KEYS } from '../eval/metric-labels';


/** Writes one CSV row per model with the protocol and candidate labels, every metric, timings and any error. */
export function comparisonCsv(outcome: CompareOutcome, k: number): string {
	const header = ['model', 'label', 'protocol', 'candidates', 'relevance', 'k', ...METRIC_KEYS, 'fitSeconds', 'scoreSeconds', 'error'];
	const rows = outcome.models.map((model) => [
		model.model,
		model.label,
		outcome.protocolLabel,
		outcome.candidateLabel,
		outcome.relevanceLabel,
		k,
		...METRIC_KEYS.map((key) => model.metrics[key]),
		model.fitSeconds,
		model.scoreSeconds,
		model.error ?? ''
	]);
	return toCsv(header, rows);
}

/** Writes the whole outcome, intervals and p-values included, as JSON. */
export function comparisonJson(outcome: CompareOutcome, k: number): string {
	return JSON.stringify({ k, ...outcome }, null, 2);
}
