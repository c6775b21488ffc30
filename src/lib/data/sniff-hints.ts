/**
 * Hints from the sampled values that a user may want to act on: value
 * conventions (0 or -1), purchase logs and Steam-style purchase/play rows.
 * Each hint is a note, and most come with settings the UI can offer.
 */
import type { ColumnMapping, ImportSettings } from './types';
import { normaliseHeaderName } from './column-roles';
import { COUNT_COLUMN_NAMES, detectConventions } from './conventions';
import { DEFAULT_IMPORT_SETTINGS } from './types';
import { parseDecimalComma, parseNumber } from './values';

const PURCHASE_COLUMNS = new Set(['quantity', 'purchases']);

/** Adds notes for the hints found in the sample and returns the settings they suggest. */
export function findValueHints(
	header: string[] | null,
	rows: string[][],
	mapping: ColumnMapping,
	notes: string[]
): Partial<ImportSettings> {
	const suggested: Partial<ImportSettings> = {};
	const ratingColumn = mapping.rating;
	if (ratingColumn === null || rows.length === 0) return suggested;

	const ratingName = header ? normaliseHeaderName(header[ratingColumn] ?? '') : '';
	const values = new Float32Array(
		rows.map((row) => {
			const cell = row[ratingColumn] ?? '';
			const number = parseNumber(cell);
			return Number.isNaN(number) ? parseDecimalComma(cell) : number;
		})
	);
	const keep = values.map((value) => (Number.isNaN(value) ? 0 : 1));
	const hints = detectConventions(values, new Uint8Array(keep), DEFAULT_IMPORT_SETTINGS, COUNT_COLUMN_NAMES.has(ratingName));
	for (const warning of hints.warnings) notes.push(`In the first ${rows.length} rows, ${warning}`);
	Object.assign(suggested, hints.suggested);

	if (PURCHASE_COLUMNS.has(ratingName)) {
		suggested.feedback = 'implicit';
		suggested.duplicates = 'sum';
		notes.push(
			`Purchase log: "${header?.[ratingColumn]}" counts units bought, so repeated purchases of an item by a customer ` +
				'are best summed (duplicates: sum) and read as implicit feedback.'
		);
	}

	const eventColumn = findEventColumn(rows, mapping);
	if (eventColumn !== null) {
		suggested.feedback = 'implicit';
		suggested.implicitValues = 'binary';
		notes.push(
			`Column ${eventColumn + 1} holds "purchase" and "play" events, as in the Steam data set: a purchase row has the value 1 ` +
				'and a play row the hours played. Repeated rows for a user and game are merged by the duplicates policy ' +
				'("last" keeps the hours); choose binary implicit values to count every game once.'
		);
	}
	return suggested;
}

/** Finds an unmapped column whose values are only "purchase" and "play". */
function findEventColumn(rows: string[][], mapping: ColumnMapping): number | null {
	const mapped = new Set([mapping.user, mapping.item, mapping.rating, mapping.timestamp]);
	const width = rows[0]?.length ?? 0;
	for (let column = 0; column < width; column++) {
		if (mapped.has(column)) continue;
		const isEvents = rows.every((row) => {
			const value = (row[column] ?? '').trim().toLowerCase();
			return value === 'purchase' || value === 'play';
		});
		if (isEvents) return column;
	}
	return null;
}
