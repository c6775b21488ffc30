/** Parsing of single cell values: numbers and timestamps. */

const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DECIMAL_COMMA_PATTERN = /^[+-]?\d+,\d+$/;
const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Parses a plain decimal number. Returns NaN for anything else, including the
 * empty string, hexadecimal and "Infinity", which `Number()` would accept.
 */
export function parseNumber(raw: string): number {
	const text = raw.trim();
	return NUMBER_PATTERN.test(text) ? Number(text) : NaN;
}

/** Parses a number written with a decimal comma, such as "3,5". Returns NaN otherwise. */
export function parseDecimalComma(raw: string): number {
	const text = raw.trim();
	return DECIMAL_COMMA_PATTERN.test(text) ? Number(text.replace(',', '.')) : NaN;
}

/** Numbers at or above this are epoch milliseconds; below it, epoch seconds (1e11 s is the year 5138). */
export const MILLISECONDS_THRESHOLD = 1e11;

/**
 * Parses a timestamp into epoch milliseconds: numbers below 1e11 are seconds,
 * larger ones milliseconds, and ISO 8601 dates go through Date.parse.
 * Returns NaN for any other value.
 */
export function parseTimestamp(raw: string): number {
	const number = parseNumber(raw);
	if (!Number.isNaN(number)) {
		return number < MILLISECONDS_THRESHOLD ? number * 1000 : number;
	}

	// TODO: day-first and month-first dates (21-07-2015, 03/04/2015 10:15) are
	// rejected as invalid, because one value cannot show which order it uses.
	// Reading them needs a format chosen by the user.
	const text = raw.trim();
	return ISO_DATE_PATTERN.test(text) ? Date.parse(text) : NaN;
}

/** Tells whether a value reads as a timestamp: epoch seconds after 1973, epoch milliseconds, or an ISO date. */
export function looksLikeTimestamp(raw: string): boolean {
	const number = parseNumber(raw);
	if (!Number.isNaN(number)) return Number.isInteger(number) && number >= 1e8;
	return ISO_DATE_PATTERN.test(raw.trim());
}
