/**
 * The value settings of an import, applied in this order: value conventions
 * (0 means implicit, -1 means unrated, negative quantities), the value range,
 * the feedback kind, the positive threshold and binary implicit values.
 * Also detects the conventions a file seems to follow, so the UI can offer them.
 */
import type { FeedbackKind, ImportSettings } from './types';
import type { DropCounter } from './drop-counter';
import { lineOf, writableValues, type WorkingRows } from './working-rows';

export const DROP_MINUS_ONE = 'watched but unrated (-1)';
export const DROP_NEGATIVE = 'negative quantity (cancellation or return)';
export const DROP_OUT_OF_RANGE = 'value outside the chosen range';
export const DROP_BELOW_THRESHOLD = 'below the positive threshold';

/** Rating-column names (normalised) that mean counts or durations: implicit feedback whatever the values. */
export const COUNT_COLUMN_NAMES: ReadonlySet<string> = new Set([
	'plays',
	'playcount',
	'count',
	'weight',
	'quantity',
	'hours',
	'clicks',
	'views',
	'listens',
	'purchases'
]);

/** Share of zeros (in a 0..N scale with N ≥ 5) above which the '0 means implicit' convention is suggested. */
const ZERO_SHARE_FOR_SUGGESTION = 0.2;

/**
 * Applies the value settings to the kept rows and returns the resulting kind.
 * `detectedKind` is the kind the values show, computed without -1 rows when
 * `minusOneMeans` is 'unrated'.
 *
 * With `zeroMeans: 'implicit'` the dataset becomes implicit and every kept row
 * gets the value 1: a rating of 8 also shows the user read the book, so
 * explicit ratings count as positives too, and none are dropped.
 */
export function applyValueSettings(
	rows: WorkingRows,
	settings: ImportSettings,
	detectedKind: FeedbackKind,
	dropped: DropCounter,
	warnings: string[]
): FeedbackKind {
	const { keep } = rows;
	let values = rows.values;
	const zeroImplicit = settings.zeroMeans === 'implicit';
	let kind: FeedbackKind = zeroImplicit ? 'implicit' : detectedKind;
	if (settings.feedback !== 'auto') {
		if (zeroImplicit && settings.feedback === 'explicit') {
			warnings.push('The explicit feedback setting was ignored, because "0 means implicit" makes every interaction implicit.');
		} else {
			kind = settings.feedback;
		}
	}

	const unrated = settings.minusOneMeans === 'unrated';
	const dropNegative = settings.negativeValues === 'drop';
	const { min, max } = settings.valueRange;
	const threshold = kind === 'implicit' ? settings.positiveThreshold : null;
	const binary = kind === 'implicit' && settings.implicitValues === 'binary';

	const drop = (row: number, reason: string): void => {
		keep[row] = 0;
		dropped.add(reason, lineOf(rows, row), String(values[row]));
	};
	for (let row = 0; row < values.length; row++) {
		if (!keep[row]) continue;
		let value = values[row];

		// Conventions.
		if (unrated && value === -1) {
			if (kind !== 'implicit') {
				drop(row, DROP_MINUS_ONE);
				continue;
			}
			value = 1;
		} else if (dropNegative && value < 0) {
			drop(row, DROP_NEGATIVE);
			continue;
		}
		if (zeroImplicit) value = 1;

		// Filters and the implicit value rules.
		if ((min !== null && value < min) || (max !== null && value > max)) {
			drop(row, DROP_OUT_OF_RANGE);
			continue;
		}
		if (threshold !== null) {
			if (value < threshold) {
				drop(row, DROP_BELOW_THRESHOLD);
				continue;
			}
			value = 1;
		}
		if (binary) value = 1;
		// Most settings change no value, and then the parsed values need no copy.
		if (value !== values[row]) {
			values = writableValues(rows);
			values[row] = value;
		}
	}

	if (kind === 'explicit' && settings.positiveThreshold !== null) {
		warnings.push('The positive threshold was ignored, because it applies to implicit feedback only.');
	}
	return kind;
}

/** Conventions the values suggest, each with the warning that explains it. */
export interface ConventionHints {
	suggested: Partial<ImportSettings>;
	warnings: string[];
}

/**
 * Looks for value conventions that the settings do not apply yet: many zeros on
 * a 0..10-style scale (Book-Crossing), -1 beside positive ratings (MyAnimeList),
 * and negative quantities in a count column (purchase logs).
 */
export function detectConventions(
	values: Float32Array,
	keep: Uint8Array,
	settings: ImportSettings,
	countColumn: boolean
): ConventionHints {
	let kept = 0;
	let zeros = 0;
	let minusOnes = 0;
	let otherNegatives = 0;
	let max = -Infinity;
	for (let row = 0; row < values.length; row++) {
		if (!keep[row]) continue;
		const value = values[row];
		kept++;
		if (value === 0) zeros++;
		else if (value === -1) minusOnes++;
		else if (value < 0) otherNegatives++;
		if (value > max) max = value;
	}

	const hints: ConventionHints = { suggested: {}, warnings: [] };
	const percent = (count: number): string => `${((count / kept) * 100).toFixed(1)}%`;
	const ratingScale = !countColumn && minusOnes === 0 && otherNegatives === 0 && max >= 5 && max <= 10;
	if (settings.zeroMeans === 'rating' && ratingScale && zeros >= kept * ZERO_SHARE_FOR_SUGGESTION) {
		hints.suggested.zeroMeans = 'implicit';
		hints.warnings.push(
			`${percent(zeros)} of values are 0: this looks like the '0 means implicit' convention ` +
				'(as in Book-Crossing, where 0 records an interaction without a rating). ' +
				'Set "0 means" to implicit to read them as interactions.'
		);
	}
	if (settings.minusOneMeans === 'rating' && !countColumn && minusOnes > 0 && otherNegatives === 0) {
		hints.suggested.minusOneMeans = 'unrated';
		hints.warnings.push(
			`${percent(minusOnes)} of values are -1 and no other value is negative: this looks like the ` +
				`'-1 means watched but unrated' convention (as in MyAnimeList). Set "-1 means" to unrated to drop them, ` +
				'or to keep them as implicit interactions.'
		);
	}
	if (settings.negativeValues !== 'drop' && countColumn && minusOnes + otherNegatives > 0) {
		hints.suggested.negativeValues = 'drop';
		hints.warnings.push(
			`${minusOnes + otherNegatives} values are negative in a count column: in a purchase log these are ` +
				'cancellations or returns. Set negative values to "drop" to leave them out.'
		);
	}
	return hints;
}
