/**
 * One benchmark run: fit a model on one fold and evaluate it. A fold comes
 * either from predefined train/test files (MovieLens 100K's u1.base/u1.test …
 * u5, parsed into one id space) or from one ratings file split by a
 * {@link SplitProtocol} (leave-last-out, seeded random …). An optional item
 * metadata file (u.item, movies.csv) gives content-based models their features
 * and the evaluation its genres for intra-list diversity.
 * Used by the Benchmark page and `npm run bench`.
 */
import type { FeedbackKind, Interactions, ItemMetadata, Progress } from '../data/types';
import { sniffFile } from '../data/sniff';
import { parseRatings } from '../data/parse-ratings';
import { parseItems } from '../data/parse-items';
import { splitAtRow, type Split } from '../eval/split';
import { applyProtocol, describeProtocol, type SplitProtocol } from '../eval/protocol';
import { evaluateModel, summarizeEvaluation, type PerUserMetrics } from '../eval/evaluate';
import type { CandidateSet } from '../eval/candidates';
import type { ModelConfig, ModelSpec, TrainProgress } from '../models/contract';

export interface BenchFile {
	blob: Blob;
	fileName: string;
}

interface FoldRequestBase {
	/** Fold name for tables, such as 'u1' or 'all'. */
	fold: string;
	modelType: string;
	config: ModelConfig;
	seed: number;
	/** Item metadata file whose ids match the ratings' item ids. */
	items?: BenchFile;
	/** Cut-off of the ranking metrics; default 10. */
	k?: number;
	/** Default 'full' (every item the user has not trained on). */
	candidates?: CandidateSet;
}

/** A fold given as two files: train on `base`, test on `test`. `kind` may be left out. */
export interface PredefinedFoldRequest extends FoldRequestBase {
	kind?: 'predefined';
	base: BenchFile;
	test: BenchFile;
}

/** A fold made by splitting one ratings file; `foldIndex` picks a k-fold fold (default 0). */
export interface ProtocolFoldRequest extends FoldRequestBase {
	kind: 'protocol';
	source: BenchFile;
	protocol: SplitProtocol;
	foldIndex?: number;
}

export type FoldRequest = PredefinedFoldRequest | ProtocolFoldRequest;

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
	/** Epochs trained in the last training phase that counts epochs (early stopping may end it before the configured number). */
	epochs?: number;
	/** Those epochs per second of wall time, from the phase's first progress event to the end of the fit. */
	epochsPerSecond?: number;
	backend: string;
	trainInteractions: number;
	testInteractions: number;
	rankedUsers: number;
	k: number;
	/** Such as "full ranking" or "100 sampled negatives". */
	candidateLabel: string;
	/** Such as "all test items relevant". */
	relevanceLabel: string;
	/** Leakage warnings of the split (see applyProtocol); empty when none. */
	warnings: string[];
	/** Facts about the split, such as users left without a test set. */
	notes: string[];
	/** Per-user ranking metrics, for intervals and paired tests across models. */
	perUser: PerUserMetrics;
}

async function endsWithNewline(blob: Blob): Promise<boolean> {
	if (blob.size === 0) return true;
	const last = new Uint8Array(await blob.slice(blob.size - 1).arrayBuffer());
	return last[0] === 0x0a;
}

interface PreparedFold {
	split: Split;
	kind: FeedbackKind;
	itemIds: string[];
	dataset: string;
	protocol: string;
	warnings: string[];
	notes: string[];
}

/** Parses base followed by test in one pass, so both files share user and item indices. */
async function preparePredefined(request: PredefinedFoldRequest, signal?: AbortSignal): Promise<PreparedFold> {
	const sniff = await sniffFile(request.base.blob, request.base.fileName);
	const base = await parseRatings(request.base.blob, request.base.fileName, sniff.options, sniff.mapping, { signal });
	const separator = (await endsWithNewline(request.base.blob)) ? [] : ['\n'];
	const joined = new Blob([request.base.blob, ...separator, request.test.blob]);
	const both = await parseRatings(joined, `${request.base.fileName}+${request.test.fileName}`, sniff.options, sniff.mapping, { signal });
	const interactions: Interactions = {
		users: both.users,
		items: both.items,
		values: both.values,
		times: both.times,
		numUsers: both.userIds.length,
		numItems: both.itemIds.length
	};
	return {
		split: splitAtRow(interactions, base.users.length),
		kind: sniff.mapping.rating === null ? 'implicit' : 'explicit',
		itemIds: both.itemIds,
		dataset: request.base.fileName,
		protocol: `predefined split ${request.base.fileName}/${request.test.fileName}`,
		warnings: [],
		notes: []
	};
}

async function prepareProtocol(request: ProtocolFoldRequest, signal?: AbortSignal): Promise<PreparedFold> {
	const sniff = await sniffFile(request.source.blob, request.source.fileName);
	const parsed = await parseRatings(request.source.blob, request.source.fileName, sniff.options, sniff.mapping, { signal });
	const interactions: Interactions = {
		users: parsed.users,
		items: parsed.items,
		values: parsed.values,
		times: parsed.times,
		numUsers: parsed.userIds.length,
		numItems: parsed.itemIds.length
	};
	const applied = applyProtocol(interactions, request.protocol);
	const foldIndex = request.foldIndex ?? 0;
	const fold = applied.folds[foldIndex];
	if (!fold) throw new Error(`invalid foldIndex ${foldIndex}: ${describeProtocol(request.protocol)} has ${applied.folds.length} folds`);
	return {
		split: fold,
		kind: sniff.mapping.rating === null ? 'implicit' : 'explicit',
		itemIds: parsed.itemIds,
		dataset: request.source.fileName,
		protocol: applied.label,
		warnings: applied.warnings,
		notes: applied.notes
	};
}

/** Reads item metadata and reorders it to the ratings' dense item indices; items without a row get empty fields. */
async function loadItemMetadata(file: BenchFile, itemIds: string[], signal?: AbortSignal): Promise<ItemMetadata> {
	const parsed = await parseItems(file.blob, file.fileName, undefined, { signal });
	const rowOf = new Map(parsed.ids.map((id, row) => [id, row]));
	const pick = <T>(column: T[] | undefined, empty: () => T): T[] =>
		itemIds.map((id) => {
			const row = rowOf.get(id);
			return row === undefined || !column ? empty() : column[row];
		});
	const known = new Set(itemIds);
	return {
		titles: pick(parsed.titles, () => ''),
		genres: pick(parsed.genres, () => []),
		tags: parsed.tags ? pick(parsed.tags, () => []) : undefined,
		descriptions: parsed.descriptions ? pick(parsed.descriptions, () => '') : undefined,
		creators: parsed.creators ? pick(parsed.creators, () => []) : undefined,
		unmatchedIds: parsed.ids.filter((id) => !known.has(id)).length
	};
}

/** Fits `spec` on one fold and evaluates it. Errors (including a model's) propagate to the caller. */
export async function runFold(
	request: FoldRequest,
	spec: ModelSpec,
	backend: string,
	hooks: { signal?: AbortSignal; onProgress?: (progress: TrainProgress | Progress) => void }
): Promise<FoldResult> {
	const prepared = request.kind === 'protocol' ? await prepareProtocol(request, hooks.signal) : await preparePredefined(request, hooks.signal);
	const { train, test } = prepared.split;
	const items = request.items ? await loadItemMetadata(request.items, prepared.itemIds, hooks.signal) : null;

	const fitStarted = performance.now();
	const clock = { phase: null as string | null, started: 0, epochs: 0 };
	const model = await spec.fit({ interactions: train, kind: prepared.kind, items }, request.config, {
		seed: request.seed,
		signal: hooks.signal,
		onProgress: (progress) => {
			if (progress.epoch !== undefined) {
				if (progress.phase !== clock.phase) Object.assign(clock, { phase: progress.phase, started: performance.now(), epochs: 0 });
				clock.epochs = Math.max(clock.epochs, progress.epoch);
			}
			hooks.onProgress?.(progress);
		}
	});
	const fitEnded = performance.now();
	const fitSeconds = (fitEnded - fitStarted) / 1000;
	const epochTiming = clock.epochs > 0 ? { epochs: clock.epochs, epochsPerSecond: clock.epochs / ((fitEnded - clock.started) / 1000) } : {};
	try {
		const evaluation = await evaluateModel(model, train, test, {
			k: request.k ?? 10,
			predictsRatings: spec.predictsRatings,
			candidates: request.candidates,
			itemFeatures: items?.genres,
			signal: hooks.signal,
			onProgress: hooks.onProgress
		});
		return {
			dataset: prepared.dataset,
			protocol: prepared.protocol,
			model: spec.id,
			config: (await model.save()).config,
			fold: request.fold,
			metrics: summarizeEvaluation(evaluation),
			fitSeconds,
			scoreSeconds: evaluation.timing.seconds,
			...epochTiming,
			backend,
			trainInteractions: train.users.length,
			testInteractions: test.users.length,
			rankedUsers: evaluation.counts.rankedUsers,
			k: evaluation.k,
			candidateLabel: evaluation.candidateLabel,
			relevanceLabel: evaluation.relevanceLabel,
			warnings: prepared.warnings,
			notes: prepared.notes,
			perUser: evaluation.perUser
		};
	} finally {
		model.dispose();
	}
}
