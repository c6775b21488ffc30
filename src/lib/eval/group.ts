/** Row indices grouped by user, the CSR index that per-user splits and evaluation share. */
import type { Interactions } from '../data/types';

/**
 * Rows of one user are `rows[offsets[user]] … rows[offsets[user + 1] - 1]`,
 * in file order. Built with a counting sort, so the cost is linear in rows + users.
 */
export interface UserRows {
	offsets: Int32Array;
	rows: Int32Array;
}

/** Groups the rows of `interactions` by user, keeping file order within each user. */
export function groupByUser(interactions: Interactions): UserRows {
	const offsets = new Int32Array(interactions.numUsers + 1);
	for (const user of interactions.users) offsets[user + 1]++;
	for (let user = 0; user < interactions.numUsers; user++) offsets[user + 1] += offsets[user];
	const cursor = offsets.slice(0, interactions.numUsers);
	const rows = new Int32Array(interactions.users.length);
	for (let row = 0; row < interactions.users.length; row++) rows[cursor[interactions.users[row]]++] = row;
	return { offsets, rows };
}

/** Throws unless every time is a finite number; splits by time need them all. */
export function requireTimes(interactions: Interactions, splitName: string): Float64Array {
	const times = interactions.times;
	if (!times) {
		throw new Error(`${splitName} needs interaction times, but this data has no timestamp column: map a timestamp column at import or choose a random split`);
	}
	for (let row = 0; row < times.length; row++) {
		if (!Number.isFinite(times[row])) {
			throw new Error(`${splitName} needs a time on every row, but row ${row} has time ${times[row]}: re-import with a valid timestamp column`);
		}
	}
	return times;
}
