/**
 * Data for the cluster profile charts and their table alternatives, from a
 * segmentation's stored profiles.
 */
import type { ClusterProfile, SegmentationResult } from '$lib/cluster/types';
import type { ChartTable } from '$lib/explore/summary';
import type { LiftMatrix } from '$lib/charts/lift-heatmap';
import type { ClusterMeasure } from '$lib/charts/cluster-bars';
import { formatCount } from '$lib/format';

/** A row of "Recommendations for this segment". */
export interface SegmentRecommendation {
	item: number;
	itemId: string;
	title: string;
	genres: string[];
	score: number;
	/** Share of the cluster's members who have already interacted with the item, 0 … 1. */
	seenShare: number;
}

/** Features shown in the heatmap at most. */
const MAX_HEATMAP_FEATURES = 20;

export function sortedProfiles(segmentation: SegmentationResult): ClusterProfile[] {
	return [...segmentation.profiles].sort((a, b) => a.cluster - b.cluster);
}

/**
 * Lift by feature and cluster. Features are taken in turns from each
 * cluster's list (its best, then every cluster's second best, …), so every
 * cluster shows its own strongest features. Profiles list only each cluster's
 * over-represented features, so a feature missing from a cluster's list is NaN (blank).
 */
export function liftMatrix(segmentation: SegmentationResult): LiftMatrix {
	const profiles = sortedProfiles(segmentation);
	const ranked = profiles.map((profile) => [...profile.topFeatures].sort((a, b) => b.lift - a.lift));
	const chosen = new Set<string>();
	const deepest = Math.max(0, ...ranked.map((list) => list.length));
	for (let rank = 0; rank < deepest && chosen.size < MAX_HEATMAP_FEATURES; rank++) {
		for (const list of ranked) if (list[rank] && chosen.size < MAX_HEATMAP_FEATURES) chosen.add(list[rank].feature);
	}
	const features = [...chosen];
	const lift = features.map((feature) => profiles.map((profile) => profile.topFeatures.find((entry) => entry.feature === feature)?.lift ?? Number.NaN));
	return { clusters: profiles.map((profile) => profile.cluster), features, lift };
}

export function liftTable(matrix: LiftMatrix): ChartTable {
	return {
		columns: ['Feature', ...matrix.clusters.map((cluster) => `Cluster ${cluster}`)],
		rows: matrix.features.map((feature, row) => [feature, ...matrix.lift[row].map((lift) => (Number.isFinite(lift) ? lift.toFixed(2) : '–'))]),
		numeric: matrix.clusters.map((_, index) => index + 1)
	};
}

export function clusterMeasures(segmentation: SegmentationResult): ClusterMeasure[] {
	const profiles = sortedProfiles(segmentation);
	const measures: ClusterMeasure[] = [{ label: 'size', values: profiles.map((profile) => profile.size), format: (value) => formatCount(value) }];
	if (profiles.some((profile) => profile.meanRating !== null)) {
		measures.push({ label: 'mean rating', values: profiles.map((profile) => profile.meanRating ?? Number.NaN), format: (value) => value.toFixed(2) });
	}
	measures.push({
		label: segmentation.entity === 'users' ? 'interactions per user' : 'interactions per item',
		values: profiles.map((profile) => profile.meanActivity),
		format: (value) => value.toFixed(value >= 100 ? 0 : 1)
	});
	return measures;
}

export function measuresTable(segmentation: SegmentationResult): ChartTable {
	const profiles = sortedProfiles(segmentation);
	const measures = clusterMeasures(segmentation);
	return {
		columns: ['Cluster', ...measures.map((measure) => measure.label)],
		rows: profiles.map((profile, position) => [`Cluster ${profile.cluster}`, ...measures.map((measure) => (Number.isFinite(measure.values[position]) ? measure.format(measure.values[position]) : '–'))]),
		numeric: measures.map((_, index) => index + 1)
	};
}

export function featureTable(profile: ClusterProfile): ChartTable {
	return {
		columns: ['Feature', 'Share in cluster', 'Share overall', 'Lift'],
		rows: profile.topFeatures.map((entry) => [entry.feature, `${(100 * entry.share).toFixed(1)}%`, `${(100 * entry.overallShare).toFixed(1)}%`, entry.lift.toFixed(2)]),
		numeric: [1, 2, 3]
	};
}
