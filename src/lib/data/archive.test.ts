import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { extractEntry, listArchive, recogniseArchive } from './archive';
import { IngestError } from './errors';
import { parseRatings } from './parse-ratings';
import { sniffFile } from './sniff';
import { rejectionOf } from './test-support';

const FIXTURES = resolve(process.cwd(), 'tests/fixtures/ingest');

function fixtureBytes(name: string): Uint8Array {
	return new Uint8Array(readFileSync(resolve(FIXTURES, name)));
}

function zipBlob(files: Record<string, Uint8Array>): Blob {
	return new Blob([zipSync(files) as BlobPart]);
}

describe('archive listing', () => {
	it('lists files without folders or macOS metadata', async () => {
		const blob = zipBlob({
			'ml-latest-small/ratings.csv': fixtureBytes('ratings-crlf.csv'),
			'ml-latest-small/movies.csv': fixtureBytes('movies-quoted.csv'),
			'__MACOSX/ml-latest-small/._ratings.csv': strToU8('x')
		});
		const entries = await listArchive(blob);

		expect(entries.map((entry) => entry.name)).toEqual(['ml-latest-small/ratings.csv', 'ml-latest-small/movies.csv']);
		expect(entries[0].size).toBe(fixtureBytes('ratings-crlf.csv').length);
	});

	it('rejects a file that is not a zip', async () => {
		const error = await rejectionOf(listArchive(new Blob(['userId,itemId\n1,2\n']), 'ratings.zip'));

		expect(error).toBeInstanceOf(IngestError);
		expect(error.message).toBe(
			'ratings.zip is not a zip archive (no central directory found). Choose a .zip file or the data file itself.'
		);
	});
});

describe('archive extraction', () => {
	it('inflates one entry byte for byte', async () => {
		const ratings = fixtureBytes('ratings-crlf.csv');
		const blob = zipBlob({ 'a/movies.csv': fixtureBytes('movies-quoted.csv'), 'a/ratings.csv': ratings });
		const entry = await extractEntry(blob, 'a/ratings.csv');

		expect(new Uint8Array(await entry.arrayBuffer())).toEqual(ratings);
		const sniffed = await sniffFile(entry, 'a/ratings.csv');
		const parsed = await parseRatings(entry, 'a/ratings.csv', sniffed.options, sniffed.mapping);
		expect(parsed.rowsRead).toBe(4);
	});

	it('rejects an entry that inflates past the limit', async () => {
		// 1 MiB of zeros compresses to about 1 KiB: a small zip bomb.
		const blob = zipBlob({ 'bomb.csv': new Uint8Array(1 << 20) });
		const error = await rejectionOf(extractEntry(blob, 'bomb.csv', { maxBytes: 1000 }));

		expect(error).toBeInstanceOf(IngestError);
		expect(error.message).toBe(
			'bomb.csv inflates to more than 1000 bytes, the most this import accepts (a damaged archive or a zip bomb). ' +
				'Extract the file yourself and choose it directly.'
		);
	});

	it('rejects a missing entry', async () => {
		const blob = zipBlob({ 'a/ratings.csv': fixtureBytes('ratings-crlf.csv') });
		const error = await rejectionOf(extractEntry(blob, 'a/movies.csv'));

		expect(error.message).toBe('a/movies.csv was not found in the archive. Choose one of the files that the archive lists.');
	});
});

describe('archive recognition', () => {
	const entry = (name: string) => ({ name, size: 1, compressedSize: 1 });

	it.each([
		[
			['ml-latest-small/links.csv', 'ml-latest-small/movies.csv', 'ml-latest-small/ratings.csv', 'ml-latest-small/tags.csv'],
			{ ratings: 'ml-latest-small/ratings.csv', items: 'ml-latest-small/movies.csv', tags: 'ml-latest-small/tags.csv' }
		],
		[
			['ml-100k/u.item', 'ml-100k/u1.base', 'ml-100k/u.data', 'ml-100k/u.user'],
			{ ratings: 'ml-100k/u.data', items: 'ml-100k/u.item' }
		],
		[['ml-1m/movies.dat', 'ml-1m/ratings.dat', 'ml-1m/users.dat'], { ratings: 'ml-1m/ratings.dat', items: 'ml-1m/movies.dat' }]
	])('recognises %j', (names, expected) => {
		const { notes, ...files } = recogniseArchive(names.map(entry));

		expect(files).toEqual(expected);
		expect(notes[0]).toMatch(/^Archive layout: MovieLens/);
	});

	it('notes an unknown layout', () => {
		expect(recogniseArchive([entry('data/clicks.csv')])).toEqual({
			notes: ['No MovieLens layout recognised among the 1 files: choose the ratings file yourself.']
		});
	});
});

const dataDir = resolve(process.cwd(), process.env.RECLAB_DATA_DIR ?? '../shared/data');
const smallDir = resolve(dataDir, 'ml-latest-small');
const realSuite = existsSync(smallDir) ? describe : describe.skip;
if (!existsSync(smallDir)) console.warn(`Real archive test skipped: no ml-latest-small in ${dataDir} (set RECLAB_DATA_DIR).`);

realSuite('archive of ml-latest-small', () => {
	it('recognises and reads the real files', async () => {
		// Built in memory only: the files may not be redistributed.
		const files: Record<string, Uint8Array> = {};
		for (const name of ['ratings.csv', 'movies.csv', 'tags.csv', 'links.csv']) {
			files[`ml-latest-small/${name}`] = new Uint8Array(readFileSync(resolve(smallDir, name)));
		}
		const blob = zipBlob(files);
		const recognised = recogniseArchive(await listArchive(blob));
		expect(recognised.ratings).toBe('ml-latest-small/ratings.csv');

		const ratings = await extractEntry(blob, recognised.ratings ?? '');
		expect(ratings.size).toBe(2_483_723);
		const sniffed = await sniffFile(ratings, 'ratings.csv');
		const parsed = await parseRatings(ratings, 'ratings.csv', sniffed.options, sniffed.mapping);
		expect(parsed.rowsRead).toBe(100_836);
	});
});
