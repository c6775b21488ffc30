/**
 * Streamed parsing of item metadata: ids, titles, genres, tags, descriptions and creators.
 * Reads MovieLens u.item (pipe-separated with 19 genre flags), movies.csv
 * (movieId,title,genres), movies.dat (MovieID::Title::Genres), Netflix's
 * movie_titles (MovieID,Year,Title with unquoted commas) and any file with
 * id/title/genres/tags/description/author header names (goodbooks books.csv,
 * Last.fm artists.dat, Book-Crossing BX-Books).
 */
import type { ParseOptions } from './types';
import { assertTextSample, readSample } from './decode';
import { IngestError } from './errors';
import { findColumnByName, normaliseHeaderName } from './column-roles';
import { describeReplacements, isEmptyRow, streamRows, type StreamHooks } from './read-rows';
import { sniffFile } from './sniff';

/** Item metadata in file order. */
export interface ParsedItems {
	/** External item ids, as written in the file. */
	ids: string[];
	titles: string[];
	/** Genre names per item; empty when the file lists none. */
	genres: string[][];
	/**
	 * Lower-cased, de-duplicated tags per item, from a tags column ('|'-separated) and the
	 * creators; present only when the file has either column, or after {@link attachTags}.
	 */
	tags?: string[][];
	/** Free text per item from a description/overview/plot column; present only when the file has one. */
	descriptions?: string[];
	/**
	 * Authors or other creators per item, as written; present only when the file has such a column.
	 * A plural header ("authors") is split at commas, a singular one ("Book-Author") is one name,
	 * because Book-Crossing writes "Last, First".
	 */
	creators?: string[][];
	/** Rows skipped or repeated, in plain sentences. */
	warnings: string[];
}

/** Genre flag order of MovieLens 100K's u.item (fields 6 to 24), as listed in its u.genre file. */
export const MOVIELENS_100K_GENRES = [
	'unknown',
	'Action',
	'Adventure',
	'Animation',
	"Children's",
	'Comedy',
	'Crime',
	'Documentary',
	'Drama',
	'Fantasy',
	'Film-Noir',
	'Horror',
	'Musical',
	'Mystery',
	'Romance',
	'Sci-Fi',
	'Thriller',
	'War',
	'Western'
] as const;

const GENRE_FLAGS_START = 5;
const U_ITEM_FIELDS = GENRE_FLAGS_START + MOVIELENS_100K_GENRES.length;
/** MovieLens writes this in place of an empty genre list. */
const NO_GENRES = '(no genres listed)';

/** Column positions of one item's fields in a row. */
interface ItemLayout {
	id: number;
	title: number | null;
	/** Column with '|'-separated genre names, or 'flags' for u.item's 0/1 columns. */
	genres: number | 'flags' | null;
	tags: number | null;
	description: number | null;
	creator: number | null;
	/** Whether the creator column's header is plural, so its cells list several names. */
	creatorList: boolean;
	/** The title is the last column and every field after it belongs to it (Netflix movie_titles). */
	titleToEnd: boolean;
	/** Fields in the header or the first row; rows with more may hold a split title. */
	columnCount: number;
}

/** Netflix movie_titles rows: an integer id, then a year or NULL, then a title. */
const YEAR_PATTERN = /^(\d{4}|NULL)?$/;

/** Reads an item metadata file. Without `options`, the format is sniffed from the file. */
export async function parseItems(
	blob: Blob,
	fileName: string,
	options?: ParseOptions,
	hooks: StreamHooks = {}
): Promise<ParsedItems> {
	const chosen = options ?? (await sniffFile(blob, fileName)).options;
	assertTextSample(await readSample(blob), fileName, chosen.encoding, blob.size);

	const ids: string[] = [];
	const titles: string[] = [];
	const genres: string[][] = [];
	const tags: string[][] = [];
	const descriptions: string[] = [];
	const creators: string[][] = [];
	const seen = new Set<string>();
	let layout: ItemLayout | null = null;
	let missingIds = 0;
	let repeatedIds = 0;

	const onRow = (fields: string[]): void => {
		if (isEmptyRow(fields)) return;
		if (layout === null) {
			layout = chosen.hasHeader ? layoutFromHeader(fields) : layoutFromRow(fields);
			if (chosen.hasHeader) return;
		}

		const id = (fields[layout.id] ?? '').trim();
		if (id === '') {
			missingIds++;
			return;
		}
		if (seen.has(id)) {
			repeatedIds++;
			return;
		}
		seen.add(id);
		ids.push(id);
		titles.push(readTitle(fields, layout, chosen.delimiter));
		genres.push(readGenres(fields, layout));
		const itemCreators = readCreators(fields, layout);
		creators.push(itemCreators);
		tags.push(readTags(fields, layout, itemCreators));
		descriptions.push(layout.description === null ? '' : (fields[layout.description] ?? '').trim());
	};

	const summary = await streamRows(blob, fileName, chosen, onRow, hooks, 'items');

	if (ids.length === 0) {
		throw new IngestError(`${fileName} lists no items: choose a file with one item id per line.`, { fileName });
	}
	const warnings: string[] = [];
	const replacements = describeReplacements(fileName, chosen.encoding, summary);
	if (replacements) warnings.push(replacements);
	if (missingIds > 0) warnings.push(`${fileName}: ${missingIds} rows without an item id were skipped.`);
	if (repeatedIds > 0) warnings.push(`${fileName}: ${repeatedIds} repeated item ids were skipped; the first row of each was kept.`);
	const result: ParsedItems = { ids, titles, genres, warnings };
	// TypeScript does not see the assignment inside the row callback and narrows `layout` to null.
	const finalLayout = layout as ItemLayout | null;
	if (finalLayout !== null) {
		if (finalLayout.tags !== null || finalLayout.creator !== null) result.tags = tags;
		if (finalLayout.description !== null) result.descriptions = descriptions;
		if (finalLayout.creator !== null) result.creators = creators;
	}
	return result;
}

function layoutFromHeader(header: string[]): ItemLayout {
	const idColumn =
		findColumnByName(header, 'item') ?? header.findIndex((name) => normaliseHeaderName(name) === 'id');
	const creator = findColumnByName(header, 'creator');
	return {
		id: idColumn >= 0 ? idColumn : 0,
		title: findColumnByName(header, 'title') ?? (header.length > 1 ? 1 : null),
		genres: findColumnByName(header, 'genres'),
		tags: findColumnByName(header, 'tags'),
		description: findColumnByName(header, 'description'),
		creator,
		creatorList: creator !== null && /s$/i.test(header[creator].trim()),
		titleToEnd: false,
		columnCount: header.length
	};
}

/** Recognises u.item by its 24 fields ending in 0/1 flags; otherwise reads id, title, genres. */
function layoutFromRow(fields: string[]): ItemLayout {
	const base = { tags: null, description: null, creator: null, creatorList: false, titleToEnd: false, columnCount: fields.length };
	const flags = fields.slice(GENRE_FLAGS_START);
	if (fields.length === U_ITEM_FIELDS && flags.every((flag) => flag === '0' || flag === '1')) {
		return { ...base, id: 0, title: 1, genres: 'flags' };
	}
	if (isNetflixTitleRow(fields)) {
		return { ...base, id: 0, title: 2, genres: null, titleToEnd: true };
	}
	return {
		...base,
		id: 0,
		title: fields.length > 1 ? 1 : null,
		genres: fields.length > 2 ? 2 : null
	};
}

/** Tells whether a row reads as Netflix's `MovieID,YearOfRelease,Title`. */
export function isNetflixTitleRow(fields: string[]): boolean {
	return (
		fields.length >= 3 &&
		/^\d+$/.test(fields[0].trim()) &&
		YEAR_PATTERN.test(fields[1].trim()) &&
		/[A-Za-z]/.test(fields[2])
	);
}

function readTitle(fields: string[], layout: ItemLayout, delimiter: string): string {
	if (layout.title === null) return '';
	if (layout.titleToEnd) {
		// Excel pads every row with empty fields up to the widest row, so trailing empties are padding.
		let end = fields.length;
		while (end > layout.title + 1 && fields[end - 1].trim() === '') end--;
		return fields.slice(layout.title, end).join(delimiter).trim();
	}
	const spread = titleSpread(fields, layout);
	return fields.slice(layout.title, layout.title + spread).join(delimiter).trim();
}

/**
 * Counts the fields a title covers. movies.dat does not quote titles, so a
 * title holding the delimiter spreads over extra fields. When genres are the
 * last column and directly follow the title, a row's extra fields belong to the title.
 */
function titleSpread(fields: string[], layout: ItemLayout): number {
	const genresFollowTitle = layout.title !== null && layout.genres === layout.title + 1;
	if (!genresFollowTitle || layout.genres !== layout.columnCount - 1) return 1;
	return Math.max(1, fields.length - layout.columnCount + 1);
}

function readGenres(fields: string[], layout: ItemLayout): string[] {
	if (layout.genres === 'flags') {
		return MOVIELENS_100K_GENRES.filter((_, index) => fields[GENRE_FLAGS_START + index] === '1');
	}
	if (layout.genres === null) return [];

	const column = layout.genres + titleSpread(fields, layout) - 1;
	const text = (fields[column] ?? '').trim();
	if (text === '' || text === NO_GENRES) return [];
	return text
		.split('|')
		.map((genre) => genre.trim())
		.filter((genre) => genre !== '');
}

function readCreators(fields: string[], layout: ItemLayout): string[] {
	if (layout.creator === null) return [];
	const text = (fields[layout.creator] ?? '').trim();
	if (text === '') return [];
	const names = layout.creatorList ? text.split(',') : [text];
	return names.map((name) => name.trim()).filter((name) => name !== '');
}

/** Reads the tags column and adds the creators, lower-cased and without repeats. */
function readTags(fields: string[], layout: ItemLayout, creators: string[]): string[] {
	const found = layout.tags === null ? [] : (fields[layout.tags] ?? '').split('|');
	return normaliseTags([...found, ...creators]);
}

/** Lower-cases and trims tags, dropping empty ones and repeats, in first-seen order. */
export function normaliseTags(tags: Iterable<string>): string[] {
	const unique = new Set<string>();
	for (const tag of tags) {
		const text = tag.trim().toLowerCase();
		if (text !== '') unique.add(text);
	}
	return [...unique];
}
