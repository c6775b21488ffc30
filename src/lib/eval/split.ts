/** Train/test splits of interactions. */
import type { Interactions } from '../data/types';
import { mulberry32, randomPermutation } from './random';

export interface Split {
	train: Interactions;
	test: Interactions;
}

/** Copies the given rows, keeping their original order; user and item counts stay the same. */
export function selectRows(interactions: Interactions, rows: Int32Array): Interactions {
	const users = new Int32Array(rows.length);
	const items = new Int32Array(rows.length);
	const values = new Float32Array(rows.length);
	const times = interactions.times ? new Float64Array(rows.length) : null;
	for (let i = 0; i < rows.length; i++) {
		const row = rows[i];
		users[i] = interactions.users[row];
		items[i] = interactions.items[row];
		values[i] = interactions.values[row];
		if (times && interactions.times) times[i] = interactions.times[row];
	}
	return { users, items, values, times, numUsers: interactions.numUsers, numItems: interactions.numItems };
}

/**
 * Seeded random holdout: round(count × testFraction) interactions, chosen
 * uniformly, go to the test set and the rest to training. The same seed gives
 * the same split. Both parts keep numUsers and numItems, so indices line up.
 */
export function randomSplit(interactions: Interactions, testFraction: number, seed: number): Split {
	if (!(testFraction > 0 && testFraction < 1)) {
		throw new Error(`invalid testFraction ${testFraction}: expected a number between 0 and 1, such as 0.2`);
	}
	const count = interactions.users.length;
	const testCount = Math.round(count * testFraction);
	const order = randomPermutation(count, mulberry32(seed));
	const testRows = order.slice(0, testCount).sort();
	const trainRows = order.slice(testCount).sort();
	return { train: selectRows(interactions, trainRows), test: selectRows(interactions, testRows) };
}
