/**
 * The two-phase import: files are parsed once into a pending dataset held in
 * the worker's memory; the user reads the import report, may change the
 * settings (which rebuilds from the parsed rows without parsing again), and
 * only then commits it to storage, or discards it.
 */
import type { Dataset, DatasetSummary, ImportSettings, Progress } from '../data/types';
import { DEFAULT_IMPORT_SETTINGS } from '../data/types';
import { parseRatings, type ParsedRatings } from '../data/parse-ratings';
import { parseItems, type ParsedItems } from '../data/parse-items';
import { attachTags, parseTags } from '../data/parse-tags';
import { buildDataset, type DatasetInfo } from '../data/build-dataset';
import { deleteDataset, newDatasetId, saveDataset, summarize } from '../storage/datasets';
import type { ImportRequest } from './ingest-service';
import { resolveSource } from './sources';

/** What the user sees before committing: the dataset's summary with its full import report. */
export interface ImportPreview {
	summary: DatasetSummary;
	settings: ImportSettings;
}

interface Pending {
	ratings: ParsedRatings;
	items: ParsedItems | null;
	info: DatasetInfo;
	dataset: Dataset;
	settings: ImportSettings;
}

/** Minimum interval in milliseconds between two progress messages of the same phase sent to the page. */
export const PROGRESS_INTERVAL_MS = 100;

/**
 * Wraps a progress callback so that it passes at most one update per
 * `intervalMs` within a phase, plus every phase change and every finished
 * phase. Readers report after each chunk read, thousands of times for a large
 * file, and every message costs the page a task and a render.
 */
export function throttleProgress(
	onProgress: (progress: Progress) => void,
	intervalMs = PROGRESS_INTERVAL_MS,
	now: () => number = () => performance.now()
): (progress: Progress) => void {
	let lastPhase: string | null = null;
	let lastSent = -Infinity;
	return (progress) => {
		const time = now();
		if (progress.phase === lastPhase && progress.done < progress.total && time - lastSent < intervalMs) return;
		lastPhase = progress.phase;
		lastSent = time;
		onProgress(progress);
	};
}

export class PendingImport {
	private pending: Pending | null = null;

	async prepare(
		request: ImportRequest,
		settings: ImportSettings,
		pageHooks: { signal: AbortSignal; onProgress: (progress: Progress) => void }
	): Promise<ImportPreview> {
		this.pending = null;
		const hooks = { signal: pageHooks.signal, onProgress: throttleProgress(pageHooks.onProgress) };
		const ratingsBlob = await resolveSource(request.ratings, hooks.onProgress);
		const ratings = await parseRatings(ratingsBlob, request.ratings.fileName, request.ratings.options, request.ratings.mapping, hooks);
		let items: ParsedItems | null = null;
		if (request.items) {
			hooks.onProgress({ phase: 'reading item metadata', done: 0, total: 1 });
			const itemsBlob = await resolveSource(request.items, hooks.onProgress);
			items = await parseItems(itemsBlob, request.items.fileName, undefined, { signal: hooks.signal });
		}
		if (request.tags) {
			hooks.onProgress({ phase: 'reading tags', done: 0, total: 1 });
			const tagsBlob = await resolveSource(request.tags, hooks.onProgress);
			items = attachTags(items, await parseTags(tagsBlob, request.tags.fileName));
		}
		hooks.signal.throwIfAborted();

		const sourceFiles = [request.ratings, request.items, request.tags].filter((source) => source).map((source) => source!.fileName);
		const info: DatasetInfo = { id: newDatasetId(), name: request.name, sourceFiles, mapping: request.ratings.mapping };
		hooks.onProgress({ phase: 'building dataset', done: 0, total: 1 });
		const dataset = buildDataset(ratings, items, info, settings);
		this.pending = { ratings, items, info, dataset, settings };
		return this.preview();
	}

	/** Rebuilds the pending dataset with other settings; the parsed rows are reused. */
	rebuild(settings: ImportSettings): ImportPreview {
		const pending = this.required();
		pending.dataset = buildDataset(pending.ratings, pending.items, pending.info, settings);
		pending.settings = settings;
		return this.preview();
	}

	/** Stores the pending dataset under `name`. A cancelled commit removes whatever was written. */
	async commit(name: string, hooks: { signal: AbortSignal; onProgress: (progress: Progress) => void }): Promise<DatasetSummary> {
		const pending = this.required();
		const dataset = { ...pending.dataset, name: name.trim() || pending.dataset.name };
		const onProgress = throttleProgress(hooks.onProgress);
		const summary = await saveDataset(dataset, (done, total) => onProgress({ phase: 'saving', done, total }));
		if (hooks.signal.aborted) {
			// Cancelled while the last chunk was being written: the user asked for nothing to be kept.
			await deleteDataset(summary.id);
			hooks.signal.throwIfAborted();
		}
		this.pending = null;
		return summary;
	}

	discard(): void {
		this.pending = null;
	}

	private required(): Pending {
		if (!this.pending) throw new Error('No import is waiting to be committed: choose the files again.');
		return this.pending;
	}

	private preview(): ImportPreview {
		const pending = this.required();
		return { summary: summarize(pending.dataset), settings: pending.settings };
	}
}

export { DEFAULT_IMPORT_SETTINGS };
