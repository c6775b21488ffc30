/**
 * What the ingest worker does: sniff files, parse them into a pending dataset,
 * show its import report, and store it once the user accepts. Runs in a Web
 * Worker; the page reaches it only through src/lib/bridge/ingest.ts.
 */
import type { ColumnMapping, DatasetSummary, ImportSettings, ParseOptions, Progress } from '../data/types';
import { DEFAULT_IMPORT_SETTINGS } from '../data/types';
import { sniffFile, type SniffResult } from '../data/sniff';
import { sweepAbandonedDatasets } from '../storage/datasets';
import { PendingImport, type ImportPreview } from './pending-import';
import type { FileSource } from './sources';
import { sniffSource, type SniffRequest, type SourceSniff } from './sniff-source';
import { describeDataset } from './explore-service';
import type { DatasetStats } from '../explore/types';

export interface ImportRequest {
	name: string;
	ratings: FileSource & { options: ParseOptions; mapping: ColumnMapping };
	items?: FileSource | null;
	/** A tags file (userId, itemId, tag[, timestamp]), such as MovieLens tags.csv. */
	tags?: FileSource | null;
}

export interface IngestApi {
	/** Guesses the format of a file, or of each recognised entry of a zip archive. */
	sniff(blob: Blob, fileName: string, request?: SniffRequest): Promise<SourceSniff>;
	/** Parses the files into a pending dataset and returns its import report; nothing is stored yet. */
	prepareImport(request: ImportRequest, settings: ImportSettings, onProgress: (progress: Progress) => void): Promise<ImportPreview>;
	/** Rebuilds the pending dataset with other settings, without parsing again. */
	rebuildImport(settings: ImportSettings): Promise<ImportPreview>;
	/** Stores the pending dataset. */
	commitImport(name: string, onProgress: (progress: Progress) => void): Promise<DatasetSummary>;
	discardImport(): void;
	/** prepareImport and commitImport in one step, with the default settings (used for the sample). */
	importDataset(request: ImportRequest, onProgress: (progress: Progress) => void): Promise<DatasetSummary>;
	/** Asks a running import to stop at its next checkpoint. */
	cancel(): void;
	sweepAbandoned(): Promise<number>;
	/** Loads a stored dataset and computes its statistics for the Explore page. */
	describe(datasetId: string): Promise<DatasetStats>;
}

export type { SniffResult, SourceSniff, SniffRequest, ImportPreview };

export function createIngestService(): IngestApi {
	let controller: AbortController | null = null;
	const pending = new PendingImport();

	/** Starts a cancellable task, superseding any running one. */
	function begin(): AbortSignal {
		controller?.abort();
		controller = new AbortController();
		return controller.signal;
	}

	return {
		sniff: (blob, fileName, request) => sniffSource(blob, fileName, request),

		prepareImport(request, settings, onProgress) {
			return pending.prepare(request, settings, { signal: begin(), onProgress });
		},

		async rebuildImport(settings) {
			return pending.rebuild(settings);
		},

		commitImport(name, onProgress) {
			return pending.commit(name, { signal: begin(), onProgress });
		},

		discardImport() {
			pending.discard();
		},

		async importDataset(request, onProgress) {
			const signal = begin();
			await pending.prepare(request, DEFAULT_IMPORT_SETTINGS, { signal, onProgress });
			return pending.commit(request.name, { signal, onProgress });
		},

		cancel() {
			controller?.abort();
		},

		sweepAbandoned: () => sweepAbandonedDatasets(),

		describe: (datasetId) => describeDataset(datasetId)
	};
}

export { sniffFile };
