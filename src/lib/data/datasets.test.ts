/**
 * Checks against every real dataset in the shared data folder
 * (RECLAB_DATA_DIR, default ../shared/data beside the repository), using the
 * facts its README publishes. Where the README gives no number, the test
 * computes it with a few lines of plain string code, independent of the library.
 * The files are never copied into the repository; without them this suite is skipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ColumnMapping, ImportSettings, ParseOptions } from './types';
import { DEFAULT_IMPORT_SETTINGS } from './types';
import { buildDataset } from './build-dataset';
import { parseItems, type ParsedItems } from './parse-items';
import { parseRatings } from './parse-ratings';
import { attachTags, parseTags } from './parse-tags';
import { sniffFile } from './sniff';

const dataDir = resolve(process.cwd(), process.env.RECLAB_DATA_DIR ?? '../shared/data');
const hasData = existsSync(resolve(dataDir, 'README.md'));
const suite = hasData ? describe : describe.skip;
if (!hasData) console.warn(`Dataset tests skipped: no shared data folder at ${dataDir} (set RECLAB_DATA_DIR).`);

function loadBlob(path: string): Blob {
	return new Blob([readFileSync(resolve(dataDir, path))]);
}

/** Reads a file's non-empty lines, split on CRLF or LF. */
function plainLines(path: string, encoding: BufferEncoding = 'utf8'): string[] {
	return readFileSync(resolve(dataDir, path), encoding)
		.split(/\r?\n/)
		.filter((line) => line !== '');
}

function distinct(values: string[]): number {
	return new Set(values).size;
}

interface Choice {
	options?: Partial<ParseOptions>;
	mapping?: ColumnMapping;
	settings?: Partial<ImportSettings>;
	items?: ParsedItems | null;
}

async function importFile(path: string, choice: Choice = {}) {
	const blob = loadBlob(path);
	const sniffed = await sniffFile(blob, path);
	const options = { ...sniffed.options, ...choice.options };
	const mapping = choice.mapping ?? sniffed.mapping;
	const ratings = await parseRatings(blob, path, options, mapping);
	const settings = { ...DEFAULT_IMPORT_SETTINGS, ...choice.settings };
	const dataset = buildDataset(ratings, choice.items ?? null, { id: path, name: path, sourceFiles: [path], mapping }, settings);
	return { sniffed, ratings, dataset };
}

suite('real datasets', () => {
	it('ml-latest-small tags.csv as item tags', async () => {
		const movies = await parseItems(loadBlob('ml-latest-small/movies.csv'), 'movies.csv');
		const tags = await parseTags(loadBlob('ml-latest-small/tags.csv'), 'tags.csv');
		const { dataset } = await importFile('ml-latest-small/ratings.csv', { items: attachTags(movies, tags) });

		// README: 3,683 tag rows. Plain count of distinct (movieId, lower-cased tag) pairs:
		// the tag is everything between the second comma and the last one, unquoted.
		expect(tags.rowsRead).toBe(3683);
		const pairs = new Set<string>();
		for (const line of plainLines('ml-latest-small/tags.csv').slice(1)) {
			const movie = line.split(',')[1];
			let tag = line.substring(line.indexOf(',', line.indexOf(',') + 1) + 1, line.lastIndexOf(','));
			if (tag.startsWith('"')) tag = tag.slice(1, -1).replaceAll('""', '"');
			pairs.add(`${movie}\u0000${tag.trim().toLowerCase()}`);
		}
		let tagCount = 0;
		for (const list of tags.tagsByItem.values()) tagCount += list.length;
		expect(tagCount).toBe(pairs.size);
		expect(tags.tagsByItem.size).toBe(distinct([...pairs].map((pair) => pair.split('\u0000')[0])));

		const tagged = dataset.items?.tags?.filter((list) => list.length > 0).length ?? 0;
		expect(tagged).toBeGreaterThan(0);
		expect(dataset.report.unmatchedMetadata?.metadataRowsWithoutInteractions).toBe(18);
	});

	it('ml-1m movies.dat', async () => {
		const items = await parseItems(loadBlob('ml-1m/movies.dat'), 'movies.dat');

		// README: 3,883 movies, ids up to 3952.
		expect(items.ids.length).toBe(3883);
		expect(Math.max(...items.ids.map(Number))).toBe(3952);
	});

	it('goodbooks-10k books.csv and sample ratings', async () => {
		const books = await parseItems(loadBlob('goodbooks-10k/books.csv'), 'books.csv');

		// README: 10,000 books keyed by book_id; "title" wins over the earlier "original_title".
		expect(books.ids.length).toBe(10_000);
		expect(books.ids[0]).toBe('1');
		expect(books.titles[0]).toBe('The Hunger Games (The Hunger Games, #1)');
		expect(books.creators?.[1]).toEqual(['J.K. Rowling', 'Mary GrandPré']);
		expect(books.tags?.[1]).toEqual(['j.k. rowling', 'mary grandpré']);

		const { dataset } = await importFile('goodbooks-10k/samples/ratings.csv', { items: books });
		// README: 99 rows; users and books counted with plain splits.
		const rows = plainLines('goodbooks-10k/samples/ratings.csv').slice(1).map((line) => line.split(','));
		expect(dataset.report.rowsRead).toBe(99);
		expect(dataset.interactions.numUsers).toBe(distinct(rows.map((row) => row[0])));
		expect(dataset.interactions.numItems).toBe(distinct(rows.map((row) => row[1])));
		expect(dataset.report.unmatchedMetadata?.itemsWithoutMetadata).toBe(0);
	});

	it('Last.fm play counts with artist names', async () => {
		const artists = await parseItems(loadBlob('lastfm-hetrec2011-2k/artists.dat'), 'artists.dat');
		const { sniffed, dataset } = await importFile('lastfm-hetrec2011-2k/user_artists.dat', { items: artists });

		expect(sniffed.options).toEqual({ delimiter: '\t', hasHeader: true, encoding: 'utf-8', quoting: false });
		expect(sniffed.mapping).toEqual({ user: 0, item: 1, rating: 2, timestamp: null });
		// README: 92,834 rows, 1,892 users, 17,632 artists, play counts (implicit).
		expect(dataset.report.rowsKept).toBe(92_834);
		expect(dataset.interactions.numUsers).toBe(1892);
		expect(dataset.interactions.numItems).toBe(17_632);
		expect(dataset.kind).toBe('implicit');
		expect(artists.ids.length).toBe(17_632);
		expect(dataset.report.unmatchedMetadata?.itemsWithoutMetadata).toBe(0);
		expect(dataset.items?.titles[dataset.ids.itemIds.indexOf('51')]).toBe('Duran Duran');
	});

	it('Book-Crossing excerpt', async () => {
		const path = 'book-crossing/BX-Book-Ratings.excerpt.csv';
		const { sniffed, dataset } = await importFile(path);

		// The one latin-1 byte (line 38,357) lies beyond the sampled bytes, so the guess is UTF-8 and parsing warns.
		expect(sniffed.options).toEqual({ delimiter: ';', hasHeader: false, encoding: 'utf-8', escapeChar: '\\' });
		expect(dataset.report.warnings[0]).toBe(
			`${path}: 1 characters are not valid utf-8 and show as "\uFFFD". If names look wrong, choose another encoding, such as latin-1.`
		);
		// README: 39,268 rows, 4,287 users, 29,248 ISBNs, 24,157 zeros (61.5%).
		expect(dataset.report.rowsRead).toBe(39_268);
		expect(dataset.report.dropped).toEqual([]);
		expect(dataset.interactions.numUsers).toBe(4287);
		expect(dataset.interactions.numItems).toBe(29_248);
		expect(dataset.report.suggestedSettings).toEqual({ zeroMeans: 'implicit' });
		expect(
			dataset.report.warnings.some((warning) =>
				warning.startsWith("61.5% of values are 0: this looks like the '0 means implicit' convention")
			)
		).toBe(true);
		// The backslash-escaped ISBN on one line is read, quotes included, not dropped.
		expect(dataset.ids.itemIds).toContain('"8804501367"');

		const implicit = await importFile(path, { settings: { zeroMeans: 'implicit' } });
		expect(implicit.dataset.kind).toBe('implicit');
		expect(implicit.dataset.report.rowsKept).toBe(39_268);
		const zeros = plainLines(path, 'latin1').filter((line) => line.endsWith(';"0"')).length;
		expect(zeros).toBe(24_157);
	});

	it('Jester prefix as explicit ratings', async () => {
		const path = 'jester/jester_ratings.prefix.csv';
		const { dataset } = await importFile(path, { settings: { feedback: 'explicit' } });

		// README: 38,217 ratings, 906 users, 140 jokes, -10..+10.
		expect(dataset.report.rowsKept).toBe(38_217);
		expect(dataset.interactions.numUsers).toBe(906);
		expect(dataset.interactions.numItems).toBe(140);
		const values = plainLines(path).slice(1).map((line) => Number(line.split(',')[2]));
		expect(dataset.scale?.min).toBeCloseTo(Math.min(...values), 3);
		expect(dataset.scale?.max).toBeCloseTo(Math.max(...values), 3);
	});

	it('groceries with day-first dates', async () => {
		const path = 'groceries/Groceries_dataset.csv';
		const { sniffed, dataset } = await importFile(path);

		expect(sniffed.options.dateOrder).toBe('dmy');
		expect(sniffed.mapping).toEqual({ user: 0, item: 2, rating: null, timestamp: 1 });
		// README: 38,765 rows, 3,898 members, 167 items, 759 exact duplicate rows.
		expect(dataset.report.rowsRead).toBe(38_765);
		expect(dataset.interactions.numUsers).toBe(3898);
		expect(dataset.interactions.numItems).toBe(167);
		const rows = plainLines(path).slice(1);
		expect(rows.length - distinct(rows)).toBe(759);
		// Repeats of a member–item pair on other dates merge too: plain count of distinct pairs.
		const pairs = distinct(rows.map((line) => `${line.split(',')[0]},${line.split(',')[2]}`));
		expect(dataset.report.duplicatesMerged).toBe(rows.length - pairs);
	});

	it('online retail prefix', async () => {
		const path = 'online-retail-uci/online_retail.prefix.csv';
		const blob = loadBlob(path);
		const sniffed = await sniffFile(blob, path);
		// NOTE: the first "£" (0xA3) lies beyond the sampled bytes, so the guess is UTF-8; the user picks latin-1 after the warning.
		expect(sniffed.options.encoding).toBe('utf-8');
		expect(sniffed.mapping).toEqual({ user: 6, item: 1, rating: 3, timestamp: null });
		expect(sniffed.suggestedSettings).toMatchObject({ feedback: 'implicit', duplicates: 'sum', negativeValues: 'drop' });

		// The first rows are all 1 December, so the user chooses day-first and maps InvoiceDate.
		const mapping = { ...sniffed.mapping, timestamp: 4 };
		const settings = { negativeValues: 'drop', duplicates: 'sum' } as const;
		const options = { dateOrder: 'dmy', encoding: 'latin1' } as const;
		const { ratings, dataset } = await importFile(path, { options, mapping, settings });

		// README: 13,765 rows with an empty CustomerID. Negative quantities among the rest: plain count.
		const rows = plainLines(path, 'latin1').slice(1);
		const fieldsFromEnd = (line: string) => line.split(',').reverse();
		const withCustomer = rows.filter((line) => fieldsFromEnd(line)[1] !== '');
		const negative = withCustomer.filter((line) => Number(fieldsFromEnd(line)[4]) < 0).length;
		const dropped = Object.fromEntries(dataset.report.dropped.map((entry) => [entry.reason, entry.count]));
		expect(dropped).toEqual({
			'missing user id': 13_765,
			'negative quantity (cancellation or return)': negative
		});
		expect(dataset.kind).toBe('implicit');
		// The first row's date, 01/12/2010 08:26, is 1 December read day first.
		expect(ratings.times?.[0]).toBe(Date.UTC(2010, 11, 1, 8, 26));
	});

	it('Amazon magazine excerpt, item first', async () => {
		const path = 'amazon-magazine-subscriptions-2018/Magazine_Subscriptions.excerpt.csv';
		const { sniffed, dataset } = await importFile(path);

		expect(sniffed.mapping).toEqual({ user: 1, item: 0, rating: 2, timestamp: 3 });
		// README: 546 rows, 22 items, 535 users, ratings 1.0..5.0.
		expect(dataset.report.rowsRead).toBe(546);
		expect(dataset.interactions.numItems).toBe(22);
		expect(dataset.interactions.numUsers).toBe(535);
		expect(dataset.scale).toEqual({ min: 1, max: 5, step: 1 });
		// Repeated user–item pairs: plain count.
		const pairs = distinct(plainLines(path).map((line) => line.split(',').slice(0, 2).join(',')));
		expect(dataset.report.duplicatesMerged).toBe(546 - pairs);
	});

	it('Steam tail', async () => {
		const path = 'steam-200k/steam-200k.tail15.csv';
		const sniffed = await sniffFile(loadBlob(path), path);
		// Hours of 1.4..2.8 would pass for a rating scale, so the purchase/play column makes the sniffer suggest implicit.
		expect(sniffed.suggestedSettings).toEqual({ feedback: 'implicit', implicitValues: 'binary' });
		const { dataset } = await importFile(path, { settings: { feedback: 'implicit' } });

		// 15 rows of one user: seven games with purchase + play rows and "Nether" with only its play row.
		expect(dataset.report.rowsRead).toBe(15);
		expect(dataset.interactions.numUsers).toBe(1);
		expect(dataset.interactions.numItems).toBe(8);
		expect(dataset.report.duplicatesMerged).toBe(7);
		expect(dataset.kind).toBe('implicit');
	});

	it('Netflix movie_titles with commas rejoined', async () => {
		const path = 'netflix-prize/movie_titles.excel-resaved.csv';
		const sniffed = await sniffFile(loadBlob(path), path);
		expect(sniffed.fileKind).toBe('items');
		// The one "é" lies beyond the sampled bytes, so the user picks latin-1 after the warning.
		const items = await parseItems(loadBlob(path), path, { ...sniffed.options, encoding: 'latin1' });

		// README: 17,770 movies.
		expect(items.ids.length).toBe(17_770);
		// Plain rejoin for the lines without quotes: drop Excel's trailing empty fields, join fields 3.. with commas.
		let compared = 0;
		for (const line of plainLines(path, 'latin1')) {
			if (line.includes('"')) continue;
			const fields = line.split(',');
			while (fields.length > 3 && fields[fields.length - 1] === '') fields.pop();
			const index = items.ids.indexOf(fields[0]);
			expect(items.titles[index]).toBe(fields.slice(2).join(',').trim());
			compared++;
		}
		expect(compared).toBe(17_770 - 7);
		expect(items.titles.filter((title) => title.includes(',')).length).toBeGreaterThanOrEqual(302 + 25 + 9);
	});
});
