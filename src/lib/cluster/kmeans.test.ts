import { describe, expect, it } from 'vitest';
import type { FeatureMatrix } from './features';
import { bestK, fitKMeans, pairwiseDistances, sampleIndices, silhouette, sweepK } from './kmeans';
import { mulberry32 } from '../eval/random';

function matrixOf(points: number[][]): FeatureMatrix {
	return { data: Float32Array.from(points.flat()), rows: points.length, dimensions: points[0].length, preparation: '' };
}

/** Three Gaussian blobs of 60 points in 4 dimensions, centred 10 apart. */
function blobs(seed: number): { matrix: FeatureMatrix; labels: number[] } {
	const random = mulberry32(seed);
	const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
	const points: number[][] = [];
	const labels: number[] = [];
	for (let blob = 0; blob < 3; blob++) {
		for (let i = 0; i < 60; i++) {
			points.push([blob * 10 + gaussian(), gaussian(), blob === 1 ? 10 + gaussian() : gaussian(), gaussian()]);
			labels.push(blob);
		}
	}
	return { matrix: matrixOf(points), labels };
}

describe('fitKMeans', () => {
	it('repeats exactly with the same seed', async () => {
		const { matrix } = blobs(1);
		const first = await fitKMeans(matrix, { k: 4, seed: 42, sampleSize: 100 });
		const second = await fitKMeans(matrix, { k: 4, seed: 42, sampleSize: 100 });
		expect(Array.from(second.assignments)).toEqual(Array.from(first.assignments));
		expect(Array.from(second.centroids)).toEqual(Array.from(first.centroids));
		expect(second.inertia).toBe(first.inertia);
	});

	it('finds well-separated blobs', async () => {
		const { matrix, labels } = blobs(2);
		const fit = await fitKMeans(matrix, { k: 3, seed: 3 });
		for (let blob = 0; blob < 3; blob++) {
			const clusters = new Set(labels.flatMap((label, point) => (label === blob ? [fit.assignments[point]] : [])));
			expect(clusters.size).toBe(1);
		}
	});

	it('assigns points outside the sample to the nearest centroid', async () => {
		const { matrix, labels } = blobs(3);
		const fit = await fitKMeans(matrix, { k: 3, seed: 5, sampleSize: 30 });
		expect(fit.assignments).toHaveLength(180);
		const clusterOfBlob = [0, 1, 2].map((blob) => fit.assignments[labels.indexOf(blob)]);
		labels.forEach((label, point) => expect(fit.assignments[point]).toBe(clusterOfBlob[label]));
	});

	it('rejects k above the number of points', async () => {
		await expect(fitKMeans(matrixOf([[0], [1]]), { k: 3, seed: 1 })).rejects.toThrow(/invalid k 3/);
	});

	it('stops when the signal is aborted', async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(fitKMeans(blobs(1).matrix, { k: 3, seed: 1, signal: controller.signal })).rejects.toThrow(/cancelled/);
	});
});

describe('silhouette', () => {
	it('matches a hand-made 2-cluster set', () => {
		// Cluster 0 at x = 0 and 1, cluster 1 at x = 10 and 12 (one dimension).
		// Point 0: a = 1, b = (10 + 12) / 2 = 11, s = 10 / 11.  Point 1: a = 1, b = 10, s = 0.9.
		// Point 2: a = 2, b = (10 + 9) / 2 = 9.5, s = 7.5 / 9.5.  Point 3: a = 2, b = 11.5, s = 9.5 / 11.5.
		const matrix = matrixOf([[0], [1], [10], [12]]);
		const distances = pairwiseDistances(matrix, Int32Array.of(0, 1, 2, 3));
		const expected = (10 / 11 + 0.9 + 7.5 / 9.5 + 9.5 / 11.5) / 4;
		expect(silhouette(distances, [0, 0, 1, 1], 2)).toBeCloseTo(expected, 6);
	});

	it('gives 0 to a point alone in its cluster', () => {
		// Points 0, 1 in cluster 0 (s = (b − a) / b each), point 2 alone scores 0.
		const matrix = matrixOf([[0], [2], [10]]);
		const distances = pairwiseDistances(matrix, Int32Array.of(0, 1, 2));
		const expected = ((10 - 2) / 10 + (8 - 2) / 8 + 0) / 3;
		expect(silhouette(distances, [0, 0, 1], 2)).toBeCloseTo(expected, 6);
	});
});

describe('sweepK', () => {
	it('scores every k and picks the planted one', async () => {
		const { matrix } = blobs(4);
		const { scores, fits } = await sweepK(matrix, { kRange: [2, 5], seed: 9 });
		expect(scores.map((score) => score.k)).toEqual([2, 3, 4, 5]);
		expect(fits.size).toBe(4);
		expect(bestK(scores)).toBe(3);
		for (let index = 1; index < scores.length; index++) expect(scores[index].inertia).toBeLessThan(scores[index - 1].inertia);
	});

	it('rejects a range starting below 2', async () => {
		await expect(sweepK(blobs(1).matrix, { kRange: [1, 3], seed: 1 })).rejects.toThrow(/invalid kRange \[1, 3\]/);
	});
});

describe('sampleIndices', () => {
	it('returns sorted distinct indices', () => {
		const sample = sampleIndices(100, 10, 7);
		expect(new Set(sample).size).toBe(10);
		expect(Array.from(sample)).toEqual(Array.from(sample).sort((a, b) => a - b));
	});
});
