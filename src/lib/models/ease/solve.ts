/**
 * The dense linear algebra behind EASE, in plain Float64 TypeScript:
 * the Gram matrix XᵀX from sparse rows, an in-place inverse, and the memory
 * guard that runs before either allocates.
 *
 * Why not tfjs: tfjs 4.22 has no matrix inverse, solve or Cholesky
 * (`tf.linalg` offers only bandPart, gramSchmidt and qr), and the Gram matrix
 * from sparse rows costs Σ_u |R(u)|² multiply-adds, against users × items²
 * for a dense matMul. Because nothing here runs on the GPU, WebGPU's storage
 * buffer limit does not apply: the bound is the memory of the JavaScript heap.
 */
import type { FitContext } from '../contract';
import { createYielder, throwIfAborted } from '../../eval/schedule';
import type { Csr } from '../baselines/common';

/**
 * Largest working memory EASE may allocate: 1 GB. An estimate of what a
 * browser tab can hold next to the dataset, not a measured limit.
 */
export const easeMemoryLimitBytes = 1e9;

/** Bytes held at once: the Float64 matrix being inverted (8 per entry) plus the Float32 weights (4 per entry). */
export const bytesPerMatrixEntry = 12;

function formatBytes(bytes: number): string {
	return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${(bytes / 1e6).toFixed(0)} MB`;
}

/** Throws before any allocation when an items × items fit would exceed `limitBytes`. */
export function checkEaseMemory(numItems: number, limitBytes = easeMemoryLimitBytes): void {
	const needed = numItems * numItems * bytesPerMatrixEntry;
	if (needed <= limitBytes) return;
	const maxItems = Math.floor(Math.sqrt(limitBytes / bytesPerMatrixEntry));
	throw new Error(
		`EASE needs an items × items matrix: ${numItems.toLocaleString('en-US')} items need ${formatBytes(needed)}; ` +
			`the limit on this device is ${formatBytes(limitBytes)}. Filter the catalogue (minimum interactions per item) ` +
			`to at most ${maxItems.toLocaleString('en-US')} items, or choose item-kNN.`
	);
}

/** Returns XᵀX + λI as a dense row-major Float64Array, from X's rows by user. */
export async function gramMatrix(byUser: Csr, numItems: number, lambda: number, context: Pick<FitContext, 'signal' | 'onProgress'>) {
	const gram = new Float64Array(numItems * numItems);
	const numUsers = byUser.offsets.length - 1;
	const maybeYield = createYielder();
	for (let user = 0; user < numUsers; user++) {
		if (user % 256 === 0) {
			context.onProgress?.({ phase: 'gram matrix', done: user, total: numUsers });
			await maybeYield();
			throwIfAborted(context.signal);
		}
		const start = byUser.offsets[user];
		const end = byUser.offsets[user + 1];
		for (let first = start; first < end; first++) {
			const row = byUser.indices[first] * numItems;
			const value = byUser.values[first];
			for (let second = start; second < end; second++) gram[row + byUser.indices[second]] += value * byUser.values[second];
		}
	}
	for (let item = 0; item < numItems; item++) gram[item * numItems + item] += lambda;
	return gram;
}

/**
 * Inverts the symmetric positive definite row-major matrix in place by
 * Gauss–Jordan elimination; positive definiteness makes pivoting unnecessary.
 * Costs n³ multiply-adds.
 * TODO: each pivot streams the whole matrix, so 1,682 items take about 38 s (Node 20,
 * shared 2-core machine). A blocked inverse whose updates are tfjs matMuls would be faster.
 */
export async function invertInPlace(matrix: Float64Array, size: number, context: Pick<FitContext, 'signal' | 'onProgress'>) {
	const maybeYield = createYielder();
	for (let pivot = 0; pivot < size; pivot++) {
		if (pivot % 16 === 0) {
			context.onProgress?.({ phase: 'inverse', done: pivot, total: size });
			await maybeYield();
			throwIfAborted(context.signal);
		}
		const pivotRow = pivot * size;
		const pivotValue = matrix[pivotRow + pivot];
		if (!(pivotValue > 0)) {
			throw new Error(`EASE Gram matrix is not positive definite at item ${pivot} (pivot ${pivotValue}): raise lambda`);
		}
		matrix[pivotRow + pivot] = 1;
		for (let column = 0; column < size; column++) matrix[pivotRow + column] /= pivotValue;
		for (let row = 0; row < size; row++) {
			if (row === pivot) continue;
			const offset = row * size;
			const factor = matrix[offset + pivot];
			if (factor === 0) continue;
			matrix[offset + pivot] = 0;
			for (let column = 0; column < size; column++) matrix[offset + column] -= factor * matrix[pivotRow + column];
		}
	}
	context.onProgress?.({ phase: 'inverse', done: size, total: size });
}
