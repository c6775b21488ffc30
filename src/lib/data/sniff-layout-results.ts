/** Sniff results for the layouts that are not one interaction per row: Netflix Prize blocks and wide matrices. */
import type { ParseOptions } from './types';
import type { TextEncoding } from './decode';
import { NETFLIX_COLUMNS, netflixMovieId } from './netflix';
import { PREVIEW_ROWS, SAMPLE_ROWS, splitRows, type SniffResult } from './sniff';
import { countRatedCells, detectWideMatrix } from './sniff-layouts';
import { WIDE_MATRIX_COLUMNS } from './wide-matrix';

/** Sniff result for Netflix Prize blocks: the preview shows logical `[user, movie, rating, date]` rows. */
export function sniffNetflixBlocks(fileName: string, encoding: TextEncoding, text: string, notes: string[]): SniffResult {
	notes.push(
		'Layout: Netflix Prize blocks. A "MovieID:" line starts each block, and the rows below it read user, rating, date for that movie.'
	);
	const preview: string[][] = [];
	let movie = '';
	for (const fields of splitRows(text, ',', SAMPLE_ROWS)) {
		const movieId = netflixMovieId(fields);
		if (movieId !== null) movie = movieId;
		else if (preview.length < PREVIEW_ROWS) preview.push([fields[0], movie, ...fields.slice(1)]);
	}
	return {
		fileName,
		options: { delimiter: ',', hasHeader: false, encoding, layout: 'netflix-blocks' },
		columnNames: NETFLIX_COLUMNS,
		preview,
		mapping: { user: 0, item: 1, rating: 2, timestamp: 3 },
		fileKind: 'ratings',
		layout: 'netflix-blocks',
		suggestedSettings: {},
		notes
	};
}

/** Sniff result for a wide matrix: the preview shows logical `[user, item, value]` cells. */
export function sniffWideMatrix(
	fileName: string,
	options: ParseOptions,
	rows: string[][],
	matrix: NonNullable<ReturnType<typeof detectWideMatrix>>,
	notes: string[]
): SniffResult {
	const start = matrix.firstColumn === 'count' ? 1 : 0;
	const marker = matrix.missingValue === undefined ? 'empty cells mark' : `${matrix.missingValue} marks`;
	notes.push(
		`Layout: a wide matrix with one row per user and one column per item; ${marker} cells not rated, ` +
			`so the first ${rows.length} rows hold ${countRatedCells(rows, matrix.missingValue, start)} ratings.`
	);
	if (matrix.firstColumn === 'count') {
		notes.push('The first column counts the rated cells of its row (as in Jester), so it is not read as an item.');
	}
	notes.push('Users are numbered by row and items by column, from 1. Values on a continuous scale are detected as implicit: set the feedback to explicit for ratings.');

	const preview: string[][] = [];
	rows.forEach((row, index) => {
		for (let column = start; column < row.length && preview.length < PREVIEW_ROWS; column++) {
			if (row[column].trim() !== '' && row[column].trim() !== matrix.missingValue) {
				preview.push([String(index + 1), String(column - start + 1), row[column]]);
			}
		}
	});
	const wideOptions: ParseOptions = { ...options, layout: 'wide-matrix', firstColumn: matrix.firstColumn };
	if (matrix.missingValue !== undefined) wideOptions.missingValue = matrix.missingValue;
	return {
		fileName,
		options: wideOptions,
		columnNames: WIDE_MATRIX_COLUMNS,
		preview,
		mapping: { user: 0, item: 1, rating: 2, timestamp: null },
		fileKind: 'ratings',
		layout: 'wide-matrix',
		suggestedSettings: { feedback: 'explicit' },
		notes
	};
}
