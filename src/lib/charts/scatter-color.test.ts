import { describe, expect, it } from 'vitest';
import { CATEGORY_PALETTE, categoricalColors, MISSING_COLOR, OTHER_COLOR, packColor, sequentialColors, unpackColor } from './scatter-color';

describe('packColor', () => {
	it('round-trips through unpackColor', () => {
		expect(unpackColor(packColor('#1f77b4'))).toBe('#1f77b4');
	});

	it('stores red in the lowest byte', () => {
		expect(packColor('#ff0000')).toBe(0xff0000ff);
	});
});

describe('categoricalColors', () => {
	it('counts points per category and marks missing ones', () => {
		const colors = categoricalColors(Int32Array.from([0, 1, 1, -1]), ['a', 'b'], 'Cluster');
		expect(colors.legend.kind).toBe('categorical');
		if (colors.legend.kind !== 'categorical') return;
		expect(colors.legend.entries.map((entry) => [entry.label, entry.count])).toEqual([
			['a', 1],
			['b', 2],
			['none', 1]
		]);
		expect(colors.packed[3]).toBe(packColor(MISSING_COLOR));
	});

	it('groups categories beyond the palette as other', () => {
		const labels = Array.from({ length: CATEGORY_PALETTE.length + 5 }, (_, index) => `c${index}`);
		const colors = categoricalColors(Int32Array.from(labels.keys()), labels, 'Genre');
		if (colors.legend.kind !== 'categorical') throw new Error('expected a categorical legend');
		expect(colors.legend.entries).toHaveLength(CATEGORY_PALETTE.length);
		expect(colors.legend.entries.at(-1)).toEqual({ label: 'other (6)', color: OTHER_COLOR, count: 6 });
		expect(colors.packed.at(-1)).toBe(packColor(OTHER_COLOR));
	});
});

describe('sequentialColors', () => {
	it('spans the finite values and counts NaN as missing', () => {
		const colors = sequentialColors(Float32Array.from([1, 3, Number.NaN, 5]), 'Mean rating');
		if (colors.legend.kind !== 'sequential') throw new Error('expected a sequential legend');
		expect(colors.legend.min).toBe(1);
		expect(colors.legend.max).toBe(5);
		expect(colors.legend.missing).toBe(1);
		expect(colors.packed[2]).toBe(packColor(MISSING_COLOR));
		expect(colors.packed[0]).not.toBe(colors.packed[3]);
	});

	it('treats zero as missing on a log scale', () => {
		const colors = sequentialColors(Float32Array.from([0, 10, 1000]), 'Interactions', true);
		if (colors.legend.kind !== 'sequential') throw new Error('expected a sequential legend');
		expect(colors.legend.missing).toBe(1);
		expect(colors.legend.min).toBe(10);
	});
});
