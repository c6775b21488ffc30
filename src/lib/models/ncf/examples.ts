/**
 * Training examples for NCF: the per-epoch pairing of positives with sampled
 * negatives. The validation split comes from ../early-stopping.ts.
 */
import type { Interactions } from '../../data/types';
import { distinctItemCount, groupItemsByUser, sampleNegative, type UserItems } from '../bpr/sampling';

/** Parallel columns of (user, item, target) examples. */
export interface Examples {
	users: Int32Array;
	items: Int32Array;
	targets: Float32Array;
}

/** Looks up the interactions of all users, and which users have an item left to sample as a negative. */
export function negativeSampler(interactions: Interactions): { groups: UserItems; canSample: Uint8Array } {
	const groups = groupItemsByUser(interactions);
	const canSample = new Uint8Array(interactions.numUsers);
	for (let user = 0; user < interactions.numUsers; user++) {
		canSample[user] = distinctItemCount(groups, user) < interactions.numItems ? 1 : 0;
	}
	return { groups, canSample };
}

/** The rows as rating examples: targets are the interaction values. */
export function ratingExamples(interactions: Interactions, rows: Int32Array): Examples {
	return {
		users: Int32Array.from(rows, (row) => interactions.users[row]),
		items: Int32Array.from(rows, (row) => interactions.items[row]),
		targets: Float32Array.from(rows, (row) => interactions.values[row])
	};
}

/**
 * The rows as positives (target 1), each followed by `negativeRatio` items the
 * user has not interacted with anywhere in the training data (target 0).
 * Users who interacted with every item get no negatives.
 */
export function rankingExamples(
	interactions: Interactions,
	rows: Int32Array,
	sampler: ReturnType<typeof negativeSampler>,
	negativeRatio: number,
	random: () => number
): Examples {
	let size = 0;
	for (const row of rows) size += 1 + (sampler.canSample[interactions.users[row]] ? negativeRatio : 0);
	const examples: Examples = { users: new Int32Array(size), items: new Int32Array(size), targets: new Float32Array(size) };

	let position = 0;
	for (const row of rows) {
		const user = interactions.users[row];
		examples.users[position] = user;
		examples.items[position] = interactions.items[row];
		examples.targets[position++] = 1;
		if (!sampler.canSample[user]) continue;
		for (let draw = 0; draw < negativeRatio; draw++) {
			examples.users[position] = user;
			examples.items[position] = sampleNegative(sampler.groups, user, interactions.numItems, random);
			examples.targets[position++] = 0;
		}
	}
	return examples;
}
