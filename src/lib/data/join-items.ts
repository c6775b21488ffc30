/** Joining item metadata to the dataset's items by external id, and reporting what did not match. */
import type { ImportReport, ItemMetadata } from './types';
import type { ParsedItems } from './parse-items';

const EXAMPLES = 5;

export type UnmatchedMetadata = NonNullable<ImportReport['unmatchedMetadata']>;

/**
 * Lays item metadata out by dense item index. Metadata rows that no
 * interaction mentions are counted, not kept. Tags, descriptions and creators
 * are filled only when the metadata has them.
 */
export function joinItems(
	itemIds: readonly string[],
	items: ParsedItems,
	warnings: string[]
): { metadata: ItemMetadata; unmatched: UnmatchedMetadata } {
	const denseIndex = new Map<string, number>();
	itemIds.forEach((id, index) => denseIndex.set(id, index));

	const count = itemIds.length;
	const titles = new Array<string>(count).fill('');
	const genres: string[][] = Array.from({ length: count }, () => []);
	const tags: string[][] | null = items.tags ? Array.from({ length: count }, () => []) : null;
	const descriptions: string[] | null = items.descriptions ? new Array<string>(count).fill('') : null;
	const creators: string[][] | null = items.creators ? Array.from({ length: count }, () => []) : null;
	const matched = new Uint8Array(count);
	let unmatchedIds = 0;
	const metadataWithoutInteractionsExamples: string[] = [];

	for (let row = 0; row < items.ids.length; row++) {
		const index = denseIndex.get(items.ids[row]);
		if (index === undefined) {
			unmatchedIds++;
			if (metadataWithoutInteractionsExamples.length < EXAMPLES) metadataWithoutInteractionsExamples.push(items.ids[row]);
			continue;
		}
		titles[index] = items.titles[row];
		genres[index] = items.genres[row];
		if (tags && items.tags) tags[index] = items.tags[row];
		if (descriptions && items.descriptions) descriptions[index] = items.descriptions[row];
		if (creators && items.creators) creators[index] = items.creators[row];
		matched[index] = 1;
	}

	const itemsWithoutMetadataExamples: string[] = [];
	let withoutMetadata = 0;
	for (let index = 0; index < count; index++) {
		if (matched[index]) continue;
		withoutMetadata++;
		if (itemsWithoutMetadataExamples.length < EXAMPLES) itemsWithoutMetadataExamples.push(itemIds[index]);
	}

	warnings.push(...items.warnings);
	if (withoutMetadata > 0) {
		warnings.push(`${withoutMetadata} rated items have no entry in the item file and have no title.`);
	}

	const metadata: ItemMetadata = { titles, genres, unmatchedIds };
	if (tags) metadata.tags = tags;
	if (descriptions) metadata.descriptions = descriptions;
	if (creators) metadata.creators = creators;
	return {
		metadata,
		unmatched: {
			metadataRowsWithoutInteractions: unmatchedIds,
			itemsWithoutMetadata: withoutMetadata,
			examples: [...itemsWithoutMetadataExamples, ...metadataWithoutInteractionsExamples].slice(0, EXAMPLES),
			itemsWithoutMetadataExamples,
			metadataWithoutInteractionsExamples
		}
	};
}
