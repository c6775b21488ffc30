/**
 * Side-by-side comparison: several models trained and evaluated on the same
 * split (every fold of it), with per-user bootstrap intervals and a paired
 * test of each model against the best. Runs in the training worker.
 */
import type { Dataset } from '../data/types';
import type { ModelConfig, TrainProgress } from '../models/contract';
import { getModelSpec } from '../models/registry';
import { labelWithSettings } from '../models/config';
import { applyProtocol, type SplitProtocol } from '../eval/protocol';
import { evaluateModel, summarizeEvaluation, type PerUserMetrics, type CandidateSet } from '../eval/evaluate';
import { compareModels, concatPerUser, type MetricComparison } from '../eval/compare';
import { throwIfAborted } from '../eval/schedule';

/** Protocols offered in the UI; predefined splits need two files and live on the Benchmark page. */
export type ComparableProtocol = Exclude<SplitProtocol, { kind: 'predefined' }>;

export interface CompareRequest {
	datasetId: string;
	protocol: ComparableProtocol;
	models: { modelType: string; config: ModelConfig }[];
	k: number;
	candidates: CandidateSet;
	relevanceThreshold: number | null;
	seed: number;
}

export interface ComparedModel {
	model: string;
	/** The model's name, with the settings that differ from its defaults. */
	label: string;
	/** The settings given for this model; the rest are its defaults. */
	config: ModelConfig;
	/** Means over folds of every metric the evaluation reports. */
	metrics: Record<string, number>;
	fitSeconds: number;
	scoreSeconds: number;
	/** Set when the model could not be trained or evaluated; it is then left out of the comparison. */
	error?: string;
}

export interface CompareOutcome {
	protocolLabel: string;
	candidateLabel: string;
	relevanceLabel: string;
	folds: number;
	warnings: string[];
	notes: string[];
	models: ComparedModel[];
	/** Per metric: means with bootstrap intervals and p-values against the best model, over (fold, user) pairs. */
	comparisons: MetricComparison[];
}

export async function compareOnSplit(
	dataset: Dataset,
	request: CompareRequest,
	hooks: { signal: AbortSignal; onProgress: (progress: TrainProgress) => void }
): Promise<CompareOutcome> {
	const protocol = applyProtocol(dataset.interactions, request.protocol);
	const total = request.models.length * protocol.folds.length;
	const models: ComparedModel[] = [];
	const perUser: { model: string; perUser: PerUserMetrics }[] = [];
	let candidateLabel = '';
	let relevanceLabel = '';
	let done = 0;

	for (const { modelType, config } of request.models) {
		const spec = getModelSpec(modelType);
		const label = labelWithSettings(spec.label, spec.hyperParameters, config);
		const sums: Record<string, number> = {};
		const foldUsers: PerUserMetrics[] = [];
		let fitSeconds = 0;
		let scoreSeconds = 0;
		try {
			for (const fold of protocol.folds) {
				throwIfAborted(hooks.signal);
				hooks.onProgress({ phase: `${label}, ${fold.name}`, done, total });
				const started = performance.now();
				const model = await spec.fit({ interactions: fold.train, kind: dataset.kind, items: dataset.items }, config, {
					seed: request.seed,
					signal: hooks.signal
				});
				fitSeconds += (performance.now() - started) / 1000;
				try {
					const evaluation = await evaluateModel(model, fold.train, fold.test, {
						k: request.k,
						predictsRatings: spec.predictsRatings,
						candidates: request.candidates,
						relevanceThreshold: request.relevanceThreshold,
						itemFeatures: dataset.items?.genres,
						signal: hooks.signal
					});
					scoreSeconds += evaluation.timing.seconds;
					candidateLabel = evaluation.candidateLabel;
					relevanceLabel = evaluation.relevanceLabel;
					for (const [key, value] of Object.entries(summarizeEvaluation(evaluation))) sums[key] = (sums[key] ?? 0) + value;
					foldUsers.push(evaluation.perUser);
				} finally {
					model.dispose();
				}
				done++;
			}
			const folds = protocol.folds.length;
			const metrics = Object.fromEntries(Object.entries(sums).map(([key, value]) => [key, value / folds]));
			models.push({ model: modelType, label, config, metrics, fitSeconds: fitSeconds / folds, scoreSeconds: scoreSeconds / folds });
			perUser.push({ model: label, perUser: concatPerUser(foldUsers) });
		} catch (error) {
			if (hooks.signal.aborted) throw error;
			models.push({ model: modelType, label, config, metrics: {}, fitSeconds, scoreSeconds, error: error instanceof Error ? error.message : String(error) });
			done += protocol.folds.length - foldUsers.length;
		}
	}

	hooks.onProgress({ phase: 'bootstrap intervals', done: total, total });
	const comparisons = perUser.length > 0 ? compareModels(perUser, { seed: request.seed }) : [];
	return {
		protocolLabel: protocol.label,
		candidateLabel,
		relevanceLabel,
		folds: protocol.folds.length,
		warnings: protocol.warnings,
		notes: protocol.notes,
		models,
		comparisons
	};
}
