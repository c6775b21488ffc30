import { describe, expect, it } from 'vitest';
import { IngestError } from './errors';
import { sniffFile } from './sniff';
import { fixtureBlob, latin1Blob, rejectionOf, textBlob } from './test-support';

describe('sniffFile ratings', () => {
	it('reads u.data-style tab rows without a header', async () => {
		const result = await sniffFile(fixtureBlob('u-data-tab.tsv'), 'u.data');

		expect(result.options).toEqual({ delimiter: '\t', hasHeader: false, encoding: 'utf-8', quoting: false });
		expect(result.columnNames).toEqual(['column 1', 'column 2', 'column 3', 'column 4']);
		expect(result.mapping).toEqual({ user: 0, item: 1, rating: 2, timestamp: 3 });
		expect(result.fileKind).toBe('ratings');
		expect(result.preview[0]).toEqual(['196', '242', '3', '881250949']);
		expect(result.preview.length).toBe(5);
		expect(result.notes).toContain('No header row: the first row is all numbers.');
	});

	it('reads a ratings.csv-style header', async () => {
		const result = await sniffFile(fixtureBlob('ratings-crlf.csv'), 'ratings.csv');

		expect(result.options).toEqual({ delimiter: ',', hasHeader: true, encoding: 'utf-8' });
		expect(result.columnNames).toEqual(['userId', 'movieId', 'rating', 'timestamp']);
		expect(result.mapping).toEqual({ user: 0, item: 1, rating: 2, timestamp: 3 });
		expect(result.preview[3]).toEqual(['2', '007', '3.0', '1445714836']);
	});

	it('reads a "::" delimiter', async () => {
		const result = await sniffFile(fixtureBlob('ratings-double-colon.dat'), 'ratings.dat');

		expect(result.options.delimiter).toBe('::');
		expect(result.mapping).toEqual({ user: 0, item: 1, rating: 2, timestamp: 3 });
	});

	it('prefers ";" over decimal commas', async () => {
		const text = 'userId;movieId;rating;timestamp\n1;31;2,5;1260759144\n2;10;4,0;835355493\n';
		const result = await sniffFile(textBlob(text), 'semicolon.csv');

		expect(result.options.delimiter).toBe(';');
		expect(result.columnNames).toEqual(['userId', 'movieId', 'rating', 'timestamp']);
	});

	it.each([
		['user_id,item_id,score\n7,8,4', { user: 0, item: 1, rating: 2, timestamp: null }],
		['ISBN,UserID,plays\n0439023483,8,12', { user: 1, item: 0, rating: 2, timestamp: null }],
		['ts,artistID,user,weight\n1500000000,51,2,13883', { user: 2, item: 1, rating: 3, timestamp: 0 }],
		['"User-ID";"ISBN";"Book-Rating"\n"276725";"034545104X";"0"', { user: 0, item: 1, rating: 2, timestamp: null }]
	])('maps header %s', async (text, mapping) => {
		const result = await sniffFile(textBlob(`${text}\n`), 'ratings.csv');

		expect(result.options.hasHeader).toBe(true);
		expect(result.mapping).toEqual(mapping);
	});

	it('reads day-first dates when a day exceeds 12', async () => {
		const text = 'Member_number,Date,itemDescription\n1808,21-07-2015,tropical fruit\n2552,05-01-2015,whole milk\n';
		const result = await sniffFile(textBlob(text), 'groceries.csv');

		expect(result.mapping).toEqual({ user: 0, item: 2, rating: null, timestamp: 1 });
		expect(result.options.dateOrder).toBe('dmy');
		expect(result.notes).toContain('Dates in column "Date" are read day first (DD/MM/YYYY), because a first number is above 12.');
	});

	it('leaves ambiguous dates to the user', async () => {
		const text = 'Member_number,Date,itemDescription\n1808,01-07-2015,tropical fruit\n2552,05-01-2015,whole milk\n';
		const result = await sniffFile(textBlob(text), 'groceries.csv');

		expect(result.mapping).toEqual({ user: 0, item: 2, rating: null, timestamp: null });
		expect(result.options.dateOrder).toBeUndefined();
		expect(result.notes).toContain(
			'Column "Date" holds dates such as "01-07-2015" whose day and month order the first rows cannot show ' +
				'(no number above 12 in either place), so it is left out. Choose day-month-year or month-day-year to use it.'
		);
	});

	it('skips time columns it cannot read', async () => {
		const text = 'user,item,date\n1,a,yesterday\n2,b,last week\n';
		const result = await sniffFile(textBlob(text), 'clicks.csv');

		expect(result.mapping).toEqual({ user: 0, item: 1, rating: null, timestamp: null });
		expect(result.notes).toContain(
			'Column "date" is named like a time but its values are not epoch seconds, epoch milliseconds or ISO dates, so it is left out.'
		);
	});

	it('keeps user and item apart', async () => {
		const result = await sniffFile(textBlob('book_id,isbn,isbn13\n1,439023483,9780439023483\n'), 'books.csv');

		expect(result.mapping.user).toBe(1);
		expect(result.mapping.item).toBe(0);
	});

	it('detects a header by text above numbers', async () => {
		const result = await sniffFile(textBlob('who,what,stars\n1,2,3\n4,5,1\n'), 'custom.csv');

		expect(result.options.hasHeader).toBe(true);
		expect(result.mapping).toEqual({ user: 0, item: 1, rating: 2, timestamp: null });
	});

	it('reads Amazon item-first rows without a header', async () => {
		const text = 'B00005N7P0,AH2IFH762VY5U,5.0,1005177600\nB00005N7OJ,A3P6M4Z4TUG7JE,4.0,1014336000\n';
		const result = await sniffFile(textBlob(text), 'amazon.csv');

		expect(result.options.hasHeader).toBe(false);
		expect(result.fileKind).toBe('ratings');
		expect(result.mapping).toEqual({ user: 1, item: 0, rating: 2, timestamp: 3 });
		expect(result.notes).toContain('No header row: the first row holds values like the rows below it.');
		expect(result.notes.some((note) => note.startsWith('Item first: column 1 looks like product ids'))).toBe(true);
	});

	it('reads user-first string ids without a header', async () => {
		const text = 'AH2IFH762VY5U,B00005N7P0,5.0,1005177600\nA3P6M4Z4TUG7JE,B00005N7OJ,4.0,1014336000\n';
		const result = await sniffFile(textBlob(text), 'ratings_Books.csv');

		expect(result.mapping).toEqual({ user: 0, item: 1, rating: 2, timestamp: 3 });
	});

	it('notes implicit data without a rating column', async () => {
		const result = await sniffFile(textBlob('user,item\n1,a\n2,b\n'), 'clicks.csv');

		expect(result.mapping).toEqual({ user: 0, item: 1, rating: null, timestamp: null });
		expect(result.notes).toContain('No rating column: every row counts as one interaction (implicit feedback).');
	});

	it('reads a UTF-16 LE file with a byte-order mark', async () => {
		const blob = new Blob([Buffer.from('\ufeffuserId,itemId,rating\r\n1,Café Noir,5\r\n', 'utf16le')]);
		const result = await sniffFile(blob, 'utf16.csv');

		expect(result.options).toEqual({ delimiter: ',', hasHeader: true, encoding: 'utf-16le' });
		expect(result.preview).toEqual([['1', 'Café Noir', '5']]);
	});

	it('rejects an empty file', async () => {
		const error = await rejectionOf(sniffFile(textBlob(''), 'ratings.csv'));

		expect(error).toBeInstanceOf(IngestError);
		expect(error.message).toBe('ratings.csv is empty: choose a file with one interaction per line.');
	});
});

describe('sniffFile item metadata', () => {
	it('recognises movies.csv', async () => {
		const result = await sniffFile(fixtureBlob('movies-quoted.csv'), 'movies.csv');

		expect(result.fileKind).toBe('items');
		expect(result.options).toEqual({ delimiter: ',', hasHeader: true, encoding: 'utf-8' });
		expect(result.preview[0]).toEqual(['11', 'American President, The (1995)', 'Comedy|Drama|Romance']);
	});

	it('recognises u.item in latin-1', async () => {
		const flags = '|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0';
		const text = `1|Toy Story (1995)|01-Jan-1995||http://example.org/1${flags}\n2|Caf\xe9 (1993)|01-Jan-1993||${flags}\n`;
		const result = await sniffFile(latin1Blob(text), 'u.item');

		expect(result.fileKind).toBe('items');
		expect(result.options).toEqual({ delimiter: '|', hasHeader: false, encoding: 'latin1', quoting: false });
		expect(result.preview[1][1]).toBe('Café (1993)');
	});

	it('recognises movies.dat', async () => {
		const text = '7001::Caf\xe9 Stories (1999)::Drama\n7002::A:B Test (2003)::Comedy|Romance\n';
		const result = await sniffFile(latin1Blob(text), 'movies.dat');

		expect(result.fileKind).toBe('items');
		expect(result.options).toEqual({ delimiter: '::', hasHeader: false, encoding: 'latin1', quoting: false });
	});

	it('keeps interactions with game titles as ratings', async () => {
		const text = '100001,"Puzzle Quest, Deluxe",purchase,1.0,0\n100001,"Puzzle Quest, Deluxe",play,14.5,0\n';
		const result = await sniffFile(textBlob(text), 'steam.csv');

		expect(result.fileKind).toBe('ratings');
	});
});
