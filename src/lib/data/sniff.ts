/**
 * Guesses how to read a file from its first 64 KiB: encoding, delimiter,
 * header, the role of each column, and whether it lists interactions or items.
 * Every guess is explained in `notes`, so the UI can show why and let the user correct it.
 */
import Papa from 'papaparse';
import type { ColumnMapping, FileLayout, ImportSettings, ParseOptions } from './types';
import { assertTextSample, decodeSample, detectEncoding, readProbes, readSample, type TextEncoding } from './decode';
import { IngestError } from './errors';
import { describeDelimiter } from './read-rows';
import {
	defaultColumnNames,
	findColumnByName,
	isMostly,
	profileColumns,
	roleOfHeaderName,
	type ColumnProfile
} from './column-roles';
import { findValueHints } from './sniff-hints';
import { sniffNetflixBlocks, sniffWideMatrix } from './sniff-layout-results';
import {
	detectBackslashEscapes,
	detectWideMatrix,
	guessDateOrder,
	looksItemFirst,
	looksLikeNetflixBlocks,
	looksLikeNetflixTitles
} from './sniff-layouts';

export type FileKind = 'ratings' | 'items';

export interface SniffResult {
	fileName: string;
	options: ParseOptions;
	/** Header names, or "column 1", "column 2"… when the file has no header. */
	columnNames: string[];
	/** The first data rows (up to 8), decoded and split. */
	preview: string[][];
	/** Best guess of the interaction columns; meaningful for ratings files. */
	mapping: ColumnMapping;
	fileKind: FileKind;
	/** Row layout, also set in `options.layout` when it is not 'delimited'. */
	layout: FileLayout;
	/** Settings the sampled values suggest (such as `zeroMeans: 'implicit'`), each explained in `notes`. */
	suggestedSettings: Partial<ImportSettings>;
	/** Plain sentences explaining each guess. */
	notes: string[];
}

/** Delimiters tried, in order of preference when two fit equally well. */
export const CANDIDATE_DELIMITERS = [',', '\t', ';', '|', '::'] as const;

export const PREVIEW_ROWS = 8;
export const SAMPLE_ROWS = 200;

/** Reads the start of a file and guesses how to parse it. */
/** Parse options the user has set by hand; sniffing keeps them and guesses the rest. */
export type SniffOverrides = Partial<Pick<ParseOptions, 'delimiter' | 'hasHeader' | 'encoding'>>;

export async function sniffFile(blob: Blob, fileName: string, overrides: SniffOverrides = {}): Promise<SniffResult> {
	const sample = await readSample(blob);
	const encoding = overrides.encoding ?? detectEncoding(sample, await readProbes(blob));
	assertTextSample(sample, fileName, encoding, blob.size);

	let text = decodeSample(sample, encoding);
	if (sample.length < blob.size) {
		// The sample ends mid-line; a cut row would look ragged.
		text = text.substring(0, text.lastIndexOf('\n') + 1);
	}
	if (text.trim() === '') {
		throw new IngestError(`${fileName} is empty: choose a file with one interaction per line.`, { fileName });
	}

	const notes: string[] = [overrides.encoding ? `Encoding: ${encoding}, as you chose.` : describeEncoding(sample, encoding)];
	if (overrides.delimiter === undefined && looksLikeNetflixBlocks(text)) return sniffNetflixBlocks(fileName, encoding, text, notes);

	const escapes = detectBackslashEscapes(text);
	const escapeChar = escapes === null ? undefined : '\\';
	const delimiter = overrides.delimiter ?? guessDelimiter(text, notes, escapeChar);
	if (overrides.delimiter !== undefined) notes.push(`Delimiter: ${describeDelimiter(delimiter)}, as you chose.`);
	const rows = splitRows(text, delimiter, SAMPLE_ROWS + 1, escapeChar);
	const columnCount = modeOf(rows.map((row) => row.length));
	const options: ParseOptions = { delimiter, hasHeader: false, encoding };
	if (escapeChar !== undefined) {
		options.escapeChar = escapeChar;
		notes.push(
			escapes === 'escaped quote'
				? 'Quotes: a backslash escapes quotes inside fields (\\"), so \\" is read as a quote character.'
				: 'Quotes: every field is quoted and separated by ";", as in MySQL exports such as Book-Crossing, so a backslash escapes quotes inside fields (\\").'
		);
	}

	if (!usesQuoting(text, delimiter)) {
		options.quoting = false;
		notes.push(
			`Quotes: no field in the first rows is quoted, so with the ${describeDelimiter(delimiter)} delimiter a '"' is read as text.`
		);
	}

	const matrix = overrides.delimiter === undefined ? detectWideMatrix(rows, columnCount) : null;
	if (matrix !== null) return sniffWideMatrix(fileName, options, rows, matrix, notes);

	options.hasHeader = overrides.hasHeader ?? guessHeader(rows, columnCount, notes);
	if (overrides.hasHeader !== undefined) notes.push(options.hasHeader ? 'Header: the first row names the columns, as you chose.' : 'Header: none, as you chose.');
	const header = options.hasHeader ? rows[0].map((name) => name.trim()) : null;
	const dataRows = options.hasHeader ? rows.slice(1) : rows;
	const profiles = profileColumns(dataRows, columnCount);
	const fileKind = guessFileKind(header, profiles, dataRows, notes);
	const mapping = guessMapping(header, profiles, dataRows, notes);
	const dateOrder = guessTimestampOrder(header, dataRows, mapping, notes);
	if (dateOrder !== null) options.dateOrder = dateOrder;
	const suggestedSettings = fileKind === 'ratings' ? findValueHints(header, dataRows, mapping, notes) : {};

	return {
		fileName,
		options,
		columnNames: header ?? defaultColumnNames(columnCount),
		preview: dataRows.slice(0, PREVIEW_ROWS),
		mapping,
		fileKind,
		layout: 'delimited',
		suggestedSettings,
		notes
	};
}

/**
 * Guesses the day/month order of the timestamp column's DD/MM/YYYY-style
 * dates. When the sample cannot tell, the column is left unmapped with a note,
 * so the user chooses the order.
 */
function guessTimestampOrder(
	header: string[] | null,
	rows: string[][],
	mapping: ColumnMapping,
	notes: string[]
): 'dmy' | 'mdy' | null {
	const column = mapping.timestamp;
	if (column === null) return null;
	const { order, datesSeen } = guessDateOrder(rows.map((row) => row[column] ?? ''));
	if (datesSeen === 0) return null;

	const name = header ? `"${header[column]}"` : `column ${column + 1}`;
	if (order === null) {
		mapping.timestamp = null;
		notes.push(
			`Column ${name} holds dates such as "${rows[0][column]}" whose day and month order the first rows cannot show ` +
				'(no number above 12 in either place), so it is left out. Choose day-month-year or month-day-year to use it.'
		);
		return null;
	}
	notes.push(
		order === 'dmy'
			? `Dates in column ${name} are read day first (DD/MM/YYYY), because a first number is above 12.`
			: `Dates in column ${name} are read month first (MM/DD/YYYY), because a second number is above 12.`
	);
	return order;
}

function describeEncoding(sample: Uint8Array, encoding: TextEncoding): string {
	const hasMark = (sample[0] === 0xef && sample[1] === 0xbb) || sample[0] === 0xff || sample[0] === 0xfe;
	switch (encoding) {
		case 'utf-8':
			return hasMark ? 'Encoding: UTF-8 with a byte-order mark.' : 'Encoding: UTF-8.';
		case 'latin1':
			return 'Encoding: latin-1 (Windows-1252), because the file is not valid UTF-8.';
		default:
			return hasMark
				? `Encoding: ${encoding.toUpperCase()} with a byte-order mark.`
				: `Encoding: ${encoding.toUpperCase()}, because every other byte is zero.`;
	}
}

/**
 * Tells whether a file may quote its fields. Comma- and semicolon-separated files
 * may (RFC 4180). Tab, '|' and '::' files quote only when a sampled field starts with '"'.
 */
function usesQuoting(text: string, delimiter: string): boolean {
	if (delimiter === ',' || delimiter === ';') return true;
	const escaped = delimiter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return new RegExp(`(^|${escaped})"`, 'm').test(text);
}

/** Splits sample text with papaparse, which honours quoted fields, skipping empty lines. */
export function splitRows(text: string, delimiter: string, maxRows: number, escapeChar = '"'): string[][] {
	return Papa.parse<string[]>(text, { delimiter, skipEmptyLines: true, preview: maxRows, escapeChar }).data;
}

/**
 * Picks the delimiter that splits the sample lines into the same number of
 * fields (two or more) most consistently. Among equally consistent ones, the
 * one giving more fields wins, so "3,5" decimals do not beat ';'.
 */
function guessDelimiter(text: string, notes: string[], escapeChar: string | undefined): string {
	let best: { delimiter: string; consistency: number; fields: number } | null = null;

	for (const delimiter of CANDIDATE_DELIMITERS) {
		const counts = splitRows(text, delimiter, SAMPLE_ROWS, escapeChar).map((row) => row.length);
		const fields = modeOf(counts);
		if (fields < 2) continue;

		const share = counts.filter((count) => count === fields).length / counts.length;
		// Shares within 10 points count as a tie: one odd line should not decide.
		const consistency = Math.floor(share * 10);
		if (
			best === null ||
			consistency > best.consistency ||
			(consistency === best.consistency && fields > best.fields)
		) {
			best = { delimiter, consistency, fields };
		}
	}

	if (best === null) {
		notes.push('Delimiter: none found, so every line is one column.');
		return ',';
	}
	notes.push(`Delimiter: ${describeDelimiter(best.delimiter)}, which splits the lines into ${best.fields} columns.`);
	return best.delimiter;
}

/**
 * Decides whether the first row names the columns: it does when a cell is a
 * known column name, or when a column contains numbers below a text first cell.
 */
function guessHeader(rows: string[][], columnCount: number, notes: string[]): boolean {
	const first = rows[0].map((cell) => cell.trim());
	const known = first.filter((cell) => roleOfHeaderName(cell) !== null);
	if (known.length > 0) {
		notes.push(`Header row: the first row names the columns (${known.map((name) => `"${name}"`).join(', ')}).`);
		return true;
	}

	const firstProfiles = profileColumns([first], columnCount);
	const restProfiles = profileColumns(rows.slice(1), columnCount);
	for (let column = 0; column < columnCount; column++) {
		const firstIsText = firstProfiles[column].nonEmpty === 1 && firstProfiles[column].numeric === 0;
		if (firstIsText && isMostly(restProfiles[column], restProfiles[column].numeric)) {
			notes.push(`Header row: "${first[column]}" is text above a column of numbers.`);
			return true;
		}
	}

	const allNumbers = firstProfiles.every((profile) => profile.nonEmpty === profile.numeric);
	notes.push(
		allNumbers
			? 'No header row: the first row is all numbers.'
			: 'No header row: the first row holds values like the rows below it.'
	);
	return false;
}

/**
 * Tells item metadata from interactions: a title or genres header, or without
 * a header, titles in the second column and no numbers past the first column
 * other than 0/1 flags (u.item, movies.dat).
 */
function guessFileKind(header: string[] | null, profiles: ColumnProfile[], rows: string[][], notes: string[]): FileKind {
	if (header !== null) {
		const titleColumn = findColumnByName(header, 'title') ?? findColumnByName(header, 'genres');
		const hasUserColumn = findColumnByName(header, 'user') !== null;
		if (titleColumn !== null && !hasUserColumn) {
			notes.push(`Item metadata: the file has a "${header[titleColumn]}" column and no user column.`);
			return 'items';
		}
		return 'ratings';
	}

	if (looksLikeNetflixTitles(rows)) {
		notes.push(
			'Item metadata: rows read id, year, title, as in Netflix movie_titles; commas in titles are not quoted, so a title spreads over the remaining fields.'
		);
		return 'items';
	}
	const second = profiles[1];
	const titlesInSecond = second !== undefined && isMostly(second, second.nonEmpty - second.numeric) && second.withSpace > 0;
	const onlyFlagsAfterFirst = profiles.slice(1).every((profile) => profile.numeric === profile.binary);
	if (titlesInSecond && onlyFlagsAfterFirst) {
		notes.push('Item metadata: the second column holds titles and no column after the id holds ratings.');
		return 'items';
	}
	return 'ratings';
}

/** Guesses user, item, rating and timestamp columns, by name first, then by values. */
function guessMapping(header: string[] | null, profiles: ColumnProfile[], rows: string[][], notes: string[]): ColumnMapping {
	const byName = (role: 'user' | 'item' | 'rating' | 'timestamp'): number | null =>
		header === null ? null : findColumnByName(header, role);

	// Columns named as ratings or times are not taken as ids when an id column has no known name.
	const namedOther = new Set([byName('rating'), byName('timestamp')]);
	const firstUnnamed = (taken: number): number => {
		const column = profiles.findIndex((_, index) => index !== taken && !namedOther.has(index));
		return column >= 0 ? column : taken + 1;
	};
	const itemFirst = header === null && looksItemFirst(rows);
	if (itemFirst) {
		notes.push(
			'Item first: column 1 looks like product ids (ASINs or ISBNs) and column 2 does not, as in Amazon\'s 2018 ratings-only files, so column 1 is the item and column 2 the user.'
		);
	}
	const namedItem = byName('item') ?? (itemFirst ? 0 : null);
	const user = byName('user') ?? firstUnnamed(namedItem ?? -1);
	const item = namedItem ?? firstUnnamed(user);
	const assignedColumns = new Set([user, item]);
	const free = profiles
		.map((_, column) => column)
		.filter((column) => !assignedColumns.has(column) && column !== byName('rating'));

	let timestamp =
		byName('timestamp') ??
		free.find((column) => isMostly(profiles[column], profiles[column].timestampLike)) ??
		null;
	if (timestamp !== null && !isMostly(profiles[timestamp], profiles[timestamp].timestampLike)) {
		const example = header ? `"${header[timestamp]}"` : `column ${timestamp + 1}`;
		notes.push(
			`Column ${example} is named like a time but its values are not epoch seconds, epoch milliseconds or ISO dates, so it is left out.`
		);
		timestamp = null;
	}
	if (timestamp !== null) assignedColumns.add(timestamp);
	const rating =
		byName('rating') ??
		free.find((column) => !assignedColumns.has(column) && isMostly(profiles[column], profiles[column].numeric)) ??
		null;

	const name = (column: number): string => (header ? `"${header[column]}"` : `column ${column + 1}`);
	const parts = [`user = ${name(user)}`, `item = ${name(item)}`];
	if (rating !== null) parts.push(`rating = ${name(rating)}`);
	if (timestamp !== null) parts.push(`timestamp = ${name(timestamp)}`);
	notes.push(`Columns: ${parts.join(', ')}.`);
	if (header === null && !itemFirst && rating === 2 && (timestamp === null || timestamp === 3) && profiles.length <= 4) {
		notes.push('Without a header, numeric columns are read in the MovieLens order: user, item, rating, timestamp.');
	}
	if (rating === null) {
		notes.push('No rating column: every row counts as one interaction (implicit feedback).');
	}
	return { user, item, rating, timestamp };
}

function modeOf(values: number[]): number {
	const counts = new Map<number, number>();
	let mode = 0;
	let modeCount = 0;
	for (const value of values) {
		const count = (counts.get(value) ?? 0) + 1;
		counts.set(value, count);
		if (count > modeCount) {
			mode = value;
			modeCount = count;
		}
	}
	return mode;
}
