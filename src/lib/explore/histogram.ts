/**
 * Counting and binning helpers for dataset statistics. Each runs in time
 * linear in its input (plus the largest count, for count frequencies), so
 * they stay usable on 25M-row datasets inside a worker.
 */
import type { HistogramBar, Spread } from './types';

/** Counts how often each index in 0..size-1 occurs. */
export function countOccurrences(indices: Int32Array, size: number): Int32Array {
	const counts = new Int32Array(size);
	for (let row = 0; row < indices.length; row++) counts[indices[row]]++;
	return counts;
}

/**
 * Returns `frequency[c]` = how many entries of `counts` equal c. This is a
 * counting sort, which gives medians and sorted order without an O(n log n) sort.
 */
export function frequencyOfCounts(counts: Int32Array): Int32Array {
	let max = 0;
	for (let index = 0; index < counts.length; index++) if (counts[index] > max) max = counts[index];
	const frequency = new Int32Array(max + 1);
	for (let index = 0; index < counts.length; index++) frequency[counts[index]]++;
	return frequency;
}

/** Value at 0-based position `position` of the counts sorted ascending, read from their frequencies. */
function countAtPosition(frequency: Int32Array, position: number): number {
	let seen = 0;
	for (let count = 0; count < frequency.length; count++) {
		seen += frequency[count];
		if (seen > position) return count;
	}
	return frequency.length - 1;
}

/** Min, median (mean of the two middle values for an even length), mean and max of counts, from their frequencies. */
export function spreadOfCounts(frequency: Int32Array): Spread {
	let entries = 0;
	let total = 0;
	let min = -1;
	for (let count = 0; count < frequency.length; count++) {
		if (frequency[count] === 0) continue;
		if (min < 0) min = count;
		entries += frequency[count];
		total += count * frequency[count];
	}
	if (entries === 0) return { min: 0, median: 0, mean: 0, max: 0 };
	const lower = countAtPosition(frequency, Math.floor((entries - 1) / 2));
	const upper = countAtPosition(frequency, Math.floor(entries / 2));
	return { min, median: (lower + upper) / 2, mean: total / entries, max: frequency.length - 1 };
}

/**
 * Bins counts by powers of two: "0", "1", "2–3", "4–7", "8–15", … Each bar's
 * [low, high) is half-open, and the label shows the inclusive integer range.
 */
export function log2CountBars(frequency: Int32Array): HistogramBar[] {
	const bars: HistogramBar[] = [];
	if (frequency.length > 0 && frequency[0] > 0) bars.push({ label: '0', low: 0, high: 1, count: frequency[0] });
	for (let low = 1; low < frequency.length; low *= 2) {
		const high = low * 2;
		let count = 0;
		for (let value = low; value < Math.min(high, frequency.length); value++) count += frequency[value];
		bars.push({ label: low === high - 1 ? `${low}` : `${low}–${high - 1}`, low, high, count });
	}
	return bars;
}

/** Formats a bin edge with at most three significant decimals and no trailing zeros. */
export function formatEdge(value: number): string {
	return Number.parseFloat(value.toPrecision(4)).toString();
}

/**
 * Bins arbitrary values by powers of two: [2^k, 2^(k+1)) for positive values,
 * and one "≤ 0" bar for the rest. When every value is an integer the labels
 * show inclusive integer ranges like log2CountBars. Bars run without gaps
 * from the smallest to the largest occupied power.
 */
export function log2ValueBars(values: ArrayLike<number>): HistogramBar[] {
	const byExponent = new Map<number, number>();
	let nonPositive = 0;
	let integral = true;
	let minExponent = Infinity;
	let maxExponent = -Infinity;
	for (let row = 0; row < values.length; row++) {
		const value = values[row];
		if (!(value > 0)) {
			if (value <= 0) nonPositive++;
			continue;
		}
		if (integral && !Number.isInteger(value)) integral = false;
		const exponent = Math.floor(Math.log2(value));
		byExponent.set(exponent, (byExponent.get(exponent) ?? 0) + 1);
		if (exponent < minExponent) minExponent = exponent;
		if (exponent > maxExponent) maxExponent = exponent;
	}

	const bars: HistogramBar[] = [];
	if (nonPositive > 0) bars.push({ label: '≤ 0', low: -Infinity, high: 0, count: nonPositive });
	for (let exponent = minExponent; exponent <= maxExponent; exponent++) {
		const low = 2 ** exponent;
		const high = 2 ** (exponent + 1);
		let label = `${formatEdge(low)}–${formatEdge(high)}`;
		if (integral) label = high - 1 === low ? `${low}` : `${low}–${high - 1}`;
		bars.push({ label, low, high, count: byExponent.get(exponent) ?? 0 });
	}
	return bars;
}

/**
 * Bins values into `binCount` equal-width bars over [min, max]. The last bar
 * also includes `max`. Values outside the range or not finite are left out.
 */
export function linearBars(values: ArrayLike<number>, min: number, max: number, binCount: number): HistogramBar[] {
	const width = max > min ? (max - min) / binCount : 1;
	const counts = new Array<number>(binCount).fill(0);
	for (let index = 0; index < values.length; index++) {
		const value = values[index];
		if (!(value >= min && value <= max)) continue;
		counts[Math.min(binCount - 1, Math.floor((value - min) / width))]++;
	}
	return counts.map((count, bin) => {
		const low = min + bin * width;
		const high = min + (bin + 1) * width;
		return { label: `${formatEdge(low)}–${formatEdge(high)}`, low, high, count };
	});
}
