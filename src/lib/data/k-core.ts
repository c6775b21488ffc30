/**
 * The k-core filter: removes users with fewer than `minUser` kept interactions
 * and items with fewer than `minItem`, repeatedly, until every remaining user
 * and item meets its minimum.
 */
import type { WorkingRows } from './working-rows';

export type KCoreSide = 'user' | 'item';

/**
 * Clears the keep flag of every row the filter removes and calls `onDrop` for
 * each, naming the side whose minimum removed it.
 * The work runs in rounds: first all users below the minimum, then all items
 * that are below it after that, and so on until both are stable. This gives the
 * same result and attribution as repeated full passes, but touches each row at
 * most a few times (linear time), because every user and item is removed at most once.
 */
export function applyKCore(
	rows: WorkingRows,
	minUser: number,
	minItem: number,
	onDrop: (row: number, side: KCoreSide) => void
): void {
	if (minUser <= 1 && minItem <= 1) return;
	const { users, items, keep, numUsers, numItems } = rows;

	const byUser = groupRows(users, keep, numUsers);
	const byItem = groupRows(items, keep, numItems);
	const userDegree = byUser.counts;
	const itemDegree = byItem.counts;

	let userQueue: number[] = [];
	let itemQueue: number[] = [];
	const userQueued = new Uint8Array(numUsers);
	const itemQueued = new Uint8Array(numItems);
	for (let user = 0; user < numUsers; user++) {
		if (userDegree[user] > 0 && userDegree[user] < minUser) {
			userQueue.push(user);
			userQueued[user] = 1;
		}
	}
	for (let item = 0; item < numItems; item++) {
		if (itemDegree[item] > 0 && itemDegree[item] < minItem) {
			itemQueue.push(item);
			itemQueued[item] = 1;
		}
	}

	while (userQueue.length > 0 || itemQueue.length > 0) {
		const nextItems: number[] = [];
		for (const user of userQueue) {
			for (let position = byUser.start[user]; position < byUser.start[user + 1]; position++) {
				const row = byUser.rows[position];
				if (!keep[row]) continue;
				keep[row] = 0;
				onDrop(row, 'user');
				const item = items[row];
				itemDegree[item]--;
				if (!itemQueued[item] && itemDegree[item] > 0 && itemDegree[item] < minItem) {
					itemQueued[item] = 1;
					nextItems.push(item);
				}
			}
		}
		userQueue = [];
		itemQueue = itemQueue.concat(nextItems);

		const nextUsers: number[] = [];
		for (const item of itemQueue) {
			for (let position = byItem.start[item]; position < byItem.start[item + 1]; position++) {
				const row = byItem.rows[position];
				if (!keep[row]) continue;
				keep[row] = 0;
				onDrop(row, 'item');
				const user = users[row];
				userDegree[user]--;
				if (!userQueued[user] && userDegree[user] > 0 && userDegree[user] < minUser) {
					userQueued[user] = 1;
					nextUsers.push(user);
				}
			}
		}
		itemQueue = [];
		userQueue = nextUsers;
	}
}

/** Groups kept rows by a key column (compressed sparse rows) and returns the per-key counts. */
function groupRows(keys: Int32Array, keep: Uint8Array, keyCount: number) {
	const counts = new Int32Array(keyCount);
	for (let row = 0; row < keys.length; row++) if (keep[row]) counts[keys[row]]++;
	const start = new Int32Array(keyCount + 1);
	for (let key = 0; key < keyCount; key++) start[key + 1] = start[key] + counts[key];
	const rows = new Int32Array(start[keyCount]);
	const fill = start.slice(0, keyCount);
	for (let row = 0; row < keys.length; row++) if (keep[row]) rows[fill[keys[row]]++] = row;
	return { counts, start, rows };
}
