import { describe, expect, it } from 'vitest';
import type { ColumnMapping, ImportSettings, ParseOptions } from './types';
import { DEFAULT_IMPORT_SETTINGS } from './types';
import { buildDataset, detectScale } from './build-dataset';
import type { ParsedItems } from './parse-items';
import { parseRatings } from './parse-ratings';
import { rejectionOf, textBlob } from './test-support';

const options: ParseOptions = { delimiter: ',', hasHeader: true, encoding: 'utf-8' };
const withTime: ColumnMapping = { user: 0, item: 1, rating: 2, timestamp: 3 };
const withoutTime: ColumnMapping = { user: 0, item: 1, rating: 2, timestamp: null };

async function build(text: string, mapping: ColumnMapping, items: ParsedItems | null = null) {
	const ratings = await parseRatings(textBlob(text), 'ratings.csv', options, mapping);
	return buildDataset(ratings, items, { id: 'test', name: 'Test', sourceFiles: ['ratings.csv'], mapping });
}

describe('buildDataset duplicates', () => {
	it('keeps the latest timestamp', async () => {
		const text = [
			'userId,itemId,rating,timestamp',
			'31,700,3,1500000000',
			'31,700,5,1500086400',
			'32,700,4,1500000100',
			'31,701,2,1500000200',
			'31,700,1,1400000000'
		].join('\n');
		const dataset = await build(text, withTime);

		expect(dataset.report.duplicatesMerged).toBe(2);
		expect(dataset.report.rowsRead).toBe(5);
		expect(dataset.report.rowsKept).toBe(3);
		expect([...dataset.interactions.users]).toEqual([0, 1, 0]);
		expect([...dataset.interactions.items]).toEqual([0, 0, 1]);
		expect([...dataset.interactions.values]).toEqual([5, 4, 2]);
		expect([...(dataset.interactions.times ?? [])]).toEqual([1500086400_000, 1500000100_000, 1500000200_000]);
		expect(dataset.report.warnings).toContain('2 repeated user–item pairs were merged, keeping the latest timestamp.');
	});

	it('keeps the last row without timestamps', async () => {
		const dataset = await build('u,i,rating\n1,a,2\n1,b,3\n1,a,4\n', withoutTime);

		expect(dataset.report.duplicatesMerged).toBe(1);
		expect([...dataset.interactions.items]).toEqual([1, 0]);
		expect([...dataset.interactions.values]).toEqual([3, 4]);
	});

	it('keeps the later row on equal timestamps', async () => {
		const dataset = await build('u,i,rating,t\n1,a,2,100\n1,a,4,100\n', withTime);

		expect([...dataset.interactions.values]).toEqual([4]);
	});
});

describe('buildDataset kind and scale', () => {
	it.each([
		['1..5 integers', [1, 2, 3, 4, 5, 3], { kind: 'explicit', scale: { min: 1, max: 5, step: 1 } }],
		['half stars', [0.5, 1, 4.5, 5, 3], { kind: 'explicit', scale: { min: 0.5, max: 5, step: 0.5 } }],
		['1..10', [1, 10, 7, 8], { kind: 'explicit', scale: { min: 1, max: 10, step: 1 } }],
		['tenths', [0.1, 0.2, 0.5], { kind: 'explicit', scale: { min: 0.1, max: 0.5, step: 0.1 } }],
		['play counts', [1, 250, 13, 4000], { kind: 'implicit', scale: null }],
		['all ones', [1, 1, 1], { kind: 'implicit', scale: null }],
		['hours', Array.from({ length: 30 }, (_, index) => index * 0.7), { kind: 'implicit', scale: null }]
	])('reads %s', (_, values, expected) => {
		expect(detectScale(new Float32Array(values), true)).toEqual(expected);
	});

	it('calls data without a rating column implicit', () => {
		expect(detectScale(new Float32Array([1, 1]), false)).toEqual({ kind: 'implicit', scale: null });
	});
});

describe('buildDataset item metadata', () => {
	it('joins titles by external id', async () => {
		const items: ParsedItems = {
			ids: ['b', 'zz', 'a'],
			titles: ['Bee', 'Never rated', 'Ay'],
			genres: [['Drama'], [], ['Comedy', 'War']],
			warnings: []
		};
		const dataset = await build('u,i,rating\n1,a,2\n1,b,3\n2,c,4\n', withoutTime, items);

		expect(dataset.ids.itemIds).toEqual(['a', 'b', 'c']);
		expect(dataset.items).toEqual({
			titles: ['Ay', 'Bee', ''],
			genres: [['Comedy', 'War'], ['Drama'], []],
			unmatchedIds: 1
		});
		expect(dataset.report.warnings).toContain('1 rated items have no entry in the item file and have no title.');
	});

	it('fills the dataset fields', async () => {
		const before = Date.now();
		const dataset = await build('u,i,rating\n1,a,2\n2,b,3\n', withoutTime);

		expect(dataset.id).toBe('test');
		expect(dataset.name).toBe('Test');
		expect(dataset.sourceFiles).toEqual(['ratings.csv']);
		expect(dataset.mapping).toEqual(withoutTime);
		expect(dataset.items).toBeNull();
		expect(dataset.interactions.numUsers).toBe(2);
		expect(dataset.interactions.numItems).toBe(2);
		expect(dataset.interactions.times).toBeNull();
		expect(dataset.createdAt).toBeGreaterThanOrEqual(before);
	});
});

describe('buildDataset value settings', () => {
	const text = 'u,i,plays\n1,a,1\n1,b,5\n2,a,12\n2,c,0\n3,b,30\n';
	const settingsWith = (changes: Partial<ImportSettings>): ImportSettings => ({ ...DEFAULT_IMPORT_SETTINGS, ...changes });

	async function buildWith(settings: ImportSettings) {
		const ratings = await parseRatings(textBlob(text), 'plays.csv', options, withoutTime);
		return buildDataset(ratings, null, { id: 't', name: 'T', sourceFiles: ['plays.csv'], mapping: withoutTime }, settings);
	}

	it('drops values outside the range', async () => {
		const dataset = await buildWith(settingsWith({ valueRange: { min: 1, max: 20 } }));

		// 0 (line 5) and 30 (line 6) fall outside 1..20.
		expect(dataset.report.dropped).toEqual([
			{
				reason: 'value outside the chosen range',
				count: 2,
				examples: [
					{ line: 5, value: '0' },
					{ line: 6, value: '30' }
				]
			}
		]);
		expect(dataset.ids.itemIds).toEqual(['a', 'b']);
		expect(dataset.ids.userIds).toEqual(['1', '2']);
	});

	it('keeps positives at the threshold as 1', async () => {
		const dataset = await buildWith(settingsWith({ positiveThreshold: 5 }));

		// 1 and 0 are below 5; 5, 12 and 30 become 1.
		expect(dataset.kind).toBe('implicit');
		expect(dataset.report.dropped[0]).toMatchObject({ reason: 'below the positive threshold', count: 2 });
		expect([...dataset.interactions.values]).toEqual([1, 1, 1]);
		expect(dataset.report.settings?.positiveThreshold).toBe(5);
	});

	it('ignores the threshold for explicit feedback', async () => {
		const dataset = await buildWith(settingsWith({ feedback: 'explicit', positiveThreshold: 5 }));

		expect(dataset.report.dropped).toEqual([]);
		expect(dataset.report.warnings).toContain('The positive threshold was ignored, because it applies to implicit feedback only.');
	});

	it('repeats the k-core filter until stable', async () => {
		// Round 1 drops user 3 (1 row), then items b and c, which have one row each (2 rows).
		// Users 1 and 2 are then left with one row each, so round 2 drops them (2 rows).
		const error = await rejectionOf(buildWith(settingsWith({ minUserInteractions: 2, minItemInteractions: 2 })));

		expect(error.message).toBe(
			'plays.csv: no interactions are left after the import settings (5 rows read; dropped: ' +
				'3 × user has fewer than 2 interactions (k-core); 2 × item has fewer than 2 interactions (k-core)). ' +
				'Lower the minimum interactions per user or item, or widen the value range.'
		);
	});
});
