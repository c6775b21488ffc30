/**
 * Cluster profiles: each cluster's size, mean rating and activity, the genres and
 * tags over-represented in it (lift), its most typical members, and for user
 * segments the items the segment likes that most of its members have not seen.
 */
import type { Dataset } from '../data/types';
import type { FeatureMatrix } from './features';
import type { ClusterProfile, SegmentEntity } from './types';

export interface ProfileOptions {
	/** Features listed per cluster; default 8. */
	topFeatures?: number;
	/** A feature must occur at least this often inside the cluster (interactions for users, items for items); default 10 for users, 3 for items. */
	minSupport?: number;
	/** Members listed as typical (nearest the centroid); default 5. */
	typicalMembers?: number;
}

type FeatureEntry = ClusterProfile['topFeatures'][number];

/** Genre and tag names of each item, as "kind\u0000name" keys, without duplicates. */
function itemFeatureKeys(dataset: Dataset): string[][] {
	const { numItems } = dataset.interactions;
	const items = dataset.items;
	return Array.from({ length: numItems }, (_, item) => {
		const keys = new Set<string>();
		for (const genre of items?.genres[item] ?? []) if (genre.trim()) keys.add(`genre\u0000${genre.trim()}`);
		for (const tag of items?.tags?.[item] ?? []) if (tag.trim()) keys.add(`tag\u0000${tag.trim()}`);
		return [...keys];
	});
}

/**
 * Ranks features by lift = share inside / share overall. Shares count
 * occurrences among the cluster's units and among all units: a unit is one
 * interaction for user clusters, one item for item clusters.
 */
export function liftTable(
	inside: Map<string, number>,
	insideUnits: number,
	overall: Map<string, number>,
	overallUnits: number,
	minSupport: number,
	limit: number
): FeatureEntry[] {
	const entries: FeatureEntry[] = [];
	for (const [key, count] of inside) {
		if (count < minSupport || insideUnits === 0) continue;
		const overallCount = overall.get(key) ?? 0;
		if (overallCount === 0) continue;
		const share = count / insideUnits;
		const overallShare = overallCount / overallUnits;
		const [kind, feature] = key.split('\u0000') as ['genre' | 'tag', string];
		entries.push({ feature, kind, share, overallShare, lift: share / overallShare });
	}
	entries.sort((a, b) => b.lift - a.lift || b.share - a.share || a.feature.localeCompare(b.feature));
	return entries.slice(0, limit);
}

/** Members of each cluster nearest its centroid (Euclidean, in feature space), nearest first. */
function typicalMembers(matrix: FeatureMatrix, assignments: Int32Array, centroids: Float32Array, k: number, limit: number): number[][] {
	const { data, dimensions } = matrix;
	const nearest: { index: number; distance: number }[][] = Array.from({ length: k }, () => []);
	for (let row = 0; row < assignments.length; row++) {
		const cluster = assignments[row];
		let distance = 0;
		for (let d = 0; d < dimensions; d++) distance += (data[row * dimensions + d] - centroids[cluster * dimensions + d]) ** 2;
		const list = nearest[cluster];
		if (list.length < limit || distance < list[list.length - 1].distance) {
			list.push({ index: row, distance });
			list.sort((a, b) => a.distance - b.distance || a.index - b.index);
			if (list.length > limit) list.pop();
		}
	}
	return nearest.map((list) => list.map((entry) => entry.index));
}

/**
 * Profiles every cluster. For user clusters, genre and tag shares are shares of
 * the members' interactions, compared with the share among all interactions, so
 * a genre that every segment watches a lot does not stand out everywhere. For
 * item clusters they are shares of items, compared with the whole catalogue.
 */
export function profileClusters(
	dataset: Dataset,
	entity: SegmentEntity,
	assignments: Int32Array,
	k: number,
	features: FeatureMatrix,
	centroids: Float32Array,
	options: ProfileOptions = {}
): ClusterProfile[] {
	const { users, items, values } = dataset.interactions;
	const explicit = dataset.kind === 'explicit';
	const minSupport = options.minSupport ?? (entity === 'users' ? 10 : 3);
	const featureKeys = itemFeatureKeys(dataset);

	const sizes = new Float64Array(k);
	for (const cluster of assignments) sizes[cluster]++;
	const ratingSums = new Float64Array(k);
	const interactionCounts = new Float64Array(k);
	const inside = Array.from({ length: k }, () => new Map<string, number>());
	const insideUnits = new Float64Array(k);
	const overall = new Map<string, number>();
	let overallUnits = 0;
	const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

	for (let row = 0; row < users.length; row++) {
		const cluster = assignments[entity === 'users' ? users[row] : items[row]];
		ratingSums[cluster] += values[row];
		interactionCounts[cluster]++;
		if (entity === 'users') {
			for (const key of featureKeys[items[row]]) {
				add(inside[cluster], key);
				add(overall, key);
			}
			insideUnits[cluster]++;
			overallUnits++;
		}
	}
	if (entity === 'items') {
		for (let item = 0; item < assignments.length; item++) {
			for (const key of featureKeys[item]) {
				add(inside[assignments[item]], key);
				add(overall, key);
			}
			insideUnits[assignments[item]]++;
			overallUnits++;
		}
	}

	const typical = typicalMembers(features, assignments, centroids, k, options.typicalMembers ?? 5);
	return Array.from({ length: k }, (_, cluster) => ({
		cluster,
		size: sizes[cluster],
		meanRating: explicit && interactionCounts[cluster] > 0 ? ratingSums[cluster] / interactionCounts[cluster] : null,
		meanActivity: sizes[cluster] > 0 ? interactionCounts[cluster] / sizes[cluster] : 0,
		topFeatures: liftTable(inside[cluster], insideUnits[cluster], overall, overallUnits, minSupport, options.topFeatures ?? 8),
		typical: typical[cluster]
	}));
}

export interface SegmentRecommendation {
	item: number;
	score: number;
	/** Share of the segment's members who have interacted with the item, 0..1. */
	seenShare: number;
}

export interface SegmentRecommendationOptions {
	/** Weight of the prior in the shrunk score, in interactions; default 10. */
	pseudoCount?: number;
	/** Items seen by this share of members or more are left out; default 0.5 ("most members"). */
	maxSeenShare?: number;
	/** Items need at least this many interactions inside the segment; default 2. */
	minCount?: number;
}

/**
 * Items a user segment rates highly that most of its members have not seen.
 * Explicit data: the segment's mean rating of the item, shrunk toward the
 * global mean rating, (Σ ratings + λ μ) / (count + λ). Implicit data: the
 * segment's interaction rate with the item, shrunk toward the rate among all
 * users, (count + λ p) / (members + λ). λ is `pseudoCount`. Highest score first.
 */
export function segmentRecommendations(
	dataset: Dataset,
	assignments: Int32Array,
	cluster: number,
	k: number,
	options: SegmentRecommendationOptions = {}
): SegmentRecommendation[] {
	const { users, items, values, numUsers, numItems } = dataset.interactions;
	if (assignments.length !== numUsers) {
		throw new Error(`segment recommendations need a user segmentation: got ${assignments.length} assignments for ${numUsers} users`);
	}
	const pseudoCount = options.pseudoCount ?? 10;
	const maxSeenShare = options.maxSeenShare ?? 0.5;
	const minCount = options.minCount ?? 2;

	let members = 0;
	for (const assigned of assignments) if (assigned === cluster) members++;
	if (members === 0) return [];

	const counts = new Float64Array(numItems);
	const sums = new Float64Array(numItems);
	const overallCounts = new Float64Array(numItems);
	let totalSum = 0;
	for (let row = 0; row < users.length; row++) {
		overallCounts[items[row]]++;
		totalSum += values[row];
		if (assignments[users[row]] !== cluster) continue;
		counts[items[row]]++;
		sums[items[row]] += values[row];
	}
	const globalMean = users.length > 0 ? totalSum / users.length : 0;

	const candidates: SegmentRecommendation[] = [];
	for (let item = 0; item < numItems; item++) {
		const seenShare = counts[item] / members;
		if (counts[item] < minCount || seenShare >= maxSeenShare) continue;
		const score =
			dataset.kind === 'explicit'
				? (sums[item] + pseudoCount * globalMean) / (counts[item] + pseudoCount)
				: (counts[item] + (pseudoCount * overallCounts[item]) / numUsers) / (members + pseudoCount);
		candidates.push({ item, score, seenShare });
	}
	candidates.sort((a, b) => b.score - a.score || a.item - b.item);
	return candidates.slice(0, k);
}
