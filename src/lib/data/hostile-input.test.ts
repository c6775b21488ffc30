import { describe, expect, it } from 'vitest';
import type { ColumnMapping, ParseOptions } from './types';
import { parseRatings } from './parse-ratings';
import { sniffFile } from './sniff';
import { buildDataset } from './build-dataset';
import { rejectionOf, textBlob } from './test-support';

const commaHeader: ParseOptions = { delimiter: ',', hasHeader: true, encoding: 'utf-8' };
const threeColumns: ColumnMapping = { user: 0, item: 1, rating: 2, timestamp: null };

describe('odd and hostile input', () => {
	it('drops NaN and infinite ratings with their reason', async () => {
		const parsed = await parseRatings(
			textBlob('user,item,rating\nu1,i1,4\nu1,i2,NaN\nu2,i1,Infinity\nu2,i2,-Infinity\nu3,i1,1e400\nu3,i2,3\n'),
			'odd.csv',
			commaHeader,
			threeColumns
		);
		expect(parsed.users.length).toBe(2);
		const reasons = Object.fromEntries(parsed.dropped.map((entry) => [entry.reason, entry.count]));
		expect(Object.values(reasons).reduce((sum, count) => sum + count, 0)).toBe(4);
		expect(Array.from(parsed.values)).toEqual([4, 3]);
	});

	it('drops empty ids and keeps negative ids as text', async () => {
		const parsed = await parseRatings(textBlob('user,item,rating\n,i1,4\nu1,,3\n-5,i1,2\nu2,-0,5\n'), 'ids.csv', commaHeader, threeColumns);
		expect(parsed.userIds).toEqual(['-5', 'u2']);
		expect(parsed.itemIds).toEqual(['i1', '-0']);
		expect(parsed.dropped.map((entry) => [entry.reason, entry.count])).toEqual([
			['missing user id', 1],
			['missing item id', 1]
		]);
	});

	it('reads a line of a megabyte without hanging', async () => {
		const longId = 'x'.repeat(1_000_000);
		const parsed = await parseRatings(textBlob(`user,item,rating\n${longId},i1,4\nu2,i1,3\n`), 'long.csv', commaHeader, threeColumns);
		expect(parsed.users.length).toBe(2);
		expect(parsed.userIds[0].length).toBe(1_000_000);
	});

	it('rejects a header of a million columns with a clear message', async () => {
		const header = Array.from({ length: 1_000_000 }, (_, index) => `c${index}`).join(',');
		const error = await rejectionOf(
			(async () => {
				const blob = textBlob(`${header}\n`);
				const sniff = await sniffFile(blob, 'wide.csv');
				const parsed = await parseRatings(blob, 'wide.csv', sniff.options, sniff.mapping);
				buildDataset(parsed, null, { id: 'x', name: 'x', sourceFiles: ['wide.csv'], mapping: sniff.mapping });
			})()
		);
		expect(error.message).toMatch(/^wide\.csv/);
	}, 30_000);

	it('rejects a binary file renamed .csv', async () => {
		const bytes = new Uint8Array(4096);
		for (let index = 0; index < bytes.length; index++) bytes[index] = (index * 7919) % 256;
		const error = await rejectionOf(sniffFile(new Blob([bytes]), 'photo.csv'));
		expect(error.message).toContain('photo.csv');
		expect(error.message).toMatch(/text file/);
	});
});
