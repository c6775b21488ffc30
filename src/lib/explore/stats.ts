/**
 * Descriptive statistics of a dataset for the Explore page. Pure and without
 * DOM, so it runs in the ingest worker. Every pass is linear in the rows, the
 * users, the items and the largest per-user or per-item count.
 */
import type { Dataset, Interactions, RatingScale } from '../data/types';
import { countOccurrences, formatEdge, frequencyOfCounts, linearBars, log2CountBars, log2ValueBars, spreadOfCounts } from './histogram';
import type { ColdCount, DatasetStats, HistogramBar, LabelStats, PopularityStats, RankedCount, TimelineStats, ValueRange } from './types';

export type * from './types';

/** Ranks of the popularity curve kept exactly, then the number of log-spaced ranks after them. */
const EXACT_HEAD_RANKS = 1000;
const SAMPLED_TAIL_RANKS = 1000;
const TOP_PERCENTS = [1, 10, 20];
/** "Cold" means fewer than this many interactions. */
const COLD_THRESHOLDS = [1, 5, 10];
const TOP_LABELS = 30;
/** Scales with more steps than this (such as 0–100 in steps of 0.1) get equal-width bins instead of one bar per value. */
const MAX_SCALE_BARS = 101;
const LINEAR_BINS = 20;
/** Mean-rating bin width: the scale's step, halved until the scale spans at least this many bins. */
const MIN_MEAN_RATING_BINS = 12;
const DAY_MS = 86_400_000;
/** Data spanning at most this many days is bucketed per day, longer spans per month. */
const DAILY_SPAN_DAYS = 180;

export function computeDatasetStats(dataset: Dataset): DatasetStats {
	const { interactions, kind, scale } = dataset;
	const numUsers = interactions.numUsers;
	const numItems = interactions.numItems;
	const numInteractions = interactions.users.length;

	const userCounts = countOccurrences(interactions.users, numUsers);
	const itemCounts = countOccurrences(interactions.items, numItems);
	const userFrequency = frequencyOfCounts(userCounts);
	const itemFrequency = frequencyOfCounts(itemCounts);
	const unmatchedItems = dataset.items?.unmatchedIds ?? 0;

	return {
		numUsers,
		numItems,
		numInteractions,
		density: numUsers > 0 && numItems > 0 ? numInteractions / (numUsers * numItems) : 0,
		kind,
		scale,
		values: rangeOfValues(interactions.values),
		valueHistogram: valueHistogram(interactions.values, kind === 'explicit' ? scale : null, kind),
		popularity: popularityOf(itemFrequency, numInteractions),
		userActivity: { bars: log2CountBars(userFrequency), spread: spreadOfCounts(userFrequency) },
		itemActivity: spreadOfCounts(itemFrequency),
		timeline: interactions.times ? timelineOf(interactions.times) : null,
		genres: dataset.items ? labelStats(dataset.items.genres, itemCounts) : null,
		tags: dataset.items?.tags ? labelStats(dataset.items.tags, itemCounts) : null,
		coldUsers: coldCounts(userFrequency, 0),
		coldItems: coldCounts(itemFrequency, unmatchedItems),
		catalogueItems: numItems + unmatchedItems,
		meanRatings: kind === 'explicit' ? meanRatingBars(interactions, userCounts, itemCounts, scale) : null
	};
}

function rangeOfValues(values: Float32Array): ValueRange {
	if (values.length === 0) return { min: 0, mean: 0, max: 0 };
	let min = Infinity;
	let max = -Infinity;
	let total = 0;
	for (let row = 0; row < values.length; row++) {
		const value = values[row];
		if (value < min) min = value;
		if (value > max) max = value;
		total += value;
	}
	return { min, mean: total / values.length, max };
}

function valueHistogram(values: Float32Array, scale: RatingScale | null, kind: Dataset['kind']): DatasetStats['valueHistogram'] {
	if (kind === 'implicit') return { binning: 'log2', bars: log2ValueBars(values) };

	const slots = scale && scale.step > 0 ? Math.round((scale.max - scale.min) / scale.step) + 1 : Infinity;
	if (!scale || slots > MAX_SCALE_BARS) {
		const range = scale ?? rangeOfValues(values);
		return { binning: 'linear', bars: linearBars(values, range.min, range.max, LINEAR_BINS) };
	}

	// Values from a 'mean' duplicate policy can fall between steps, so each value goes to its nearest step.
	const counts = new Array<number>(slots).fill(0);
	for (let row = 0; row < values.length; row++) {
		const slot = Math.round((values[row] - scale.min) / scale.step);
		if (slot >= 0 && slot < slots) counts[slot]++;
	}
	const bars = counts.map((count, slot) => {
		const value = scale.min + slot * scale.step;
		return { label: formatEdge(value), low: value, high: value, count };
	});
	return { binning: 'scale', bars };
}

/** Ranks sampled for the popularity curve: every rank up to the exact head, then log-spaced ranks ending at `items`. */
function sampledRanks(items: number): number[] {
	const ranks: number[] = [];
	for (let rank = 1; rank <= Math.min(items, EXACT_HEAD_RANKS); rank++) ranks.push(rank);
	if (items <= EXACT_HEAD_RANKS) return ranks;

	const first = EXACT_HEAD_RANKS + 1;
	const ratio = items / first;
	for (let step = 0; step < SAMPLED_TAIL_RANKS; step++) {
		const rank = Math.round(first * ratio ** (step / (SAMPLED_TAIL_RANKS - 1)));
		if (rank > ranks[ranks.length - 1]) ranks.push(rank);
	}
	if (ranks[ranks.length - 1] !== items) ranks.push(items);
	return ranks;
}

function popularityOf(itemFrequency: Int32Array, numInteractions: number): PopularityStats {
	// Counting sort, descending: item counts in rank order.
	let items = 0;
	for (let count = 0; count < itemFrequency.length; count++) items += itemFrequency[count];
	const sorted = new Int32Array(items);
	let position = 0;
	for (let count = itemFrequency.length - 1; count >= 0; count--) {
		sorted.fill(count, position, position + itemFrequency[count]);
		position += itemFrequency[count];
	}

	const points: RankedCount[] = sampledRanks(items).map((rank) => ({ rank, count: sorted[rank - 1] }));

	const topShares = TOP_PERCENTS.map((percent) => {
		const top = Math.min(items, Math.max(1, Math.ceil((items * percent) / 100)));
		let covered = 0;
		for (let index = 0; index < top; index++) covered += sorted[index];
		return { percent, share: numInteractions > 0 ? covered / numInteractions : 0 };
	});

	// Gini over counts in ascending order: the item at descending index d has ascending rank items - d.
	let weighted = 0;
	let total = 0;
	for (let index = 0; index < items; index++) {
		const ascendingRank = items - index;
		weighted += (2 * ascendingRank - items - 1) * sorted[index];
		total += sorted[index];
	}
	const gini = items > 0 && total > 0 ? weighted / (items * total) : 0;

	return { points, items, topShares, gini };
}

function coldCounts(frequency: Int32Array, extraWithoutInteractions: number): ColdCount[] {
	return COLD_THRESHOLDS.map((threshold) => {
		let count = extraWithoutInteractions;
		for (let value = 0; value < Math.min(threshold, frequency.length); value++) count += frequency[value];
		return { threshold, count };
	});
}

/** Start (epoch ms) of the UTC month `monthKey` = year × 12 + month, with month 0-based. */
function monthStart(monthKey: number): number {
	return Date.UTC(Math.floor(monthKey / 12), monthKey % 12, 1);
}

function monthKeyOf(time: number): number {
	const date = new Date(time);
	return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

function timelineOf(times: Float64Array): TimelineStats {
	let first = Infinity;
	let last = -Infinity;
	let missing = 0;
	for (let row = 0; row < times.length; row++) {
		const time = times[row];
		if (!Number.isFinite(time)) {
			missing++;
			continue;
		}
		if (time < first) first = time;
		if (time > last) last = time;
	}
	if (first > last) return { unit: 'day', buckets: [], first: 0, last: 0, missing };

	const firstDay = Math.floor(first / DAY_MS);
	const spanDays = Math.floor(last / DAY_MS) - firstDay + 1;
	if (spanDays <= DAILY_SPAN_DAYS + 1) {
		const counts = new Array<number>(spanDays).fill(0);
		for (let row = 0; row < times.length; row++) {
			if (Number.isFinite(times[row])) counts[Math.floor(times[row] / DAY_MS) - firstDay]++;
		}
		const buckets = counts.map((count, day) => ({ start: (firstDay + day) * DAY_MS, count }));
		return { unit: 'day', buckets, first, last, missing };
	}

	// Month of each row through a per-day lookup table, because building a Date for each of 25M rows is slow.
	// NOTE: spans over ~2,700 years (damaged times) skip the table and build a Date per row instead.
	// TODO: one damaged time decades away from the rest stretches the chart with empty months; outliers are not trimmed yet.
	const firstMonth = monthKeyOf(first);
	const months = monthKeyOf(last) - firstMonth + 1;
	let monthOfRow: (time: number) => number = (time) => monthKeyOf(time) - firstMonth;
	if (spanDays <= 1_000_000) {
		const monthOfDay = new Int32Array(spanDays);
		for (let day = 0; day < spanDays; day++) monthOfDay[day] = monthKeyOf((firstDay + day) * DAY_MS) - firstMonth;
		monthOfRow = (time) => monthOfDay[Math.floor(time / DAY_MS) - firstDay];
	}
	const counts = new Array<number>(months).fill(0);
	for (let row = 0; row < times.length; row++) {
		if (Number.isFinite(times[row])) counts[monthOfRow(times[row])]++;
	}
	const buckets = counts.map((count, month) => ({ start: monthStart(firstMonth + month), count }));
	return { unit: 'month', buckets, first, last, missing };
}

/** Orders labels by UTF-16 code units, which unlike localeCompare is the same in every locale. */
function compareLabels(a: string, b: string): number {
	if (a < b) return -1;
	return a > b ? 1 : 0;
}

/** Genre or tag frequencies over the dense items; a label repeated within one item counts once. */
function labelStats(labelsByItem: string[][], itemCounts: Int32Array): LabelStats | null {
	const byLabel = new Map<string, { items: number; interactions: number }>();
	let unlabelledItems = 0;
	for (let item = 0; item < itemCounts.length; item++) {
		const labels = labelsByItem[item] ?? [];
		let labelled = false;
		for (let index = 0; index < labels.length; index++) {
			const label = labels[index];
			if (!label || labels.indexOf(label) !== index) continue;
			labelled = true;
			const entry = byLabel.get(label) ?? { items: 0, interactions: 0 };
			entry.items++;
			entry.interactions += itemCounts[item];
			byLabel.set(label, entry);
		}
		if (!labelled) unlabelledItems++;
	}
	if (byLabel.size === 0) return null;

	const top = [...byLabel]
		.map(([label, entry]) => ({ label, ...entry }))
		.sort((a, b) => b.interactions - a.interactions || b.items - a.items || compareLabels(a.label, b.label))
		.slice(0, TOP_LABELS);
	return { top, distinct: byLabel.size, unlabelledItems };
}

function meanRatingBars(
	interactions: Interactions,
	userCounts: Int32Array,
	itemCounts: Int32Array,
	scale: RatingScale | null
): { users: HistogramBar[]; items: HistogramBar[] } {
	const userSums = new Float64Array(interactions.numUsers);
	const itemSums = new Float64Array(interactions.numItems);
	for (let row = 0; row < interactions.values.length; row++) {
		userSums[interactions.users[row]] += interactions.values[row];
		itemSums[interactions.items[row]] += interactions.values[row];
	}
	const range = scale ?? rangeOfValues(interactions.values);
	// Widths like 0.25 on a 1–5 scale give round bin edges, unlike a fixed bin count (0.28125 on 0.5–5).
	const span = range.max - range.min;
	let binWidth = scale && scale.step > 0 ? scale.step : span / MIN_MEAN_RATING_BINS || 1;
	while (span / binWidth < MIN_MEAN_RATING_BINS && binWidth > 1e-6) binWidth /= 2;
	const binCount = Math.max(1, Math.ceil(span / binWidth - 1e-9));
	const meansOf = (sums: Float64Array, counts: Int32Array): number[] => {
		const means: number[] = [];
		for (let index = 0; index < sums.length; index++) if (counts[index] > 0) means.push(sums[index] / counts[index]);
		return means;
	};
	return {
		users: linearBars(meansOf(userSums, userCounts), range.min, range.min + binCount * binWidth, binCount),
		items: linearBars(meansOf(itemSums, itemCounts), range.min, range.min + binCount * binWidth, binCount)
	};
}
