/** One call from files to Dataset: parse interactions, parse item metadata, build. */
import type { ColumnMapping, Dataset, ParseOptions } from './types';
import { buildDataset } from './build-dataset';
import { throwIfAborted } from './errors';
import { parseItems, type ParsedItems } from './parse-items';
import { parseRatings } from './parse-ratings';
import type { StreamHooks } from './read-rows';

export interface IngestRequest {
	ratings: { blob: Blob; fileName: string; options: ParseOptions; mapping: ColumnMapping };
	/** Item metadata file. Its options are sniffed when absent. */
	items?: { blob: Blob; fileName: string; options?: ParseOptions };
	id: string;
	name: string;
}

/** Parses and joins the files, reporting progress in the phases 'parsing', 'items' and 'building'. */
export async function ingestFiles(request: IngestRequest, hooks: StreamHooks = {}): Promise<Dataset> {
	const { ratings: ratingsFile, items: itemsFile } = request;
	const ratings = await parseRatings(
		ratingsFile.blob,
		ratingsFile.fileName,
		ratingsFile.options,
		ratingsFile.mapping,
		hooks
	);

	let items: ParsedItems | null = null;
	if (itemsFile) {
		items = await parseItems(itemsFile.blob, itemsFile.fileName, itemsFile.options, hooks);
	}

	throwIfAborted(hooks.signal);
	hooks.onProgress?.({ phase: 'building', done: 0, total: 1 });
	const sourceFiles = itemsFile ? [ratingsFile.fileName, itemsFile.fileName] : [ratingsFile.fileName];
	const dataset = buildDataset(ratings, items, {
		id: request.id,
		name: request.name,
		sourceFiles,
		mapping: ratingsFile.mapping
	});
	hooks.onProgress?.({ phase: 'building', done: 1, total: 1 });
	return dataset;
}
