import { describe, expect, it } from 'vitest';
import type { Interactions } from '../data/types';
import { checkTemporalLeakage } from './leakage';
import { applyProtocol, assessFolds, describeProtocol, type SplitProtocol } from './protocol';
import { selectRows } from './split';

/** Builds interactions from [user, item, time] rows; values are the row numbers. */
function fromRows(rows: [number, number, number][], numUsers = 3, numItems = 8): Interactions {
	return {
		users: Int32Array.from(rows, (row) => row[0]),
		items: Int32Array.from(rows, (row) => row[1]),
		values: Float32Array.from(rows, (_, index) => index),
		times: Float64Array.from(rows, (row) => row[2]),
		numUsers,
		numItems
	};
}

// Users 0 and 1 have four rows each; user 2 has one.
const data = fromRows([
	[0, 0, 10],
	[0, 1, 20],
	[1, 2, 15],
	[0, 3, 30],
	[1, 4, 25],
	[0, 5, 40],
	[1, 6, 35],
	[1, 7, 45],
	[2, 0, 5]
]);

describe('checkTemporalLeakage', () => {
	it('counts users whose test precedes training', () => {
		// User 0 tests at time 10 but trains at 40: leaky. User 1 tests at 45, after all its training rows.
		const train = selectRows(data, Int32Array.of(1, 2, 3, 4, 5, 6));
		const test = selectRows(data, Int32Array.of(0, 7));
		expect(checkTemporalLeakage(train, test)).toEqual({ checked: true, usersCompared: 2, leakyUsers: 1 });
	});

	it('treats equal times as no leakage', () => {
		const tied = fromRows([
			[0, 0, 10],
			[0, 1, 10]
		]);
		const report = checkTemporalLeakage(selectRows(tied, Int32Array.of(1)), selectRows(tied, Int32Array.of(0)));
		expect(report.leakyUsers).toBe(0);
		expect(report.usersCompared).toBe(1);
	});

	it('reports nothing checked without times', () => {
		const noTimes = { ...data, times: null };
		expect(checkTemporalLeakage(noTimes, noTimes).checked).toBe(false);
	});
});

describe('applyProtocol', () => {
	it('gives temporal protocols no warnings', () => {
		for (const protocol of [{ kind: 'temporal', testFraction: 0.3 }, { kind: 'leave-last-out' }] satisfies SplitProtocol[]) {
			const result = applyProtocol(data, protocol);
			expect(result.warnings).toEqual([]);
			expect(result.folds[0].leakage.leakyUsers).toBe(0);
		}
	});

	it('notes users left without a test set', () => {
		const result = applyProtocol(data, { kind: 'leave-last-out' });
		expect(result.notes).toEqual(['1 user with fewer than 2 interactions stays in training only']);
		expect(Array.from(result.folds[0].test.values)).toEqual([5, 7]);
	});

	it('notes leakage of a random split as information', () => {
		// Search seeds for a random split where some user's test row precedes a training row.
		let leaky = null;
		for (let seed = 0; seed < 50 && !leaky; seed++) {
			const result = applyProtocol(data, { kind: 'random', testFraction: 0.3, seed });
			if (result.folds[0].leakage.leakyUsers > 0) leaky = result;
		}
		expect(leaky).not.toBeNull();
		expect(leaky?.warnings).toEqual([]);
		expect(leaky?.notes.some((note) => /ignores time/.test(note))).toBe(true);
	});

	it('names k-fold folds and keeps all rows', () => {
		const result = applyProtocol(data, { kind: 'k-fold', folds: 3, seed: 1 });
		expect(result.folds.map((fold) => fold.name)).toEqual(['fold 1', 'fold 2', 'fold 3']);
		expect(result.folds.reduce((sum, fold) => sum + fold.test.users.length, 0)).toBe(9);
	});

	it('applies predefined rows', () => {
		const result = applyProtocol(data, { kind: 'predefined', trainRows: Int32Array.of(0, 1), testRows: Int32Array.of(2), label: 'u1' });
		expect(result.label).toBe('u1');
		expect(Array.from(result.folds[0].test.values)).toEqual([2]);
	});
});

describe('leakage guard', () => {
	it('warns when a temporal protocol leaks', () => {
		// A broken leave-last-out that holds out each user's FIRST row: user 0's row at 10, user 1's at 15.
		const train = selectRows(data, Int32Array.of(1, 3, 4, 5, 6, 7, 8));
		const test = selectRows(data, Int32Array.of(0, 2));
		const result = assessFolds({ kind: 'leave-last-out' }, [{ name: 'all', split: { train, test } }]);
		expect(result.warnings).toEqual([
			'temporal leakage: 2 of 2 users have a test interaction earlier than one of their training interactions, which a temporal protocol should rule out'
		]);
	});

	it('only notes the same split under a random protocol', () => {
		const train = selectRows(data, Int32Array.of(1, 3, 4, 5, 6, 7, 8));
		const test = selectRows(data, Int32Array.of(0, 2));
		const result = assessFolds({ kind: 'random', testFraction: 0.2, seed: 0 }, [{ name: 'all', split: { train, test } }]);
		expect(result.warnings).toEqual([]);
		expect(result.notes[0]).toMatch(/^2 of 2 users have a test interaction earlier/);
	});
});

describe('describeProtocol', () => {
	it.each([
		[{ kind: 'random', testFraction: 0.2, seed: 42 }, 'random 80/20 split (seed 42)'],
		[{ kind: 'k-fold', folds: 5, seed: 1 }, '5-fold cross-validation (seed 1)'],
		[{ kind: 'per-user', testShare: 0.25, seed: 3 }, "per-user holdout of 25% of each user's interactions (seed 3)"],
		[{ kind: 'per-user', testShare: 1, seed: 3 }, 'per-user holdout of 1 interaction per user (seed 3)'],
		[{ kind: 'temporal', testFraction: 0.1 }, 'temporal split: latest 10% of interactions by time'],
		[{ kind: 'leave-last-out' }, "leave-last-out: each user's latest interaction by time"],
		[{ kind: 'predefined', trainRows: new Int32Array(0), testRows: new Int32Array(0) }, 'predefined train/test split']
	] satisfies [SplitProtocol, string][])('labels %o', (protocol, label) => {
		expect(describeProtocol(protocol)).toBe(label);
	});
});
