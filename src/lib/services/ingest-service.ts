/**
 * What the ingest worker does: sniff files, then parse, validate and store a
 * dataset. Runs in a Web Worker; the page reaches it only through
 * src/lib/bridge/ingest.ts.
 */
import type { ColumnMapping, DatasetSummary, ParseOptions, Progress } from '../data/types';
import { sniffFile, type SniffResult } from '../data/sniff';
import { parseRatings } from '../data/parse-ratings';
import { parseItems } from '../data/parse-items';
import { buildDataset } from '../data/build-dataset';
import { deleteDataset, newDatasetId, saveDataset, sweepAbandonedDatasets } from '../storage/datasets';

export interface ImportRequest {
	name: string;
	ratings: { blob: Blob; fileName: string; options: ParseOptions; mapping: ColumnMapping };
	items?: { blob: Blob; fileName: string } | null;
}

export interface IngestApi {
	sniff(blob: Blob, fileName: string): Promise<SniffResult>;
	importDataset(request: ImportRequest, onProgress: (progress: Progress) => void): Promise<DatasetSummary>;
	/** Asks a running import to stop at its next checkpoint. */
	cancel(): void;
	sweepAbandoned(): Promise<number>;
}

export function createIngestService(): IngestApi {
	let controller: AbortController | null = null;

	return {
		sniff: (blob, fileName) => sniffFile(blob, fileName),

		async importDataset(request, onProgress) {
			controller?.abort();
			const current = new AbortController();
			controller = current;
			const signal = current.signal;

			const ratings = await parseRatings(request.ratings.blob, request.ratings.fileName, request.ratings.options, request.ratings.mapping, {
				signal,
				onProgress
			});
			let items = null;
			if (request.items) {
				onProgress({ phase: 'reading item metadata', done: 0, total: 1 });
				items = await parseItems(request.items.blob, request.items.fileName);
			}
			signal.throwIfAborted();

			onProgress({ phase: 'building dataset', done: 0, total: 1 });
			const sourceFiles = [request.ratings.fileName, ...(request.items ? [request.items.fileName] : [])];
			const dataset = buildDataset(ratings, items, {
				id: newDatasetId(),
				name: request.name,
				sourceFiles,
				mapping: request.ratings.mapping
			});
			signal.throwIfAborted();

			const summary = await saveDataset(dataset, (done, total) => onProgress({ phase: 'saving', done, total }));
			if (controller === current) controller = null;
			if (signal.aborted) {
				// Cancelled while the last chunk was being written: the user asked for nothing to be kept.
				await deleteDataset(summary.id);
				signal.throwIfAborted();
			}
			return summary;
		},

		cancel() {
			controller?.abort();
		},

		sweepAbandoned: () => sweepAbandonedDatasets()
	};
}
