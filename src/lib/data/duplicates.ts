/**
 * Merging of repeated user–item pairs by a DuplicatePolicy.
 * A counting sort buckets rows by user, unless the file is already sorted by
 * user. Then one pass per user with an item-indexed table finds repeats, so
 * time and memory stay linear in rows plus items.
 */
import type { DuplicatePolicy } from './types';
import { writableValues, type WorkingRows } from './working-rows';

/**
 * Keeps one row per user–item pair among the kept rows and returns how many rows it merged away.
 * - 'last': the latest timestamp, and on equal timestamps or without times the later row in the file.
 * - 'first': the earliest timestamp, then the earlier row in the file.
 * - 'mean' / 'sum': the mean or sum of the pair's values, on the row 'last' would keep.
 */
export function mergeDuplicates(rows: WorkingRows, policy: DuplicatePolicy): number {
	const { users, items, times, keep, numUsers, numItems } = rows;
	const { userStart, rowsByUser } = groupByUser(users, keep, numUsers);

	// The tables are valid for an item only while keptFor[item] equals the current user.
	const keptRow = new Int32Array(numItems);
	const keptFor = new Int32Array(numItems).fill(-1);
	const sums = policy === 'mean' || policy === 'sum' ? new Float64Array(numItems) : null;
	const counts = policy === 'mean' ? new Int32Array(numItems) : null;
	let merged = 0;

	for (let user = 0; user < numUsers; user++) {
		const start = userStart[user];
		const end = userStart[user + 1];
		let repeats = false;

		for (let position = start; position < end; position++) {
			const row = rowsByUser === null ? position : rowsByUser[position];
			if (!keep[row]) continue;
			const item = items[row];
			if (keptFor[item] !== user) {
				keptFor[item] = user;
				keptRow[item] = row;
				if (sums) sums[item] = rows.values[row];
				if (counts) counts[item] = 1;
				continue;
			}

			repeats = true;
			merged++;
			if (sums) sums[item] += rows.values[row];
			if (counts) counts[item]++;
			// Rows within a user are in file order, so `row` is the later one.
			const previous = keptRow[item];
			if (prefersLater(policy, times, previous, row)) {
				keep[previous] = 0;
				keptRow[item] = row;
			} else {
				keep[row] = 0;
			}
		}

		if (repeats && sums) {
			const values = writableValues(rows);
			for (let position = start; position < end; position++) {
				const row = rowsByUser === null ? position : rowsByUser[position];
				if (!keep[row]) continue;
				const item = items[row];
				if (keptRow[item] !== row) continue;
				values[row] = counts ? sums[item] / counts[item] : sums[item];
			}
		}
	}
	return merged;
}

/**
 * Returns where each user's rows start in `rowsByUser`, which lists the kept rows
 * grouped by user in file order. A file sorted by user (dense indices are in
 * first-seen order, so its user indices never decrease) is grouped already:
 * then `rowsByUser` is null, positions are rows, and unkept rows are left for the caller to skip.
 */
function groupByUser(users: Int32Array, keep: Uint8Array, numUsers: number): { userStart: Int32Array; rowsByUser: Int32Array | null } {
	const rowCount = users.length;
	const userStart = new Int32Array(numUsers + 1);
	let sorted = true;
	for (let row = 1; row < rowCount && sorted; row++) sorted = users[row] >= users[row - 1];
	if (sorted) {
		for (let row = 0; row < rowCount; row++) userStart[users[row] + 1]++;
		for (let user = 0; user < numUsers; user++) userStart[user + 1] += userStart[user];
		return { userStart, rowsByUser: null };
	}

	for (let row = 0; row < rowCount; row++) if (keep[row]) userStart[users[row] + 1]++;
	for (let user = 0; user < numUsers; user++) userStart[user + 1] += userStart[user];
	const rowsByUser = new Int32Array(userStart[numUsers]);
	const fill = userStart.slice(0, numUsers);
	for (let row = 0; row < rowCount; row++) if (keep[row]) rowsByUser[fill[users[row]]++] = row;
	return { userStart, rowsByUser };
}

function prefersLater(policy: DuplicatePolicy, times: Float64Array | null, earlier: number, later: number): boolean {
	if (policy === 'first') return times !== null && times[later] < times[earlier];
	return times === null || times[later] >= times[earlier];
}
