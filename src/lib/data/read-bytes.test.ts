import { describe, expect, it } from 'vitest';
import type { ColumnMapping, ParseOptions } from './types';
import { parseRatings, type ParsedRatings } from './parse-ratings';
import { canReadPlainBytes, streamPlainRows, type NumericRowHandler } from './read-bytes';
import { latin1Blob, textBlob } from './test-support';

const mapping: ColumnMapping = { user: 0, item: 1, rating: 2, timestamp: 3 };

/** 150 plain rows, so the bytes path takes over after the first 100 rating checks. */
function plainRows(count: number, firstUser = 1): string[] {
	return Array.from({ length: count }, (_, index) => `${firstUser + (index % 7)},${100 + ((index * 13) % 37)},${(index % 10) / 2 + 0.5},${1_000_000_000 + index}`);
}

const oddRows = [
	'007,5,4,1000000000',
	' 8,5,4,1000000000',
	'',
	'9,5,4',
	'9,5,four,1000000000',
	'9,5,4,1000000000,',
	'12345678901234567,5,4,1000000000',
	'5000000,6000000,4,1000000000',
	'10,5,.5,1000000000',
	'10,6,5.,1000000000',
	'10,7,-1,1000000000',
	'10,8,3,1445714836000',
	'10,9,3,2015-10-24T19:27:16Z',
	'é1,5,3,1000000000',
	'10,10,3.25,1000000000.5',
	'1,1,1234567890123456,1000000000',
	'0,0,0,0'
];

const cases: Record<string, string> = {
	'plain rows': ['userId,movieId,rating,timestamp', ...plainRows(150), ''].join('\n'),
	'odd rows among plain ones': ['userId,movieId,rating,timestamp', ...plainRows(120), ...oddRows, ...plainRows(30, 20)].join('\n'),
	'CRLF line endings': ['userId,movieId,rating,timestamp', ...plainRows(120), ...oddRows, ''].join('\r\n'),
	'a byte-order mark': '\uFEFF' + ['userId,movieId,rating,timestamp', ...plainRows(110), ''].join('\n'),
	'a quoted field after plain rows': ['userId,movieId,rating,timestamp', ...plainRows(120), '"1","2",3,1000000000', '"4', '5",6,3,1000000000', ...plainRows(5), ''].join('\n'),
	'a carriage return inside LF rows': ['userId,movieId,rating,timestamp', ...plainRows(120), '3,4,5,1000000000\r', ...plainRows(5)].join('\n'),
	'a lone line feed among CRLF rows': ['userId,movieId,rating,timestamp', ...plainRows(120)].join('\r\n') + '\n3,4,5,1000000000\r\n'
};

/** Reads `text` once through the bytes path (delimiter ",") and once through papaparse (the same rows with "::"). */
async function readBothWays(text: string, chunkBytes?: number): Promise<[ParsedRatings, ParsedRatings]> {
	const comma: ParseOptions = { delimiter: ',', hasHeader: true, encoding: 'utf-8' };
	const colons: ParseOptions = { ...comma, delimiter: '::' };
	expect(canReadPlainBytes(comma)).toBe(true);
	expect(canReadPlainBytes(colons)).toBe(false);
	const bytes = await parseRatings(textBlob(text), 'rows.csv', comma, mapping, { chunkBytes });
	const papa = await parseRatings(textBlob(text.replaceAll(',', '::')), 'rows.csv', colons, mapping, { chunkBytes });
	return [bytes, papa];
}

function comparable(parsed: ParsedRatings) {
	return {
		userIds: parsed.userIds,
		itemIds: parsed.itemIds,
		users: [...parsed.users],
		items: [...parsed.items],
		values: [...parsed.values],
		times: parsed.times ? [...parsed.times] : null,
		lines: Array.from(parsed.users, (_, row) => parsed.lines?.lineOf(row)),
		rowsRead: parsed.rowsRead,
		dropped: parsed.dropped.map((entry) => ({
			...entry,
			examples: entry.examples.map((example) => ({ ...example, value: example.value.replaceAll('::', ',') }))
		})),
		warnings: parsed.warnings
	};
}

describe('streamPlainRows', () => {
	for (const [name, text] of Object.entries(cases)) {
		it.each([undefined, 1, 3, 7, 64])(`matches papaparse on ${name} (%s-byte pieces)`, async (chunkBytes) => {
			const [bytes, papa] = await readBothWays(text, chunkBytes);
			expect(comparable(bytes)).toEqual(comparable(papa));
		});
	}

	it.each([undefined, 1, 5, 64])('parses plain rows itself (%s-byte pieces)', async (chunkBytes) => {
		const text = ['userId,movieId,rating,timestamp', ...plainRows(300), ''].join('\n');
		let numericRows = 0;
		let otherRows = 0;
		const numeric: NumericRowHandler = {
			columns: () => (otherRows === 0 ? null : { columnCount: 4, user: 0, item: 1, rating: 2, timestamp: 3 }),
			onNumericRow: () => numericRows++
		};
		const options: ParseOptions = { delimiter: ',', hasHeader: true, encoding: 'utf-8' };
		await streamPlainRows(textBlob(text), 'rows.csv', options, () => otherRows++, numeric, { chunkBytes });
		// The header goes to the general handler, every data row to the numeric one.
		expect(otherRows).toBe(1);
		expect(numericRows).toBe(300);
	});

	it('keeps ids exact and shares indices across paths', async () => {
		const [bytes] = await readBothWays(cases['odd rows among plain ones']);
		expect(bytes.userIds).toContain('007');
		expect(bytes.userIds).toContain('12345678901234567');
		expect(bytes.userIds).toContain('5000000');
		expect(bytes.itemIds).toContain('6000000');
		// User "1" first appears in the rows checked before the bytes path starts, then in plain rows.
		expect(bytes.userIds.filter((id) => id === '1')).toHaveLength(1);
	});

	it('counts invalid UTF-8 bytes', async () => {
		const text = ['userId,movieId,rating,timestamp', ...plainRows(120), '\xe91,5,3,1000000000', ''].join('\n');
		const parsed = await parseRatings(latin1Blob(text), 'rows.csv', { delimiter: ',', hasHeader: true, encoding: 'utf-8' }, mapping);
		expect(parsed.userIds).toContain('\uFFFD1');
		expect(parsed.warnings.join(' ')).toContain('1 characters are not valid utf-8');
	});

	it('reads latin-1 ids through the decoder', async () => {
		const text = ['userId,movieId,rating,timestamp', ...plainRows(120), '\xe91,5,3,1000000000', ''].join('\n');
		const parsed = await parseRatings(latin1Blob(text), 'rows.csv', { delimiter: ',', hasHeader: true, encoding: 'latin1' }, mapping);
		expect(parsed.userIds).toContain('é1');
		expect(parsed.warnings).toEqual([]);
	});

	it('leaves other layouts and delimiters to papaparse', () => {
		const base: ParseOptions = { delimiter: ',', hasHeader: true, encoding: 'utf-8' };
		expect(canReadPlainBytes({ ...base, delimiter: '\t' })).toBe(true);
		expect(canReadPlainBytes({ ...base, delimiter: '.' })).toBe(false);
		expect(canReadPlainBytes({ ...base, encoding: 'utf-16le' })).toBe(false);
		expect(canReadPlainBytes({ ...base, layout: 'wide-matrix' })).toBe(false);
	});
});
