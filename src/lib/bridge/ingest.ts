/** The page's handle on the ingest worker. */
import type { DatasetSummary, ImportSettings, Progress } from '../data/types';
import type { ImportPreview, ImportRequest, IngestApi, SniffRequest, SourceSniff } from '../services/ingest-service';
import type { DatasetStats } from '../explore/types';
import { progressRelay, runCancellable, WorkerOwner } from './worker-owner';

const owner = new WorkerOwner<IngestApi>(
	() => new Worker(new URL('../../../workers/ingest.ts', import.meta.url), { type: 'module', name: 'ingest' }),
	'ingest'
);

export function sniffSource(file: Blob, fileName: string, request?: SniffRequest): Promise<SourceSniff> {
	return owner.track<SourceSniff>(owner.api.sniff(file, fileName, request));
}

/** Parses the files into a pending dataset in the worker and returns the import report. */
export function prepareImport(
	request: ImportRequest,
	settings: ImportSettings,
	onProgress: (progress: Progress) => void,
	signal?: AbortSignal
): Promise<ImportPreview> {
	const relay = progressRelay(onProgress);
	const task = owner.track(owner.api.prepareImport(request, settings, relay.send));
	return runCancellable(owner as WorkerOwner<object>, task, signal, () => owner.api.cancel()).finally(relay.close);
}

export function rebuildImport(settings: ImportSettings): Promise<ImportPreview> {
	return owner.track(owner.api.rebuildImport(settings));
}

export function commitImport(name: string, onProgress: (progress: Progress) => void, signal?: AbortSignal): Promise<DatasetSummary> {
	const relay = progressRelay(onProgress);
	const task = owner.track(owner.api.commitImport(name, relay.send));
	return runCancellable(owner as WorkerOwner<object>, task, signal, () => owner.api.cancel()).finally(relay.close);
}

export function discardImport(): Promise<void> {
	return owner.running ? owner.api.discardImport() : Promise.resolve();
}

/** Parses and stores in one step with the default settings. */
export function importDataset(
	request: ImportRequest,
	onProgress: (progress: Progress) => void,
	signal?: AbortSignal
): Promise<DatasetSummary> {
	const relay = progressRelay(onProgress);
	const task = owner.track(owner.api.importDataset(request, relay.send));
	return runCancellable(owner as WorkerOwner<object>, task, signal, () => owner.api.cancel()).finally(relay.close);
}

export function sweepAbandonedDatasets(): Promise<number> {
	return owner.track(owner.api.sweepAbandoned());
}

/** Statistics of a stored dataset, computed in the ingest worker so the page never loads its columns. */
export function describeDataset(datasetId: string): Promise<DatasetStats> {
	return owner.track(owner.api.describe(datasetId));
}
