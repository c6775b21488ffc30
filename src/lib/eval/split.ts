/**
 * Train/test splits of interactions. Every split is deterministic: the seeded
 * ones give the same rows for the same seed, the time-based ones depend only on
 * the data. Both parts keep numUsers and numItems, so indices line up, and each
 * part keeps the rows in file order.
 */
import type { Interactions } from '../data/types';
import { groupByUser, requireTimes } from './group';
import { mulberry32, randomPermutation, shuffleInPlace } from './random';

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

/** Splits by a per-row flag: rows with `isTest[row] === 1` go to test, the rest to train. */
export function splitByMask(interactions: Interactions, isTest: Uint8Array): Split {
	let testCount = 0;
	for (let row = 0; row < isTest.length; row++) testCount += isTest[row];
	const testRows = new Int32Array(testCount);
	const trainRows = new Int32Array(isTest.length - testCount);
	let testCursor = 0;
	let trainCursor = 0;
	for (let row = 0; row < isTest.length; row++) {
		if (isTest[row] === 1) testRows[testCursor++] = row;
		else trainRows[trainCursor++] = row;
	}
	return { train: selectRows(interactions, trainRows), test: selectRows(interactions, testRows) };
}

function checkFraction(testFraction: number): void {
	if (!(testFraction > 0 && testFraction < 1)) {
		throw new Error(`invalid testFraction ${testFraction}: expected a number between 0 and 1, such as 0.2`);
	}
}

/**
 * Seeded random holdout: round(count × testFraction) interactions, chosen
 * uniformly, go to the test set and the rest to training. The same seed gives
 * the same split.
 */
export function randomSplit(interactions: Interactions, testFraction: number, seed: number): Split {
	checkFraction(testFraction);
	const count = interactions.users.length;
	const testCount = Math.round(count * testFraction);
	const order = randomPermutation(count, mulberry32(seed));
	const testRows = order.slice(0, testCount).sort();
	const trainRows = order.slice(testCount).sort();
	return { train: selectRows(interactions, trainRows), test: selectRows(interactions, testRows) };
}

/**
 * Seeded k-fold cross-validation: the rows are shuffled once and cut into k
 * contiguous blocks of floor or ceil(count / k) rows. Fold f tests on block f
 * and trains on the others, so the test sets are disjoint and cover every row once.
 */
export function kFold(interactions: Interactions, k: number, seed: number): Split[] {
	const count = interactions.users.length;
	if (!(Number.isInteger(k) && k >= 2)) throw new Error(`invalid fold count ${k}: expected an integer of at least 2, such as 5`);
	if (k > count) throw new Error(`invalid fold count ${k}: the data has only ${count} interactions, so some folds would be empty`);
	const order = randomPermutation(count, mulberry32(seed));
	const foldOf = new Uint8Array(count);
	const folds: Split[] = [];
	for (let fold = 0; fold < k; fold++) {
		const start = Math.floor((fold * count) / k);
		const end = Math.floor(((fold + 1) * count) / k);
		foldOf.fill(0);
		for (let position = start; position < end; position++) foldOf[order[position]] = 1;
		folds.push(splitByMask(interactions, foldOf));
	}
	return folds;
}

/**
 * Seeded per-user holdout. `testShare` below 1 is a fraction of each user's
 * interactions (round(n × fraction), at least 1); an integer of 1 or more is a
 * count per user. At most n − 1 rows go to test, so every user keeps a
 * training interaction. Users with fewer than 2 interactions stay wholly in
 * training. A seeded shuffle of each user's rows picks the test rows.
 */
export function perUserHoldout(interactions: Interactions, testShare: number, seed: number): Split {
	const isFraction = testShare > 0 && testShare < 1;
	const isCount = Number.isInteger(testShare) && testShare >= 1;
	if (!isFraction && !isCount) {
		throw new Error(`invalid per-user test share ${testShare}: expected a fraction between 0 and 1 (such as 0.2) or a whole count of 1 or more`);
	}
	const byUser = groupByUser(interactions);
	const random = mulberry32(seed);
	const isTest = new Uint8Array(interactions.users.length);
	const userRows: number[] = [];
	for (let user = 0; user < interactions.numUsers; user++) {
		const start = byUser.offsets[user];
		const size = byUser.offsets[user + 1] - start;
		if (size < 2) continue;
		const requested = isFraction ? Math.max(1, Math.round(size * testShare)) : testShare;
		const testCount = Math.min(requested, size - 1);
		userRows.length = 0;
		for (let position = start; position < start + size; position++) userRows.push(byUser.rows[position]);
		shuffleInPlace(userRows, random);
		for (let i = 0; i < testCount; i++) isTest[userRows[i]] = 1;
	}
	return splitByMask(interactions, isTest);
}

/**
 * Global temporal split: the latest round(count × testFraction) interactions by
 * time go to test. Rows at the cut-off time are ordered by file position, the
 * later rows going to test. Needs a time on every row.
 */
export function temporalSplit(interactions: Interactions, testFraction: number): Split {
	checkFraction(testFraction);
	const times = requireTimes(interactions, 'a temporal split');
	const count = times.length;
	const testCount = Math.round(count * testFraction);
	const isTest = new Uint8Array(count);
	if (testCount > 0) {
		// The cut-off is the time of the earliest test row; a native numeric sort keeps this n log n.
		const sorted = Float64Array.from(times).sort();
		const cutoff = sorted[count - testCount];
		let after = 0;
		for (let row = 0; row < count; row++) {
			if (times[row] > cutoff) {
				isTest[row] = 1;
				after++;
			}
		}
		// Fill the rest from the rows at exactly the cut-off time, latest in the file first.
		let remaining = testCount - after;
		for (let row = count - 1; row >= 0 && remaining > 0; row--) {
			if (times[row] === cutoff) {
				isTest[row] = 1;
				remaining--;
			}
		}
	}
	return splitByMask(interactions, isTest);
}

/**
 * Leave-last-out per user: for each user with at least two interactions, the
 * latest by time goes to test, ties going to the later row in the file. Users
 * with one interaction stay in training. Needs a time on every row.
 */
export function leaveLastOut(interactions: Interactions): Split {
	const times = requireTimes(interactions, 'leave-last-out');
	const count = times.length;
	const lastRow = new Int32Array(interactions.numUsers).fill(-1);
	const rowCount = new Int32Array(interactions.numUsers);
	for (let row = 0; row < count; row++) {
		const user = interactions.users[row];
		rowCount[user]++;
		// `>=` lets a later row with the same time win the tie.
		if (lastRow[user] < 0 || times[row] >= times[lastRow[user]]) lastRow[user] = row;
	}
	const isTest = new Uint8Array(count);
	for (let user = 0; user < interactions.numUsers; user++) {
		if (rowCount[user] >= 2) isTest[lastRow[user]] = 1;
	}
	return splitByMask(interactions, isTest);
}

/**
 * Split given by the caller, such as MovieLens 100K's u1.base/u1.test parsed
 * into one id space. Throws when a row index is out of range or in both parts.
 */
export function predefinedSplit(interactions: Interactions, trainRows: Int32Array, testRows: Int32Array): Split {
	const count = interactions.users.length;
	const used = new Uint8Array(count);
	for (const [name, rows] of [
		['train', trainRows],
		['test', testRows]
	] as const) {
		for (const row of rows) {
			if (!(row >= 0 && row < count)) throw new Error(`invalid ${name} row ${row}: the data has rows 0 to ${count - 1}`);
			if (used[row] === 1) throw new Error(`invalid predefined split: row ${row} appears twice or in both train and test`);
			used[row] = 1;
		}
	}
	return { train: selectRows(interactions, trainRows), test: selectRows(interactions, testRows) };
}

/** Rows before `firstTestRow` train and the rest test: two files parsed one after the other. */
export function splitAtRow(interactions: Interactions, firstTestRow: number): Split {
	const count = interactions.users.length;
	if (!(Number.isInteger(firstTestRow) && firstTestRow >= 0 && firstTestRow <= count)) {
		throw new Error(`invalid first test row ${firstTestRow}: expected an integer from 0 to ${count}`);
	}
	const isTest = new Uint8Array(count);
	isTest.fill(1, firstTestRow);
	return splitByMask(interactions, isTest);
}
