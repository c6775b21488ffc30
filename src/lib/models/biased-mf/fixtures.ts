/**
 * A tiny rating matrix with known structure for tests: 6 users × 5 items,
 * rating = 3 + userOffset + itemOffset + taste[u] × appeal[i] (rank one plus
 * biases). One cell per user is held out as a test set.
 */
import type { Interactions } from '../../data/types';

const taste = [1.2, -1.2, 0.8, -0.8, 1, -1];
const appeal = [1, -1, 0.6, -0.6, 0.9];
const userOffsets = [0.2, -0.1, 0, 0.3, -0.2, 0.1];
const itemOffsets = [0.1, 0, -0.2, 0.2, -0.1];

export const tinyUsers = taste.length;
export const tinyItems = appeal.length;

export function tinyRating(user: number, item: number): number {
	return 3 + userOffsets[user] + itemOffsets[item] + taste[user] * appeal[item];
}

/** Returns true for the held-out test cells (one per user). */
function isHeldOut(user: number, item: number): boolean {
	return item === (user * 2 + 1) % tinyItems;
}

function collect(select: (user: number, item: number) => boolean): Interactions {
	const users: number[] = [];
	const items: number[] = [];
	const values: number[] = [];
	for (let user = 0; user < tinyUsers; user++) {
		for (let item = 0; item < tinyItems; item++) {
			if (!select(user, item)) continue;
			users.push(user);
			items.push(item);
			values.push(tinyRating(user, item));
		}
	}
	return {
		users: Int32Array.from(users),
		items: Int32Array.from(items),
		values: Float32Array.from(values),
		times: null,
		numUsers: tinyUsers,
		numItems: tinyItems
	};
}

export const tinyTrain = collect((user, item) => !isHeldOut(user, item));
export const tinyTest = collect(isHeldOut);
