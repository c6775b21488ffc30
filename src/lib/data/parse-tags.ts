/**
 * Streamed parsing of a separate tags file, such as MovieLens tags.csv
 * (userId,movieId,tag,timestamp): per-item tags, lower-cased and de-duplicated.
 * Last.fm's tags.dat is only a tag dictionary (tagID, tagValue) and is not read here.
 */
import type { ParseOptions } from './types';
import type { ParsedItems } from './parse-items';
import { normaliseTags } from './parse-items';
import { assertTextSample, readSample } from './decode';
import { IngestError } from './errors';
import { findColumnByName } from './column-roles';
import { describeReplacements, isEmptyRow, streamRows, type StreamHooks } from './read-rows';
import { sniffFile } from './sniff';

/** Tags per external item id, in first-seen order of items. */
export interface ParsedTags {
	tagsByItem: Map<string, string[]>;
	/** Data rows read, not counting the header and empty lines. */
	rowsRead: number;
	warnings: string[];
}

/**
 * Reads a tags file with a header naming an item column (movieId, itemId…) and a
 * tag column (tag, tags). Without `options`, the format is sniffed from the file.
 */
export async function parseTags(
	blob: Blob,
	fileName: string,
	options?: ParseOptions,
	hooks: StreamHooks = {}
): Promise<ParsedTags> {
	const chosen = options ?? (await sniffFile(blob, fileName)).options;
	assertTextSample(await readSample(blob), fileName, chosen.encoding, blob.size);
	if (!chosen.hasHeader) {
		throw new IngestError(
			`${fileName}: a tags file needs a header row naming its item and tag columns, such as "movieId" and "tag". Add one.`,
			{ fileName, line: 1 }
		);
	}

	const collected = new Map<string, Set<string>>();
	const columns = { item: -1, tag: -1 };
	let rowsRead = 0;
	let skipped = 0;

	const onRow = (fields: string[], line: number): void => {
		if (isEmptyRow(fields)) return;
		if (columns.item === -1) {
			const header = fields.map((name) => name.trim());
			columns.item = findColumnByName(header, 'item') ?? -2;
			columns.tag = findColumnByName(header, 'tags') ?? -2;
			if (columns.item < 0 || columns.tag < 0) {
				throw new IngestError(
					`${fileName}: line ${line} should name an item column (such as "movieId") and a tag column ("tag"), ` +
						`but reads "${fields.join(chosen.delimiter)}". Choose a tags file such as MovieLens tags.csv.`,
					{ fileName, line, value: fields.join(chosen.delimiter) }
				);
			}
			return;
		}

		rowsRead++;
		const item = (fields[columns.item] ?? '').trim();
		const tag = (fields[columns.tag] ?? '').trim().toLowerCase();
		if (item === '' || tag === '') {
			skipped++;
			return;
		}
		let tags = collected.get(item);
		if (tags === undefined) {
			tags = new Set();
			collected.set(item, tags);
		}
		tags.add(tag);
	};

	const summary = await streamRows(blob, fileName, chosen, onRow, hooks, 'tags');
	const warnings: string[] = [];
	const replacements = describeReplacements(fileName, chosen.encoding, summary);
	if (replacements) warnings.push(replacements);
	if (skipped > 0) warnings.push(`${fileName}: ${skipped} rows without an item id or a tag were skipped.`);

	const tagsByItem = new Map<string, string[]>();
	for (const [item, tags] of collected) tagsByItem.set(item, [...tags]);
	return { tagsByItem, rowsRead, warnings };
}

/**
 * Adds the tags of a tags file to item metadata, after any tags the item file
 * had. Without item metadata, the tagged items get empty titles and genres.
 */
export function attachTags(items: ParsedItems | null, tags: ParsedTags): ParsedItems {
	const base: ParsedItems = items ?? { ids: [], titles: [], genres: [], warnings: [] };
	const ids = [...base.ids];
	const titles = [...base.titles];
	const genres = [...base.genres];
	const merged = ids.map((id, index) => normaliseTags([...(base.tags?.[index] ?? []), ...(tags.tagsByItem.get(id) ?? [])]));

	const known = new Set(ids);
	for (const [id, itemTags] of tags.tagsByItem) {
		if (known.has(id)) continue;
		ids.push(id);
		titles.push('');
		genres.push([]);
		merged.push(itemTags);
	}

	const result: ParsedItems = { ...base, ids, titles, genres, tags: merged, warnings: [...base.warnings, ...tags.warnings] };
	if (base.descriptions) result.descriptions = [...base.descriptions, ...new Array<string>(ids.length - base.ids.length).fill('')];
	if (base.creators) result.creators = [...base.creators, ...Array.from({ length: ids.length - base.ids.length }, () => [])];
	return result;
}
