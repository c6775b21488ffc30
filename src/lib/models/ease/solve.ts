/**
 * The dense linear algebra behind EASE, in plain Float64 TypeScript: the Gram
 * matrix XᵀX from sparse rows and the memory guard that runs before it is
 * allocated. The inverse is in spd-inverse.ts.
 *
 * Why not tfjs: tfjs 4.22 has no matrix inverse, solve or Cholesky
 * (`tf.linalg` offers only bandPart, gramSchmidt and qr), and the Gram matrix
 * from sparse rows costs Σ_u |R(u)|² multiply-adds, against users × items²
 * for a dense matMul. A blocked inverse built on `tf.matMul` was measured and
 * not chosen: matMul is float32 only, and its speed depends on the backend.
 * One 1,682 × 1,682 matMul took 0.67 s on WASM but 47 s on the CPU backend
 * (Node 20, tfjs 4.22, shared 2-core machine at load 5). The whole Float64
 * inverse takes about 3 s at that size, whatever the backend.
 * Because nothing here runs on the GPU, WebGPU's storage buffer limit (about
 * 128 MB by default) does not apply: the bound is the JavaScript heap.
 */
import type { FitContext } from '../contract';
import { createYielder, throwIfAborted } from '../../eval/schedule';
import type { Csr } from '../baselines/common';

/**
 * Largest working memory EASE may allocate: 1 GB. An estimate of what a
 * browser tab can hold next to the dataset, not a measured limit.
 */
export const easeMemoryLimitBytes = 1e9;

/**
 * Bytes per item pair held at once during fit: the Float64 matrix, inverted in
 * place (8), plus the Float32 weights built from it (4). The inverse adds only
 * two vectors of `numItems` numbers.
 */
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
			`the limit is ${formatBytes(limitBytes)} of JavaScript memory, on any backend. Filter the catalogue (minimum interactions per item) ` +
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
