/**
 * Truncated SVD of a sparse matrix on tfjs by the randomised range finder of
 * Halko, Martinsson and Tropp ("Finding structure with randomness", SIAM Review
 * 2011, algorithms 4.4 and 5.1). The sparse matrix never becomes dense. Its
 * products with dense blocks gather rows, scale them by the entries and sum
 * them per row with `unsortedSegmentSum`, one chunk of entries at a time. So
 * memory is about rows × (rank + oversampling) floats plus one chunk.
 */
import * as tf from '@tensorflow/tfjs';
import { createYielder, throwIfAborted } from '../eval/schedule';
import { registerEmbeddingKernels } from '../tf/kernels';
import { symmetricEigen } from './linalg';

/** A sparse matrix as coordinate lists: entry e is `values[e]` at (`rows[e]`, `columns[e]`). */
export interface SparseMatrix {
	rows: Int32Array;
	columns: Int32Array;
	values: Float32Array;
	numRows: number;
	numColumns: number;
}

export interface TruncatedSvdOptions {
	/** Number of singular triplets kept. */
	rank: number;
	seed: number;
	/** Extra random directions beyond `rank`; default 8. */
	oversampling?: number;
	/** Power iterations, which sharpen a slowly decaying spectrum; default 2. */
	powerIterations?: number;
	signal?: AbortSignal;
	onProgress?: (done: number, total: number) => void;
}

/** Entries per chunk of a sparse product; with 40 columns a chunk's gather is about 64 MB of floats. */
const CHUNK_ENTRIES = 400_000;

/**
 * Computes `A · dense` (or `Aᵀ · dense` when `transposed`) for a sparse `A`.
 * The caller keeps ownership of `dense` and receives a new tensor.
 */
export async function sparseProduct(matrix: SparseMatrix, dense: tf.Tensor2D, transposed: boolean, signal?: AbortSignal): Promise<tf.Tensor2D> {
	registerEmbeddingKernels();
	const outputRows = transposed ? matrix.numColumns : matrix.numRows;
	const segmentIds = transposed ? matrix.columns : matrix.rows;
	const gatherIds = transposed ? matrix.rows : matrix.columns;
	const width = dense.shape[1];
	const yieldNow = createYielder();
	let result = tf.zeros([outputRows, width]) as tf.Tensor2D;
	for (let start = 0; start < matrix.values.length; start += CHUNK_ENTRIES) {
		const end = Math.min(start + CHUNK_ENTRIES, matrix.values.length);
		const previous = result;
		result = tf.tidy(() => {
			const gathered = tf.gather(dense, tf.tensor1d(gatherIds.subarray(start, end), 'int32'));
			const weighted = gathered.mul(tf.tensor2d(matrix.values.subarray(start, end), [end - start, 1]));
			const summed = tf.unsortedSegmentSum(weighted, tf.tensor1d(segmentIds.subarray(start, end), 'int32'), outputRows);
			return previous.add(summed) as tf.Tensor2D;
		});
		previous.dispose();
		await yieldNow();
		if (signal?.aborted) {
			result.dispose();
			throwIfAborted(signal);
		}
	}
	return result;
}

/**
 * Orthonormalises the columns of `block` through the eigendecomposition of its
 * Gram matrix (Q = Y V D^-1/2). Directions with negligible energy become zero
 * columns instead of amplified noise. Disposes `block`.
 */
async function orthonormalise(block: tf.Tensor2D): Promise<tf.Tensor2D> {
	const width = block.shape[1];
	const gram = tf.matMul(block, block, true, false);
	const gramValues = await gram.data();
	gram.dispose();
	const { values, vectors } = symmetricEigen(gramValues, width);
	const scale = new Float32Array(width * width);
	const floor = Math.max(values[0], 0) * 1e-10;
	for (let row = 0; row < width; row++) {
		for (let column = 0; column < width; column++) {
			const value = values[column];
			scale[row * width + column] = value > floor && value > 0 ? vectors[row * width + column] / Math.sqrt(value) : 0;
		}
	}
	const result = tf.tidy(() => tf.matMul(block, tf.tensor2d(scale, [width, width]))) as tf.Tensor2D;
	block.dispose();
	return result;
}

/**
 * Returns the rows of `A` in the basis of its top `rank` right singular
 * vectors, that is `U Σ` (numRows × rank, row-major), and the singular values.
 * Columns come in descending singular value; the sign of each is fixed by
 * {@link symmetricEigen}. Leaks no tensors, also on abort.
 */
export async function truncatedSvd(matrix: SparseMatrix, options: TruncatedSvdOptions): Promise<{ embedding: Float32Array; singularValues: Float64Array; rank: number }> {
	const rank = Math.max(1, Math.min(options.rank, matrix.numRows, matrix.numColumns));
	const width = Math.min(rank + (options.oversampling ?? 8), matrix.numRows, matrix.numColumns);
	const powerIterations = options.powerIterations ?? 2;
	const total = 2 + 2 * powerIterations;
	let done = 0;
	const step = () => options.onProgress?.(++done, total);

	const owned: tf.Tensor[] = [];
	const keep = <T extends tf.Tensor>(tensor: T): T => {
		owned.push(tensor);
		return tensor;
	};
	try {
		const omega = keep(tf.randomNormal([matrix.numColumns, width], 0, 1, 'float32', options.seed) as tf.Tensor2D);
		let basis = keep(await orthonormalise(await sparseProduct(matrix, omega, false, options.signal)));
		step();
		for (let iteration = 0; iteration < powerIterations; iteration++) {
			const columnBasis = keep(await orthonormalise(await sparseProduct(matrix, basis, true, options.signal)));
			step();
			basis = keep(await orthonormalise(await sparseProduct(matrix, columnBasis, false, options.signal)));
			step();
		}

		// B = Qᵀ A is small (width × numColumns); its left singular vectors come from B Bᵀ.
		const projectedTransposed = keep(await sparseProduct(matrix, basis, true, options.signal));
		const small = tf.matMul(projectedTransposed, projectedTransposed, true, false);
		const smallValues = await small.data();
		small.dispose();
		const { values, vectors } = symmetricEigen(smallValues, width);

		// U Σ = Q Ũ Σ, where Ũ Σ are the eigenvectors scaled by the singular values.
		const scaled = new Float32Array(width * rank);
		const singularValues = new Float64Array(rank);
		for (let component = 0; component < rank; component++) {
			singularValues[component] = Math.sqrt(Math.max(values[component], 0));
			for (let row = 0; row < width; row++) scaled[row * rank + component] = vectors[row * width + component] * singularValues[component];
		}
		const embeddingTensor = keep(tf.tidy(() => tf.matMul(basis, tf.tensor2d(scaled, [width, rank]))));
		const embedding = (await embeddingTensor.data()) as Float32Array;
		step();
		return { embedding: Float32Array.from(embedding), singularValues, rank };
	} finally {
		tf.dispose(owned);
	}
}
