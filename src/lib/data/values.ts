/** Parsing of single cell values: numbers and timestamps. */
import type { DateOrder } from './types';

const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DECIMAL_COMMA_PATTERN = /^[+-]?\d+,\d+$/;
const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
/** DD/MM/YYYY, MM-DD-YYYY, DD.MM.YYYY and the like, with an optional HH:MM or HH:MM:SS. */
const DAY_MONTH_PATTERN = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** Largest magnitude a Float32Array holds; larger values would be stored as Infinity. */
const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * Parses a plain decimal number. Returns NaN for anything else, including the
 * empty string, hexadecimal, "Infinity" (which `Number()` would accept) and
 * numbers too large for the Float32 value column, such as 1e400.
 */
export function parseNumber(raw: string): number {
	const text = raw.trim();
	if (!NUMBER_PATTERN.test(text)) return NaN;
	const value = Number(text);
	return Math.abs(value) <= FLOAT32_MAX ? value : NaN;
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
 * larger ones milliseconds, ISO 8601 dates go through Date.parse, and
 * DD/MM/YYYY-style dates are read in `dateOrder` as UTC.
 * Returns NaN for any other value, and for day-month dates when `dateOrder` is null.
 */
export function parseTimestamp(raw: string, dateOrder: DateOrder | null = null): number {
	const number = parseNumber(raw);
	if (!Number.isNaN(number)) {
		return number < MILLISECONDS_THRESHOLD ? number * 1000 : number;
	}

	const text = raw.trim();
	if (ISO_DATE_PATTERN.test(text)) return Date.parse(text);
	return dateOrder === null ? NaN : parseDayMonthDate(text, dateOrder);
}

/** Parses DD/MM/YYYY or MM/DD/YYYY (any of '/', '-', '.'), with an optional time, as UTC. NaN when invalid. */
export function parseDayMonthDate(text: string, dateOrder: DateOrder): number {
	const match = DAY_MONTH_PATTERN.exec(text.trim());
	if (match === null) return NaN;

	const first = Number(match[1]);
	const second = Number(match[3]);
	const day = dateOrder === 'dmy' ? first : second;
	const month = dateOrder === 'dmy' ? second : first;
	const year = Number(match[4]);
	const hours = match[5] === undefined ? 0 : Number(match[5]);
	const minutes = match[6] === undefined ? 0 : Number(match[6]);
	const seconds = match[7] === undefined ? 0 : Number(match[7]);
	if (month < 1 || month > 12 || day < 1 || hours > 23 || minutes > 59 || seconds > 59) return NaN;

	const time = Date.UTC(year, month - 1, day, hours, minutes, seconds);
	// Date.UTC rolls 31/04 over to 1 May; a date that rolled over is invalid.
	return new Date(time).getUTCDate() === day ? time : NaN;
}

/** Returns the two leading numbers of a DD/MM/YYYY-style date, or null for other values. */
export function dayMonthParts(raw: string): [number, number] | null {
	const match = DAY_MONTH_PATTERN.exec(raw.trim());
	return match === null ? null : [Number(match[1]), Number(match[3])];
}

/** Tells whether a value reads as a timestamp: epoch seconds after 1973, epoch milliseconds, an ISO date or a DD/MM/YYYY-style date. */
export function looksLikeTimestamp(raw: string): boolean {
	const number = parseNumber(raw);
	if (!Number.isNaN(number)) return Number.isInteger(number) && number >= 1e8;
	const text = raw.trim();
	return ISO_DATE_PATTERN.test(text) || DAY_MONTH_PATTERN.test(text);
}
