/**
 * Sparse neighbour lists for kNN: for each row entity (an item for item-kNN,
 * a user for user-kNN) the most similar other rows, computed from co-ratings.
 *
 * Row a's similarities come from one dense accumulator pass: for each column c
 * that a has a value in, for each other row b with a value in c, add the
 * products to b's sums. That costs Σ over columns of (values per column)² in
 * total and O(rows) memory, never a rows × rows matrix. Only positive
 * similarities are kept, because the explicit prediction (as Surprise's
 * KNNBaseline) ignores the rest and the implicit score would be lowered by them.
 *
 * Plain typed arrays rather than tfjs: the work is irregular sparse gathering,
 * for which tfjs 4.22 has no sparse-sparse product kernel, and a dense matMul
 * would need the rows × rows matrix this module avoids.
 */
import type { Interactions } from '../../data/types';
import type { FitContext } from '../contract';
import { createYielder, throwIfAborted } from '../../eval/schedule';
import type { Baselines } from '../baselines/bias-baseline';
import { buildCsr, type Csr } from '../baselines/common';
import type { SimilarityKind } from './config';

export interface SimilarityOptions {
	similarity: SimilarityKind;
	shrinkage: number;
	minSupport: number;
	/**
	 * 'explicit' (the default): cosine over co-ratings only.
	 * 'implicit': cosine of the whole vectors, |shared| / √(|a|·|b|) for binary data.
	 * Over co-ratings alone, two binary vectors always have cosine 1, whatever they share.
	 */
	mode?: 'explicit' | 'implicit';
}

/**
 * Computes one row of similarities at a time. `rows` indexes each row's columns
 * with values; `columns` is the same data indexed by column. The values are
 * whatever the similarity compares (raw ratings, or residuals for pearson-baseline).
 */
export class SimilarityAccumulator {
	/** Rows that share at least one column with the last row computed, `touchedCount` of them. */
	readonly touched: Int32Array;
	touchedCount = 0;
	/** Similarity to each touched row; entries of untouched rows are stale. */
	readonly similarities: Float64Array;
	private readonly support: Int32Array;
	private readonly products: Float64Array;
	private readonly squaresOwn: Float64Array;
	private readonly squaresOther: Float64Array;
	private readonly sumsOwn: Float64Array;
	private readonly sumsOther: Float64Array;
	/** Σ value² over each whole row, for the implicit-mode cosine; null otherwise. */
	private readonly rowSquares: Float64Array | null;
	private own = 0;

	constructor(
		private readonly rows: Csr,
		private readonly columns: Csr,
		private readonly options: SimilarityOptions
	) {
		const numRows = rows.offsets.length - 1;
		this.touched = new Int32Array(numRows);
		this.similarities = new Float64Array(numRows);
		this.support = new Int32Array(numRows);
		this.products = new Float64Array(numRows);
		this.squaresOwn = new Float64Array(numRows);
		this.squaresOther = new Float64Array(numRows);
		this.sumsOwn = new Float64Array(numRows);
		this.sumsOther = new Float64Array(numRows);
		this.rowSquares = null;
		if (options.mode === 'implicit' && options.similarity === 'cosine') {
			this.rowSquares = new Float64Array(numRows);
			for (let row = 0; row < numRows; row++) {
				for (let entry = rows.offsets[row]; entry < rows.offsets[row + 1]; entry++) this.rowSquares[row] += rows.values[entry] ** 2;
			}
		}
	}

	/** Computes the similarities of row `own` to every row it shares a column with (itself included). */
	computeRow(own: number): void {
		for (let position = 0; position < this.touchedCount; position++) {
			const other = this.touched[position];
			this.support[other] = 0;
			this.products[other] = 0;
			this.squaresOwn[other] = 0;
			this.squaresOther[other] = 0;
			this.sumsOwn[other] = 0;
			this.sumsOther[other] = 0;
		}
		this.touchedCount = 0;
		this.own = own;

		// Accumulate co-rating sums. Each row's columns are in ascending order, so the
		// sums for (a, b) and (b, a) add the same terms in the same order and agree exactly.
		const { rows, columns } = this;
		for (let entry = rows.offsets[own]; entry < rows.offsets[own + 1]; entry++) {
			const column = rows.indices[entry];
			const x = rows.values[entry];
			for (let match = columns.offsets[column]; match < columns.offsets[column + 1]; match++) {
				const other = columns.indices[match];
				const y = columns.values[match];
				if (this.support[other] === 0) this.touched[this.touchedCount++] = other;
				this.support[other]++;
				this.products[other] += x * y;
				this.squaresOwn[other] += x * x;
				this.squaresOther[other] += y * y;
				this.sumsOwn[other] += x;
				this.sumsOther[other] += y;
			}
		}

		for (let position = 0; position < this.touchedCount; position++) {
			const other = this.touched[position];
			this.similarities[other] = this.finish(other);
		}
	}

	private finish(other: number): number {
		const n = this.support[other];
		if (n < this.options.minSupport) return 0;
		let numerator: number;
		let denominator: number;
		if (this.options.similarity === 'pearson') {
			numerator = n * this.products[other] - this.sumsOwn[other] * this.sumsOther[other];
			denominator = Math.sqrt(
				(n * this.squaresOwn[other] - this.sumsOwn[other] ** 2) * (n * this.squaresOther[other] - this.sumsOther[other] ** 2)
			);
		} else if (this.rowSquares) {
			numerator = this.products[other];
			denominator = Math.sqrt(this.rowSquares[this.own] * this.rowSquares[other]);
		} else {
			numerator = this.products[other];
			denominator = Math.sqrt(this.squaresOwn[other] * this.squaresOther[other]);
		}
		if (!(denominator > 0)) return 0;
		// Rounding can push a perfect correlation a hair past ±1.
		const similarity = Math.max(-1, Math.min(1, numerator / denominator));
		const { shrinkage } = this.options;
		return shrinkage > 0 ? (similarity * (n - 1)) / (n - 1 + shrinkage) : similarity;
	}
}

/** Builds the row and column indices a similarity compares, with residuals for pearson-baseline. */
export function similarityInputs(
	interactions: Interactions,
	orientation: 'item' | 'user',
	similarity: SimilarityKind,
	baselines: Baselines
): { rows: Csr; columns: Csr } {
	const { users, items, numUsers, numItems } = interactions;
	let values = interactions.values;
	if (similarity === 'pearson-baseline') {
		values = new Float32Array(values.length);
		for (let entry = 0; entry < values.length; entry++) {
			const estimate = baselines.globalMean + baselines.userBias[users[entry]] + baselines.itemBias[items[entry]];
			values[entry] = interactions.values[entry] - estimate;
		}
	}
	const byItem = buildCsr(items, users, values, numItems, numUsers);
	const byUser = buildCsr(users, items, values, numUsers, numItems);
	return orientation === 'item' ? { rows: byItem, columns: byUser } : { rows: byUser, columns: byItem };
}

/**
 * Keeps, for every row, its `storedNeighbours` most similar other rows with a
 * positive similarity, most similar first (ties to the lower index). Reports
 * progress and checks for abort between rows.
 */
export async function computeNeighbours(
	rows: Csr,
	columns: Csr,
	options: SimilarityOptions & { storedNeighbours: number },
	context: Pick<FitContext, 'signal' | 'onProgress'>
): Promise<Csr> {
	const numRows = rows.offsets.length - 1;
	const accumulator = new SimilarityAccumulator(rows, columns, options);
	const offsets = new Int32Array(numRows + 1);
	const chunks: { indices: Int32Array; values: Float32Array }[] = [];
	const candidates = new Int32Array(numRows);
	const maybeYield = createYielder();

	for (let own = 0; own < numRows; own++) {
		if (own % 32 === 0) {
			context.onProgress?.({ phase: 'similarities', done: own, total: numRows });
			await maybeYield();
			throwIfAborted(context.signal);
		}
		accumulator.computeRow(own);

		const { similarities, touched } = accumulator;
		let count = 0;
		for (let position = 0; position < accumulator.touchedCount; position++) {
			const other = touched[position];
			if (other !== own && similarities[other] > 0) candidates[count++] = other;
		}
		const kept = candidates.subarray(0, count).sort((a, b) => similarities[b] - similarities[a] || a - b);
		const size = Math.min(count, options.storedNeighbours);
		const indices = Int32Array.from(kept.subarray(0, size));
		chunks.push({ indices, values: Float32Array.from(indices, (other) => similarities[other]) });
		offsets[own + 1] = offsets[own] + size;
	}
	context.onProgress?.({ phase: 'similarities', done: numRows, total: numRows });

	const indices = new Int32Array(offsets[numRows]);
	const values = new Float32Array(offsets[numRows]);
	chunks.forEach((chunk, own) => {
		indices.set(chunk.indices, offsets[own]);
		values.set(chunk.values, offsets[own]);
	});
	return { offsets, indices, values };
}
