/**
 * Turns parsed interactions (and optional item metadata) into a Dataset by
 * applying the import settings in a fixed order: value conventions, value
 * range, feedback kind, positive threshold, binary values, duplicate merging,
 * then the k-core filter. Users and items left without interactions are
 * removed and the indices re-densified. Every step is recorded in the report.
 */
import type { ColumnMapping, Dataset, FeedbackKind, ImportReport, ImportSettings, Interactions, RatingScale } from './types';
import { DEFAULT_IMPORT_SETTINGS } from './types';
import type { ParsedRatings } from './parse-ratings';
import type { ParsedItems } from './parse-items';
import { normaliseHeaderName } from './column-roles';
import { applyValueSettings, COUNT_COLUMN_NAMES, detectConventions } from './conventions';
import { distinctValues } from './distinct-values';
import { DropCounter } from './drop-counter';
import { mergeDuplicates } from './duplicates';
import { IngestError } from './errors';
import { joinItems } from './join-items';
import { applyKCore } from './k-core';
import { findSuspiciousIds } from './suspicious-ids';
import { countKept, createWorkingRows, lineOf, type WorkingRows } from './working-rows';

export interface DatasetInfo {
	id: string;
	name: string;
	sourceFiles: string[];
	mapping: ColumnMapping;
}

/** Most distinct values an explicit rating scale may have (0.5..10 in half steps has 20). */
const MAX_SCALE_VALUES = 21;
/** Explicit scales lie within ±this bound; counts and play times usually exceed it. */
const MAX_SCALE_MAGNITUDE = 10;

/**
 * Builds a Dataset from parsed interactions, optional item metadata and the
 * user's settings. Throws an IngestError when the settings leave no interactions.
 */
export function buildDataset(
	ratings: ParsedRatings,
	items: ParsedItems | null,
	info: DatasetInfo,
	settings: ImportSettings = DEFAULT_IMPORT_SETTINGS
): Dataset {
	const warnings = [...ratings.warnings];
	const dropped = new DropCounter(ratings.dropped);
	const rows = createWorkingRows(ratings);
	const hasRatingColumn = info.mapping.rating !== null;
	const ratingName = hasRatingColumn ? (ratings.columnNames[info.mapping.rating ?? 0] ?? '') : '';
	const countColumn = COUNT_COLUMN_NAMES.has(normaliseHeaderName(ratingName));

	// Hints look at the file's values before any setting changes them.
	const hints = hasRatingColumn
		? detectConventions(rows.values, rows.keep, settings, countColumn)
		: { suggested: {}, warnings: [] };
	warnings.push(...hints.warnings);

	// Value settings.
	// Only the distinct values decide the kind, so they are collected rather than the column copied.
	const skippedValue = settings.minusOneMeans === 'unrated' ? -1 : Number.NaN;
	const fileValues = hasRatingColumn && !countColumn ? distinctValues(rows.values, MAX_SCALE_VALUES, rows.keep, skippedValue) : null;
	const detectedKind = fileValues === null ? 'implicit' : detectScale(fileValues, true).kind;
	const kind = applyValueSettings(rows, settings, detectedKind, dropped, warnings);

	// Duplicates.
	const duplicatesMerged = mergeDuplicates(rows, settings.duplicates);
	if (duplicatesMerged > 0) warnings.push(describeMerge(duplicatesMerged, settings, rows.times !== null));

	// k-core filter.
	const minUser = settings.minUserInteractions;
	const minItem = settings.minItemInteractions;
	applyKCore(rows, minUser, minItem, (row, side) => {
		const reason =
			side === 'user'
				? `user has fewer than ${minUser} interactions (k-core)`
				: `item has fewer than ${minItem} interactions (k-core)`;
		dropped.add(reason, lineOf(rows, row), `user ${ratings.userIds[rows.users[row]]}, item ${ratings.itemIds[rows.items[row]]}`);
	});

	const rowsKept = countKept(rows.keep);
	if (rowsKept === 0) throw noRowsLeft(ratings, dropped);
	const { interactions, userIds, itemIds } = compactRows(rows, rowsKept, ratings.userIds, ratings.itemIds);
	// When no value changed and no row was dropped, the distinct values seen above are still complete.
	const unchanged = fileValues !== null && fileValues.length <= MAX_SCALE_VALUES && !rows.ownsValues && rowsKept === rows.keep.length;
	let scale = null;
	if (kind === 'explicit') scale = measureScale(unchanged ? fileValues : interactions.values);

	const report: ImportReport = {
		rowsRead: ratings.rowsRead,
		rowsKept,
		dropped: dropped.toList(),
		duplicatesMerged,
		duplicatePolicy: settings.duplicates,
		suspiciousIds: findSuspicious(userIds, itemIds, warnings),
		settings: structuredClone(settings),
		warnings
	};
	if (Object.keys(hints.suggested).length > 0) report.suggestedSettings = hints.suggested;

	let metadata = null;
	if (items) {
		const joined = joinItems(itemIds, items, warnings);
		metadata = joined.metadata;
		report.unmatchedMetadata = joined.unmatched;
	}

	return {
		id: info.id,
		name: info.name,
		kind,
		scale,
		interactions,
		ids: { userIds, itemIds },
		items: metadata,
		sourceFiles: info.sourceFiles,
		mapping: info.mapping,
		report,
		createdAt: Date.now()
	};
}

function describeMerge(merged: number, settings: ImportSettings, hasTimes: boolean): string {
	const pairs = `${merged} repeated user–item pairs were merged`;
	switch (settings.duplicates) {
		case 'first':
			return `${pairs}, keeping the ${hasTimes ? 'earliest timestamp' : 'first row in the file'}.`;
		case 'mean':
			return `${pairs} into the mean of their values.`;
		case 'sum':
			return `${pairs} into the sum of their values.`;
		default:
			return `${pairs}, keeping the ${hasTimes ? 'latest timestamp' : 'last row in the file'}.`;
	}
}

/**
 * Copies the kept rows into exact-length columns and renumbers users and items
 * densely, in first-seen order. When every row is kept the columns are returned
 * as they are, without a copy: every user and item then keeps its index, because
 * parsing gives an index only to ids that occur in a kept row.
 */
function compactRows(
	rows: WorkingRows,
	rowsKept: number,
	userIds: string[],
	itemIds: string[]
): { interactions: Interactions; userIds: string[]; itemIds: string[] } {
	// TODO: when settings drop rows, the kept rows are copied while the parsed ones stay in memory
	// for rebuilds, so a 25M-row file with a k-core filter briefly needs about twice its column memory.
	if (rowsKept === rows.keep.length) {
		const { users, items, values, times, numUsers, numItems } = rows;
		return { interactions: { users, items, values, times, numUsers, numItems }, userIds: [...userIds], itemIds: [...itemIds] };
	}
	const newUser = new Int32Array(rows.numUsers).fill(-1);
	const newItem = new Int32Array(rows.numItems).fill(-1);
	for (let row = 0; row < rows.keep.length; row++) {
		if (!rows.keep[row]) continue;
		newUser[rows.users[row]] = 0;
		newItem[rows.items[row]] = 0;
	}
	const keptUserIds = renumber(newUser, userIds);
	const keptItemIds = renumber(newItem, itemIds);

	const users = new Int32Array(rowsKept);
	const items = new Int32Array(rowsKept);
	const values = new Float32Array(rowsKept);
	const times = rows.times ? new Float64Array(rowsKept) : null;
	let target = 0;
	for (let row = 0; row < rows.keep.length; row++) {
		if (!rows.keep[row]) continue;
		users[target] = newUser[rows.users[row]];
		items[target] = newItem[rows.items[row]];
		values[target] = rows.values[row];
		if (times && rows.times) times[target] = rows.times[row];
		target++;
	}
	return {
		interactions: { users, items, values, times, numUsers: keptUserIds.length, numItems: keptItemIds.length },
		userIds: keptUserIds,
		itemIds: keptItemIds
	};
}

/** Gives every marked old index (0) its new dense index in order, and returns the kept ids. */
function renumber(newIndex: Int32Array, ids: string[]): string[] {
	const kept: string[] = [];
	for (let old = 0; old < newIndex.length; old++) {
		if (newIndex[old] === -1) continue;
		newIndex[old] = kept.length;
		kept.push(ids[old]);
	}
	return kept;
}

function findSuspicious(userIds: string[], itemIds: string[], warnings: string[]): ImportReport['suspiciousIds'] {
	const result: NonNullable<ImportReport['suspiciousIds']> = [];
	for (const [column, ids] of [['user', userIds], ['item', itemIds]] as const) {
		const found = findSuspiciousIds(ids);
		if (found.count === 0) continue;
		result.push({ column, ...found });
		warnings.push(
			`${found.count} ${column} ids look damaged by a spreadsheet, such as "${found.examples[0]}" ` +
				'(scientific notation or decimals lose digits). Their rows are kept; re-export the file with ids as text.'
		);
	}
	return result;
}

function noRowsLeft(ratings: ParsedRatings, dropped: DropCounter): IngestError {
	const reasons = dropped
		.toList()
		.map((entry) => `${entry.count} × ${entry.reason}`)
		.join('; ');
	return new IngestError(
		`${ratings.fileName}: no interactions are left after the import settings (${ratings.rowsRead} rows read; dropped: ${reasons}). ` +
			'Lower the minimum interactions per user or item, or widen the value range.',
		{ fileName: ratings.fileName }
	);
}

/**
 * Measures the scale of explicit values: min, max and the smallest gap between
 * distinct values (0 when all values are equal). Only the distinct values
 * matter, so `values` may also be their complete list.
 */
export function measureScale(values: Float32Array): RatingScale {
	const detected = detectScale(values, true);
	if (detected.scale) return detected.scale;

	const sorted = [...new Set(values)].map(roundFloat32).sort((a, b) => a - b);
	let step = Infinity;
	for (let index = 1; index < sorted.length; index++) step = Math.min(step, sorted[index] - sorted[index - 1]);
	return { min: sorted[0], max: sorted[sorted.length - 1], step: Number.isFinite(step) ? roundFloat32(step) : 0 };
}

/**
 * Calls values explicit when they sit on a small bounded grid (such as 1..5,
 * 0.5..5 in halves, or 1..10) and implicit otherwise (counts, play times, all ones).
 */
export function detectScale(values: Float32Array, hasRatingColumn: boolean): { kind: FeedbackKind; scale: RatingScale | null } {
	const implicit = { kind: 'implicit' as const, scale: null };
	if (!hasRatingColumn || values.length === 0) return implicit;

	const distinct = distinctValues(values, MAX_SCALE_VALUES);
	if (distinct.length > MAX_SCALE_VALUES || distinct.length < 2) return implicit;

	// Float32 storage turns 0.1 into 0.100000001; seven significant digits undo that.
	const sorted = [...distinct].map(roundFloat32).sort((a, b) => a - b);
	const min = sorted[0];
	const max = sorted[sorted.length - 1];
	if (min < -MAX_SCALE_MAGNITUDE || max > MAX_SCALE_MAGNITUDE) return implicit;

	let step = Infinity;
	for (let index = 1; index < sorted.length; index++) step = Math.min(step, sorted[index] - sorted[index - 1]);
	step = roundFloat32(step);
	const onGrid = sorted.every((value) => {
		const steps = (value - min) / step;
		return Math.abs(steps - Math.round(steps)) < 1e-3;
	});
	if (!onGrid) return implicit;
	// TODO: continuous explicit scales (Jester's -10..10) have many distinct
	// values and are reported as implicit; telling them from counts needs more than this rule.
	return { kind: 'explicit', scale: { min, max, step } };
}

/** Rounds to the seven significant digits a Float32 holds. */
function roundFloat32(value: number): number {
	return Number(value.toPrecision(7));
}
