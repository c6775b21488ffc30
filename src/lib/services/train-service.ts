/**
 * What the training worker does: choose a tfjs backend, train and evaluate
 * models on stored datasets, score and explain recommendations, and turn
 * models into files and back. Runs in a Web Worker; the page reaches it only
 * through src/lib/bridge/train.ts.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/types';
import type { Explanation, FittedModel, ModelConfig, ModelSpec, TrainProgress } from '../models/contract';
import { getModelSpec, modelSpecs } from '../models/registry';
import { randomSplit } from '../eval/split';
import { evaluateModel } from '../eval/evaluate';
import { selectBackend, type BackendSelection as BackendInfo, type BackendPreference } from '../tf/backend';
import { runFold, type FoldRequest, type FoldResult } from './benchmark';
import { compareOnSplit, type CompareOutcome, type CompareRequest } from './compare-service';
import { decodeModelFile, encodeModelFile } from '../tf/model-file';
import { getDatasetRecord, listDatasets, loadDataset } from '../storage/datasets';
import { deleteModel, loadModelRecord, newModelId, saveModel, type ModelSummary } from '../storage/models';
import { startCheckpoints } from './checkpoints';
import type { ModelRecord } from '../storage/schema';
import { itemsRatedBy } from './user-items';
import { createClusterApi, type ClusterApi } from './cluster-service';
import { createColdStartApi, type ColdStartApi } from './cold-start';
import { dimensionItemsFor, type DimensionItems } from './factor-items';
import { labelWithSettings } from '../models/config';

export interface TrainRequest {
	datasetId: string;
	modelType: string;
	config: ModelConfig;
	/** Seed for the split and for model initialisation. */
	seed: number;
	/** Share of interactions held out for testing, such as 0.2. */
	testFraction: number;
	backend: BackendPreference;
	name?: string;
	/** Continue the interrupted run stored under this model id (see ModelRecord.partial). */
	resumeModelId?: string;
}

export interface TrainEvent extends TrainProgress {
	stage: 'training' | 'evaluating';
	/** Bytes held by tfjs tensors on the active backend (GPU memory on WebGPU and WebGL). */
	memoryBytes?: number;
}

export interface TrainOutcome {
	model: ModelSummary;
}

export interface RecommendationRow {
	item: number;
	itemId: string;
	title: string;
	genres: string[];
	score: number;
	explanation: Explanation;
	/** Display names of the items or users an explanation refers to, by index. */
	labels: Record<number, string>;
	/** Per model id, per latent dimension shown: titles of the items that load highest on it. */
	dimensionItems?: DimensionItems;
}

export interface RecommendRequest {
	modelId: string;
	userId: string;
	k: number;
}

export interface RecommendResult {
	userId: string;
	/** How many items the user rated in the attached dataset (excluded from the list). */
	ratedCount: number;
	/** Null when the model is not attached to a stored dataset, so rated items could not be excluded. */
	datasetName: string | null;
	rows: RecommendationRow[];
}

export interface ImportedModel {
	model: ModelSummary;
	/** Sentence on how the file's ids relate to the stored datasets. */
	datasetMatch: string;
}

/** A model's spec without its code, for the page's forms. */
export type ModelDescription = Omit<ModelSpec, 'fit' | 'load'>;

export interface TrainApi extends ClusterApi, ColdStartApi {
	describeModels(): ModelDescription[];
	initBackend(preference: BackendPreference): Promise<BackendInfo>;
	train(request: TrainRequest, onEvent: (event: TrainEvent) => void): Promise<TrainOutcome>;
	cancel(): void;
	/** Destroys the WebGPU device, as a driver reset would, so tests can exercise the lost-device path. */
	loseGpuDeviceForTesting(): void;
	/** Raises an uncaught error in the worker, so tests can exercise the page's crash handling. */
	crashForTesting(): void;
	/** Deletes the checkpoint of an interrupted training run. */
	discardPartial(modelId: string): Promise<void>;
	/** Trains and evaluates several models on the same split and compares them (see compare-service.ts). */
	compare(request: CompareRequest & { backend: BackendPreference }, onEvent: (event: TrainEvent) => void): Promise<CompareOutcome>;
	/** Fits and evaluates one predefined train/test fold (see benchmark.ts). */
	runFold(request: FoldRequest & { backend: BackendPreference }, onEvent: (event: TrainEvent) => void): Promise<FoldResult>;
	recommend(request: RecommendRequest): Promise<RecommendResult>;
	exportModel(modelId: string): Promise<Uint8Array>;
	importModel(bytes: Uint8Array, fileName: string): Promise<ImportedModel>;
}

/** Names for the items or users an explanation mentions, so the page can show them without the id maps. */
function labelsFor(explanation: Explanation, itemLabel: (index: number) => string, userLabel: (index: number) => string): Record<number, string> {
	const labels: Record<number, string> = {};
	if (explanation.kind === 'neighbours') {
		const label = explanation.mode === 'items' ? itemLabel : userLabel;
		for (const neighbour of explanation.neighbours) labels[neighbour.index] = label(neighbour.index);
	} else if (explanation.kind === 'item-similarity') {
		for (const contribution of explanation.contributions) labels[contribution.index] = itemLabel(contribution.index);
	} else if (explanation.kind === 'neural') {
		for (const nearest of explanation.nearestItems) labels[nearest.index] = itemLabel(nearest.index);
	} else if (explanation.kind === 'hybrid') {
		// TODO: labels are keyed by index alone, so a user-kNN component's users would collide with item titles; they stay unnamed.
		for (const { explanation: inner } of explanation.components) {
			if (!(inner.kind === 'neighbours' && inner.mode === 'users')) Object.assign(labels, labelsFor(inner, itemLabel, userLabel));
		}
	}
	return labels;
}

/** The parts of a WebGPU GPUDevice this module uses (the DOM library here has no WebGPU types). */
interface GpuDeviceLike {
	lost: Promise<{ reason?: string; message?: string }>;
	destroy(): void;
}

export function createTrainService(): TrainApi {
	let backend: BackendInfo | null = null;
	let controller: AbortController | null = null;
	let cachedDataset: Dataset | null = null;
	const fitted = new Map<string, FittedModel>();

	/** Set when the WebGPU device was lost (driver reset, GPU removed, browser reclaimed it), with the browser's reason. */
	let gpuLost: string | null = null;

	/** Notes a loss of the WebGPU device, so the next task reports it and chooses a backend again. */
	function watchGpuDevice(): void {
		if (tf.getBackend() !== 'webgpu') return;
		const device = (tf.backend() as unknown as { device?: GpuDeviceLike }).device;
		void device?.lost.then((info) => {
			gpuLost = info.message || info.reason || 'no reason given';
			backend = null;
		});
	}

	/** The selection in progress: calls made meanwhile wait for it, because two selections at once race in tf.setBackend. */
	let selecting: Promise<BackendInfo> | null = null;

	async function ensureBackend(preference: BackendPreference = 'auto'): Promise<BackendInfo> {
		while (selecting) await selecting.catch(() => undefined);
		if (!backend || (preference !== 'auto' && preference !== backend.backend)) {
			selecting = selectBackend(preference);
			try {
				backend = await selecting;
				gpuLost = null;
				watchGpuDevice();
			} finally {
				selecting = null;
			}
		}
		return backend;
	}

	async function datasetById(id: string): Promise<Dataset> {
		if (cachedDataset?.id !== id) {
			cachedDataset = null;
			cachedDataset = await loadDataset(id);
		}
		return cachedDataset;
	}

	async function fittedModel(record: ModelRecord): Promise<FittedModel> {
		const existing = fitted.get(record.id);
		if (existing) return existing;
		await ensureBackend();
		const spec = getModelSpec(record.modelType);
		const model = await spec.load({
			modelType: record.modelType,
			config: record.config,
			numUsers: record.numUsers,
			numItems: record.numItems,
			arrays: record.arrays,
			...(record.strings ? { strings: record.strings } : {})
		});
		fitted.set(record.id, model);
		return model;
	}

	return {
		...createClusterApi(),
		...createColdStartApi(fittedModel),
		describeModels: () =>
			modelSpecs.map(({ fit: _fit, load: _load, ...description }) => description),

		initBackend: async (preference) => {
			while (selecting) await selecting.catch(() => undefined);
			backend = null;
			return ensureBackend(preference);
		},

		async train(request, onEvent) {
			controller?.abort();
			const current = new AbortController();
			controller = current;
			const signal = current.signal;
			const info = await ensureBackend(request.backend);
			const spec = getModelSpec(request.modelType);

			const dataset = await datasetById(request.datasetId);
			const { train, test } = randomSplit(dataset.interactions, request.testFraction, request.seed);
			signal.throwIfAborted();

			const started = performance.now();
			const lossHistory: number[] = [];
			const checkpoints = spec.supportsCheckpoints ? await startCheckpoints(request, dataset, spec.label) : null;
			let model: FittedModel;
			try {
				model = await spec.fit({ interactions: train, kind: dataset.kind, items: dataset.items }, request.config, {
					seed: request.seed,
					signal,
					resumeFrom: checkpoints?.resumeFrom,
					onCheckpoint: checkpoints?.save,
					onProgress: (progress) => {
						if (progress.loss !== undefined && progress.epoch !== undefined && progress.done === progress.total) {
							lossHistory[progress.epoch - 1] = progress.loss;
						}
						onEvent({ ...progress, stage: 'training', memoryBytes: tf.memory().numBytes });
					}
				});
			} catch (error) {
				// A cancelled or failed run is discarded; only a closed tab or a crash leaves its checkpoint for resuming.
				await checkpoints?.discard();
				if (gpuLost && !signal.aborted) {
					throw new Error(`The GPU device was lost during training (${gpuLost}). Nothing was saved. Retry on another backend.`);
				}
				throw error;
			}
			const fitSeconds = (performance.now() - started) / 1000;

			try {
				const evaluation = await evaluateModel(model, train, test, {
					k: 10,
					predictsRatings: spec.predictsRatings,
					signal,
					onProgress: (progress) => onEvent({ ...progress, stage: 'evaluating' })
				});
				const saved = await model.save();
				const record = await getDatasetRecord(dataset.id);
				const modelRecord: ModelRecord = {
					id: newModelId(),
					name: request.name ?? `${labelWithSettings(spec.label, spec.hyperParameters, saved.config)} on ${dataset.name}`,
					modelType: spec.id,
					config: saved.config,
					datasetId: dataset.id,
					datasetFingerprint: record?.fingerprint ?? '',
					datasetName: dataset.name,
					numUsers: saved.numUsers,
					numItems: saved.numItems,
					arrays: saved.arrays,
					...(saved.strings ? { strings: saved.strings } : {}),
					userIds: dataset.ids.userIds,
					itemIds: dataset.ids.itemIds,
					metrics: {
						...(evaluation.rmse !== undefined ? { rmse: evaluation.rmse } : {}),
						...(evaluation.mae !== undefined ? { mae: evaluation.mae } : {}),
						hitRate: evaluation.hitRate,
						ndcg: evaluation.ndcg,
						k: evaluation.k,
						scoreSeconds: evaluation.timing.seconds,
						testFraction: request.testFraction,
						seed: request.seed,
						...model.learnedMetrics?.()
					},
					backend: info.backend,
					fitSeconds,
					lossHistory: lossHistory.filter((value) => Number.isFinite(value)),
					createdAt: Date.now(),
					source: 'trained'
				};
				signal.throwIfAborted();
				await saveModel(modelRecord);
				await checkpoints?.discard();
				fitted.set(modelRecord.id, model);
				const { arrays: _a, userIds: _u, itemIds: _i, strings: _s, ...summary } = modelRecord;
				return { model: summary };
			} catch (error) {
				model.dispose();
				await checkpoints?.discard();
				throw error;
			} finally {
				if (controller === current) controller = null;
			}
		},

		async discardPartial(modelId) {
			await deleteModel(modelId);
		},

		cancel() {
			controller?.abort();
		},

		loseGpuDeviceForTesting() {
			(tf.backend() as unknown as { device?: GpuDeviceLike }).device?.destroy();
		},

		crashForTesting() {
			// Thrown outside any call, so it reaches the worker's global error handler as an out-of-memory crash would.
			setTimeout(() => {
				throw new Error('training worker crashed on request (test hook)');
			});
		},

		async compare(request, onEvent) {
			controller?.abort();
			const current = new AbortController();
			controller = current;
			try {
				await ensureBackend(request.backend);
				const dataset = await datasetById(request.datasetId);
				return await compareOnSplit(dataset, request, {
					signal: current.signal,
					onProgress: (progress) => onEvent({ ...progress, stage: 'training' })
				});
			} finally {
				if (controller === current) controller = null;
			}
		},

		async runFold(request, onEvent) {
			const info = await ensureBackend(request.backend);
			return runFold(request, getModelSpec(request.modelType), info.backend, {
				onProgress: (progress) => onEvent({ ...progress, stage: 'training' })
			});
		},

		async recommend(request) {
			const record = await loadModelRecord(request.modelId);
			const user = record.userIds.indexOf(request.userId);
			if (user < 0) {
				throw new Error(`User "${request.userId}" is not in the data model "${record.name}" was trained on. Pick a user from the list.`);
			}
			const model = await fittedModel(record);

			let dataset: Dataset | null = null;
			if (record.datasetId && (await getDatasetRecord(record.datasetId))) dataset = await datasetById(record.datasetId);
			const rated = dataset ? itemsRatedBy(dataset.interactions, user) : new Int32Array(0);
			const top = await model.recommend(user, request.k, rated);

			const itemLabel = (index: number) => dataset?.items?.titles[index] || `item ${record.itemIds[index]}`;
			const rows: RecommendationRow[] = [];
			for (const { item, score } of top) {
				const explanation = await model.explain(user, item);
				rows.push({
					item,
					itemId: record.itemIds[item],
					title: dataset?.items?.titles[item] ?? '',
					genres: dataset?.items?.genres[item] ?? [],
					score,
					explanation,
					labels: labelsFor(explanation, itemLabel, (index) => `user ${record.userIds[index]}`),
					dimensionItems: dimensionItemsFor(explanation, record.modelType, record.arrays, record.strings, itemLabel)
				});
			}
			return { userId: request.userId, ratedCount: rated.length, datasetName: dataset?.name ?? null, rows };
		},

		async exportModel(modelId) {
			const record = await loadModelRecord(modelId);
			return encodeModelFile(
				{
					modelType: record.modelType,
					config: record.config,
					numUsers: record.numUsers,
					numItems: record.numItems,
					arrays: record.arrays,
					...(record.strings ? { strings: record.strings } : {})
				},
				{
					datasetFingerprint: record.datasetFingerprint,
					datasetName: record.datasetName,
					metrics: record.metrics,
					userIds: record.userIds,
					itemIds: record.itemIds
				}
			);
		},

		async importModel(bytes, fileName) {
			const { manifest, saved } = await decodeModelFile(bytes);
			getModelSpec(saved.modelType);
			const datasets = await listDatasets();
			const match = datasets.find((dataset) => dataset.fingerprint === manifest.datasetFingerprint) ?? null;
			const record: ModelRecord = {
				id: newModelId(),
				name: fileName.replace(/\.zip$/i, ''),
				modelType: saved.modelType,
				config: saved.config,
				datasetId: match?.id ?? null,
				datasetFingerprint: manifest.datasetFingerprint,
				datasetName: manifest.datasetName,
				numUsers: saved.numUsers,
				numItems: saved.numItems,
				arrays: saved.arrays,
				...(saved.strings ? { strings: saved.strings } : {}),
				userIds: manifest.userIds,
				itemIds: manifest.itemIds,
				metrics: manifest.metrics ?? {},
				backend: 'file',
				fitSeconds: 0,
				lossHistory: [],
				createdAt: Date.now(),
				source: 'file'
			};
			await saveModel(record);
			const { arrays: _a, userIds: _u, itemIds: _i, strings: _s, ...summary } = record;
			const datasetMatch = match
				? `Attached to dataset "${match.name}": its users and items match the model's exactly.`
				: `No stored dataset has the same users and items as "${manifest.datasetName}". Recommendations use the model's own ids, without titles, and cannot leave out items the user already rated. Import that dataset, then load the model again, to fix this.`;
			return { model: summary, datasetMatch };
		}
	};
}

