/**
 * Text equivalents of the Explore page: the headline numbers and one table
 * per chart, built from DatasetStats. Pure, so it is unit-tested under Node.
 */
import type { DatasetStats, HistogramBar, LabelStats, RankedCount, TimelineStats } from './types';

/** One headline number. */
export interface Stat {
	label: string;
	value: string;
	/** A short explanation shown under the value, such as a definition. */
	hint?: string;
}

/** A chart's data as a table. */
export interface ChartTable {
	columns: string[];
	rows: (string | number)[][];
	/** Indices of the columns aligned right as numbers. */
	numeric?: number[];
}

export function formatPercent(share: number): string {
	const percent = 100 * share;
	if (percent === 0) return '0%';
	if (percent < 0.01) return '< 0.01%';
	return `${percent.toFixed(percent < 1 ? 2 : 1)}%`;
}

function formatNumber(value: number, digits = 2): string {
	return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

export function formatDate(epochMs: number, unit: 'day' | 'month' = 'day'): string {
	const iso = new Date(epochMs).toISOString();
	return unit === 'day' ? iso.slice(0, 10) : iso.slice(0, 7);
}

export function summaryStats(stats: DatasetStats): Stat[] {
	const metadataOnly = stats.catalogueItems - stats.numItems;
	const feedback =
		stats.kind === 'explicit' && stats.scale
			? { value: `explicit ${formatNumber(stats.scale.min)}–${formatNumber(stats.scale.max)}`, hint: `ratings in steps of ${formatNumber(stats.scale.step)}` }
			: { value: stats.kind, hint: `values ${formatNumber(stats.values.min)}–${formatNumber(stats.values.max)}` };
	const topTen = stats.popularity.topShares.find((entry) => entry.percent === 10);
	const list: Stat[] = [
		{ label: 'Users', value: formatNumber(stats.numUsers) },
		{ label: 'Items', value: formatNumber(stats.numItems), hint: metadataOnly > 0 ? `+${formatNumber(metadataOnly)} in the metadata only` : undefined },
		{ label: 'Interactions', value: formatNumber(stats.numInteractions) },
		{ label: 'Density', value: formatPercent(stats.density), hint: 'interactions ÷ (users × items)' },
		{ label: 'Feedback', ...feedback },
		{ label: stats.kind === 'explicit' ? 'Mean rating' : 'Mean value', value: formatNumber(stats.values.mean) },
		{
			label: 'Interactions per user',
			value: `median ${formatNumber(stats.userActivity.spread.median)}`,
			hint: `mean ${formatNumber(stats.userActivity.spread.mean, 1)}, ${formatNumber(stats.userActivity.spread.min)}–${formatNumber(stats.userActivity.spread.max)}`
		},
		{
			label: 'Interactions per item',
			value: `median ${formatNumber(stats.itemActivity.median)}`,
			hint: `mean ${formatNumber(stats.itemActivity.mean, 1)}, ${formatNumber(stats.itemActivity.min)}–${formatNumber(stats.itemActivity.max)}`
		},
		{ label: 'Gini of item popularity', value: stats.popularity.gini.toFixed(3), hint: '0 = even, towards 1 = concentrated' }
	];
	if (topTen) list.push({ label: 'Top 10% of items', value: formatPercent(topTen.share), hint: 'share of all interactions' });
	if (stats.timeline && stats.timeline.buckets.length > 0) {
		list.push({ label: 'Time span', value: `${formatDate(stats.timeline.first)} – ${formatDate(stats.timeline.last)}`, hint: 'UTC' });
	}
	return list;
}

/** Rows of the cold-start table: for each threshold, the users and items below it, with their shares. */
export function coldTable(stats: DatasetStats): ChartTable {
	const rows = stats.coldUsers.map((users, index) => {
		const items = stats.coldItems[index];
		const label = users.threshold === 1 ? 'no interactions' : `fewer than ${users.threshold} (≤ ${users.threshold - 1})`;
		return [
			label,
			users.count,
			formatPercent(stats.numUsers > 0 ? users.count / stats.numUsers : 0),
			items.count,
			formatPercent(stats.catalogueItems > 0 ? items.count / stats.catalogueItems : 0)
		];
	});
	return { columns: ['Interactions', 'Users', 'Share of users', 'Items', 'Share of items'], rows, numeric: [1, 2, 3, 4] };
}

export function histogramTable(bars: HistogramBar[], labelColumn: string, countColumn: string): ChartTable {
	const total = bars.reduce((sum, bar) => sum + bar.count, 0);
	return {
		columns: [labelColumn, countColumn, 'Share'],
		rows: bars.map((bar) => [bar.label, bar.count, formatPercent(total > 0 ? bar.count / total : 0)]),
		numeric: [1, 2]
	};
}

export function popularityTable(points: RankedCount[]): ChartTable {
	return { columns: ['Rank', 'Interactions'], rows: points.map((point) => [point.rank, point.count]), numeric: [0, 1] };
}

export function timelineTable(timeline: TimelineStats): ChartTable {
	return {
		columns: [timeline.unit === 'day' ? 'Day (UTC)' : 'Month (UTC)', 'Interactions'],
		rows: timeline.buckets.map((bucket) => [formatDate(bucket.start, timeline.unit), bucket.count]),
		numeric: [1]
	};
}

export function labelTable(labels: LabelStats, labelColumn: string): ChartTable {
	return {
		columns: [labelColumn, 'Items', 'Interactions'],
		rows: labels.top.map((entry) => [entry.label, entry.items, entry.interactions]),
		numeric: [1, 2]
	};
}
