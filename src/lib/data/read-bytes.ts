/**
 * Streamed reading of a delimited file straight from its bytes, for the shape of
 * most large interaction logs (MovieLens ratings.csv, u.data): one row per line,
 * a one-byte delimiter, and ids, ratings and timestamps written as plain decimal
 * numbers. Such rows are parsed without creating any string. Every other line is
 * decoded and split and goes to the general row handler, exactly as papaparse
 * would split it. From the first line that contains a quote character (or a line
 * ending the bytes path does not handle) on, the rest of the file is read by
 * `streamRows`, which understands quoting.
 */
import type { ParseOptions } from './types';
import { decoderLabel } from './decode';
import { throwIfAborted } from './errors';
import { streamRows, type RowHandler, type StreamHooks, type StreamSummary } from './read-rows';

/** Columns of a row to parse, and the number of columns a row must have. */
export interface NumericColumns {
	columnCount: number;
	/** Columns holding ids: digits only, without leading zeros, at most 15 digits. */
	user: number;
	item: number;
	/** Columns holding plain decimals such as `4.5` or `1147880044`, or null when absent. */
	rating: number | null;
	timestamp: number | null;
}

/** Receives the rows the bytes path parses itself. */
export interface NumericRowHandler {
	/** Returns the columns to parse, or null while rows must still go to the general handler (the header, the first rows). */
	columns(): NumericColumns | null;
	/** Receives one row. `rating` and `time` are NaN when their column is absent. */
	onNumericRow(user: number, item: number, rating: number, time: number, line: number): void;
}

const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;
const QUOTE = 34;
const FULL_STOP = 46;
const DIGIT_ZERO = 48;
/** 15 decimal digits stay below 2^53, so the digits form an exact integer. */
const MAX_DIGITS = 15;
const POWERS_OF_TEN = Array.from({ length: MAX_DIGITS + 1 }, (_, exponent) => 10 ** exponent);
/** Bytes read from the file at once. */
const READ_BYTES = 4 << 20;
/** Bytes parsed at once unless `hooks.chunkBytes` sets another size. Only tests set it, to split rows across pieces. */
const DEFAULT_CHUNK_BYTES = 1 << 30;
/** A line longer than this without a line feed is left to `streamRows`, whose limits and messages cover it. */
const MAX_LINE_BYTES = 8 << 20;

/** Handling of each column by the bytes path: skipped, read as an id, or read as a decimal. */
const FieldKind = { Skip: 0, Id: 1, Decimal: 2 } as const;

/** Tells whether `streamPlainRows` can read files with these options. */
export function canReadPlainBytes(options: ParseOptions): boolean {
	const layout = options.layout ?? 'delimited';
	const code = options.delimiter.charCodeAt(0);
	const asciiCompatible = options.encoding === 'utf-8' || options.encoding === 'latin1';
	// Digits and '.' as delimiters would split inside numbers; other ASCII characters are safe.
	const plainDelimiter = options.delimiter.length === 1 && code < 0x80 && code !== FULL_STOP && (code < DIGIT_ZERO || code > DIGIT_ZERO + 9);
	return layout === 'delimited' && asciiCompatible && plainDelimiter;
}

/**
 * Calls `numeric.onNumericRow` for every line that parses as plain numbers in the
 * requested columns once `numeric.columns()` returns them, and `onRow` for every
 * other row, in file order, with the same line numbers `streamRows` gives.
 * Requires `canReadPlainBytes(options)`.
 */
export async function streamPlainRows(
	blob: Blob,
	fileName: string,
	options: ParseOptions,
	onRow: RowHandler,
	numeric: NumericRowHandler,
	hooks: StreamHooks = {},
	phase = 'parsing'
): Promise<StreamSummary> {
	const delimiter = options.delimiter.charCodeAt(0);
	const quoting = options.quoting !== false;
	// Decodes single lines, so a U+FEFF inside the file stays text; the byte-order mark is dropped below.
	const lineDecoder = new TextDecoder(decoderLabel(options.encoding), { ignoreBOM: true });

	let line = 1;
	let replacementCharacters = 0;
	let crlf: boolean | null = null;
	let kinds: Uint8Array | null = null;
	let columns: NumericColumns | null = null;
	const fieldValues = new Float64Array(64);

	// Parses one line of plain numbers into fieldValues; false when the line is anything else.
	const parseNumericLine = (bytes: Uint8Array, start: number, end: number, fieldKinds: Uint8Array): boolean => {
		const columnCount = fieldKinds.length;
		let position = start;
		let column = 0;
		for (;;) {
			if (column >= columnCount) return false;
			const kind = fieldKinds[column];
			if (kind === FieldKind.Skip) {
				for (; position < end; position++) {
					const byte = bytes[position];
					if (byte === delimiter) break;
					// Quotes need papaparse, and non-ASCII bytes need the decoder to count invalid ones.
					if (byte === QUOTE || byte >= 0x80) return false;
				}
			} else {
				const first = position;
				let mantissa = 0;
				let digits = 0;
				let fractionDigits = -1;
				for (; position < end; position++) {
					const byte = bytes[position];
					if (byte === delimiter) break;
					if (byte === FULL_STOP && kind === FieldKind.Decimal && fractionDigits === -1) {
						fractionDigits = 0;
						continue;
					}
					const digit = byte - DIGIT_ZERO;
					if (digit < 0 || digit > 9) return false;
					mantissa = mantissa * 10 + digit;
					digits++;
					if (fractionDigits >= 0) fractionDigits++;
				}
				if (digits === 0 || digits > MAX_DIGITS) return false;
				// An id keeps its text exactly only when String(number) gives it back.
				if (kind === FieldKind.Id && digits > 1 && bytes[first] === DIGIT_ZERO) return false;
				// Both operands are exact, so the one rounding of the division gives what Number(text) gives.
				fieldValues[column] = fractionDigits > 0 ? mantissa / POWERS_OF_TEN[fractionDigits] : mantissa;
			}
			column++;
			if (position >= end) break;
			position++;
		}
		return column === columnCount;
	};

	// Handles one line without its line ending; false when the rest of the file needs streamRows.
	// NOTE: rows with ISO dates, text ids or spaces around values take the per-line
	// decode and split below: correct, but several times slower than plain numbers.
	const handleLine = (bytes: Uint8Array, start: number, end: number): boolean => {
		if (kinds === null) {
			columns = numeric.columns();
			if (columns !== null && columns.columnCount <= fieldValues.length) kinds = fieldKindsOf(columns);
		}
		if (kinds !== null && columns !== null && parseNumericLine(bytes, start, end, kinds)) {
			const rating = columns.rating === null ? Number.NaN : fieldValues[columns.rating];
			const time = columns.timestamp === null ? Number.NaN : fieldValues[columns.timestamp];
			numeric.onNumericRow(fieldValues[columns.user], fieldValues[columns.item], rating, time, line);
			line++;
			return true;
		}

		const content = bytes.subarray(start, end);
		if (quoting && content.includes(QUOTE)) return false;
		const text = lineDecoder.decode(content);
		for (let index = text.indexOf('\uFFFD'); index !== -1; index = text.indexOf('\uFFFD', index + 1)) {
			replacementCharacters++;
		}
		onRow(text.split(options.delimiter), line);
		line++;
		return true;
	};

	const chunkBytes = Math.max(1, hooks.chunkBytes ?? DEFAULT_CHUNK_BYTES);
	let carry: Uint8Array = new Uint8Array(0);
	let offset = 0;
	let switchAt: number | null = null;
	let startChecked = false;

	// Handles the complete lines of carry + piece and keeps the incomplete last one in carry.
	// Returns false once the rest of the file, from switchAt on, needs streamRows.
	const consume = (piece: Uint8Array): boolean => {
		// Once the line ending is known, the line split between pieces is joined and handled
		// on its own, so the piece itself is parsed in place rather than copied.
		if (carry.length > 0 && crlf !== null && startChecked) {
			const lineFeed = piece.indexOf(LINE_FEED);
			if (lineFeed === -1) {
				offset += piece.length;
				carry = concatBytes(carry, piece);
				if (carry.length <= MAX_LINE_BYTES) return true;
				switchAt = offset - carry.length;
				return false;
			}
			const joinedStart = offset - carry.length;
			const joined = concatBytes(carry, piece.subarray(0, lineFeed + 1));
			let end = joined.length - 1;
			if (crlf) {
				if (end === 0 || joined[end - 1] !== CARRIAGE_RETURN) {
					switchAt = joinedStart;
					return false;
				}
				end--;
			}
			if (!handleLine(joined, 0, end)) {
				switchAt = joinedStart;
				return false;
			}
			offset += lineFeed + 1;
			carry = new Uint8Array(0);
			piece = piece.subarray(lineFeed + 1);
		}
		const dataStart = offset - carry.length;
		const data = carry.length === 0 ? piece : concatBytes(carry, piece);
		let position = 0;
		offset += piece.length;
		if (!startChecked) {
			if (data.length < 3) {
				carry = data;
				return true;
			}
			startChecked = true;
			// TextDecoder drops a UTF-8 byte-order mark, so streamRows never shows one either.
			if (options.encoding === 'utf-8' && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) position = 3;
		}

		if (crlf === null) {
			const lineFeed = data.indexOf(LINE_FEED, position);
			if (lineFeed === -1) {
				carry = data.subarray(position);
				if (carry.length <= MAX_LINE_BYTES) return true;
				switchAt = 0;
				return false;
			}
			// Lines ending in a lone '\r' (classic Mac OS) are left to streamRows, which detects them.
			const carriageReturn = data.indexOf(CARRIAGE_RETURN, position);
			if (carriageReturn !== -1 && carriageReturn < lineFeed - 1) {
				switchAt = 0;
				return false;
			}
			crlf = lineFeed > position && data[lineFeed - 1] === CARRIAGE_RETURN;
		}

		for (;;) {
			const lineFeed = data.indexOf(LINE_FEED, position);
			if (lineFeed === -1) break;
			let end = lineFeed;
			if (crlf) {
				// With '\r\n' line endings papaparse keeps a lone '\n' inside the field.
				if (lineFeed === position || data[lineFeed - 1] !== CARRIAGE_RETURN) {
					switchAt = dataStart + position;
					return false;
				}
				end = lineFeed - 1;
			}
			if (!handleLine(data, position, end)) {
				switchAt = dataStart + position;
				return false;
			}
			position = lineFeed + 1;
		}
		carry = data.subarray(position);
		if (carry.length <= MAX_LINE_BYTES) return true;
		switchAt = dataStart + position;
		return false;
	};

	// Reads slices of READ_BYTES, starting the next read before parsing the current
	// slice so that file reading overlaps parsing. In Chromium this is also faster
	// than blob.stream(), which delivers a large file in many small chunks.
	const readSlice = (start: number): Promise<ArrayBuffer> | null =>
		start < blob.size ? blob.slice(start, Math.min(blob.size, start + READ_BYTES)).arrayBuffer() : null;
	let next = readSlice(0);
	try {
		reading: for (let sliceStart = 0; next !== null; sliceStart += READ_BYTES) {
			throwIfAborted(hooks.signal);
			const value = new Uint8Array(await next);
			next = readSlice(sliceStart + READ_BYTES);
			for (let start = 0; start < value.length; start += chunkBytes) {
				if (!consume(value.subarray(start, Math.min(start + chunkBytes, value.length)))) break reading;
			}
			hooks.onProgress?.({ phase, done: offset, total: blob.size });
		}

		if (switchAt === null && carry.length > 0 && !handleLine(carry, 0, carry.length)) switchAt = offset - carry.length;
	} finally {
		// A read still in flight is left to finish; its result is dropped.
		next?.catch(() => undefined);
	}

	if (switchAt !== null) {
		const rest = await streamRows(blob.slice(switchAt), fileName, options, onRow, hooks, phase, {
			firstLine: line,
			bytesBefore: switchAt,
			totalBytes: blob.size,
			newline: crlf === null ? undefined : crlf ? '\r\n' : '\n'
		});
		return { replacementCharacters: replacementCharacters + rest.replacementCharacters };
	}
	hooks.onProgress?.({ phase, done: blob.size, total: blob.size });
	return { replacementCharacters };
}

function fieldKindsOf(columns: NumericColumns): Uint8Array {
	const kinds = new Uint8Array(columns.columnCount);
	if (columns.rating !== null) kinds[columns.rating] = FieldKind.Decimal;
	if (columns.timestamp !== null) kinds[columns.timestamp] = FieldKind.Decimal;
	kinds[columns.user] = FieldKind.Id;
	kinds[columns.item] = FieldKind.Id;
	return kinds;
}

function concatBytes(first: Uint8Array, second: Uint8Array): Uint8Array {
	const joined = new Uint8Array(first.length + second.length);
	joined.set(first);
	joined.set(second, first.length);
	return joined;
}
