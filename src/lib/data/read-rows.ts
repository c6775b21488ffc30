/**
 * Streamed reading of a delimited text file, row by row.
 * Reads `blob.stream()`, decodes incrementally, and hands each decoded chunk to
 * papaparse's core parser. The incomplete last row of a chunk is carried over
 * to the next one, so memory keeps one chunk of text at a time, never the file.
 */
import Papa from 'papaparse';
import type { ParseOptions, Progress } from './types';
import { createDecoder, decoderLabel } from './decode';
import { IngestError, throwIfAborted } from './errors';

/** Options shared by every streamed reader. */
export interface StreamHooks {
	signal?: AbortSignal;
	onProgress?: (progress: Progress) => void;
	/**
	 * Largest number of bytes decoded and parsed at once (default 1 MiB).
	 * Tests set it to a few bytes to exercise rows split across chunks.
	 */
	chunkBytes?: number;
}

/** Receives one row's fields and its 1-based line number in the file. */
export type RowHandler = (fields: string[], line: number) => void;

const DEFAULT_CHUNK_BYTES = 1 << 20;

/**
 * Carried text beyond this size means a quoted field never closes, so the
 * parser would otherwise swallow the rest of the file into one row.
 */
const MAX_CARRIED_CHARACTERS = 8 << 20;

/** Result of `Papa.Parser#parse`, which @types/papaparse declares as `any`. */
interface CoreParseResult {
	data: string[][];
	meta: { cursor: number };
}

/** Facts about the decoded text as a whole. */
export interface StreamSummary {
	/**
	 * U+FFFD characters in the decoded text: bytes invalid in the chosen
	 * encoding, such as latin-1 read as UTF-8.
	 */
	replacementCharacters: number;
}

/** Position of `blob` within a larger file whose earlier lines another reader has read. */
export interface StreamPosition {
	/** Line number of the first line of `blob`. */
	firstLine: number;
	/** Bytes of the file before `blob`, and the file's size, for progress. */
	bytesBefore: number;
	totalBytes: number;
	/** Line ending found at the start of the file; absent when none was found yet. */
	newline?: '\n' | '\r\n';
}

/** Calls `onRow` for every row, empty lines included (as `['']`), in file order. */
export async function streamRows(
	blob: Blob,
	fileName: string,
	options: ParseOptions,
	onRow: RowHandler,
	hooks: StreamHooks = {},
	phase = 'parsing',
	position: StreamPosition = { firstLine: 1, bytesBefore: 0, totalBytes: blob.size }
): Promise<StreamSummary> {
	assertValidDelimiter(options.delimiter, fileName);

	const chunkBytes = Math.max(1, hooks.chunkBytes ?? DEFAULT_CHUNK_BYTES);
	// Past the start of the file a U+FEFF is text, not a byte-order mark to drop.
	const decoder = position.bytesBefore === 0 ? createDecoder(options.encoding) : new TextDecoder(decoderLabel(options.encoding), { ignoreBOM: true });
	const reader = blob.stream().getReader();
	let parser: Papa.Parser | null = null;
	let newline = '\n';
	let carried = '';
	let line = position.firstLine;
	let bytesRead = position.bytesBefore;
	const totalBytes = position.totalBytes;
	let replacementCharacters = 0;

	// Emits the complete rows of `text` and returns the text of the row still open.
	const parseText = (text: string, isLast: boolean): string => {
		if (parser === null) {
			const detected = position.newline ?? detectNewline(text);
			if (detected === null && !isLast) return text;
			newline = detected ?? '\n';
			// Papa.Parser is the chunk-level parser that papaparse's own streamers
			// use; it takes a fixed newline, unlike Papa.parse, which guesses it.
			parser = new Papa.Parser({
				delimiter: options.delimiter,
				newline: toPapaNewline(newline),
				escapeChar: options.escapeChar ?? '"',
				quoteChar: quoteCharacter(options)
			});
		}

		const result: CoreParseResult = parser.parse(text, 0, !isLast);
		const consumed = isLast ? text.length : result.meta.cursor;
		for (let index = text.indexOf('\uFFFD'); index !== -1 && index < consumed; index = text.indexOf('\uFFFD', index + 1)) {
			replacementCharacters++;
		}
		const mayHoldNewlines = text.includes('"');
		for (const fields of result.data) {
			onRow(fields, line);
			line += mayHoldNewlines ? 1 + countNewlines(fields, newline) : 1;
		}
		const rest = text.substring(consumed);
		if (rest.length > MAX_CARRIED_CHARACTERS) {
			throw new IngestError(
				`${fileName}: line ${line} opens a quoted field that does not close within ` +
					`${MAX_CARRIED_CHARACTERS} characters. Remove the stray quote character (") on that line.`,
				{ fileName, line }
			);
		}
		return rest;
	};

	try {
		for (;;) {
			throwIfAborted(hooks.signal);
			const { done, value } = await reader.read();
			if (done) break;

			for (let offset = 0; offset < value.length; offset += chunkBytes) {
				const piece = value.subarray(offset, Math.min(offset + chunkBytes, value.length));
				carried = parseText(carried + decoder.decode(piece, { stream: true }), false);
				bytesRead += piece.length;
				if (offset + chunkBytes < value.length) throwIfAborted(hooks.signal);
			}
			hooks.onProgress?.({ phase, done: bytesRead, total: totalBytes });
		}
		parseText(carried + decoder.decode(), true);
	} catch (error) {
		await reader.cancel().catch(() => undefined);
		throw error;
	}
	hooks.onProgress?.({ phase, done: totalBytes, total: totalBytes });
	return { replacementCharacters };
}

/** Returns the warning for undecodable bytes, or null when there were none. */
export function describeReplacements(fileName: string, encoding: string, summary: StreamSummary): string | null {
	if (summary.replacementCharacters === 0) return null;
	return (
		`${fileName}: ${summary.replacementCharacters} characters are not valid ${encoding} and show as "\uFFFD". ` +
		'If names look wrong, choose another encoding, such as latin-1.'
	);
}

/** Finds the line ending of the first line, or null when no line has ended yet. */
function detectNewline(text: string): string | null {
	const lineFeed = text.indexOf('\n');
	if (lineFeed > 0 && text[lineFeed - 1] === '\r') return '\r\n';
	if (lineFeed >= 0) {
		const carriageReturn = text.indexOf('\r');
		return carriageReturn >= 0 && carriageReturn < lineFeed - 1 ? '\r' : '\n';
	}
	// A lone '\r' at the very end may be the first half of '\r\n', so it decides nothing yet.
	const carriageReturn = text.indexOf('\r');
	return carriageReturn >= 0 && carriageReturn < text.length - 1 ? '\r' : null;
}

function toPapaNewline(newline: string): '\r\n' | '\n' | '\r' {
	if (newline === '\r\n') return '\r\n';
	if (newline === '\r') return '\r';
	return '\n';
}

function countNewlines(fields: string[], newline: string): number {
	const mark = newline === '\r' ? '\r' : '\n';
	let count = 0;
	for (const field of fields) {
		for (let index = field.indexOf(mark); index !== -1; index = field.indexOf(mark, index + 1)) {
			count++;
		}
	}
	return count;
}

function assertValidDelimiter(delimiter: string, fileName: string): void {
	if (delimiter === '' || /["\r\n]/.test(delimiter)) {
		throw new IngestError(
			`${fileName}: the delimiter ${JSON.stringify(delimiter)} is invalid. ` +
				'Choose one or more characters other than quotes and line breaks, such as "," or "::".',
			{ fileName, value: delimiter }
		);
	}
}

/**
 * Returns the quote character for papaparse. Without quoting it is NUL, which
 * decoded text does not contain, so papaparse reads every '"' as text.
 */
export function quoteCharacter(options: Pick<ParseOptions, 'quoting'>): string {
	return options.quoting === false ? '\u0000' : '"';
}

/** Names a delimiter for messages: tab and space are invisible otherwise. */
export function describeDelimiter(delimiter: string): string {
	if (delimiter === '\t') return 'tab';
	if (delimiter === ' ') return 'space';
	return `"${delimiter}"`;
}

/** Tells whether a row is an empty line. */
export function isEmptyRow(fields: string[]): boolean {
	return fields.length === 1 && fields[0].trim() === '';
}
