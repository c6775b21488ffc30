/** The row columns that the import settings filter and rewrite before a Dataset is built. */
import type { ParsedRatings } from './parse-ratings';

/** Parsed rows plus a keep flag per row; settings clear flags and rewrite values in place. */
export interface WorkingRows {
	users: Int32Array;
	items: Int32Array;
	/** A copy of the parsed values, so rebuilding with other settings starts from the file's values. */
	values: Float32Array;
	times: Float64Array | null;
	/** 1-based file line per row, or null when unknown. */
	lines: Int32Array | null;
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
		values: new Float32Array(ratings.values),
		times: ratings.times,
		lines: ratings.lines ?? null,
		keep: new Uint8Array(ratings.users.length).fill(1),
		numUsers: ratings.userIds.length,
		numItems: ratings.itemIds.length
	};
}

/** Returns a row's file line, or 0 when the line is unknown. */
export function lineOf(rows: WorkingRows, row: number): number {
	return rows.lines?.[row] ?? 0;
}

/** Counts the rows still kept. */
export function countKept(keep: Uint8Array): number {
	let count = 0;
	for (const flag of keep) count += flag;
	return count;
}
