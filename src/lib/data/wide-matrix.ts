/**
 * Reader for dense user × item matrices such as Jester's: one row per user,
 * one column per item, and a marker value (Jester: 99) for cells not rated.
 * Each rated cell becomes one interaction.
 */
import type { ParseOptions } from './types';
import type { LayoutReader, LogicalRowSink } from './parse-ratings';
import { parseNumber } from './values';

/** Logical columns of a matrix cell, in the order the default mapping uses. */
export const WIDE_MATRIX_COLUMNS = ['user', 'item', 'value'];

/** Tells whether a cell is missing: empty, or equal to the marker (numerically when both are numbers). */
export function isMissingCell(cell: string, missingValue: string | undefined): boolean {
	const text = cell.trim();
	if (text === '') return true;
	if (missingValue === undefined || missingValue.trim() === '') return false;
	const marker = parseNumber(missingValue);
	const number = parseNumber(text);
	if (!Number.isNaN(marker) && !Number.isNaN(number)) return number === marker;
	return text === missingValue.trim();
}

/**
 * Tells whether a row's first cell counts the rated cells after it, as
 * Jester's first column does.
 */
export function firstCellCountsRated(fields: string[], missingValue: string | undefined): boolean {
	const count = parseNumber(fields[0] ?? '');
	if (!Number.isInteger(count)) return false;
	const rated = fields.slice(1).filter((cell) => !isMissingCell(cell, missingValue)).length;
	return count === rated;
}

/**
 * Creates the reader that emits `[user, item, value]` per rated cell. Users are
 * numbered by data row (1, 2, …) unless the first column contains user ids. Items
 * are named by the header, or numbered from 1 by column.
 */
export function createWideMatrixReader(options: ParseOptions, fileName: string, sink: LogicalRowSink): LayoutReader {
	let header: string[] | null = null;
	let firstColumn = options.firstColumn ?? null;
	let width = 0;
	let dataRow = 0;
	let countMismatches = 0;
	let firstMismatchLine = 0;

	return {
		columnNames: WIDE_MATRIX_COLUMNS,
		onRow(fields, line) {
			if (options.hasHeader && header === null) {
				header = fields.map((name) => name.trim());
				width = fields.length;
				return;
			}
			if (firstColumn === null) firstColumn = firstCellCountsRated(fields, options.missingValue) ? 'count' : 'value';
			if (width === 0) width = fields.length;

			dataRow++;
			if (fields.length !== width) {
				sink.drop('wrong number of columns', line, fields.join(options.delimiter));
				return;
			}
			if (firstColumn === 'count' && !firstCellCountsRated(fields, options.missingValue)) {
				countMismatches++;
				if (countMismatches === 1) firstMismatchLine = line;
			}

			const start = firstColumn === 'value' ? 0 : 1;
			const user = firstColumn === 'user' ? fields[0] : String(dataRow);
			for (let column = start; column < fields.length; column++) {
				const cell = fields[column];
				if (isMissingCell(cell, options.missingValue)) continue;
				const item = header?.[column] || String(column - start + 1);
				sink.accept([user, item, cell], line, cell);
			}
		},
		finish() {
			if (countMismatches > 0) {
				sink.warn(
					`${fileName}: on ${countMismatches} rows (first: line ${firstMismatchLine}) the first column does not ` +
						'equal the number of rated cells. Check the missing-value marker.'
				);
			}
		}
	};
}
