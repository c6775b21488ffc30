/**
 * Recognition of layouts and conventions beyond one interaction per row:
 * Netflix Prize blocks, wide matrices, backslash-escaped quotes, the order of
 * day and month in dates, and item-first column order.
 */
import type { DateOrder } from './types';
import { isNetflixTitleRow } from './parse-items';
import { dayMonthParts, parseNumber } from './values';
import { firstCellCountsRated, isMissingCell } from './wide-matrix';
import { netflixMovieId } from './netflix';

/** Tells whether the first non-empty line is a Netflix `MovieID:` line. */
export function looksLikeNetflixBlocks(text: string): boolean {
	const firstLine = text.split(/\r\n|\n|\r/).find((line) => line.trim() !== '');
	return firstLine !== undefined && netflixMovieId([firstLine]) !== null;
}

/** Jester's marker for "not rated". */
export const JESTER_MISSING_VALUE = '99';
/** Minimum columns for a file to be read as a wide matrix rather than a list of interactions. */
const MIN_MATRIX_COLUMNS = 6;

/**
 * Recognises a dense numeric user × item matrix: at least six columns, every
 * cell a number or empty, and either Jester's 99 marker or a first column that
 * counts the rated cells. Returns the missing-value marker and the first column's role, or null.
 */
export function detectWideMatrix(
	rows: string[][],
	columnCount: number
): { missingValue: string | undefined; firstColumn: 'count' | 'value' } | null {
	if (columnCount < MIN_MATRIX_COLUMNS || rows.length === 0) return null;
	const allNumeric = rows.every((row) => row.every((cell) => cell.trim() === '' || !Number.isNaN(parseNumber(cell))));
	if (!allNumeric) return null;

	const hasJesterMarker = rows.some((row) => row.some((cell, index) => index > 0 && parseNumber(cell) === 99));
	const missingValue = hasJesterMarker ? JESTER_MISSING_VALUE : undefined;
	const counts = rows.every((row) => firstCellCountsRated(row, missingValue));
	if (!hasJesterMarker && !counts) return null;
	return { missingValue, firstColumn: counts ? 'count' : 'value' };
}

/** Counts the cells that a wide matrix would read as interactions, for notes. */
export function countRatedCells(rows: string[][], missingValue: string | undefined, start: number): number {
	let count = 0;
	for (const row of rows) for (const cell of row.slice(start)) if (!isMissingCell(cell, missingValue)) count++;
	return count;
}

/**
 * Tells whether quotes inside fields are escaped with a backslash. The signs are a `\"`
 * followed by ordinary text, because a closing quote is followed by a delimiter or a line end,
 * or a file where every field is quoted and separated by ";", as in Book-Crossing's MySQL exports.
 */
export function detectBackslashEscapes(text: string): 'escaped quote' | 'quoted semicolons' | null {
	if (/\\"[^;,\t|\r\n"]/.test(text)) return 'escaped quote';
	const lines = text.split(/\r\n|\n|\r/).filter((line) => line.trim() !== '').slice(0, 50);
	const fullyQuoted = lines.length > 0 && lines.every((line) => /^"[^]*"$/.test(line.trim()) && line.includes('";"'));
	return fullyQuoted ? 'quoted semicolons' : null;
}

/**
 * Guesses the day/month order of DD/MM/YYYY-style values: 'dmy' when a first
 * number exceeds 12 and no second one does, 'mdy' the other way round, and null
 * when the values cannot tell (every number ≤ 12) or contradict each other.
 */
export function guessDateOrder(values: string[]): { order: DateOrder | null; datesSeen: number } {
	let maxFirst = 0;
	let maxSecond = 0;
	let datesSeen = 0;
	for (const value of values) {
		const parts = dayMonthParts(value);
		if (parts === null) continue;
		datesSeen++;
		maxFirst = Math.max(maxFirst, parts[0]);
		maxSecond = Math.max(maxSecond, parts[1]);
	}
	if (maxFirst > 12 && maxSecond <= 12) return { order: 'dmy', datesSeen };
	if (maxSecond > 12 && maxFirst <= 12) return { order: 'mdy', datesSeen };
	return { order: null, datesSeen };
}

const ASIN_PATTERN = /^B[0-9A-Z]{9}$/;
const ISBN_PATTERN = /^(\d{9}[\dXx]|97[89]\d{10})$/;

/** Tells whether a value looks like a product id: an Amazon ASIN (B0…) or an ISBN. */
export function looksLikeProductId(value: string): boolean {
	const text = value.trim();
	return ASIN_PATTERN.test(text) || ISBN_PATTERN.test(text);
}

/**
 * Tells whether, in a file without a header, the first column contains product
 * ids (ASINs or ISBNs) and the second does not, so the item comes first, as in
 * Amazon's 2018 ratings-only files.
 */
export function looksItemFirst(rows: string[][]): boolean {
	if (rows.length === 0 || rows[0].length < 2) return false;
	const share = (column: number): number =>
		rows.filter((row) => looksLikeProductId(row[column] ?? '')).length / rows.length;
	return share(0) >= 0.9 && share(1) < 0.1;
}

/** Tells whether rows read as Netflix's movie_titles (`MovieID,YearOfRelease,Title`). */
export function looksLikeNetflixTitles(rows: string[][]): boolean {
	if (rows.length === 0) return false;
	return rows.filter(isNetflixTitleRow).length >= rows.length * 0.9;
}
