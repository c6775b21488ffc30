/**
 * Turns parsed interactions (and optional item metadata) into a Dataset:
 * merges duplicate user–item pairs, detects explicit or implicit feedback and
 * the rating scale, joins metadata by external item id, and fills the report.
 */
import type { ColumnMapping, Dataset, FeedbackKind, ItemMetadata, RatingScale } from './types';
import type { ParsedRatings } from './parse-ratings';
import type { ParsedItems } from './parse-items';

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

/** Builds a Dataset from parsed interactions and optional item metadata. */
export function buildDataset(ratings: ParsedRatings, items: ParsedItems | null, info: DatasetInfo): Dataset {
	const warnings = [...ratings.warnings];
	const numUsers = ratings.userIds.length;
	const numItems = ratings.itemIds.length;

	const keep = findRowsToKeep(ratings, numUsers, numItems);
	const rowsKept = countKept(keep);
	const duplicatesMerged = ratings.users.length - rowsKept;
	if (duplicatesMerged > 0) {
		const order = ratings.times ? 'latest timestamp' : 'last row in the file';
		warnings.push(`${duplicatesMerged} repeated user–item pairs were merged, keeping the ${order}.`);
	}

	const interactions = {
		users: compact(ratings.users, keep, rowsKept, (length) => new Int32Array(length)),
		items: compact(ratings.items, keep, rowsKept, (length) => new Int32Array(length)),
		values: compact(ratings.values, keep, rowsKept, (length) => new Float32Array(length)),
		times: ratings.times ? compact(ratings.times, keep, rowsKept, (length) => new Float64Array(length)) : null,
		numUsers,
		numItems
	};
	const { kind, scale } = detectScale(interactions.values, info.mapping.rating !== null);
	const metadata = items ? joinItems(ratings.itemIds, items, warnings) : null;

	return {
		id: info.id,
		name: info.name,
		kind,
		scale,
		interactions,
		ids: { userIds: ratings.userIds, itemIds: ratings.itemIds },
		items: metadata,
		sourceFiles: info.sourceFiles,
		mapping: info.mapping,
		report: {
			rowsRead: ratings.rowsRead,
			rowsKept,
			dropped: ratings.dropped,
			duplicatesMerged,
			warnings
		},
		createdAt: Date.now()
	};
}

/**
 * Marks the one row to keep for each user–item pair: the latest by timestamp,
 * or the later row on ties and in files without timestamps.
 * A counting sort buckets rows by user. Then one pass per user with an
 * item-indexed table finds repeats, so time and memory stay linear in rows plus items.
 */
function findRowsToKeep(ratings: ParsedRatings, numUsers: number, numItems: number): Uint8Array {
	const rowCount = ratings.users.length;
	const keep = new Uint8Array(rowCount).fill(1);

	const userStart = new Int32Array(numUsers + 1);
	for (let row = 0; row < rowCount; row++) userStart[ratings.users[row] + 1]++;
	for (let user = 0; user < numUsers; user++) userStart[user + 1] += userStart[user];
	const rowsByUser = new Int32Array(rowCount);
	const fill = userStart.slice(0, numUsers);
	for (let row = 0; row < rowCount; row++) rowsByUser[fill[ratings.users[row]]++] = row;

	// keptRow[item] is valid only while keptFor[item] equals the current user.
	const keptRow = new Int32Array(numItems);
	const keptFor = new Int32Array(numItems).fill(-1);
	const times = ratings.times;
	for (let user = 0; user < numUsers; user++) {
		for (let position = userStart[user]; position < userStart[user + 1]; position++) {
			const row = rowsByUser[position];
			const item = ratings.items[row];
			if (keptFor[item] !== user) {
				keptFor[item] = user;
				keptRow[item] = row;
				continue;
			}
			// Rows within a user are in file order, so `row` is the later one.
			const previous = keptRow[item];
			if (times === null || times[row] >= times[previous]) {
				keep[previous] = 0;
				keptRow[item] = row;
			} else {
				keep[row] = 0;
			}
		}
	}
	return keep;
}

function countKept(keep: Uint8Array): number {
	let count = 0;
	for (const flag of keep) count += flag;
	return count;
}

function compact<T extends Int32Array | Float32Array | Float64Array>(
	source: T,
	keep: Uint8Array,
	length: number,
	allocate: (length: number) => T
): T {
	const result = allocate(length);
	let target = 0;
	for (let row = 0; row < source.length; row++) {
		if (keep[row]) result[target++] = source[row];
	}
	return result;
}

/**
 * Calls values explicit when they sit on a small bounded grid (such as 1..5,
 * 0.5..5 in halves, or 1..10) and implicit otherwise (counts, play times, all ones).
 */
export function detectScale(values: Float32Array, hasRatingColumn: boolean): { kind: FeedbackKind; scale: RatingScale | null } {
	const implicit = { kind: 'implicit' as const, scale: null };
	if (!hasRatingColumn || values.length === 0) return implicit;

	const distinct = new Set<number>();
	for (const value of values) {
		distinct.add(value);
		if (distinct.size > MAX_SCALE_VALUES) return implicit;
	}
	if (distinct.size < 2) return implicit;

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

/** Lays item metadata out by dense item index; items that no interaction mentions are counted, not kept. */
function joinItems(itemIds: string[], items: ParsedItems, warnings: string[]): ItemMetadata {
	const denseIndex = new Map<string, number>();
	itemIds.forEach((id, index) => denseIndex.set(id, index));

	const titles = new Array<string>(itemIds.length).fill('');
	const genres: string[][] = Array.from({ length: itemIds.length }, () => []);
	const matched = new Uint8Array(itemIds.length);
	let unmatchedIds = 0;
	for (let row = 0; row < items.ids.length; row++) {
		const index = denseIndex.get(items.ids[row]);
		if (index === undefined) {
			unmatchedIds++;
			continue;
		}
		titles[index] = items.titles[row];
		genres[index] = items.genres[row];
		matched[index] = 1;
	}

	warnings.push(...items.warnings);
	const withoutMetadata = itemIds.length - countKept(matched);
	if (withoutMetadata > 0) {
		warnings.push(`${withoutMetadata} rated items have no entry in the item file and have no title.`);
	}
	return { titles, genres, unmatchedIds };
}
