/** The row columns that the import settings filter and rewrite before a Dataset is built. */
import type { ParsedRatings } from './parse-ratings';
import type { RowLines } from './growable';

/** Parsed rows plus a keep flag per row; settings clear flags and rewrite values in place. */
export interface WorkingRows {
	users: Int32Array;
	items: Int32Array;
	/**
	 * The values. They start as the parsed array itself, which must not change,
	 * so rebuilding with other settings starts from the file's values. Writers
	 * call `writableValues`, which copies them first.
	 */
	values: Float32Array;
	/** True once `values` is a copy that settings may rewrite. */
	ownsValues: boolean;
	times: Float64Array | null;
	/** 1-based file line of each row, or null when unknown. */
	lines: RowLines | null;
	/** 1 while a row is kept. */
	keep: Uint8Array;
	numUsers: number;
	numItems: number;
}

/** Creates working rows from parsed ones without changing them. */
export function createWorkingRows(ratings: ParsedRatings): WorkingRows {
	return {
		users: ratings.users,
		items: ratings.items,
		values: ratings.values,
		ownsValues: false,
		times: ratings.times,
		lines: ratings.lines ?? null,
		keep: new Uint8Array(ratings.users.length).fill(1),
		numUsers: ratings.userIds.length,
		numItems: ratings.itemIds.length
	};
}

/** Returns values that may be rewritten, copying the parsed ones on the first call. */
export function writableValues(rows: WorkingRows): Float32Array {
	if (!rows.ownsValues) {
		rows.values = new Float32Array(rows.values);
		rows.ownsValues = true;
	}
	return rows.values;
}

/** Returns a row's file line, or 0 when the line is unknown. */
export function lineOf(rows: WorkingRows, row: number): number {
	return rows.lines?.lineOf(row) ?? 0;
}

/** Counts the rows still kept. */
export function countKept(keep: Uint8Array): number {
	let count = 0;
	for (let row = 0; row < keep.length; row++) count += keep[row];
	return count;
}
