/**
 * Batched conjugate-gradient solves for implicit ALS on tfjs. Each solve starts
 * from the previous solution and takes a fixed 3 steps per vector, which is
 * inexact but cheap, and ALS repeats the solve every iteration. Each step
 * needs only A·p, which for all rows at once is
 *   P·(YᵀY + λI) + Σ_{(u,i) observed} (c_ui − 1)(y_i·p_u) y_i   (scattered to row u),
 * so a step is one matMul, two row gathers and one scatter-add over the
 * interactions, with no per-row loop and no k×k system per row.
 */
import * as tf from '@tensorflow/tfjs';
import type { Interactions } from '../../data/types';

/** Steps per solve. With k ≤ 3 factors this is an exact solve, up to rounding. */
export const conjugateGradientSteps = 3;

/**
 * Interactions per chunk of the scatter-add, which bounds the chunk × k
 * temporaries (64 MiB each at k = 64).
 */
const chunkSize = 1 << 18;

/** One chunk of interactions as index tensors, seen from the side being solved. */
interface Chunk {
	/** Row being solved (segment id of the scatter-add). */
	rows: tf.Tensor1D;
	/** Row of the fixed factors. */
	columns: tf.Tensor1D;
	confidence: tf.Tensor1D;
	/** c − 1, the weight of the correction term. */
	extra: tf.Tensor1D;
}

/**
 * Largest rows × columns for which the interactions are also kept as dense
 * matrices (32 MiB each at the limit). Two matMuls over a dense matrix beat
 * gathers and a scatter-add over the interactions on WASM: on MovieLens 100K
 * (64 factors, 15 iterations) a fit took 3.4 s dense against 23 s sparse
 * (Node 20, 2-core machine shared with other jobs).
 */
export const denseCellLimit = 1 << 23;

/** The interactions seen from one side: users (rows) against items, or the reverse. */
export interface Side {
	rowCount: number;
	chunks: Chunk[];
	/** Dense rows × columns copies of c − 1 and c (0 where unobserved), for small datasets only. */
	dense: { extra: tf.Tensor2D; confidence: tf.Tensor2D } | null;
}

function createDense(rows: Int32Array, columns: Int32Array, confidence: Float32Array, rowCount: number, columnCount: number) {
	const denseConfidence = new Float32Array(rowCount * columnCount);
	const denseExtra = new Float32Array(rowCount * columnCount);
	for (let entry = 0; entry < rows.length; entry++) {
		const cell = rows[entry] * columnCount + columns[entry];
		denseConfidence[cell] += confidence[entry];
		denseExtra[cell] += confidence[entry] - 1;
	}
	return {
		extra: tf.tensor2d(denseExtra, [rowCount, columnCount]),
		confidence: tf.tensor2d(denseConfidence, [rowCount, columnCount])
	};
}

function createSide(rows: Int32Array, columns: Int32Array, confidence: Float32Array, rowCount: number, columnCount: number, cellLimit: number): Side {
	const dense = rowCount * columnCount <= cellLimit ? createDense(rows, columns, confidence, rowCount, columnCount) : null;
	const chunks: Chunk[] = [];
	for (let start = 0; start < rows.length; start += chunkSize) {
		const end = Math.min(rows.length, start + chunkSize);
		const chunkConfidence = confidence.subarray(start, end);
		chunks.push({
			rows: tf.tensor1d(rows.subarray(start, end), 'int32'),
			columns: tf.tensor1d(columns.subarray(start, end), 'int32'),
			confidence: tf.tensor1d(chunkConfidence),
			extra: tf.tensor1d(chunkConfidence.map((value) => value - 1))
		});
	}
	return { rowCount, chunks, dense };
}

/**
 * Uploads the interactions once for the user step and once for the item step,
 * as dense matrices too when users × items is at most `cellLimit`.
 */
export function createSides(interactions: Interactions, confidence: Float32Array, cellLimit = denseCellLimit): { users: Side; items: Side } {
	const { numUsers, numItems } = interactions;
	return {
		users: createSide(interactions.users, interactions.items, confidence, numUsers, numItems, cellLimit),
		items: createSide(interactions.items, interactions.users, confidence, numItems, numUsers, cellLimit)
	};
}

export function disposeSides(sides: { users: Side; items: Side }): void {
	for (const side of [sides.users, sides.items]) {
		for (const chunk of side.chunks) tf.dispose([chunk.rows, chunk.columns, chunk.confidence, chunk.extra]);
		if (side.dense) tf.dispose([side.dense.extra, side.dense.confidence]);
	}
}

/** The fixed factors Y, and Yᵀ as its own tensor for the dense path. */
interface Fixed {
	factors: tf.Tensor2D;
	transposed: tf.Tensor2D | null;
}

/** A·P for every row at once: P·gram plus the correction over observed pairs. */
function multiplySystem(directions: tf.Tensor2D, fixed: Fixed, gram: tf.Tensor2D, side: Side): tf.Tensor2D {
	return tf.tidy(() => {
		let product: tf.Tensor2D = tf.matMul(directions, gram);
		if (side.dense && fixed.transposed) {
			// (W ∘ (P·Yᵀ))·Y, where W contains c − 1 at observed pairs and 0 elsewhere.
			const dots = tf.matMul(directions, fixed.transposed);
			return tf.add(product, tf.matMul(tf.mul(dots, side.dense.extra), fixed.factors)) as tf.Tensor2D;
		}
		for (const chunk of side.chunks) {
			const fixedRows = tf.gather(fixed.factors, chunk.columns);
			const dots = tf.sum(tf.mul(fixedRows, tf.gather(directions, chunk.rows)), 1);
			const weighted = tf.mul(fixedRows, tf.mul(dots, chunk.extra).expandDims(1));
			product = tf.add(product, tf.unsortedSegmentSum(weighted, chunk.rows, side.rowCount));
		}
		return product;
	});
}

/** Yᵀ C_u p_u for every row: the sum of c_ui y_i over the row's interactions. */
function rightHandSide(fixed: tf.Tensor2D, side: Side): tf.Tensor2D {
	return tf.tidy(() => {
		if (side.dense) return tf.matMul(side.dense.confidence, fixed);
		let sum: tf.Tensor2D = tf.zeros([side.rowCount, fixed.shape[1]]);
		for (const chunk of side.chunks) {
			const weighted = tf.mul(tf.gather(fixed, chunk.columns), chunk.confidence.expandDims(1));
			sum = tf.add(sum, tf.unsortedSegmentSum(weighted, chunk.rows, side.rowCount));
		}
		return sum;
	});
}

/**
 * Returns new factors for the rows of `side`, taking {@link conjugateGradientSteps}
 * CG steps from `current` towards the least-squares solution given `fixed`.
 * The caller keeps ownership of `current` and `fixed`.
 */
export function solveRowsByConjugateGradient(
	current: tf.Tensor2D,
	fixed: tf.Tensor2D,
	side: Side,
	regularization: number
): tf.Tensor2D {
	return tf.tidy(() => {
		const k = fixed.shape[1];
		const gram = tf.add(tf.matMul(fixed, fixed, true, false), tf.eye(k).mul(regularization)) as tf.Tensor2D;
		// An explicit transpose: matMul with transposeB took about 9× longer than without on WASM (tfjs 4.22, 943 × 64 by 1682 × 64).
		const fixedPair: Fixed = { factors: fixed, transposed: side.dense ? tf.transpose(fixed) : null };
		let solution = current;
		let residual = tf.sub(rightHandSide(fixed, side), multiplySystem(solution, fixedPair, gram, side)) as tf.Tensor2D;
		let direction = residual;
		let residualNorm = tf.sum(tf.square(residual), 1);

		for (let step = 0; step < conjugateGradientSteps; step++) {
			// divNoNan keeps rows that have already converged (zero residual) at 0/0 = 0.
			[solution, residual, direction, residualNorm] = tf.tidy(() => {
				const product = multiplySystem(direction, fixedPair, gram, side);
				const stepSize = tf.divNoNan(residualNorm, tf.sum(tf.mul(direction, product), 1)).expandDims(1);
				const nextSolution = tf.add(solution, tf.mul(stepSize, direction)) as tf.Tensor2D;
				const nextResidual = tf.sub(residual, tf.mul(stepSize, product)) as tf.Tensor2D;
				const nextNorm = tf.sum(tf.square(nextResidual), 1);
				const nextDirection = tf.add(nextResidual, tf.mul(tf.divNoNan(nextNorm, residualNorm).expandDims(1), direction)) as tf.Tensor2D;
				return [nextSolution, nextResidual, nextDirection, nextNorm];
			});
		}
		return solution;
	});
}

/**
 * Computes the ALS objective as a scalar:
 *   Σ_{all u,i} (x_u·y_i)² + Σ_{observed} [c_ui (1 − x_u·y_i)² − (x_u·y_i)²] + λ (|X|² + |Y|²),
 * where the sparse path computes the sum over every pair as sum((XᵀX) ∘ (YᵀY)), forming no users × items matrix.
 */
export function objective(userFactors: tf.Tensor2D, itemFactors: tf.Tensor2D, users: Side, regularization: number): tf.Scalar {
	return tf.tidy(() => {
		const norms = tf.add(tf.sum(tf.square(userFactors)), tf.sum(tf.square(itemFactors)));
		if (users.dense) {
			// Σ_{unobserved} s² + Σ_{observed} c (1 − s)², where observed cells are those with c ≥ 1.
			const scores = tf.matMul(userFactors, tf.transpose(itemFactors));
			const unobserved = tf.lessEqual(users.dense.confidence, 0);
			const squaredScores = tf.where(unobserved, tf.square(scores), tf.zerosLike(scores));
			const weightedError = tf.mul(users.dense.confidence, tf.square(tf.sub(1, scores)));
			return tf.addN([tf.sum(squaredScores), tf.sum(weightedError), tf.mul(norms, regularization)]) as tf.Scalar;
		}
		const allPairs = tf.sum(tf.mul(tf.matMul(userFactors, userFactors, true), tf.matMul(itemFactors, itemFactors, true)));
		let observed: tf.Scalar = tf.scalar(0);
		for (const chunk of users.chunks) {
			const scores = tf.sum(tf.mul(tf.gather(userFactors, chunk.rows), tf.gather(itemFactors, chunk.columns)), 1);
			const weightedError = tf.mul(chunk.confidence, tf.square(tf.sub(1, scores)));
			observed = tf.add(observed, tf.sum(tf.sub(weightedError, tf.square(scores))));
		}
		return tf.addN([allPairs, observed, tf.mul(norms, regularization)]) as tf.Scalar;
	});
}
