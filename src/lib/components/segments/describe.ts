/** Labels and tables that describe a stored segmentation. */
import type { FeatureSource, SegmentationResult } from '$lib/cluster/types';
import type { ChartTable } from '$lib/explore/summary';

export function describeFeatures(features: FeatureSource, modelNames: Map<string, string>): string {
	if (features.kind === 'model-factors') return `factors of ${modelNames.get(features.modelId) ?? 'a deleted model'}`;
	if (features.kind === 'content') return 'content features';
	return `interactions reduced to ${features.components} SVD components`;
}

/** Describes a segmentation in one line, such as "users · factors of Biased MF · k = 5 · PCA · 4 Dec, 21:40". */
export function describeSegmentation(segmentation: Pick<SegmentationResult, 'entity' | 'features' | 'k' | 'projection' | 'createdAt'>, modelNames: Map<string, string>): string {
	const date = new Date(segmentation.createdAt).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
	return `${segmentation.entity} · ${describeFeatures(segmentation.features, modelNames)} · k = ${segmentation.k} · ${segmentation.projection.toUpperCase()} · ${date}`;
}

export function kScoreTable(segmentation: SegmentationResult): ChartTable {
	return {
		columns: ['k', 'Mean silhouette', 'Within-cluster sum of squares'],
		rows: [...segmentation.kScores].sort((a, b) => a.k - b.k).map((score) => [score.k, score.silhouette.toFixed(3), Number(score.inertia.toPrecision(5))]),
		numeric: [0, 1, 2]
	};
}

/** Titles a map, such as "User map: factors of Biased MF, k = 5, PCA". */
export function mapTitle(segmentation: Pick<SegmentationResult, 'entity' | 'features' | 'k' | 'projection'>, modelNames: Map<string, string>): string {
	return `${segmentation.entity === 'users' ? 'User' : 'Item'} map: ${describeFeatures(segmentation.features, modelNames)}, k = ${segmentation.k}, ${segmentation.projection.toUpperCase()}`;
}
