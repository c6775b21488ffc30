/** The page's handle on the ingest worker. */
import * as Comlink from 'comlink';
import type { DatasetSummary, Progress } from '../data/types';
import type { SniffResult } from '../data/sniff';
import type { ImportRequest, IngestApi } from '../services/ingest-service';
import { runCancellable, WorkerOwner } from './worker-owner';

const owner = new WorkerOwner<IngestApi>(
	() => new Worker(new URL('../../../workers/ingest.ts', import.meta.url), { type: 'module', name: 'ingest' }),
	'ingest'
);

export function sniffFile(file: Blob, fileName: string): Promise<SniffResult> {
	return owner.api.sniff(file, fileName);
}

export function importDataset(
	request: ImportRequest,
	onProgress: (progress: Progress) => void,
	signal?: AbortSignal
): Promise<DatasetSummary> {
	const task = owner.api.importDataset(request, Comlink.proxy(onProgress));
	return runCancellable(owner as WorkerOwner<object>, task, signal, () => owner.api.cancel());
}

export function sweepAbandonedDatasets(): Promise<number> {
	return owner.api.sweepAbandoned();
}
