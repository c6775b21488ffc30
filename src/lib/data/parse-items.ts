/**
 * Streamed parsing of item metadata: ids, titles and genres.
 * Reads MovieLens u.item (pipe-separated with 19 genre flags), movies.csv
 * (movieId,title,genres), movies.dat (MovieID::Title::Genres) and any file
 * with id/title/genres header names.
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
	/** Fields in the header or the first row; rows with more may hold a split title. */
	columnCount: number;
}

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
	return { ids, titles, genres, warnings };
}

function layoutFromHeader(header: string[]): ItemLayout {
	const idColumn =
		findColumnByName(header, 'item') ?? header.findIndex((name) => normaliseHeaderName(name) === 'id');
	return {
		id: idColumn >= 0 ? idColumn : 0,
		title: findColumnByName(header, 'title') ?? (header.length > 1 ? 1 : null),
		genres: findColumnByName(header, 'genres'),
		columnCount: header.length
	};
}

/** Recognises u.item by its 24 fields ending in 0/1 flags; otherwise reads id, title, genres. */
function layoutFromRow(fields: string[]): ItemLayout {
	const flags = fields.slice(GENRE_FLAGS_START);
	if (fields.length === U_ITEM_FIELDS && flags.every((flag) => flag === '0' || flag === '1')) {
		return { id: 0, title: 1, genres: 'flags', columnCount: fields.length };
	}
	return {
		id: 0,
		title: fields.length > 1 ? 1 : null,
		genres: fields.length > 2 ? 2 : null,
		columnCount: fields.length
	};
}

function readTitle(fields: string[], layout: ItemLayout, delimiter: string): string {
	if (layout.title === null) return '';
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
