import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_DIRECTORY, SAMPLE_PARAMETERS, SEGMENTS, generateSample } from './generate-sample.mjs';

const sample = generateSample();

/** Splits a CSV file into rows of fields, honouring RFC 4180 quotes. Fields never span lines here. */
function parseCsv(text: string): string[][] {
	return text
		.split('\n')
		.filter((line) => line !== '')
		.map((line) => {
			const fields: string[] = [];
			let field = '';
			let quoted = false;
			for (let i = 0; i < line.length; i++) {
				const char = line[i];
				if (quoted && char === '"' && line[i + 1] === '"') {
					field += '"';
					i++;
				} else if (char === '"') {
					quoted = !quoted;
				} else if (char === ',' && !quoted) {
					fields.push(field);
					field = '';
				} else {
					field += char;
				}
			}
			fields.push(field);
			return fields;
		});
}

const ratings = parseCsv(sample.files['ratings.csv']);
const items = parseCsv(sample.files['items.csv']);
const segments = parseCsv(sample.files['segments.csv']);

describe('generateSample', () => {
	it('returns identical output on a second run', () => {
		const second = generateSample();
		for (const [name, contents] of Object.entries(sample.files)) {
			expect(second.files[name as keyof typeof sample.files], name).toBe(contents);
		}
	});

	it('matches the checked-in files in data/sample', () => {
		for (const [name, contents] of Object.entries(sample.files)) {
			const checkedIn = readFileSync(join(SAMPLE_DIRECTORY, name), 'utf8');
			// Compare as booleans first so a mismatch does not print a megabyte of CSV.
			expect(checkedIn === contents, `${name} differs from the generator output; run npm run sample`).toBe(true);
		}
	});

	it('writes the documented headers and LF line endings', () => {
		expect(ratings[0]).toEqual(['userId', 'itemId', 'rating', 'timestamp']);
		expect(items[0]).toEqual(['itemId', 'title', 'genres', 'tags']);
		expect(segments[0]).toEqual(['userId', 'segment']);
		for (const contents of Object.values(sample.files)) {
			expect(contents.includes('\r')).toBe(false);
			expect(contents.endsWith('\n')).toBe(true);
		}
	});

	it('produces the documented counts', () => {
		expect(sample.counts.users).toBe(600);
		expect(sample.counts.items).toBe(3000);
		expect(sample.counts.ratings).toBe(49803);
		expect(ratings.length - 1).toBe(sample.counts.ratings);
		expect(items.length - 1).toBe(sample.counts.items);
		expect(segments.length - 1).toBe(sample.counts.users);
		expect(Buffer.byteLength(sample.files['ratings.csv'])).toBeLessThan(1_500_000);
	});

	it('uses ids 1..N for users and 1..M for items', () => {
		expect(segments.slice(1).map((row) => row[0])).toEqual(
			Array.from({ length: sample.counts.users }, (_, i) => String(i + 1))
		);
		expect(items.slice(1).map((row) => row[0])).toEqual(
			Array.from({ length: sample.counts.items }, (_, i) => String(i + 1))
		);
	});

	it('keeps ratings on the half-star scale', () => {
		const allowed = new Set(Array.from({ length: 10 }, (_, i) => ((i + 1) / 2).toFixed(1)));
		const invalid = ratings.slice(1).filter((row) => !allowed.has(row[2]));
		expect(invalid).toEqual([]);
	});

	it('refers only to existing users and items', () => {
		const userIds = new Set(segments.slice(1).map((row) => row[0]));
		const itemIds = new Set(items.slice(1).map((row) => row[0]));
		const unknownUsers = ratings.slice(1).filter((row) => !userIds.has(row[0]));
		const unknownItems = ratings.slice(1).filter((row) => !itemIds.has(row[1]));
		expect(unknownUsers).toEqual([]);
		expect(unknownItems).toEqual([]);
	});

	it('gives every user 15 to 300 ratings', () => {
		const countByUser = new Map<string, number>();
		for (const row of ratings.slice(1)) countByUser.set(row[0], (countByUser.get(row[0]) ?? 0) + 1);
		expect(countByUser.size).toBe(sample.counts.users);
		expect(Math.min(...countByUser.values())).toBeGreaterThanOrEqual(SAMPLE_PARAMETERS.minRatingsPerUser);
		expect(Math.max(...countByUser.values())).toBeLessThanOrEqual(SAMPLE_PARAMETERS.maxRatingsPerUser);
	});

	it('has no duplicate user–item pairs', () => {
		const pairs = new Set(ratings.slice(1).map((row) => `${row[0]}:${row[1]}`));
		expect(pairs.size).toBe(ratings.length - 1);
	});

	it('keeps timestamps increasing and in range', () => {
		const start = Date.UTC(2019, 0, 1) / 1000;
		const end = Date.UTC(2024, 0, 1) / 1000;
		const lastTime = new Map<string, number>();
		const outOfRange: string[][] = [];
		const notIncreasing: string[][] = [];
		for (const row of ratings.slice(1)) {
			const time = Number(row[3]);
			if (!Number.isInteger(time) || time < start || time >= end) outOfRange.push(row);
			if (time <= (lastTime.get(row[0]) ?? -Infinity)) notIncreasing.push(row);
			lastTime.set(row[0], time);
		}
		expect(outOfRange).toEqual([]);
		expect(notIncreasing).toEqual([]);
	});

	it('gives items valid genres and tags', () => {
		const knownGenres = new Set(SEGMENTS.flatMap((segment) => segment.genres));
		for (const [, title, genreField, tagField] of items.slice(1)) {
			const genres = genreField.split('|');
			const tags = tagField === '' ? [] : tagField.split('|');
			expect(title).toMatch(/ \(\d{4}\)$/);
			expect(genres.length).toBeGreaterThanOrEqual(1);
			expect(genres.length).toBeLessThanOrEqual(3);
			expect(genres.filter((genre) => !knownGenres.has(genre))).toEqual([]);
			expect(tags.length).toBeLessThanOrEqual(4);
		}
	});

	it('quotes titles and keeps accents', () => {
		const titles = items.slice(1).map((row) => row[1]);
		expect(titles.some((title) => title.includes(','))).toBe(true);
		expect(titles.some((title) => title.includes('"'))).toBe(true);
		expect(titles.some((title) => /[^\x00-\x7f]/.test(title))).toBe(true);
		expect(sample.files['items.csv']).toContain('""');
	});

	it('plants segments of 30/25/20/15/10 %', () => {
		const sizes = SEGMENTS.map((segment) => segments.filter((row) => row[1] === segment.name).length);
		expect(sizes).toEqual([180, 150, 120, 90, 60]);
	});

	it('rates liked genres above disliked ones', () => {
		const segmentOfUser = new Map(segments.slice(1).map(([userId, name]) => [userId, name]));
		const genresOfItem = new Map(items.slice(1).map(([itemId, , genres]) => [itemId, genres.split('|')]));
		const meanRating = (segmentName: string, genres: readonly string[]) => {
			const values = ratings
				.slice(1)
				.filter(([userId]) => segmentOfUser.get(userId) === segmentName)
				.filter(([, itemId]) => genresOfItem.get(itemId)?.some((genre) => genres.includes(genre)))
				.map((row) => Number(row[2]));
			return values.reduce((sum, value) => sum + value, 0) / values.length;
		};

		for (const segment of SEGMENTS) {
			const disliked = SEGMENTS.find((other) => other.name === segment.dislikes);
			expect(disliked, segment.dislikes).toBeDefined();
			const gap = meanRating(segment.name, segment.genres) - meanRating(segment.name, disliked?.genres ?? []);
			expect(gap, segment.name).toBeGreaterThan(0.8);
		}
	});
});
