/** Checks whether a split lets a model train on a user's future. */
import type { Interactions } from '../data/types';

export interface LeakageReport {
	/** False when either part has no times, so nothing could be checked. */
	checked: boolean;
	/** Users with both training and test interactions. */
	usersCompared: number;
	/** Users with a test interaction strictly earlier than one of their training interactions. */
	leakyUsers: number;
}

/**
 * Counts users whose earliest test interaction precedes (strictly, in time)
 * their latest training interaction, so training saw part of what followed the
 * test event. Linear in rows + users. Equal times do not count as leakage.
 */
export function checkTemporalLeakage(train: Interactions, test: Interactions): LeakageReport {
	if (!train.times || !test.times) return { checked: false, usersCompared: 0, leakyUsers: 0 };
	const numUsers = Math.max(train.numUsers, test.numUsers);
	const latestTrain = new Float64Array(numUsers).fill(-Infinity);
	const earliestTest = new Float64Array(numUsers).fill(Infinity);
	for (let row = 0; row < train.users.length; row++) {
		const user = train.users[row];
		if (train.times[row] > latestTrain[user]) latestTrain[user] = train.times[row];
	}
	for (let row = 0; row < test.users.length; row++) {
		const user = test.users[row];
		if (test.times[row] < earliestTest[user]) earliestTest[user] = test.times[row];
	}
	let usersCompared = 0;
	let leakyUsers = 0;
	for (let user = 0; user < numUsers; user++) {
		if (latestTrain[user] === -Infinity || earliestTest[user] === Infinity) continue;
		usersCompared++;
		if (earliestTest[user] < latestTrain[user]) leakyUsers++;
	}
	return { checked: true, usersCompared, leakyUsers };
}
