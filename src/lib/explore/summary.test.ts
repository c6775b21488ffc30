import { describe, expect, it } from 'vitest';
import type { Dataset } from '../data/types';
import { computeDatasetStats } from './stats';
import { coldTable, formatPercent, histogramTable, summaryStats } from './summary';
import { chartFileName } from '../charts/export';

const dataset: Dataset = {
	id: 'tiny',
	name: 'tiny',
	kind: 'explicit',
	scale: { min: 1, max: 5, step: 1 },
	interactions: {
		users: Int32Array.from([0, 0, 1]),
		items: Int32Array.from([0, 1, 0]),
		values: Float32Array.from([5, 3, 4]),
		times: null,
		numUsers: 2,
		numItems: 2
	},
	ids: { userIds: ['a', 'b'], itemIds: ['x', 'y'] },
	items: { titles: ['X', 'Y'], genres: [['Drama'], []], unmatchedIds: 1 },
	sourceFiles: [],
	mapping: { user: 0, item: 1, rating: 2, timestamp: null },
	report: { rowsRead: 3, rowsKept: 3, dropped: [], duplicatesMerged: 0, warnings: [] },
	createdAt: 0
};
const stats = computeDatasetStats(dataset);

describe('explore summary', () => {
	it('formats percentages', () => {
		expect(formatPercent(0)).toBe('0%');
		expect(formatPercent(0.00001)).toBe('< 0.01%');
		expect(formatPercent(0.0075)).toBe('0.75%');
		expect(formatPercent(0.5)).toBe('50.0%');
	});

	it('lists the headline numbers', () => {
		const byLabel = Object.fromEntries(summaryStats(stats).map((stat) => [stat.label, stat]));
		expect(byLabel['Users'].value).toBe('2');
		expect(byLabel['Items'].hint).toBe('+1 in the metadata only');
		expect(byLabel['Density'].value).toBe('75.0%');
		expect(byLabel['Feedback'].value).toBe('explicit 1–5');
		expect(byLabel['Mean rating'].value).toBe('4');
		expect(byLabel['Time span']).toBeUndefined();
	});

	it('builds the cold table with shares', () => {
		const table = coldTable(stats);
		// Users have 2 and 1 interactions; items 2, 1 and one metadata-only item with 0.
		expect(table.rows[0]).toEqual(['no interactions', 0, '0%', 1, '33.3%']);
		expect(table.rows[1]).toEqual(['fewer than 5 (≤ 4)', 2, '100.0%', 3, '100.0%']);
	});

	it('adds shares to a histogram table', () => {
		const table = histogramTable(stats.valueHistogram.bars, 'rating', 'Interactions');
		expect(table.rows.map((row) => row[2])).toEqual(['0%', '0%', '33.3%', '33.3%', '33.3%']);
	});

	it('names chart files after the title', () => {
		expect(chartFileName('Item popularity (long tail)', 'svg')).toBe('item-popularity-long-tail.svg');
		expect(chartFileName('Genres: top 3 of 3', 'png')).toBe('genres-top-3-of-3.png');
		expect(chartFileName('???', 'png')).toBe('chart.png');
	});
});
