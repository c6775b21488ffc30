/**
 * One test per hand-written field case in the shared data folder
 * (RECLAB_DATA_DIR, default ../shared/data beside the repository): each file
 * is tiny, so every expected number below was counted by hand from its lines,
 * with the reason in a comment. The files are never copied into the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ColumnMapping, ImportSettings, ParseOptions } from './types';
import { DEFAULT_IMPORT_SETTINGS } from './types';
import { buildDataset } from './build-dataset';
import { IngestError } from './errors';
import { parseItems } from './parse-items';
import { parseRatings } from './parse-ratings';
import { sniffFile, type SniffResult } from './sniff';
import { rejectionOf } from './test-support';

const dataDir = resolve(process.cwd(), process.env.RECLAB_DATA_DIR ?? '../shared/data');
const caseDir = resolve(dataDir, 'field-cases');
const hasCases = existsSync(caseDir);
const suite = hasCases ? describe : describe.skip;
if (!hasCases) console.warn(`Field-case tests skipped: no field-cases folder in ${dataDir} (set RECLAB_DATA_DIR).`);

function caseBlob(name: string): Blob {
	return new Blob([readFileSync(resolve(caseDir, name))]);
}

interface ImportChoice {
	settings?: Partial<ImportSettings>;
	options?: Partial<ParseOptions>;
	mapping?: ColumnMapping;
}

/** Sniffs a ratings case, applies the user's corrections, parses and builds it. */
async function importCase(name: string, choice: ImportChoice = {}) {
	const blob = caseBlob(name);
	const sniffed = await sniffFile(blob, name);
	const options = { ...sniffed.options, ...choice.options };
	const mapping = choice.mapping ?? sniffed.mapping;
	const ratings = await parseRatings(blob, name, options, mapping);
	const settings = { ...DEFAULT_IMPORT_SETTINGS, ...choice.settings };
	const dataset = buildDataset(ratings, null, { id: name, name, sourceFiles: [name], mapping }, settings);
	return { sniffed, dataset };
}

async function sniffCase(name: string): Promise<SniffResult> {
	return sniffFile(caseBlob(name), name);
}

suite('field cases', () => {
	it('01 UTF-8 byte-order mark', async () => {
		const { sniffed, dataset } = await importCase('01_bom_header.csv');

		expect(sniffed.notes[0]).toBe('Encoding: UTF-8 with a byte-order mark.');
		// The mark must not stick to the first header name.
		expect(sniffed.columnNames).toEqual(['userId', 'itemId', 'rating']);
		expect(dataset.ids.userIds).toEqual(['501', '502']);
		expect(dataset.ids.itemIds).toEqual(['9001']);
		expect([...dataset.interactions.values]).toEqual([4, 2]);
		// Two distinct values, 2 and 4, are a grid of step 2.
		expect(dataset.kind).toBe('explicit');
		expect(dataset.scale).toEqual({ min: 2, max: 4, step: 2 });
		expect(dataset.report.dropped).toEqual([]);
	});

	it('02 latin-1 "::" movies', async () => {
		const sniffed = await sniffCase('02_latin1_double_colon.dat');
		expect(sniffed.options).toEqual({ delimiter: '::', hasHeader: false, encoding: 'latin1', quoting: false });
		expect(sniffed.fileKind).toBe('items');

		const items = await parseItems(caseBlob('02_latin1_double_colon.dat'), '02_latin1_double_colon.dat');
		expect(items.ids).toEqual(['7001', '7002', '7003']);
		// 0xE9 is é and 0xF6 is ö in latin-1.
		expect(items.titles).toEqual(['Café Stories (1999)', 'Köln Nights (2001)', 'Plain Title (1998)']);
		expect(items.genres).toEqual([['Drama'], ['Comedy', 'Romance'], ['Action']]);
		expect(items.warnings).toEqual([]);
	});

	it('03 "::" with colons in titles', async () => {
		const items = await parseItems(caseBlob('03_double_colon_with_colons.dat'), '03_double_colon_with_colons.dat');

		expect(items.ids).toEqual(['8001', '8002', '8003']);
		// Single colons belong to the title; only "::" separates.
		expect(items.titles).toEqual(['Space Patrol: The Return, Part 2 (1997)', 'A:B Test (2003)', 'Ends With Colon: (2005)']);
		expect(items.genres).toEqual([['Sci-Fi', 'Action'], ['Documentary'], ['Drama']]);
	});

	it('04 CRLF movies with quoted titles', async () => {
		const sniffed = await sniffCase('04_crlf_movies.csv');
		expect(sniffed.fileKind).toBe('items');

		const items = await parseItems(caseBlob('04_crlf_movies.csv'), '04_crlf_movies.csv');
		expect(items.ids).toEqual(['11', '12', '13']);
		expect(items.titles).toEqual(['Night Train, The (1990)', 'Untitled Short (2019)', 'Quote "Inside" Title (2001)']);
		// "(no genres listed)" means none; a '\r' left on the last column would break "Thriller" and "Comedy".
		expect(items.genres).toEqual([['Drama', 'Thriller'], [], ['Comedy']]);
	});

	it('05 duplicate pairs, last by timestamp', async () => {
		const { dataset } = await importCase('05_duplicate_pairs.csv');

		// (31,700) appears on lines 2, 3 and 6; lines 3 and 6 share the latest time, so line 6 (value 5) wins.
		expect(dataset.report.rowsRead).toBe(5);
		expect(dataset.report.duplicatesMerged).toBe(2);
		expect(dataset.report.duplicatePolicy).toBe('last');
		expect(dataset.report.rowsKept).toBe(3);
		expect(dataset.ids.userIds).toEqual(['31', '32']);
		expect(dataset.ids.itemIds).toEqual(['700', '701']);
		// Kept rows in file order: line 4 (32,700,4), line 5 (31,701,2), line 6 (31,700,5).
		expect([...dataset.interactions.users]).toEqual([1, 0, 0]);
		expect([...dataset.interactions.items]).toEqual([0, 1, 0]);
		expect([...dataset.interactions.values]).toEqual([4, 2, 5]);
		expect(dataset.scale).toEqual({ min: 2, max: 5, step: 1 });
	});

	it.each([
		// 'first' keeps the earliest time (line 2, value 3); file order puts it first.
		['first', [3, 4, 2]],
		// 'mean' and 'sum' combine 3, 5 and 5 on the row 'last' keeps (line 6, last in file order).
		['mean', [4, 2, 13 / 3]],
		['sum', [4, 2, 13]]
	] as const)('05 duplicate pairs, %s', async (policy, values) => {
		const { dataset } = await importCase('05_duplicate_pairs.csv', { settings: { duplicates: policy } });

		expect(dataset.report.duplicatesMerged).toBe(2);
		expect(dataset.report.duplicatePolicy).toBe(policy);
		expect([...dataset.interactions.values].map((value) => Number(value.toFixed(4)))).toEqual(
			values.map((value) => Number(value.toFixed(4)))
		);
	});

	it('06 string ids keep leading zeros', async () => {
		const { dataset } = await importCase('06_string_ids.csv');

		// Four distinct user strings, although 0042 and 42 are the same number.
		expect(dataset.ids.userIds).toEqual(['u-0042', '0042', '42', 'A17Z']);
		expect(dataset.ids.itemIds).toEqual(['0007123456', '000712345X', '7123456']);
		expect(dataset.interactions.users.length).toBe(4);
		expect(dataset.scale).toEqual({ min: 5, max: 8, step: 1 });
		expect(dataset.report.suspiciousIds).toEqual([]);
	});

	it('07 cold-start users and items', async () => {
		const train = (await importCase('07_cold_start_train.csv')).dataset;
		const test = (await importCase('07_cold_start_test.csv')).dataset;

		expect(train.interactions.numUsers).toBe(3);
		expect(train.interactions.numItems).toBe(3);
		expect(train.interactions.users.length).toBe(5);
		expect(test.ids.userIds).toEqual(['1', '4', '2']);
		expect(test.ids.itemIds).toEqual(['12', '10', '13']);
		// User 4 and item 13 appear only in the test file.
		expect(test.ids.userIds.filter((id) => !train.ids.userIds.includes(id))).toEqual(['4']);
		expect(test.ids.itemIds.filter((id) => !train.ids.itemIds.includes(id))).toEqual(['13']);
	});

	it('08 single-rating users, k-core 2', async () => {
		const { dataset } = await importCase('08_single_rating_users.csv', { settings: { minUserInteractions: 2 } });

		// Users 2 (line 5) and 3 (line 6) have one rating each; user 1 keeps items 10, 11, 12.
		expect(dataset.report.dropped).toEqual([
			{
				reason: 'user has fewer than 2 interactions (k-core)',
				count: 2,
				examples: [
					{ line: 5, value: 'user 2, item 10' },
					{ line: 6, value: 'user 3, item 12' }
				]
			}
		]);
		expect(dataset.ids.userIds).toEqual(['1']);
		expect(dataset.ids.itemIds).toEqual(['10', '11', '12']);
		expect(dataset.report.rowsKept).toBe(3);
		expect([...dataset.interactions.users]).toEqual([0, 0, 0]);
	});

	it('08 k-core 2 × 2 leaves nothing', async () => {
		const settings = { minUserInteractions: 2, minItemInteractions: 2 };
		const error = await rejectionOf(importCase('08_single_rating_users.csv', { settings }));

		// Round 1 drops users 2 and 3 (2 rows); items 10, 11, 12 then have one rating each (3 rows).
		expect(error).toBeInstanceOf(IngestError);
		expect(error.message).toBe(
			'08_single_rating_users.csv: no interactions are left after the import settings (5 rows read; dropped: ' +
				'2 × user has fewer than 2 interactions (k-core); 3 × item has fewer than 2 interactions (k-core)). ' +
				'Lower the minimum interactions per user or item, or widen the value range.'
		);
	});

	it('09 semicolons and decimal commas', async () => {
		const { sniffed, dataset } = await importCase('09_semicolon_decimal_comma.csv');

		expect(sniffed.options.delimiter).toBe(';');
		expect(dataset.ids.userIds).toEqual(['1', '2']);
		expect(dataset.ids.itemIds).toEqual(['31', '1029', '10']);
		// "2,5" and "4,0" are decimals.
		expect([...dataset.interactions.values]).toEqual([2.5, 3, 4]);
		expect(dataset.scale).toEqual({ min: 2.5, max: 4, step: 0.5 });
		expect(dataset.report.warnings).toContain('2 ratings use a decimal comma (such as "3,5") and were read as decimals.');
	});

	it('10 mixed timestamps, day first', async () => {
		const { sniffed, dataset } = await importCase('10_mixed_timestamps.csv');

		// "21-07-2015" has a first number above 12, so day-first is the only reading.
		expect(sniffed.options.dateOrder).toBe('dmy');
		expect(sniffed.mapping).toEqual({ user: 0, item: 1, rating: null, timestamp: 2 });
		expect(dataset.report.dropped).toEqual([]);
		expect(dataset.interactions.numUsers).toBe(3);
		expect(dataset.interactions.numItems).toBe(4);
		expect(dataset.kind).toBe('implicit');
		// Seconds, milliseconds and ISO name the same instant; 03/04/2015 10:15 is 3 April, read as UTC.
		expect([...(dataset.interactions.times ?? [])]).toEqual([
			1439694000_000,
			1439694000_000,
			1439694000_000,
			Date.UTC(2015, 3, 3, 10, 15),
			Date.UTC(2015, 6, 21)
		]);
	});

	it('10 mixed timestamps without a date order', async () => {
		const { dataset } = await importCase('10_mixed_timestamps.csv', { options: { dateOrder: null } });

		// Lines 5 and 6 are day-month dates.
		expect(dataset.report.dropped).toEqual([
			{
				reason: 'date without a chosen day/month order',
				count: 2,
				examples: [
					{ line: 5, value: '03/04/2015 10:15' },
					{ line: 6, value: '21-07-2015' }
				]
			}
		]);
		expect(dataset.report.rowsKept).toBe(3);
	});

	it('11 zero means implicit', async () => {
		const suggested = await importCase('11_zero_means_implicit.csv');

		expect(suggested.sniffed.options.escapeChar).toBe('\\');
		expect(suggested.sniffed.suggestedSettings.zeroMeans).toBe('implicit');
		// Two of the four values are 0.
		expect(suggested.dataset.report.suggestedSettings).toEqual({ zeroMeans: 'implicit' });
		expect(
			suggested.dataset.report.warnings.some((warning) =>
				warning.startsWith("50.0% of values are 0: this looks like the '0 means implicit' convention")
			)
		).toBe(true);

		const { dataset } = await importCase('11_zero_means_implicit.csv', { settings: { zeroMeans: 'implicit' } });
		expect(dataset.kind).toBe('implicit');
		expect(dataset.scale).toBeNull();
		expect(dataset.ids.userIds).toEqual(['900001', '900002', '900003']);
		expect(dataset.ids.itemIds).toEqual(['0000000019', '000000002X', '0000000035']);
		// The ratings 8 and 10 count as positives too, so all four rows stay with value 1.
		expect([...dataset.interactions.values]).toEqual([1, 1, 1, 1]);
		expect(dataset.report.dropped).toEqual([]);
		expect(dataset.report.suggestedSettings).toBeUndefined();
	});

	it('12 fewer items than factors', async () => {
		const { dataset } = await importCase('12_fewer_items_than_factors.csv');

		// "plays" are counts, so the data is implicit although 1, 3, 7 would fit a grid.
		expect(dataset.kind).toBe('implicit');
		expect(dataset.interactions.numUsers).toBe(3);
		expect(dataset.interactions.numItems).toBe(2);
		expect([...dataset.interactions.values]).toEqual([3, 1, 7]);
	});

	it('13 ids above 2^53 and 2^31', async () => {
		const { dataset } = await importCase('13_big_ids.csv');

		expect(dataset.ids.userIds).toEqual(['76561198000000001', '76561198000000002', '76561198000000003', '2147483648']);
		expect(dataset.ids.itemIds).toEqual(['440', '570']);
		expect(dataset.kind).toBe('implicit');
		expect([...dataset.interactions.values].map((value) => Number(value.toFixed(4)))).toEqual([12.5, 0.3, 101, 4]);
		expect(dataset.report.suspiciousIds).toEqual([]);
	});

	it('14 wide matrix with 99 for missing', async () => {
		const sniffed = await sniffCase('14_wide_matrix_99_missing.csv');
		expect(sniffed.layout).toBe('wide-matrix');
		expect(sniffed.options).toEqual({
			delimiter: ',',
			hasHeader: false,
			encoding: 'utf-8',
			layout: 'wide-matrix',
			firstColumn: 'count',
			missingValue: '99'
		});
		expect(sniffed.suggestedSettings).toEqual({ feedback: 'explicit' });

		const { dataset } = await importCase('14_wide_matrix_99_missing.csv', { settings: { feedback: 'explicit' } });
		// The first column counts rated cells (4, 3, 5), so 4 + 3 + 5 = 12 cells are ratings; 0.00 is a rating.
		expect(dataset.report.rowsRead).toBe(12);
		expect(dataset.interactions.users.length).toBe(12);
		expect(dataset.ids.userIds).toEqual(['1', '2', '3']);
		// Items by column number in first-seen order: row 1 rates 1, 2, 4, 5; row 2 adds 6; row 3 adds 3.
		expect(dataset.ids.itemIds).toEqual(['1', '2', '4', '5', '6', '3']);
		expect(dataset.kind).toBe('explicit');
		expect(dataset.scale?.min).toBeCloseTo(-9.95, 5);
		expect(dataset.scale?.max).toBeCloseTo(9.03, 5);
		// The closest two values are 8.79 and 9.03.
		expect(dataset.scale?.step).toBeCloseTo(0.24, 5);
	});

	it('15 Netflix blocks', async () => {
		const sniffed = await sniffCase('15_netflix_style.txt');
		expect(sniffed.layout).toBe('netflix-blocks');
		expect(sniffed.options.layout).toBe('netflix-blocks');
		expect(sniffed.columnNames).toEqual(['user', 'movie', 'rating', 'date']);
		expect(sniffed.preview[2]).toEqual(['300101', '2', '4', '2004-11-01']);

		const { dataset } = await importCase('15_netflix_style.txt');
		// Movie 1 has two rows and movie 2 three; four distinct customers.
		expect(dataset.ids.userIds).toEqual(['300101', '300102', '300103', '300104']);
		expect(dataset.ids.itemIds).toEqual(['1', '2']);
		expect([...dataset.interactions.items]).toEqual([0, 0, 1, 1, 1]);
		expect([...dataset.interactions.values]).toEqual([3, 5, 4, 1, 2]);
		expect(dataset.interactions.times?.[0]).toBe(Date.UTC(2005, 8, 6));
		expect(dataset.scale).toEqual({ min: 1, max: 5, step: 1 });
		expect(dataset.report.dropped).toEqual([]);
	});

	it('16 minus one means unrated, explicit', async () => {
		const sniffed = await sniffCase('16_minus_one_unrated.csv');
		expect(sniffed.suggestedSettings.minusOneMeans).toBe('unrated');

		const { dataset } = await importCase('16_minus_one_unrated.csv', { settings: { minusOneMeans: 'unrated' } });
		// Lines 2, 3 and 6 hold -1; what remains is (1,79,8) and (2,20,10), so item 24 disappears.
		expect(dataset.report.dropped).toEqual([
			{
				reason: 'watched but unrated (-1)',
				count: 3,
				examples: [
					{ line: 2, value: '-1' },
					{ line: 3, value: '-1' },
					{ line: 6, value: '-1' }
				]
			}
		]);
		expect(dataset.kind).toBe('explicit');
		expect(dataset.ids.userIds).toEqual(['1', '2']);
		expect(dataset.ids.itemIds).toEqual(['20', '79']);
		expect([...dataset.interactions.items]).toEqual([1, 0]);
		expect([...dataset.interactions.values]).toEqual([8, 10]);
	});

	it('16 minus one kept as watched, implicit', async () => {
		const settings = { minusOneMeans: 'unrated', feedback: 'implicit', implicitValues: 'binary' } as const;
		const { dataset } = await importCase('16_minus_one_unrated.csv', { settings });

		// All five rows stay as "watched".
		expect(dataset.report.dropped).toEqual([]);
		expect(dataset.kind).toBe('implicit');
		expect(dataset.interactions.numUsers).toBe(2);
		expect(dataset.interactions.numItems).toBe(3);
		expect([...dataset.interactions.values]).toEqual([1, 1, 1, 1, 1]);
	});

	it('17 Steam purchase and play rows', async () => {
		const { sniffed, dataset } = await importCase('17_purchase_play_no_header.csv');

		expect(sniffed.options.hasHeader).toBe(false);
		expect(sniffed.mapping).toEqual({ user: 0, item: 1, rating: 3, timestamp: null });
		expect(sniffed.suggestedSettings.implicitValues).toBe('binary');
		// The quoted title with a comma is one field; its purchase and play rows merge, keeping the hours (14.5).
		expect(dataset.ids.itemIds).toEqual(['Puzzle Quest, Deluxe', 'Tower Thing']);
		expect(dataset.report.duplicatesMerged).toBe(1);
		expect(dataset.kind).toBe('implicit');
		expect([...dataset.interactions.values]).toEqual([14.5, 1]);

		const binary = await importCase('17_purchase_play_no_header.csv', { settings: { implicitValues: 'binary' } });
		expect([...binary.dataset.interactions.values]).toEqual([1, 1]);
	});

	it('18 backslash-escaped quotes', async () => {
		const sniffed = await sniffCase('18_backslash_quotes_semicolon.csv');
		// 0xFC in "Müller" is latin-1, not UTF-8.
		expect(sniffed.options).toEqual({ delimiter: ';', hasHeader: true, encoding: 'latin1', escapeChar: '\\' });
		expect(sniffed.fileKind).toBe('items');

		const items = await parseItems(caseBlob('18_backslash_quotes_semicolon.csv'), '18_backslash_quotes_semicolon.csv');
		expect(items.ids).toEqual(['0000000051', '0000000078']);
		// \" is a quote and the ";" inside the quotes is text.
		expect(items.titles).toEqual(['A "Quoted" Word; And More', 'Plain Book']);
		expect(items.creators).toEqual([['Müller, Anna'], ['Smith &amp; Jones']]);
		expect(items.tags).toEqual([['müller, anna'], ['smith &amp; jones']]);
	});

	it('19 UTF-16 LE with a byte-order mark', async () => {
		const { sniffed, dataset } = await importCase('19_utf16le_bom.csv');

		expect(sniffed.options).toEqual({ delimiter: ',', hasHeader: true, encoding: 'utf-16le' });
		expect(dataset.ids.userIds).toEqual(['1', '2']);
		expect(dataset.ids.itemIds).toEqual(['Café Noir', 'Köln']);
		expect([...dataset.interactions.values]).toEqual([5, 3]);
		expect(dataset.report.warnings).toEqual([]);
	});

	it('20 tab-separated without a header', async () => {
		const { sniffed, dataset } = await importCase('20_tab_no_header.tsv');

		expect(sniffed.options).toEqual({ delimiter: '\t', hasHeader: false, encoding: 'utf-8', quoting: false });
		expect(sniffed.mapping).toEqual({ user: 0, item: 1, rating: 2, timestamp: 3 });
		expect(dataset.ids.userIds).toEqual(['901', '902']);
		expect(dataset.ids.itemIds).toEqual(['1001', '1002']);
		expect([...(dataset.interactions.times ?? [])]).toEqual([881250949_000, 891717742_000]);
	});

	it('21 unquoted commas in titles', async () => {
		const sniffed = await sniffCase('21_unquoted_comma_titles.csv');
		expect(sniffed.fileKind).toBe('items');

		const items = await parseItems(caseBlob('21_unquoted_comma_titles.csv'), '21_unquoted_comma_titles.csv');
		expect(items.ids).toEqual(['1', '2', '3']);
		// Line 2 has four fields: the title's comma split it.
		expect(items.titles).toEqual(['Short Title', 'Long Title, With A Comma', 'Unknown Year Title']);
	});

	it('22 Excel-mangled ids', async () => {
		// A user who maps isbn13 as the item id of a purchase list.
		const mapping: ColumnMapping = { user: 0, item: 2, rating: null, timestamp: null };
		const { dataset } = await importCase('22_excel_mangled_ids.csv', { mapping });

		// 9.78043902348e+12 lost its last digit to scientific notation; the row is kept.
		expect(dataset.report.suspiciousIds).toEqual([{ column: 'item', count: 1, examples: ['9.78043902348e+12'] }]);
		expect(dataset.interactions.users.length).toBe(2);
		expect(dataset.ids.itemIds).toEqual(['9.78043902348e+12', '9780439023483']);
	});
});
