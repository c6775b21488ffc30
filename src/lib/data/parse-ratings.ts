/**
 * Streamed parsing of an interactions file into typed-array columns.
 * Rows with problems are dropped and counted by reason. Only problems that make
 * the whole file unusable throw an IngestError.
 */
import type { ColumnMapping, DroppedRows, ParseOptions } from './types';
import { assertTextSample, readSample } from './decode';
import { IngestError } from './errors';
import { GrowableColumn, IdIndex } from './growable';
import { defaultColumnNames } from './column-roles';
import { describeDelimiter, describeReplacements, isEmptyRow, streamRows, type StreamHooks } from './read-rows';
import { parseDecimalComma, parseNumber, parseTimestamp } from './values';

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
	/** External user ids, indexed by dense user index, in first-seen order. */
	userIds: string[];
	itemIds: string[];
	/** Header names, or "column 1", "column 2"… */
	columnNames: string[];
	/** Data rows read, not counting the header and empty lines. */
	rowsRead: number;
	dropped: DroppedRows[];
	warnings: string[];
}

/** Rows whose rating column is checked before a file without numeric ratings is rejected. */
const RATING_CHECK_ROWS = 100;
const EXAMPLES_PER_REASON = 5;

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
	const userIndex = new IdIndex();
	const itemIndex = new IdIndex();
	const dropped = new DropCounter();
	const warnings: string[] = [];

	// Kept in one object because TypeScript does not see assignments made inside
	// the row callback and would narrow plain `let` variables to their initial value.
	const state: ReadState = {
		columnNames: null,
		rowsRead: 0,
		firstRagged: null,
		ratingsChecked: 0,
		numericRatings: 0,
		firstRating: null,
		decimalCommas: 0
	};

	const onRow = (fields: string[], line: number): void => {
		if (isEmptyRow(fields)) return;
		if (state.columnNames === null) {
			state.columnNames = options.hasHeader ? fields.map((name) => name.trim()) : defaultColumnNames(fields.length);
			assertColumnsExist(mapping, state.columnNames, fileName);
			if (options.hasHeader) return;
		}
		const columnNames = state.columnNames;

		state.rowsRead++;
		if (fields.length !== columnNames.length) {
			state.firstRagged ??= { line, columns: fields.length };
			dropped.add('wrong number of columns', line, fields.join(options.delimiter));
			return;
		}

		const user = fields[mapping.user].trim();
		if (user === '') {
			dropped.add('missing user id', line, fields.join(options.delimiter));
			return;
		}
		const item = fields[mapping.item].trim();
		if (item === '') {
			dropped.add('missing item id', line, fields.join(options.delimiter));
			return;
		}

		let value = 1;
		if (mapping.rating !== null) {
			const raw = fields[mapping.rating];
			value = parseNumber(raw);
			if (Number.isNaN(value)) {
				value = parseDecimalComma(raw);
				if (!Number.isNaN(value)) state.decimalCommas++;
			}
			if (state.ratingsChecked < RATING_CHECK_ROWS) {
				state.ratingsChecked++;
				state.firstRating ??= { line, value: raw };
				if (!Number.isNaN(value)) state.numericRatings++;
				if (state.ratingsChecked === RATING_CHECK_ROWS && state.numericRatings === 0) {
					throw noNumericRatings(fileName, columnNames[mapping.rating], state.ratingsChecked, state.firstRating);
				}
			}
			if (Number.isNaN(value)) {
				dropped.add(raw.trim() === '' ? 'missing rating' : 'rating is not a number', line, raw);
				return;
			}
		}

		let time = 0;
		if (mapping.timestamp !== null) {
			const raw = fields[mapping.timestamp];
			time = parseTimestamp(raw);
			if (Number.isNaN(time)) {
				dropped.add(raw.trim() === '' ? 'missing timestamp' : 'invalid timestamp', line, raw);
				return;
			}
		}

		users.push(userIndex.indexOf(user));
		items.push(itemIndex.indexOf(item));
		values.push(value);
		times?.push(time);
	};

	const summary = await streamRows(blob, fileName, options, onRow, hooks, 'parsing');

	const { rowsRead, ratingsChecked, numericRatings, decimalCommas } = state;
	const names = state.columnNames;
	const ragged = state.firstRagged;
	const firstRatingSeen = state.firstRating;

	if (names === null) {
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

	return {
		fileName,
		users: users.toArray(),
		items: items.toArray(),
		values: values.toArray(),
		times: times ? times.toArray() : null,
		userIds: userIndex.ids,
		itemIds: itemIndex.ids,
		columnNames: names,
		rowsRead,
		dropped: dropped.toList(),
		warnings
	};
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
}

/** Counts dropped rows by reason, keeping the first few examples of each. */
class DropCounter {
	private readonly byReason = new Map<string, DroppedRows>();

	add(reason: string, line: number, value: string): void {
		let entry = this.byReason.get(reason);
		if (entry === undefined) {
			entry = { reason, count: 0, examples: [] };
			this.byReason.set(reason, entry);
		}
		entry.count++;
		if (entry.examples.length < EXAMPLES_PER_REASON) entry.examples.push({ line, value });
	}

	countOf(reason: string): number {
		return this.byReason.get(reason)?.count ?? 0;
	}

	/** Returns the earliest example across reasons. */
	first(): { reason: string; line: number; value: string } | null {
		let first: { reason: string; line: number; value: string } | null = null;
		for (const entry of this.byReason.values()) {
			const example = entry.examples[0];
			if (example && (first === null || example.line < first.line)) first = { reason: entry.reason, ...example };
		}
		return first;
	}

	toList(): DroppedRows[] {
		return [...this.byReason.values()];
	}
}
