/** Seeded uniform negative sampling for BPR: items the user has not interacted with. */
import type { Interactions } from '../../data/types';

/** Each user's items, sorted, in compressed sparse rows. */
export interface UserItems {
	offsets: Int32Array;
	items: Int32Array;
}

export function groupItemsByUser(interactions: Interactions): UserItems {
	const { numUsers } = interactions;
	const offsets = new Int32Array(numUsers + 1);
	for (const user of interactions.users) offsets[user + 1]++;
	for (let user = 0; user < numUsers; user++) offsets[user + 1] += offsets[user];
	const cursor = offsets.slice(0, numUsers);
	const items = new Int32Array(interactions.items.length);
	for (let row = 0; row < interactions.users.length; row++) items[cursor[interactions.users[row]]++] = interactions.items[row];
	for (let user = 0; user < numUsers; user++) items.subarray(offsets[user], offsets[user + 1]).sort();
	return { offsets, items };
}

/** Checks whether `user` has interacted with `item`, by binary search in the user's sorted items. */
export function hasItem(groups: UserItems, user: number, item: number): boolean {
	let low = groups.offsets[user];
	let high = groups.offsets[user + 1] - 1;
	while (low <= high) {
		const middle = (low + high) >> 1;
		const value = groups.items[middle];
		if (value === item) return true;
		if (value < item) low = middle + 1;
		else high = middle - 1;
	}
	return false;
}

/**
 * Number of distinct items of `user`. Duplicated pairs count once, so a user
 * with every item has no negative to sample even when rows repeat.
 */
export function distinctItemCount(groups: UserItems, user: number): number {
	let count = 0;
	for (let position = groups.offsets[user]; position < groups.offsets[user + 1]; position++) {
		if (position === groups.offsets[user] || groups.items[position] !== groups.items[position - 1]) count++;
	}
	return count;
}

/**
 * Draws an item uniformly from those `user` has not interacted with, by
 * rejection. The caller must make sure such an item exists; the expected number
 * of draws is numItems / (numItems − the user's item count).
 */
export function sampleNegative(groups: UserItems, user: number, numItems: number, random: () => number): number {
	for (;;) {
		const item = Math.floor(random() * numItems);
		if (!hasItem(groups, user, item)) return item;
	}
}
