import { describe, expect, it } from 'vitest';
import type { ColumnMapping, ParseOptions, Progress } from './types';
import { IngestError } from './errors';
import { parseRatings } from './parse-ratings';
import { fixtureBlob, latin1Blob, rejectionOf, textBlob } from './test-support';

const tabNoHeader: ParseOptions = { delimiter: '\t', hasHeader: false, encoding: 'utf-8' };
const commaHeader: ParseOptions = { delimiter: ',', hasHeader: true, encoding: 'utf-8' };
const fourColumns: ColumnMapping = { user: 0, item: 1, rating: 2, timestamp: 3 };
const threeColumns: ColumnMapping = { user: 0, item: 1, rating: 2, timestamp: null };

describe('parseRatings formats', () => {
	it('reads u.data-style tab-separated rows', async () => {
		const parsed = await parseRatings(fixtureBlob('u-data-tab.tsv'), 'u.data', tabNoHeader, fourColumns);

		expect(parsed.userIds).toEqual(['196', '186', '22', '244']);
		expect(parsed.itemIds).toEqual(['242', '302', '377', '51']);
		expect([...parsed.users]).toEqual([0, 1, 2, 3, 0]);
		expect([...parsed.items]).toEqual([0, 1, 2, 3, 2]);
		expect([...parsed.values]).toEqual([3, 3, 1, 2, 5]);
		expect(parsed.times?.[0]).toBe(881250949_000);
		expect(parsed.columnNames).toEqual(['column 1', 'column 2', 'column 3', 'column 4']);
		expect(parsed.rowsRead).toBe(5);
		expect(parsed.dropped).toEqual([]);
	});

	it('reads ratings.csv-style CRLF with a header', async () => {
		const parsed = await parseRatings(fixtureBlob('ratings-crlf.csv'), 'ratings.csv', commaHeader, fourColumns);

		expect(parsed.columnNames).toEqual(['userId', 'movieId', 'rating', 'timestamp']);
		expect(parsed.itemIds).toEqual(['1', '3', '007']);
		expect([...parsed.values]).toEqual([4, 4.5, 0.5, 3]);
		expect(parsed.times?.[3]).toBe(1445714836_000);
		expect(parsed.rowsRead).toBe(4);
		expect(parsed.dropped).toEqual([]);
	});

	it('reads ratings.dat-style "::" rows', async () => {
		const options: ParseOptions = { delimiter: '::', hasHeader: false, encoding: 'utf-8' };
		const parsed = await parseRatings(fixtureBlob('ratings-double-colon.dat'), 'ratings.dat', options, fourColumns);

		expect(parsed.userIds).toEqual(['1', '2']);
		expect(parsed.itemIds).toEqual(['1193', '661']);
		expect([...parsed.values]).toEqual([5, 3, 4]);
		expect(parsed.times?.[2]).toBe(978298413_000);
	});

	it('keeps leading zeros in ids', async () => {
		const options: ParseOptions = { delimiter: ',', hasHeader: false, encoding: 'utf-8' };
		const parsed = await parseRatings(fixtureBlob('leading-zeros.csv'), 'ids.csv', options, threeColumns);

		expect(parsed.userIds).toEqual(['0042', '42']);
		expect(parsed.itemIds).toEqual(['0007', '7']);
		expect([...parsed.users]).toEqual([0, 1, 0]);
		expect([...parsed.items]).toEqual([0, 1, 1]);
	});

	it('skips a UTF-8 byte-order mark before the header', async () => {
		const blob = new Blob([new Uint8Array([0xef, 0xbb, 0xbf]), 'userId,itemId,rating\n501,9001,4\n']);
		const parsed = await parseRatings(blob, 'bom.csv', commaHeader, threeColumns);

		expect(parsed.columnNames).toEqual(['userId', 'itemId', 'rating']);
		expect(parsed.userIds).toEqual(['501']);
	});

	it('decodes latin-1 ids', async () => {
		const options: ParseOptions = { delimiter: ',', hasHeader: false, encoding: 'latin1' };
		const parsed = await parseRatings(latin1Blob('Jos\xe9,Caf\xe9,4\n'), 'latin.csv', options, threeColumns);

		expect(parsed.userIds).toEqual(['José']);
		expect(parsed.itemIds).toEqual(['Café']);
		expect(parsed.warnings).toEqual([]);
	});

	it('warns about bytes that are invalid UTF-8', async () => {
		const parsed = await parseRatings(latin1Blob('1,Caf\xe9,4\n'), 'latin.csv', {
			...commaHeader,
			hasHeader: false
		}, threeColumns);

		expect(parsed.itemIds).toEqual(['Caf\uFFFD']);
		expect(parsed.warnings).toEqual([
			'latin.csv: 1 characters are not valid utf-8 and show as "\uFFFD". If names look wrong, choose another encoding, such as latin-1.'
		]);
	});

	it('reads UTF-16 LE with a byte-order mark', async () => {
		const blob = new Blob([Buffer.from('\ufeffuserId,itemId,rating\r\n1,Café Noir,5\r\n', 'utf16le')]);
		const options: ParseOptions = { delimiter: ',', hasHeader: true, encoding: 'utf-16le' };
		const parsed = await parseRatings(blob, 'utf16.csv', options, threeColumns);

		expect(parsed.itemIds).toEqual(['Café Noir']);
		expect([...parsed.values]).toEqual([5]);
	});

	it('counts every row as 1 without a rating column', async () => {
		const mapping: ColumnMapping = { user: 0, item: 1, rating: null, timestamp: null };
		const parsed = await parseRatings(fixtureBlob('u-data-tab.tsv'), 'u.data', tabNoHeader, mapping);

		expect([...parsed.values]).toEqual([1, 1, 1, 1, 1]);
		expect(parsed.times).toBeNull();
	});
});

describe('parseRatings chunk boundaries', () => {
	const text = 'user,item,rating,timestamp\r\n"u,1",a,4,1500000000\r\nü2,b,3.5,1500000001000\r\n\r\nu3,c,2,2015-08-16T03:00:00Z\r\n';

	it.each([1, 2, 3, 5, 7, 64])('gives the same rows with %i-byte chunks', async (chunkBytes) => {
		const parsed = await parseRatings(textBlob(text), 'chunks.csv', commaHeader, fourColumns, { chunkBytes });

		expect(parsed.userIds).toEqual(['u,1', 'ü2', 'u3']);
		expect(parsed.itemIds).toEqual(['a', 'b', 'c']);
		expect([...parsed.values]).toEqual([4, 3.5, 2]);
		expect([...(parsed.times ?? [])]).toEqual([1500000000_000, 1500000001000, Date.UTC(2015, 7, 16, 3)]);
		expect(parsed.rowsRead).toBe(3);
	});

	it('splits CRLF between chunks without an empty row', async () => {
		// 18-byte chunks end the first data line right after its '\r'.
		const crlf = 'u,i,rating\r\n1,2,3\r\n4,5,1\r\n';
		expect(crlf.indexOf('\r', 12)).toBe(17);
		const parsed = await parseRatings(textBlob(crlf), 'crlf.csv', commaHeader, threeColumns, { chunkBytes: 18 });

		expect(parsed.userIds).toEqual(['1', '4']);
		expect([...parsed.values]).toEqual([3, 1]);
		expect(parsed.dropped).toEqual([]);
	});

	it('reports progress in bytes', async () => {
		const events: Progress[] = [];
		const blob = textBlob(text);
		await parseRatings(blob, 'chunks.csv', commaHeader, fourColumns, {
			chunkBytes: 16,
			onProgress: (progress) => events.push(progress)
		});

		expect(events.length).toBeGreaterThan(0);
		expect(events.every((event) => event.phase === 'parsing' && event.total === blob.size)).toBe(true);
		expect(events[events.length - 1].done).toBe(blob.size);
	});

	it('stops with an AbortError when cancelled', async () => {
		const controller = new AbortController();
		controller.abort();
		const error = await rejectionOf(
			parseRatings(textBlob(text), 'chunks.csv', commaHeader, fourColumns, { signal: controller.signal })
		);

		expect(error.name).toBe('AbortError');
	});
});

describe('parseRatings dropped rows', () => {
	it('counts rows by reason with line numbers', async () => {
		const text = [
			'user,item,rating,timestamp',
			'1,10,4,1500000000',
			',10,4,1500000000',
			'2,,3,1500000000',
			'3,10,abc,1500000000',
			'4,10,,1500000000',
			'5,10,2,yesterday',
			'6,10,2',
			'7,11,5,1500000000'
		].join('\n');
		const parsed = await parseRatings(textBlob(text), 'ratings.csv', commaHeader, fourColumns);

		expect(parsed.rowsRead).toBe(8);
		expect(parsed.users.length).toBe(2);
		expect(parsed.userIds).toEqual(['1', '7']);
		expect(parsed.dropped).toEqual([
			{ reason: 'missing user id', count: 1, examples: [{ line: 3, value: ',10,4,1500000000' }] },
			{ reason: 'missing item id', count: 1, examples: [{ line: 4, value: '2,,3,1500000000' }] },
			{ reason: 'rating is not a number', count: 1, examples: [{ line: 5, value: 'abc' }] },
			{ reason: 'missing rating', count: 1, examples: [{ line: 6, value: '' }] },
			{ reason: 'invalid timestamp', count: 1, examples: [{ line: 7, value: 'yesterday' }] },
			{ reason: 'wrong number of columns', count: 1, examples: [{ line: 8, value: '6,10,2' }] }
		]);
	});

	it('keeps five examples per reason', async () => {
		const lines = ['u,i,rating', ...Array.from({ length: 7 }, (_, index) => `${index},1,x`), '9,1,3'];
		const parsed = await parseRatings(textBlob(lines.join('\n')), 'ratings.csv', commaHeader, threeColumns);

		expect(parsed.dropped[0].count).toBe(7);
		expect(parsed.dropped[0].examples.map((example) => example.line)).toEqual([2, 3, 4, 5, 6]);
	});

	it('counts lines inside quoted fields', async () => {
		const text = 'u,i,rating\n"multi\nline",1,x\n2,1,3\n3,1,y\n';
		const parsed = await parseRatings(textBlob(text), 'ratings.csv', commaHeader, threeColumns);

		expect(parsed.dropped[0].examples).toEqual([
			{ line: 2, value: 'x' },
			{ line: 5, value: 'y' }
		]);
	});

	it('reads decimal commas and warns', async () => {
		const options: ParseOptions = { delimiter: ';', hasHeader: true, encoding: 'utf-8' };
		const text = 'userId;movieId;rating\n1;31;2,5\n1;1029;3\n';
		const parsed = await parseRatings(textBlob(text), 'semicolon.csv', options, threeColumns);

		expect([...parsed.values]).toEqual([2.5, 3]);
		expect(parsed.warnings).toEqual(['1 ratings use a decimal comma (such as "3,5") and were read as decimals.']);
	});
});

describe('parseRatings fatal errors', () => {
	async function messageOf(blob: Blob, options: ParseOptions, mapping: ColumnMapping): Promise<string> {
		const error = await rejectionOf(parseRatings(blob, 'ratings.csv', options, mapping));
		expect(error).toBeInstanceOf(IngestError);
		return error.message;
	}

	it('rejects an empty file', async () => {
		expect(await messageOf(textBlob(''), commaHeader, threeColumns)).toBe(
			'ratings.csv is empty: choose a file with one interaction per line.'
		);
	});

	it('rejects a file of blank lines', async () => {
		expect(await messageOf(textBlob('\n\n  \n'), commaHeader, threeColumns)).toBe(
			'ratings.csv is empty: choose a file with one interaction per line.'
		);
	});

	it('rejects a header without rows', async () => {
		expect(await messageOf(textBlob('user,item,rating\n'), commaHeader, threeColumns)).toBe(
			'ratings.csv has a header row but no data rows: choose a file with one interaction per line.'
		);
	});

	it('rejects a binary file', async () => {
		const blob = new Blob([new Uint8Array([0x1, 0x0, 0x0, 0x0, 0x7, 0x0, 0x31, 0x2c, 0x32])]);
		expect(await messageOf(blob, commaHeader, threeColumns)).toBe(
			'ratings.csv does not look like a text file (it contains binary bytes): ' +
				'choose a CSV, TSV or .dat file with one interaction per line.'
		);
	});

	it('rejects a rating column without numbers', async () => {
		const text = 'user,item,rating\n1,10,abc\n2,10,good\n';
		const error = await rejectionOf(parseRatings(textBlob(text), 'ratings.csv', commaHeader, threeColumns));

		expect(error.message).toBe(
			'ratings.csv: column "rating" has no numeric values in the first 2 rows (first value "abc" on line 2). ' +
				'Choose the column that holds ratings, or set it to "none" for implicit data.'
		);
		expect(error).toMatchObject({ fileName: 'ratings.csv', line: 2, column: 'rating', value: 'abc' });
	});

	it('rejects after 100 rows without a numeric rating', async () => {
		const rows = Array.from({ length: 150 }, (_, index) => `${index},1,title ${index}`);
		const text = ['user,item,rating', ...rows].join('\n');
		expect(await messageOf(textBlob(text), commaHeader, threeColumns)).toBe(
			'ratings.csv: column "rating" has no numeric values in the first 100 rows (first value "title 0" on line 2). ' +
				'Choose the column that holds ratings, or set it to "none" for implicit data.'
		);
	});

	it('rejects ragged rows in the majority', async () => {
		const text = 'user,item,rating,timestamp\n1,10,4,1500000000\n2;10;4;1500000000\n3;11;5;1500000000\n';
		expect(await messageOf(textBlob(text), commaHeader, fourColumns)).toBe(
			'ratings.csv: 2 of 3 rows do not have the expected 4 columns. Line 3 is the first that differs, with 1 column. ' +
				'Check the delimiter (now ",") and whether the first row is a header.'
		);
	});

	it('rejects a file where every row is invalid', async () => {
		const text = 'user,item,rating\n,10,4\n,11,5\n';
		expect(await messageOf(textBlob(text), commaHeader, threeColumns)).toBe(
			'ratings.csv: none of the 2 rows could be read (first problem: missing user id on line 2). ' +
				'Check the column mapping and the delimiter.'
		);
	});

	it('rejects a mapping past the last column', async () => {
		expect(await messageOf(fixtureBlob('u-data-tab.tsv'), tabNoHeader, { ...fourColumns, timestamp: 4 })).toBe(
			'ratings.csv: the timestamp is mapped to column 5, but the first row has 4 columns. ' +
				'Check the delimiter and the column mapping.'
		);
	});

	it('rejects an unterminated quote', async () => {
		const text = 'user,item,rating\n"1,10,4\n' + '2,10,4\n'.repeat(1_300_000);
		expect(await messageOf(textBlob(text), commaHeader, threeColumns)).toBe(
			'ratings.csv: line 2 opens a quoted field that does not close within 8388608 characters. ' +
				'Remove the stray quote character (") on that line.'
		);
	});
});
