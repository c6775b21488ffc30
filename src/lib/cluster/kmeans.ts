/**
 * k-means for segmentation: k-means++ starts (ml-kmeans, seeded) on a seeded
 * sample of the points, several restarts keeping the lowest inertia, then
 * every point assigned to its nearest centroid. Also the silhouette and inertia
 * per k that the "choose k" curves show.
 */
import { kmeans } from 'ml-kmeans';
import { mulberry32, randomPermutation } from '../eval/random';
import { createYielder, throwIfAborted } from '../eval/schedule';
import type { FeatureMatrix } from './features';
import type { KScore } from './types';

export interface KMeansOptions {
	k: number;
	seed: number;
	/** Points clustered directly (a seeded sample); the rest are assigned to the nearest centroid. Default 10,000. */
	sampleSize?: number;
	/** Independent k-means++ starts; the one with the lowest inertia on the sample wins. Default 5. */
	restarts?: number;
	/** Lloyd iterations per start; default 100. */
	maxIterations?: number;
	signal?: AbortSignal;
}

export interface KMeansFit {
	k: number;
	/** Cluster per point, 0..k-1. */
	assignments: Int32Array;
	/** Row-major k × dimensions. */
	centroids: Float32Array;
	/** Sum of squared distances of all points to their centroid. */
	inertia: number;
}

/** Default number of points clustered directly. */
export const DEFAULT_SAMPLE_SIZE = 10_000;
/** Points in the silhouette sample; the exact silhouette costs this number squared times the dimensions. */
export const SILHOUETTE_SAMPLE_SIZE = 2_000;

/** Draws `size` distinct indices from 0..rows-1 (seeded), sorted, or returns every index when `size` ≥ rows. */
export function sampleIndices(rows: number, size: number, seed: number): Int32Array {
	if (size >= rows) return Int32Array.from({ length: rows }, (_, index) => index);
	return randomPermutation(rows, mulberry32(seed)).slice(0, size).sort();
}

function rowsAsArrays(matrix: FeatureMatrix, indices: Int32Array): number[][] {
	const { data, dimensions } = matrix;
	return Array.from(indices, (row) => Array.from(data.subarray(row * dimensions, (row + 1) * dimensions)));
}

/** Assigns every point to its nearest centroid; returns the assignments and the total inertia. */
export function assignToCentroids(matrix: FeatureMatrix, centroids: Float32Array, k: number): { assignments: Int32Array; inertia: number } {
	const { data, rows, dimensions } = matrix;
	const assignments = new Int32Array(rows);
	let inertia = 0;
	for (let row = 0; row < rows; row++) {
		let best = 0;
		let bestDistance = Infinity;
		for (let cluster = 0; cluster < k; cluster++) {
			let distance = 0;
			for (let d = 0; d < dimensions; d++) distance += (data[row * dimensions + d] - centroids[cluster * dimensions + d]) ** 2;
			if (distance < bestDistance) {
				bestDistance = distance;
				best = cluster;
			}
		}
		assignments[row] = best;
		inertia += bestDistance;
	}
	return { assignments, inertia };
}

/**
 * Clusters the rows of `matrix` into `k` groups. Deterministic for a given seed:
 * the sample and each restart's k-means++ start derive from it.
 */
export async function fitKMeans(matrix: FeatureMatrix, options: KMeansOptions): Promise<KMeansFit> {
	const { k, seed } = options;
	if (!(Number.isInteger(k) && k >= 1 && k <= matrix.rows)) {
		throw new Error(`invalid k ${k}: expected an integer from 1 to the number of points (${matrix.rows})`);
	}
	const restarts = options.restarts ?? 5;
	const sample = sampleIndices(matrix.rows, options.sampleSize ?? DEFAULT_SAMPLE_SIZE, seed);
	const points = rowsAsArrays(matrix, sample);
	const sampleMatrix: FeatureMatrix = { ...matrix, data: Float32Array.from(points.flat()), rows: points.length };
	const yieldNow = createYielder();

	let best: { centroids: Float32Array; inertia: number } | null = null;
	for (let restart = 0; restart < restarts; restart++) {
		throwIfAborted(options.signal);
		const result = kmeans(points, k, {
			initialization: 'kmeans++',
			seed: (seed + restart * 7919) >>> 0,
			maxIterations: options.maxIterations ?? 100
		});
		const centroids = Float32Array.from(result.centroids.flat());
		const { inertia } = assignToCentroids(sampleMatrix, centroids, k);
		if (!best || inertia < best.inertia) best = { centroids, inertia };
		await yieldNow();
	}
	if (!best) throw new Error(`invalid restarts ${restarts}: expected at least 1`);

	throwIfAborted(options.signal);
	const { assignments, inertia } = assignToCentroids(matrix, best.centroids, k);
	return { k, assignments, centroids: best.centroids, inertia };
}

/** Euclidean distances between the sampled rows, row-major size × size. */
export function pairwiseDistances(matrix: FeatureMatrix, indices: Int32Array): Float32Array {
	const { data, dimensions } = matrix;
	const size = indices.length;
	const distances = new Float32Array(size * size);
	for (let i = 0; i < size; i++) {
		const a = indices[i] * dimensions;
		for (let j = i + 1; j < size; j++) {
			const b = indices[j] * dimensions;
			let sum = 0;
			for (let d = 0; d < dimensions; d++) sum += (data[a + d] - data[b + d]) ** 2;
			const distance = Math.sqrt(sum);
			distances[i * size + j] = distance;
			distances[j * size + i] = distance;
		}
	}
	return distances;
}

/**
 * Mean silhouette (Rousseeuw 1987) of the points whose pairwise Euclidean
 * distances are given: s(i) = (b − a) / max(a, b), with a the mean distance to
 * the other members of i's cluster and b the smallest mean distance to another
 * cluster's members. A point alone in its cluster scores 0. Range −1..1.
 */
export function silhouette(distances: Float32Array, labels: ArrayLike<number>, k: number): number {
	const size = labels.length;
	if (size < 2) return 0;
	const clusterSizes = new Float64Array(k);
	for (let i = 0; i < size; i++) clusterSizes[labels[i]]++;
	const sums = new Float64Array(k);
	let total = 0;
	for (let i = 0; i < size; i++) {
		sums.fill(0);
		for (let j = 0; j < size; j++) sums[labels[j]] += distances[i * size + j];
		const own = labels[i];
		if (clusterSizes[own] <= 1) continue;
		const a = sums[own] / (clusterSizes[own] - 1);
		let b = Infinity;
		for (let cluster = 0; cluster < k; cluster++) {
			if (cluster !== own && clusterSizes[cluster] > 0) b = Math.min(b, sums[cluster] / clusterSizes[cluster]);
		}
		if (!Number.isFinite(b)) continue;
		const denominator = Math.max(a, b);
		total += denominator > 0 ? (b - a) / denominator : 0;
	}
	return total / size;
}

export interface KSweepOptions extends Omit<KMeansOptions, 'k'> {
	kRange: [number, number];
	/** Called after each k with the number done and the k just fitted. */
	onProgress?: (done: number, total: number, k: number) => void;
}

/**
 * Fits k-means for every k in `kRange` and scores each by silhouette (on a
 * seeded sample of at most 2,000 points) and inertia. Returns the scores and
 * the fits, by k.
 */
export async function sweepK(matrix: FeatureMatrix, options: KSweepOptions): Promise<{ scores: KScore[]; fits: Map<number, KMeansFit> }> {
	const [low, high] = options.kRange;
	const maxK = Math.min(high, matrix.rows);
	if (!(Number.isInteger(low) && Number.isInteger(high) && low >= 2 && low <= high)) {
		throw new Error(`invalid kRange [${low}, ${high}]: expected integers with 2 ≤ low ≤ high`);
	}
	const silhouetteSample = sampleIndices(matrix.rows, SILHOUETTE_SAMPLE_SIZE, options.seed + 1);
	const distances = pairwiseDistances(matrix, silhouetteSample);
	const scores: KScore[] = [];
	const fits = new Map<number, KMeansFit>();
	const total = Math.max(maxK - low + 1, 0);
	for (let k = low; k <= maxK; k++) {
		throwIfAborted(options.signal);
		const fit = await fitKMeans(matrix, { ...options, k });
		const labels = Array.from(silhouetteSample, (row) => fit.assignments[row]);
		scores.push({ k, silhouette: silhouette(distances, labels, k), inertia: fit.inertia });
		fits.set(k, fit);
		options.onProgress?.(k - low + 1, total, k);
	}
	return { scores, fits };
}

/** Returns the k with the highest silhouette; ties go to the smaller k. */
export function bestK(scores: KScore[]): number {
	let best = scores[0];
	for (const score of scores) if (score.silhouette > best.silhouette) best = score;
	if (!best) throw new Error('no k was scored: widen kRange');
	return best.k;
}
