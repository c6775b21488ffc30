/**
 * Predefined train/test folds (such as MovieLens 100K's u1.base/u1.test …
 * u5): both files are parsed into one id space, the model is fitted on the
 * base file and evaluated on the test file. Used by the Benchmark page and
 * `npm run bench`.
 */
import type { Progress } from '../data/types';
import { sniffFile } from '../data/sniff';
import { parseRatings } from '../data/parse-ratings';
import { selectRows } from '../eval/split';
import { evaluateModel } from '../eval/evaluate';
import type { ModelConfig, ModelSpec, TrainProgress } from '../models/contract';

export interface FoldRequest {
	fold: string;
	base: { blob: Blob; fileName: string };
	test: { blob: Blob; fileName: string };
	modelType: string;
	config: ModelConfig;
	seed: number;
}

/** One benchmark record, in the shape written to bench/results/latest.json. */
export interface FoldResult {
	dataset: string;
	protocol: string;
	model: string;
	config: ModelConfig;
	fold: string;
	metrics: Record<string, number>;
	fitSeconds: number;
	scoreSeconds: number;
	backend: string;
	trainInteractions: number;
	testInteractions: number;
}

function rangeOf(start: number, end: number): Int32Array {
	const rows = new Int32Array(end - start);
	for (let i = 0; i < rows.length; i++) rows[i] = start + i;
	return rows;
}

async function endsWithNewline(blob: Blob): Promise<boolean> {
	if (blob.size === 0) return true;
	const last = new Uint8Array(await blob.slice(blob.size - 1).arrayBuffer());
	return last[0] === 0x0a;
}

export async function runFold(
	request: FoldRequest,
	spec: ModelSpec,
	backend: string,
	hooks: { signal?: AbortSignal; onProgress?: (progress: TrainProgress | Progress) => void }
): Promise<FoldResult> {
	const sniff = await sniffFile(request.base.blob, request.base.fileName);
	const base = await parseRatings(request.base.blob, request.base.fileName, sniff.options, sniff.mapping, { signal: hooks.signal });
	const baseRows = base.users.length;

	// One parse of base followed by test gives both files the same user and item indices.
	const separator = (await endsWithNewline(request.base.blob)) ? [] : ['\n'];
	const joined = new Blob([request.base.blob, ...separator, request.test.blob]);
	const both = await parseRatings(joined, `${request.base.fileName}+${request.test.fileName}`, sniff.options, sniff.mapping, {
		signal: hooks.signal
	});
	const interactions = {
		users: both.users,
		items: both.items,
		values: both.values,
		times: both.times,
		numUsers: both.userIds.length,
		numItems: both.itemIds.length
	};
	const train = selectRows(interactions, rangeOf(0, baseRows));
	const test = selectRows(interactions, rangeOf(baseRows, both.users.length));
	const kind = sniff.mapping.rating === null ? 'implicit' : 'explicit';

	const fitStarted = performance.now();
	const model = await spec.fit({ interactions: train, kind }, request.config, {
		seed: request.seed,
		signal: hooks.signal,
		onProgress: hooks.onProgress
	});
	const fitSeconds = (performance.now() - fitStarted) / 1000;
	try {
		const evaluation = await evaluateModel(model, train, test, {
			k: 10,
			predictsRatings: spec.predictsRatings,
			signal: hooks.signal,
			onProgress: hooks.onProgress
		});
		const metrics: Record<string, number> = { hitRate: evaluation.hitRate, ndcg: evaluation.ndcg };
		if (evaluation.rmse !== undefined) metrics.rmse = evaluation.rmse;
		if (evaluation.mae !== undefined) metrics.mae = evaluation.mae;
		return {
			dataset: 'predefined folds',
			protocol: `predefined split ${request.base.fileName}/${request.test.fileName}`,
			model: spec.id,
			config: (await model.save()).config,
			fold: request.fold,
			metrics,
			fitSeconds,
			scoreSeconds: evaluation.timing.seconds,
			backend,
			trainInteractions: train.users.length,
			testInteractions: test.users.length
		};
	} finally {
		model.dispose();
	}
}
