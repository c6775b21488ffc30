/** One call from files to Dataset: parse interactions, item metadata and tags, then build with the settings. */
import type { ColumnMapping, Dataset, ImportSettings, ParseOptions } from './types';
import { DEFAULT_IMPORT_SETTINGS } from './types';
import { buildDataset } from './build-dataset';
import { throwIfAborted } from './errors';
import { parseItems, type ParsedItems } from './parse-items';
import { parseRatings } from './parse-ratings';
import { attachTags, parseTags } from './parse-tags';
import type { StreamHooks } from './read-rows';

export interface IngestRequest {
	ratings: { blob: Blob; fileName: string; options: ParseOptions; mapping: ColumnMapping };
	/** Item metadata file. Its options are sniffed when absent. */
	items?: { blob: Blob; fileName: string; options?: ParseOptions };
	/** Tags file such as MovieLens tags.csv. Its options are sniffed when absent. */
	tags?: { blob: Blob; fileName: string; options?: ParseOptions };
	/** Import settings; default {@link DEFAULT_IMPORT_SETTINGS}. */
	settings?: ImportSettings;
	id: string;
	name: string;
}

/** Parses and joins the files, reporting progress in the phases 'parsing', 'items', 'tags' and 'building'. */
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
	if (request.tags) {
		const tags = await parseTags(request.tags.blob, request.tags.fileName, request.tags.options, hooks);
		items = attachTags(items, tags);
	}

	throwIfAborted(hooks.signal);
	hooks.onProgress?.({ phase: 'building', done: 0, total: 1 });
	const sourceFiles = [ratingsFile.fileName];
	if (itemsFile) sourceFiles.push(itemsFile.fileName);
	if (request.tags) sourceFiles.push(request.tags.fileName);
	const dataset = buildDataset(
		ratings,
		items,
		{ id: request.id, name: request.name, sourceFiles, mapping: ratingsFile.mapping },
		request.settings ?? DEFAULT_IMPORT_SETTINGS
	);
	hooks.onProgress?.({ phase: 'building', done: 1, total: 1 });
	return dataset;
}
