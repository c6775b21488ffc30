import { describe, expect, it } from 'vitest';
import type { Interactions } from '../data/types';
import { kFold, leaveLastOut, perUserHoldout, predefinedSplit, randomSplit, splitAtRow, temporalSplit } from './split';

function makeInteractions(count: number): Interactions {
	return {
		users: Int32Array.from({ length: count }, (_, row) => row % 7),
		items: Int32Array.from({ length: count }, (_, row) => row % 11),
		values: Float32Array.from({ length: count }, (_, row) => row),
		times: Float64Array.from({ length: count }, (_, row) => 1000 + row),
		numUsers: 7,
		numItems: 11
	};
}

describe('randomSplit', () => {
	const data = makeInteractions(100);

	it('gives the same split for the same seed', () => {
		const first = randomSplit(data, 0.2, 7);
		const second = randomSplit(data, 0.2, 7);
		expect(Array.from(first.test.values)).toEqual(Array.from(second.test.values));
		expect(Array.from(first.train.values)).toEqual(Array.from(second.train.values));
	});

	it('gives another split for another seed', () => {
		expect(Array.from(randomSplit(data, 0.2, 7).test.values)).not.toEqual(Array.from(randomSplit(data, 0.2, 8).test.values));
	});

	it('sizes the parts and keeps every row once', () => {
		const { train, test } = randomSplit(data, 0.2, 7);
		expect(test.users.length).toBe(20);
		expect(train.users.length).toBe(80);
		// values[row] = row, so the values identify the rows.
		const rows = [...train.values, ...test.values].sort((a, b) => a - b);
		expect(rows).toEqual(Array.from({ length: 100 }, (_, row) => row));
	});

	it('keeps columns aligned and the id space', () => {
		const { test } = randomSplit(data, 0.3, 1);
		for (let i = 0; i < test.users.length; i++) {
			const row = test.values[i];
			expect(test.users[i]).toBe(row % 7);
			expect(test.items[i]).toBe(row % 11);
			expect(test.times?.[i]).toBe(1000 + row);
		}
		expect(test.numUsers).toBe(7);
		expect(test.numItems).toBe(11);
	});

	it('rejects a fraction outside (0, 1)', () => {
		expect(() => randomSplit(data, 1, 0)).toThrow(/invalid testFraction 1/);
		expect(() => randomSplit(data, Number.NaN, 0)).toThrow(/invalid testFraction NaN/);
	});
});

/** Builds interactions from [user, item, value, time] rows. */
function fromRows(rows: [number, number, number, number][], numUsers: number, numItems: number): Interactions {
	return {
		users: Int32Array.from(rows, (row) => row[0]),
		items: Int32Array.from(rows, (row) => row[1]),
		values: Float32Array.from(rows, (row) => row[2]),
		times: Float64Array.from(rows, (row) => row[3]),
		numUsers,
		numItems
	};
}

describe('kFold', () => {
	const data = makeInteractions(23);

	it('covers every row once across test folds', () => {
		const folds = kFold(data, 5, 3);
		expect(folds).toHaveLength(5);
		// 23 rows in 5 blocks at floor(f × 23 / 5): 0, 4, 9, 13, 18, 23 → sizes 4, 5, 4, 5, 5.
		expect(folds.map((fold) => fold.test.users.length)).toEqual([4, 5, 4, 5, 5]);
		const testRows = folds.flatMap((fold) => Array.from(fold.test.values)).sort((a, b) => a - b);
		expect(testRows).toEqual(Array.from({ length: 23 }, (_, row) => row));
	});

	it('trains on the rows outside its test fold', () => {
		for (const fold of kFold(data, 4, 3)) {
			expect(fold.train.users.length + fold.test.users.length).toBe(23);
			const testSet = new Set(fold.test.values);
			expect(Array.from(fold.train.values).some((row) => testSet.has(row))).toBe(false);
			expect(fold.train.numUsers).toBe(7);
			expect(fold.test.numItems).toBe(11);
		}
	});

	it('repeats for the same seed', () => {
		const first = kFold(data, 3, 9).map((fold) => Array.from(fold.test.values));
		const second = kFold(data, 3, 9).map((fold) => Array.from(fold.test.values));
		expect(first).toEqual(second);
		expect(kFold(data, 3, 10).map((fold) => Array.from(fold.test.values))).not.toEqual(first);
	});

	it('rejects bad fold counts', () => {
		expect(() => kFold(data, 1, 0)).toThrow(/invalid fold count 1/);
		expect(() => kFold(data, 2.5, 0)).toThrow(/invalid fold count 2.5/);
		expect(() => kFold(makeInteractions(3), 4, 0)).toThrow(/only 3 interactions/);
	});
});

describe('perUserHoldout', () => {
	// User 0: 5 rows, user 1: 2 rows, user 2: 1 row, user 3: none.
	const data = fromRows(
		[
			[0, 0, 1, 10],
			[0, 1, 2, 20],
			[1, 2, 3, 30],
			[0, 3, 4, 40],
			[2, 4, 5, 50],
			[0, 5, 6, 60],
			[1, 6, 7, 70],
			[0, 7, 8, 80]
		],
		4,
		8
	);

	function testCountsByUser(test: Interactions): number[] {
		const counts = [0, 0, 0, 0];
		for (const user of test.users) counts[user]++;
		return counts;
	}

	it('holds out a fraction of each user', () => {
		// User 0: round(5 × 0.4) = 2; user 1: round(2 × 0.4) = 1; user 2 has one row and stays in train.
		const { train, test } = perUserHoldout(data, 0.4, 1);
		expect(testCountsByUser(test)).toEqual([2, 1, 0, 0]);
		expect(train.users.length).toBe(5);
	});

	it('holds out a count per user, keeping one training row', () => {
		// Count 3: user 0 gives 3 of 5, user 1 only 1 of 2 so that a training row stays.
		expect(testCountsByUser(perUserHoldout(data, 3, 1).test)).toEqual([3, 1, 0, 0]);
		expect(testCountsByUser(perUserHoldout(data, 1, 1).test)).toEqual([1, 1, 0, 0]);
	});

	it('holds out at least one row for a small fraction', () => {
		// round(5 × 0.01) = 0, raised to 1.
		expect(testCountsByUser(perUserHoldout(data, 0.01, 1).test)).toEqual([1, 1, 0, 0]);
	});

	it('repeats for the same seed and keeps every row once', () => {
		const first = perUserHoldout(data, 0.4, 5);
		expect(Array.from(perUserHoldout(data, 0.4, 5).test.values)).toEqual(Array.from(first.test.values));
		const rows = [...first.train.values, ...first.test.values].sort((a, b) => a - b);
		expect(rows).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
	});

	it('varies with the seed', () => {
		const picks = new Set<string>();
		for (let seed = 0; seed < 20; seed++) picks.add(Array.from(perUserHoldout(data, 0.4, seed).test.values).join());
		expect(picks.size).toBeGreaterThan(1);
	});

	it('rejects shares that are neither fraction nor count', () => {
		expect(() => perUserHoldout(data, 0, 1)).toThrow(/invalid per-user test share 0/);
		expect(() => perUserHoldout(data, 1.5, 1)).toThrow(/invalid per-user test share 1.5/);
	});
});

describe('temporalSplit', () => {
	// Times out of file order, with a tie at 30 on rows 1 and 3.
	const data = fromRows(
		[
			[0, 0, 0, 50],
			[1, 1, 1, 30],
			[0, 2, 2, 10],
			[1, 3, 3, 30],
			[2, 4, 4, 20]
		],
		3,
		5
	);

	it('tests on the latest fraction by time', () => {
		// round(5 × 0.4) = 2 test rows: row 0 (time 50) and one of the rows at time 30.
		// The tie goes to the later row in the file, row 3.
		const { train, test } = temporalSplit(data, 0.4);
		expect(Array.from(test.values)).toEqual([0, 3]);
		expect(Array.from(train.values)).toEqual([1, 2, 4]);
	});

	it('tests on rows strictly after the cut-off first', () => {
		// round(5 × 0.2) = 1: only row 0.
		expect(Array.from(temporalSplit(data, 0.2).test.values)).toEqual([0]);
		// round(5 × 0.6) = 3: rows 0, 1 and 3.
		expect(Array.from(temporalSplit(data, 0.6).test.values)).toEqual([0, 1, 3]);
	});

	it('rejects data without times', () => {
		expect(() => temporalSplit({ ...data, times: null }, 0.2)).toThrow(/needs interaction times/);
		const broken = { ...data, times: Float64Array.of(1, Number.NaN, 3, 4, 5) };
		expect(() => temporalSplit(broken, 0.2)).toThrow(/row 1 has time NaN/);
	});
});

describe('leaveLastOut', () => {
	const data = fromRows(
		[
			[0, 0, 0, 300], // user 0's latest
			[0, 1, 1, 100],
			[1, 2, 2, 200],
			[1, 3, 3, 200], // tie at 200 with row 2: the later row wins
			[2, 4, 4, 999], // user 2 has one row and stays in train
			[0, 5, 5, 200]
		],
		4,
		6
	);

	it('tests on each user\'s latest row', () => {
		const { train, test } = leaveLastOut(data);
		expect(Array.from(test.values)).toEqual([0, 3]);
		expect(Array.from(train.values)).toEqual([1, 2, 4, 5]);
		expect(test.numUsers).toBe(4);
	});

	it('rejects data without times', () => {
		expect(() => leaveLastOut({ ...data, times: null })).toThrow(/leave-last-out needs interaction times/);
	});
});

describe('predefined splits', () => {
	const data = makeInteractions(6);

	it('selects the given rows', () => {
		const { train, test } = predefinedSplit(data, Int32Array.of(0, 2, 4), Int32Array.of(5, 1));
		expect(Array.from(train.values)).toEqual([0, 2, 4]);
		expect(Array.from(test.values)).toEqual([5, 1]);
	});

	it('rejects overlapping or out-of-range rows', () => {
		expect(() => predefinedSplit(data, Int32Array.of(0, 1), Int32Array.of(1))).toThrow(/row 1 appears twice/);
		expect(() => predefinedSplit(data, Int32Array.of(0), Int32Array.of(6))).toThrow(/invalid test row 6/);
	});

	it('splits two concatenated files at a row', () => {
		const { train, test } = splitAtRow(data, 4);
		expect(Array.from(train.values)).toEqual([0, 1, 2, 3]);
		expect(Array.from(test.values)).toEqual([4, 5]);
		expect(() => splitAtRow(data, 7)).toThrow(/invalid first test row 7/);
	});
});
