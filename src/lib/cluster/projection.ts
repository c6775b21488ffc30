/**
 * 2-D layouts for the cluster map: PCA on tfjs (covariance by matMul, its top
 * two eigenvectors by Jacobi rotations) and UMAP (umap-js, seeded). UMAP runs
 * on a seeded sample of at most `maxPoints` points. Every other point is placed
 * at the inverse-distance-weighted mean of its 3 nearest sampled neighbours in
 * feature space, which matMul on tfjs finds.
 */
import * as tf from '@tensorflow/tfjs';
import { UMAP } from 'umap-js';
import { mulberry32 } from '../eval/random';
import { createYielder, throwIfAborted } from '../eval/schedule';
import type { FeatureMatrix } from './features';
import { sampleIndices } from './kmeans';
import { symmetricEigen } from './linalg';

export interface ProjectionContext {
	signal?: AbortSignal;
	onProgress?: (done: number, total: number) => void;
}

export interface UmapOptions {
	seed: number;
	/** Points embedded by UMAP itself; the rest are interpolated. Default 5,000. */
	maxPoints?: number;
	/** Neighbours per point in UMAP's graph; default 15 (umap-js's default). */
	neighbours?: number;
	/** Minimum distance between embedded points; default 0.1 (umap-js's default). */
	minDistance?: number;
	/** Optimisation epochs; default chosen by umap-js 1.4 from the number of points (500 up to 2,500 points, falling to 200 above 7,500). */
	epochs?: number;
}

/** Default number of points UMAP embeds directly. */
export const DEFAULT_UMAP_POINTS = 5_000;
/** Rows per block when computing distances from interpolated points to the sample. */
const NEIGHBOUR_BLOCK_ROWS = 1024;
/** Sampled neighbours that place each interpolated point. */
const INTERPOLATION_NEIGHBOURS = 3;

/**
 * Projects the rows onto their first two principal components (the top
 * eigenvectors of the covariance matrix), x and y interleaved. Leaks no tensors.
 */
export async function projectPca(matrix: FeatureMatrix): Promise<Float32Array> {
	const { rows, dimensions } = matrix;
	if (rows === 0) return new Float32Array(0);
	const points = tf.tensor2d(matrix.data, [rows, dimensions]);
	try {
		const covariance = tf.tidy(() => {
			const centred = points.sub(points.mean(0));
			return tf.matMul(centred, centred, true, false).div(Math.max(rows - 1, 1));
		});
		const covarianceValues = await covariance.data();
		covariance.dispose();
		const { vectors } = symmetricEigen(covarianceValues, dimensions);

		const components = Math.min(2, dimensions);
		const basis = new Float32Array(dimensions * 2);
		for (let d = 0; d < dimensions; d++) for (let c = 0; c < components; c++) basis[d * 2 + c] = vectors[d * dimensions + c];
		const projected = tf.tidy(() => tf.matMul(points.sub(points.mean(0)), tf.tensor2d(basis, [dimensions, 2])));
		const coordinates = Float32Array.from(await projected.data());
		projected.dispose();
		return coordinates;
	} finally {
		points.dispose();
	}
}

function rowsOf(matrix: FeatureMatrix, indices: Int32Array): number[][] {
	const { data, dimensions } = matrix;
	return Array.from(indices, (row) => Array.from(data.subarray(row * dimensions, (row + 1) * dimensions)));
}

/**
 * Lays the rows out in 2-D with UMAP (McInnes, Healy and Melville 2018) through
 * umap-js, seeded by `options.seed`. The optimisation runs one epoch per call
 * to `step`, so progress is reported and an abort stops it between epochs.
 * Leaks no tensors, also on abort.
 */
export async function projectUmap(matrix: FeatureMatrix, options: UmapOptions, context: ProjectionContext = {}): Promise<Float32Array> {
	const { rows } = matrix;
	const coordinates = new Float32Array(rows * 2);
	if (rows === 0) return coordinates;
	const sample = sampleIndices(rows, options.maxPoints ?? DEFAULT_UMAP_POINTS, options.seed);
	const neighbours = Math.max(2, Math.min(options.neighbours ?? 15, sample.length - 1));
	if (sample.length <= 2) return projectPca(matrix);

	const umap = new UMAP({
		nComponents: 2,
		nNeighbors: neighbours,
		minDist: options.minDistance ?? 0.1,
		random: mulberry32(options.seed),
		...(options.epochs ? { nEpochs: options.epochs } : {})
	});
	throwIfAborted(context.signal);
	// NOTE: the nearest-neighbour search inside initializeFit is synchronous and cannot be
	// interrupted; on 10,000 points in 32 dimensions it takes a few seconds (see BENCHMARKS.md).
	const epochs = umap.initializeFit(rowsOf(matrix, sample));
	const yieldNow = createYielder();
	for (let epoch = 0; epoch < epochs; epoch++) {
		umap.step();
		if (epoch % 10 === 9 || epoch === epochs - 1) context.onProgress?.(epoch + 1, epochs);
		await yieldNow();
		throwIfAborted(context.signal);
	}
	const embedding = umap.getEmbedding();
	sample.forEach((row, position) => {
		coordinates[row * 2] = embedding[position][0];
		coordinates[row * 2 + 1] = embedding[position][1];
	});

	if (sample.length < rows) await interpolateRest(matrix, sample, coordinates, context.signal);
	return coordinates;
}

/**
 * Places every row outside `sample` at the inverse-distance-weighted mean of
 * the layout positions of its nearest sampled rows. Squared distances come from
 * |x|² − 2 x·s + |s|² in blocks of rows, so memory stays at block × sample floats.
 */
async function interpolateRest(matrix: FeatureMatrix, sample: Int32Array, coordinates: Float32Array, signal?: AbortSignal): Promise<void> {
	const { data, rows, dimensions } = matrix;
	const inSample = new Uint8Array(rows);
	for (const row of sample) inSample[row] = 1;
	const rest = Int32Array.from({ length: rows }, (_, row) => row).filter((row) => !inSample[row]);
	const sampleData = new Float32Array(sample.length * dimensions);
	sample.forEach((row, position) => sampleData.set(data.subarray(row * dimensions, (row + 1) * dimensions), position * dimensions));
	const neighbourCount = Math.min(INTERPOLATION_NEIGHBOURS, sample.length);

	const sampleTensor = tf.tensor2d(sampleData, [sample.length, dimensions]);
	const sampleNorms = tf.tidy(() => sampleTensor.square().sum(1));
	const yieldNow = createYielder();
	try {
		for (let start = 0; start < rest.length; start += NEIGHBOUR_BLOCK_ROWS) {
			const block = rest.subarray(start, Math.min(start + NEIGHBOUR_BLOCK_ROWS, rest.length));
			const blockData = new Float32Array(block.length * dimensions);
			block.forEach((row, position) => blockData.set(data.subarray(row * dimensions, (row + 1) * dimensions), position * dimensions));
			const { values, indices } = tf.tidy(() => {
				const points = tf.tensor2d(blockData, [block.length, dimensions]);
				const squared = points.square().sum(1, true).sub(tf.matMul(points, sampleTensor, false, true).mul(2)).add(sampleNorms);
				return tf.topk(squared.neg(), neighbourCount);
			});
			const [distanceValues, indexValues] = await Promise.all([values.data(), indices.data()]);
			tf.dispose([values, indices]);

			block.forEach((row, position) => {
				let x = 0;
				let y = 0;
				let weights = 0;
				for (let n = 0; n < neighbourCount; n++) {
					const distance = Math.sqrt(Math.max(-distanceValues[position * neighbourCount + n], 0));
					const weight = 1 / (distance + 1e-6);
					const neighbour = sample[indexValues[position * neighbourCount + n]];
					x += weight * coordinates[neighbour * 2];
					y += weight * coordinates[neighbour * 2 + 1];
					weights += weight;
				}
				coordinates[row * 2] = x / weights;
				coordinates[row * 2 + 1] = y / weights;
			});
			await yieldNow();
			throwIfAborted(signal);
		}
	} finally {
		tf.dispose([sampleTensor, sampleNorms]);
	}
}
