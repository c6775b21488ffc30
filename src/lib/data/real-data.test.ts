/**
 * Checks against the public MovieLens files, read from RECLAB_DATA_DIR
 * (default: ../shared/data beside the repository). The files are never copied
 * into the repository; without them this suite is skipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDataset } from './build-dataset';
import { parseItems } from './parse-items';
import { parseRatings } from './parse-ratings';
import { sniffFile } from './sniff';

const dataDir = resolve(process.cwd(), process.env.RECLAB_DATA_DIR ?? '../shared/data');
const hasData = existsSync(resolve(dataDir, 'ml-100k/u.data'));
const suite = hasData ? describe : describe.skip;

function loadBlob(relativePath: string): Blob {
	return new Blob([readFileSync(resolve(dataDir, relativePath))]);
}

if (!hasData) {
	console.warn(`Real-data ingest tests skipped: no MovieLens files in ${dataDir} (set RECLAB_DATA_DIR).`);
}

suite('MovieLens 100K', () => {
	it('reads u.data and joins u.item', async () => {
		const ratingsBlob = loadBlob('ml-100k/u.data');
		const sniffed = await sniffFile(ratingsBlob, 'u.data');
		expect(sniffed.options).toEqual({ delimiter: '\t', hasHeader: false, encoding: 'utf-8', quoting: false });
		expect(sniffed.mapping).toEqual({ user: 0, item: 1, rating: 2, timestamp: 3 });
		expect(sniffed.fileKind).toBe('ratings');

		const started = performance.now();
		const ratings = await parseRatings(ratingsBlob, 'u.data', sniffed.options, sniffed.mapping);
		console.info(`u.data parsed in ${(performance.now() - started).toFixed(0)} ms`);

		const itemsBlob = loadBlob('ml-100k/u.item');
		const itemSniff = await sniffFile(itemsBlob, 'u.item');
		expect(itemSniff.fileKind).toBe('items');
		expect(itemSniff.options).toEqual({ delimiter: '|', hasHeader: false, encoding: 'latin1', quoting: false });
		const items = await parseItems(itemsBlob, 'u.item');
		const dataset = buildDataset(ratings, items, {
			id: 'ml-100k',
			name: 'MovieLens 100K',
			sourceFiles: ['u.data', 'u.item'],
			mapping: sniffed.mapping
		});

		expect(dataset.interactions.users.length).toBe(100_000);
		expect(dataset.interactions.numUsers).toBe(943);
		expect(dataset.interactions.numItems).toBe(1682);
		expect(dataset.kind).toBe('explicit');
		expect(dataset.scale).toEqual({ min: 1, max: 5, step: 1 });
		expect(dataset.report.dropped).toEqual([]);
		expect(dataset.report.duplicatesMerged).toBe(0);

		expect(items.ids.length).toBe(1682);
		expect(dataset.items?.unmatchedIds).toBe(0);
		const toyStory = dataset.ids.itemIds.indexOf('1');
		expect(dataset.items?.titles[toyStory]).toBe('Toy Story (1995)');
		expect(dataset.items?.genres[toyStory]).toEqual(['Animation', "Children's", 'Comedy']);
		expect(dataset.items?.titles.every((title) => title !== '')).toBe(true);

		const cafe = dataset.ids.itemIds.indexOf('1322');
		expect(dataset.items?.titles[cafe]).toBe('Metisse (Café au Lait) (1993)');
		const miserables = items.ids.indexOf('543');
		expect(items.titles[miserables]).toBe('Misérables, Les (1995)');
	});
});

suite('MovieLens latest small', () => {
	it('reads ratings.csv with CRLF and joins movies.csv', async () => {
		const ratingsBlob = loadBlob('ml-latest-small/ratings.csv');
		const sniffed = await sniffFile(ratingsBlob, 'ratings.csv');
		expect(sniffed.options).toEqual({ delimiter: ',', hasHeader: true, encoding: 'utf-8' });
		expect(sniffed.mapping).toEqual({ user: 0, item: 1, rating: 2, timestamp: 3 });
		const ratings = await parseRatings(ratingsBlob, 'ratings.csv', sniffed.options, sniffed.mapping);

		const moviesBlob = loadBlob('ml-latest-small/movies.csv');
		const movieSniff = await sniffFile(moviesBlob, 'movies.csv');
		expect(movieSniff.fileKind).toBe('items');
		const movies = await parseItems(moviesBlob, 'movies.csv');
		const dataset = buildDataset(ratings, movies, {
			id: 'ml-latest-small',
			name: 'MovieLens latest small',
			sourceFiles: ['ratings.csv', 'movies.csv'],
			mapping: sniffed.mapping
		});

		expect(dataset.interactions.users.length).toBe(100_836);
		expect(dataset.interactions.numUsers).toBe(610);
		expect(dataset.interactions.numItems).toBe(9724);
		expect(dataset.scale).toEqual({ min: 0.5, max: 5, step: 0.5 });
		expect(dataset.report.dropped).toEqual([]);
		// A '\r' left on the timestamp would make every timestamp invalid.
		expect(dataset.interactions.times?.[0]).toBe(964982703_000);

		expect(movies.ids.length).toBe(9742);
		expect(dataset.items?.unmatchedIds).toBe(18);
		const president = movies.ids.indexOf('11');
		expect(movies.titles[president]).toBe('American President, The (1995)');
		expect(movies.genres[president]).toEqual(['Comedy', 'Drama', 'Romance']);
		const september = movies.ids.indexOf('7789');
		expect(movies.titles[september]).toBe(`11'09"01 - September 11 (2002)`);
		const noGenres = movies.genres.filter((list) => list.length === 0).length;
		expect(noGenres).toBe(34);
	});
});

suite('MovieLens 1M movies.dat', () => {
	it('reads 3,883 movies in latin-1', async () => {
		const blob = loadBlob('ml-1m/movies.dat');
		const sniffed = await sniffFile(blob, 'movies.dat');
		expect(sniffed.options).toEqual({ delimiter: '::', hasHeader: false, encoding: 'latin1', quoting: false });
		expect(sniffed.fileKind).toBe('items');
		const movies = await parseItems(blob, 'movies.dat');

		expect(movies.ids.length).toBe(3883);
		expect(movies.titles[movies.ids.indexOf('73')]).toBe('Misérables, Les (1995)');
		expect(movies.titles[movies.ids.indexOf('570')]).toBe('Slingshot, The (Kådisbellan ) (1993)');
		expect(movies.genres[movies.ids.indexOf('73')]).toEqual(['Drama', 'Musical']);
	});
});
