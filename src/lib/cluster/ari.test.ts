import { describe, expect, it } from 'vitest';
import { adjustedRandIndex } from './ari';

describe('adjustedRandIndex', () => {
	it('is 1 for identical partitions', () => {
		expect(adjustedRandIndex([0, 0, 1, 1, 2], [0, 0, 1, 1, 2])).toBe(1);
	});

	it('is 1 when only the labels differ', () => {
		expect(adjustedRandIndex([0, 0, 1, 1, 2], ['b', 'b', 'c', 'c', 'a'])).toBe(1);
	});

	it('matches a worked 2×2 contingency table', () => {
		// Points: first = [A A A B B B], second = [x x y y y y].
		// Table: A∩x = 2, A∩y = 1, B∩x = 0, B∩y = 3.
		// Σ C(nij, 2) = 1 + 0 + 0 + 3 = 4; rows C(3,2) + C(3,2) = 6; columns C(2,2) + C(4,2) = 7.
		// E = 6 × 7 / C(6, 2) = 42 / 15 = 2.8; max = (6 + 7) / 2 = 6.5.
		// ARI = (4 − 2.8) / (6.5 − 2.8) = 1.2 / 3.7.
		const ari = adjustedRandIndex(['A', 'A', 'A', 'B', 'B', 'B'], ['x', 'x', 'y', 'y', 'y', 'y']);
		expect(ari).toBeCloseTo(1.2 / 3.7, 12);
	});

	it('is negative for crossed partitions', () => {
		// Every cell of the table [[1, 1], [1, 1]] contains one point, so Σ C(nij, 2) = 0.
		// Rows and columns give 2 pairs each, E = 2 × 2 / C(4, 2) = 2/3 and max = 2,
		// so ARI = (0 − 2/3) / (2 − 2/3) = −0.5.
		expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 12);
	});

	it('rejects labelings of different lengths', () => {
		expect(() => adjustedRandIndex([0, 1], [0])).toThrow(/different lengths 2 and 1/);
	});
});
