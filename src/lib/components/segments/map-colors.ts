/**
 * The colourings a cluster map offers for a segmentation, given which point
 * attributes are known.
 */
import type { SegmentationResult } from '$lib/cluster/types';
import { categoricalColors, sequentialColors, type PointColors } from '$lib/charts/scatter-color';
import type { PointAttributes } from './point-attributes';

export type ColorMode = 'cluster' | 'genre' | 'rating' | 'activity';

export function colorModes(entity: SegmentationResult['entity'], attributes: PointAttributes | null): { mode: ColorMode; label: string }[] {
	const modes: { mode: ColorMode; label: string }[] = [{ mode: 'cluster', label: 'cluster' }];
	if (attributes?.genre) modes.push({ mode: 'genre', label: entity === 'items' ? 'genre (first listed)' : 'favourite genre' });
	if (attributes?.meanRating) modes.push({ mode: 'rating', label: 'mean rating' });
	if (attributes?.activity) modes.push({ mode: 'activity', label: entity === 'items' ? 'popularity' : 'activity' });
	return modes;
}

export function pointColors(segmentation: SegmentationResult, attributes: PointAttributes | null, mode: ColorMode): PointColors {
	const count = segmentation.assignments.length;
	if (mode === 'genre' && attributes?.genre && attributes.genre.length === count) {
		return categoricalColors(attributes.genre, attributes.genreNames, segmentation.entity === 'items' ? 'Genre' : 'Favourite genre');
	}
	if (mode === 'rating' && attributes?.meanRating && attributes.meanRating.length === count) return sequentialColors(attributes.meanRating, 'Mean rating');
	if (mode === 'activity' && attributes?.activity && attributes.activity.length === count) {
		return sequentialColors(attributes.activity, segmentation.entity === 'items' ? 'Interactions per item' : 'Interactions per user', true);
	}
	const labels = Array.from({ length: segmentation.k }, (_, cluster) => `cluster ${cluster}`);
	return categoricalColors(segmentation.assignments, labels, 'Cluster');
}

/** Number of points in each cluster, by cluster number. */
export function clusterSizes(segmentation: SegmentationResult): number[] {
	const sizes = new Array<number>(segmentation.k).fill(0);
	for (const cluster of segmentation.assignments) if (cluster >= 0 && cluster < sizes.length) sizes[cluster]++;
	return sizes;
}
