import type { Interactions } from '../data/types';

/** Item indices the user interacted with, in row order. Linear in the number of rows. */
export function itemsRatedBy(interactions: Interactions, user: number): Int32Array {
	const found: number[] = [];
	const { users, items } = interactions;
	for (let row = 0; row < users.length; row++) {
		if (users[row] === user) found.push(items[row]);
	}
	return Int32Array.from(found);
}
