import { describe, expect, it } from 'vitest';
import type { ParseOptions } from './types';
import { IngestError } from './errors';
import { parseItems } from './parse-items';
import { fixtureBlob, latin1Blob, rejectionOf, textBlob } from './test-support';

const U_ITEM_FLAGS_TOY_STORY = '0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0';
const U_ITEM_FLAGS_DRAMA = '0|0|0|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0';

describe('parseItems', () => {
	it('reads u.item flags and latin-1 titles', async () => {
		const text =
			`1|Toy Story (1995)|01-Jan-1995||http://example.org/1|${U_ITEM_FLAGS_TOY_STORY}\n` +
			`1322|Metisse (Caf\xe9 au Lait) (1993)|01-Jan-1993||http://example.org/2|${U_ITEM_FLAGS_DRAMA}\n`;
		const items = await parseItems(latin1Blob(text), 'u.item');

		expect(items.ids).toEqual(['1', '1322']);
		expect(items.titles).toEqual(['Toy Story (1995)', 'Metisse (Café au Lait) (1993)']);
		expect(items.genres).toEqual([['Animation', "Children's", 'Comedy'], ['Drama']]);
		expect(items.warnings).toEqual([]);
	});

	it('reads movies.csv quoting and empty genres', async () => {
		const items = await parseItems(fixtureBlob('movies-quoted.csv'), 'movies.csv');

		expect(items.ids).toEqual(['11', '12', '13']);
		expect(items.titles).toEqual([
			'American President, The (1995)',
			'Untitled Short (2019)',
			'Quote "Inside" Title (2001)'
		]);
		expect(items.genres).toEqual([['Comedy', 'Drama', 'Romance'], [], ['Comedy']]);
	});

	it('reads movies.dat with colons in titles', async () => {
		const text =
			'8001::Space Patrol: The Return, Part 2 (1997)::Sci-Fi|Action\n' +
			'8002::K\xf6ln Nights (2001)::Comedy|Romance\n' +
			'8003::Ends With Colon: (2005)::Drama\n';
		const items = await parseItems(latin1Blob(text), 'movies.dat');

		expect(items.titles).toEqual([
			'Space Patrol: The Return, Part 2 (1997)',
			'Köln Nights (2001)',
			'Ends With Colon: (2005)'
		]);
		expect(items.genres).toEqual([['Sci-Fi', 'Action'], ['Comedy', 'Romance'], ['Drama']]);
	});

	it('joins a title that holds the delimiter', async () => {
		const options: ParseOptions = { delimiter: '::', hasHeader: false, encoding: 'utf-8' };
		const text = '1::Plain (1999)::Comedy\n2::Odd::Title (2000)::Drama\n';
		const items = await parseItems(textBlob(text), 'movies.dat', options);

		expect(items.titles).toEqual(['Plain (1999)', 'Odd::Title (2000)']);
		expect(items.genres).toEqual([['Comedy'], ['Drama']]);
	});

	it('reads a generic header', async () => {
		const text = 'genre,name,id\nHorror|Comedy,Second Film,b2\n,First Film,a1\n';
		const items = await parseItems(textBlob(text), 'items.csv');

		expect(items.ids).toEqual(['b2', 'a1']);
		expect(items.titles).toEqual(['Second Film', 'First Film']);
		expect(items.genres).toEqual([['Horror', 'Comedy'], []]);
	});

	it('skips repeated and missing ids with warnings', async () => {
		const text = 'movieId,title,genres\n1,One,Drama\n,Nameless,Drama\n1,One again,Comedy\n';
		const items = await parseItems(textBlob(text), 'movies.csv');

		expect(items.ids).toEqual(['1']);
		expect(items.titles).toEqual(['One']);
		expect(items.warnings).toEqual([
			'movies.csv: 1 rows without an item id were skipped.',
			'movies.csv: 1 repeated item ids were skipped; the first row of each was kept.'
		]);
	});

	it('rejects a header-only file', async () => {
		const error = await rejectionOf(
			parseItems(textBlob('movieId,title,genres\n'), 'movies.csv', {
				delimiter: ',',
				hasHeader: true,
				encoding: 'utf-8'
			})
		);

		expect(error).toBeInstanceOf(IngestError);
		expect(error.message).toBe('movies.csv lists no items: choose a file with one item id per line.');
	});
});
