/** The page's handle on the training worker. */
import * as Comlink from 'comlink';
import type { BackendSelection as BackendInfo, BackendPreference } from '../tf/backend';
import type { FoldRequest, FoldResult } from '../services/benchmark';
import type { NewUserRequest, NewUserResult } from '../services/cold-start';
import type { CompareOutcome, CompareRequest } from '../services/compare-service';
import type {
	ImportedModel,
	ModelDescription,
	RecommendRequest,
	RecommendResult,
	TrainApi,
	TrainEvent,
	TrainOutcome,
	TrainRequest
} from '../services/train-service';
import { progressRelay, runCancellable, WorkerOwner } from './worker-owner';

export const trainWorker = new WorkerOwner<TrainApi>(
	() => new Worker(new URL('../../../workers/train.ts', import.meta.url), { type: 'module', name: 'train' }),
	'training'
);

export function describeModels(): Promise<ModelDescription[]> {
	return trainWorker.track(trainWorker.api.describeModels());
}

export function initBackend(preference: BackendPreference): Promise<BackendInfo> {
	return trainWorker.track(trainWorker.api.initBackend(preference));
}

export function trainModel(request: TrainRequest, onEvent: (event: TrainEvent) => void, signal?: AbortSignal): Promise<TrainOutcome> {
	const relay = progressRelay(onEvent);
	const task = trainWorker.track(trainWorker.api.train(request, relay.send));
	return runCancellable(trainWorker as WorkerOwner<object>, task, signal, () => trainWorker.api.cancel(), 3000).finally(relay.close);
}

export function recommend(request: RecommendRequest): Promise<RecommendResult> {
	return trainWorker.track(trainWorker.api.recommend(request));
}

export async function exportModel(modelId: string): Promise<Uint8Array> {
	return trainWorker.track(trainWorker.api.exportModel(modelId));
}

export function importModel(bytes: Uint8Array, fileName: string): Promise<ImportedModel> {
	return trainWorker.track(trainWorker.api.importModel(Comlink.transfer(bytes, [bytes.buffer]), fileName));
}

export function runFold(request: FoldRequest & { backend: BackendPreference }, onEvent: (event: TrainEvent) => void): Promise<FoldResult> {
	const relay = progressRelay(onEvent);
	return trainWorker.track(trainWorker.api.runFold(request, relay.send)).finally(relay.close);
}

export function compareModels(
	request: CompareRequest & { backend: BackendPreference },
	onEvent: (event: TrainEvent) => void,
	signal?: AbortSignal
): Promise<CompareOutcome> {
	const relay = progressRelay(onEvent);
	const task = trainWorker.track(trainWorker.api.compare(request, relay.send));
	return runCancellable(trainWorker as WorkerOwner<object>, task, signal, () => trainWorker.api.cancel(), 3000).finally(relay.close);
}

export function recommendForNewUser(request: NewUserRequest): Promise<NewUserResult> {
	return trainWorker.track(trainWorker.api.recommendForNewUser(request));
}

export function itemPopularity(modelId: string): Promise<Int32Array> {
	return trainWorker.track(trainWorker.api.itemPopularity(modelId));
}

export function discardPartialTraining(modelId: string): Promise<void> {
	return trainWorker.track(trainWorker.api.discardPartial(modelId));
}

/**
 * Test hooks, installed only when the page's localStorage has
 * `recommender-lab:test-hooks` set to 1 (end-to-end tests set it before loading).
 */
if (typeof window !== 'undefined' && typeof localStorage !== 'undefined' && localStorage.getItem('recommender-lab:test-hooks') === '1') {
	Object.assign(window, {
		recommenderLabTestHooks: {
			crashTrainWorker: () => trainWorker.api.crashForTesting(),
			loseGpuDevice: () => trainWorker.api.loseGpuDeviceForTesting()
		}
	});
}
