/**
 * Streamed parsing of an interactions file into typed-array columns.
 * Rows with problems are dropped and counted by reason. Only problems that make
 * the whole file unusable throw an IngestError.
 */
import type { ColumnMapping, DroppedRows, FileLayout, ParseOptions } from './types';
import { assertTextSample, readSample } from './decode';
import { IngestError } from './errors';
import { DropCounter } from './drop-counter';
import { GrowableColumn, IdIndex, RowLines } from './growable';
import { createNetflixReader } from './netflix';
import { createWideMatrixReader } from './wide-matrix';
import { defaultColumnNames } from './column-roles';
import { describeDelimiter, describeReplacements, isEmptyRow, streamRows, type StreamHooks } from './read-rows';
import { canReadPlainBytes, streamPlainRows, type NumericRowHandler } from './read-bytes';
import { dayMonthParts, MILLISECONDS_THRESHOLD, parseDecimalComma, parseNumber, parseTimestamp } from './values';

/** Interactions as read from one file, before duplicates are merged. */
export interface ParsedRatings {
	fileName: string;
	/** Dense user index per kept row. */
	users: Int32Array;
	/** Dense item index per kept row. */
	items: Int32Array;
	/** Rating or count per kept row, or 1 when the mapping has no rating column. */
	values: Float32Array;
	/** Epoch milliseconds per kept row, or null without a timestamp column. */
	times: Float64Array | null;
	/** 1-based line number in the file of each kept row, for examples in the report; absent in hand-made values. */
	lines?: RowLines;
	/** External user ids, indexed by dense user index, in first-seen order. */
	userIds: string[];
	itemIds: string[];
	/** Header names, or "column 1", "column 2"… */
	columnNames: string[];
	/** Data rows read, not counting the header and empty lines; for a wide matrix, its non-missing cells. */
	rowsRead: number;
	dropped: DroppedRows[];
	warnings: string[];
}

/** Rows whose rating column is checked before a file without numeric ratings is rejected. */
const RATING_CHECK_ROWS = 100;

/**
 * Head room over the row count estimated from the first chunk. A file whose
 * later rows are shorter than its first ones grows the columns by 1.5× once more.
 */
const RESERVE_MARGIN = 1.03;

/**
 * Receives the rows of one layout as logical rows in `columnNames` order.
 * Layout readers (Netflix blocks, wide matrices) turn their raw rows into these.
 */
export interface LogicalRowSink {
	/**
	 * Validates and keeps one logical row. `raw` is the source text shown in drop
	 * examples; without it the fields joined by the delimiter are shown.
	 */
	accept(fields: string[], line: number, raw?: string): void;
	/** Counts a source row that yields no logical row. */
	drop(reason: string, line: number, value: string): void;
	/** Adds a warning to the parse result. */
	warn(message: string): void;
}

/** Turns raw rows of a layout into logical rows; `finish` runs after the last row. */
export interface LayoutReader {
	/** Names of the logical columns that the mapping refers to. */
	columnNames: string[];
	onRow(fields: string[], line: number): void;
	finish?(): void;
}

/** Reads an interactions file into {@link ParsedRatings}. Throws IngestError, or an AbortError when cancelled. */
export async function parseRatings(
	blob: Blob,
	fileName: string,
	options: ParseOptions,
	mapping: ColumnMapping,
	hooks: StreamHooks = {}
): Promise<ParsedRatings> {
	assertTextSample(await readSample(blob), fileName, options.encoding, blob.size);
	assertDistinctColumns(mapping, fileName);

	const users = new GrowableColumn((capacity) => new Int32Array(capacity));
	const items = new GrowableColumn((capacity) => new Int32Array(capacity));
	const values = new GrowableColumn((capacity) => new Float32Array(capacity));
	const times = mapping.timestamp === null ? null : new GrowableColumn((capacity) => new Float64Array(capacity));
	const lines = new RowLines();
	const userIndex = new IdIndex();
	const itemIndex = new IdIndex();
	const dropped = new DropCounter();
	const warnings: string[] = [];
	const dateOrder = options.dateOrder ?? null;

	// Kept in one object because TypeScript does not see assignments made inside
	// the row callback and would narrow plain `let` variables to their initial value.
	const state: ReadState = {
		columnNames: null,
		rowsRead: 0,
		firstRagged: null,
		ratingsChecked: 0,
		numericRatings: 0,
		firstRating: null,
		decimalCommas: 0,
		undatedDayMonth: 0
	};

	const sink: LogicalRowSink = {
		warn(message) {
			warnings.push(message);
		},
		drop(reason, line, value) {
			state.rowsRead++;
			dropped.add(reason, line, value);
		},
		accept(fields, line, raw) {
			const columnNames = state.columnNames ?? [];
			state.rowsRead++;
			if (fields.length !== columnNames.length) {
				state.firstRagged ??= { line, columns: fields.length };
				dropped.add('wrong number of columns', line, raw ?? fields.join(options.delimiter));
				return;
			}

			const user = fields[mapping.user].trim();
			if (user === '') {
				dropped.add('missing user id', line, raw ?? fields.join(options.delimiter));
				return;
			}
			const item = fields[mapping.item].trim();
			if (item === '') {
				dropped.add('missing item id', line, raw ?? fields.join(options.delimiter));
				return;
			}

			let value = 1;
			if (mapping.rating !== null) {
				const cell = fields[mapping.rating];
				value = parseNumber(cell);
				if (Number.isNaN(value)) {
					value = parseDecimalComma(cell);
					if (!Number.isNaN(value)) state.decimalCommas++;
				}
				if (state.ratingsChecked < RATING_CHECK_ROWS) {
					state.ratingsChecked++;
					state.firstRating ??= { line, value: cell };
					if (!Number.isNaN(value)) state.numericRatings++;
					if (state.ratingsChecked === RATING_CHECK_ROWS && state.numericRatings === 0) {
						throw noNumericRatings(fileName, columnNames[mapping.rating], state.ratingsChecked, state.firstRating);
					}
				}
				if (Number.isNaN(value)) {
					dropped.add(cell.trim() === '' ? 'missing rating' : 'rating is not a number', line, cell);
					return;
				}
			}

			let time = 0;
			if (mapping.timestamp !== null) {
				const cell = fields[mapping.timestamp];
				time = parseTimestamp(cell, dateOrder);
				if (Number.isNaN(time)) {
					if (dateOrder === null && dayMonthParts(cell) !== null) {
						state.undatedDayMonth++;
						dropped.add('date without a chosen day/month order', line, cell);
					} else {
						dropped.add(cell.trim() === '' ? 'missing timestamp' : 'invalid timestamp', line, cell);
					}
					return;
				}
			}

			lines.record(users.length, line);
			users.push(userIndex.indexOf(user));
			items.push(itemIndex.indexOf(item));
			values.push(value);
			times?.push(time);
		}
	};

	// Rows of plain numbers, which the bytes path parses without strings. They skip
	// the checks above that cannot fail for them: ids are non-empty digits, the rating
	// and timestamp plain decimals. The first rows still take the path above, so the
	// header and the check for a numeric rating column see them.
	const numeric: NumericRowHandler = {
		columns() {
			const names = state.columnNames;
			if (names === null || (mapping.rating !== null && state.ratingsChecked < RATING_CHECK_ROWS)) return null;
			return { columnCount: names.length, user: mapping.user, item: mapping.item, rating: mapping.rating, timestamp: mapping.timestamp };
		},
		onNumericRow(user, item, rating, time, line) {
			state.rowsRead++;
			lines.record(users.length, line);
			users.push(userIndex.indexOfNumber(user));
			items.push(itemIndex.indexOfNumber(item));
			values.push(mapping.rating === null ? 1 : rating);
			times?.push(time < MILLISECONDS_THRESHOLD ? time * 1000 : time);
		}
	};

	const layout = options.layout ?? 'delimited';
	const reader = createLayoutReader(layout, options, fileName, sink);
	if (reader !== null) {
		state.columnNames = reader.columnNames;
		assertColumnsExist(mapping, reader.columnNames, fileName);
	}

	const onRow = (fields: string[], line: number): void => {
		if (isEmptyRow(fields)) return;
		if (reader !== null) {
			reader.onRow(fields, line);
			return;
		}
		if (state.columnNames === null) {
			state.columnNames = options.hasHeader ? fields.map((name) => name.trim()) : defaultColumnNames(fields.length);
			assertColumnsExist(mapping, state.columnNames, fileName);
			if (options.hasHeader) return;
		}
		sink.accept(fields, line);
	};

	// Once the first chunk shows how many bytes a row takes, the columns are sized
	// for the whole file (an estimate), so they rarely need to grow again.
	let reserved = false;
	const streamHooks: StreamHooks = {
		...hooks,
		onProgress(progress) {
			if (!reserved && progress.done > 0 && progress.done < progress.total && users.length > 0) {
				reserved = true;
				const estimate = Math.ceil((users.length * progress.total * RESERVE_MARGIN) / progress.done);
				for (const column of [users, items, values, times]) column?.reserve(estimate);
			}
			hooks.onProgress?.(progress);
		}
	};
	const summary =
		reader === null && canReadPlainBytes(options)
			? await streamPlainRows(blob, fileName, options, onRow, numeric, streamHooks, 'parsing')
			: await streamRows(blob, fileName, options, onRow, streamHooks, 'parsing');
	reader?.finish?.();

	const { rowsRead, ratingsChecked, numericRatings, decimalCommas, undatedDayMonth } = state;
	const names = state.columnNames;
	const ragged = state.firstRagged;
	const firstRatingSeen = state.firstRating;

	if (names === null || (reader !== null && rowsRead === 0)) {
		throw new IngestError(`${fileName} is empty: choose a file with one interaction per line.`, { fileName });
	}
	if (rowsRead === 0) {
		throw new IngestError(
			`${fileName} has a header row but no data rows: choose a file with one interaction per line.`,
			{ fileName, line: 1 }
		);
	}
	if (mapping.rating !== null && ratingsChecked > 0 && numericRatings === 0 && firstRatingSeen !== null) {
		throw noNumericRatings(fileName, names[mapping.rating], ratingsChecked, firstRatingSeen);
	}

	const raggedCount = dropped.countOf('wrong number of columns');
	if (ragged !== null && raggedCount > rowsRead / 2) {
		throw new IngestError(
			`${fileName}: ${raggedCount} of ${rowsRead} rows do not have the expected ${names.length} columns. ` +
				`Line ${ragged.line} is the first that differs, with ${ragged.columns} ${ragged.columns === 1 ? 'column' : 'columns'}. ` +
				`Check the delimiter (now ${describeDelimiter(options.delimiter)}) and whether the first row is a header.`,
			{ fileName, line: ragged.line }
		);
	}
	if (users.length === 0) {
		const first = dropped.first();
		throw new IngestError(
			`${fileName}: none of the ${rowsRead} rows could be read` +
				(first ? ` (first problem: ${first.reason} on line ${first.line})` : '') +
				'. Check the column mapping and the delimiter.',
			{ fileName, line: first?.line, value: first?.value }
		);
	}

	const replacements = describeReplacements(fileName, options.encoding, summary);
	if (replacements) warnings.push(replacements);
	if (decimalCommas > 0) {
		warnings.push(`${decimalCommas} ratings use a decimal comma (such as "3,5") and were read as decimals.`);
	}
	if (undatedDayMonth > 0) {
		warnings.push(
			`${undatedDayMonth} timestamps are dates such as 03/04/2015 whose day and month order is not set: ` +
				'choose day-month-year or month-day-year to read them.'
		);
	}

	return {
		fileName,
		users: users.toArray(),
		items: items.toArray(),
		values: values.toArray(),
		times: times ? times.toArray() : null,
		lines,
		userIds: userIndex.ids,
		itemIds: itemIndex.ids,
		columnNames: names,
		rowsRead,
		dropped: dropped.toList(),
		warnings
	};
}

/** Returns the reader for a non-delimited layout, or null for plain delimited rows. */
function createLayoutReader(
	layout: FileLayout,
	options: ParseOptions,
	fileName: string,
	sink: LogicalRowSink
): LayoutReader | null {
	switch (layout) {
		case 'netflix-blocks':
			return createNetflixReader(options, sink);
		case 'wide-matrix':
			return createWideMatrixReader(options, fileName, sink);
		default:
			return null;
	}
}

function noNumericRatings(
	fileName: string,
	column: string,
	rowsChecked: number,
	first: { line: number; value: string }
): IngestError {
	return new IngestError(
		`${fileName}: column "${column}" has no numeric values in the first ${rowsChecked} rows ` +
			`(first value "${first.value}" on line ${first.line}). ` +
			'Choose the column that holds ratings, or set it to "none" for implicit data.',
		{ fileName, line: first.line, column, value: first.value }
	);
}

function assertDistinctColumns(mapping: ColumnMapping, fileName: string): void {
	if (mapping.user === mapping.item) {
		throw new IngestError(
			`${fileName}: the user and item ids are mapped to the same column (${mapping.user + 1}). ` +
				'Choose a different column for each.',
			{ fileName }
		);
	}
}

function assertColumnsExist(mapping: ColumnMapping, columnNames: string[], fileName: string): void {
	const roles: [string, number | null][] = [
		['user', mapping.user],
		['item', mapping.item],
		['rating', mapping.rating],
		['timestamp', mapping.timestamp]
	];
	for (const [role, column] of roles) {
		if (column !== null && (column < 0 || column >= columnNames.length || !Number.isInteger(column))) {
			throw new IngestError(
				`${fileName}: the ${role} is mapped to column ${column + 1}, but the first row has ` +
					`${columnNames.length} ${columnNames.length === 1 ? 'column' : 'columns'}. ` +
					'Check the delimiter and the column mapping.',
				{ fileName, line: 1 }
			);
		}
	}
}

interface ReadState {
	columnNames: string[] | null;
	rowsRead: number;
	firstRagged: { line: number; columns: number } | null;
	/** Rows whose rating cell was checked, up to RATING_CHECK_ROWS. */
	ratingsChecked: number;
	numericRatings: number;
	firstRating: { line: number; value: string } | null;
	decimalCommas: number;
	/** Day-month dates dropped because no day/month order was chosen. */
	undatedDayMonth: number;
}
