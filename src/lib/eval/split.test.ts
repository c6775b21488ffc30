import { describe, expect, it } from 'vitest';
import type { Interactions } from '../data/types';
import { randomSplit } from './split';

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
