/**
 * Shared arithmetic of fold-in: scoring a user who is not in the training data
 * from a few picked items, against a model's fixed item parameters, without retraining.
 */
import type { FittedModel, NewUserPick } from './contract';
import { solveLinear } from './hybrid/blend';

/** The optional fold-in members of {@link FittedModel}, both present. */
export type FoldIn = Required<Pick<FittedModel, 'scoreNewUser' | 'explainNewUser'>>;

export interface FoldInSystem {
	/** Row-major matrix added before the picks' terms (implicit ALS: YᵀY), or null. */
	base: Float64Array | null;
	/** One design vector per pick. */
	vectors: ArrayLike<number>[];
	/** Weight of each pick's outer product in the matrix. */
	matrixWeights: number[];
	/** Right-hand side weight × target of each pick. */
	rightWeights: number[];
	/** Added to the diagonal, per coordinate. */
	penalty: number[];
}

/**
 * Solves (base + Σ_j matrixWeights_j z_j z_jᵀ + diag(penalty)) x = Σ_j rightWeights_j z_j,
 * the normal equations of a weighted ridge regression of the picks on their item vectors.
 */
export function solveFoldIn(system: FoldInSystem): Float64Array {
	const size = system.penalty.length;
	const matrix = system.base ? Float64Array.from(system.base) : new Float64Array(size * size);
	const right = new Float64Array(size);
	system.vectors.forEach((vector, pick) => {
		const matrixWeight = system.matrixWeights[pick];
		for (let a = 0; a < size; a++) {
			right[a] += system.rightWeights[pick] * vector[a];
			for (let b = 0; b < size; b++) matrix[a * size + b] += matrixWeight * vector[a] * vector[b];
		}
	});
	for (let a = 0; a < size; a++) matrix[a * size + a] += system.penalty[a];
	return solveLinear(matrix, right, size);
}

/** Throws unless every pick names a valid item and has a finite value. */
export function checkPicks(picks: NewUserPick[], numItems: number): void {
	for (const { item, value } of picks) {
		if (!(Number.isInteger(item) && item >= 0 && item < numItems)) throw new Error(`picked item index ${item} out of range 0..${numItems - 1}`);
		if (!Number.isFinite(value)) throw new Error(`invalid value ${value} for picked item ${item}: expected a number`);
	}
}

/** Per-dimension products of a user and an item vector, largest magnitude first, as latent-factor explanations list them. */
export function dimensionContributions(userVector: ArrayLike<number>, itemVector: ArrayLike<number>, factors: number): { dimension: number; contribution: number }[] {
	const dimensions = [];
	for (let dimension = 0; dimension < factors; dimension++) dimensions.push({ dimension, contribution: userVector[dimension] * itemVector[dimension] });
	return dimensions.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
}

/** Scores of `items` (all when omitted) from a function of the item index. */
export function scoresOf(numItems: number, items: Int32Array | undefined, scoreOf: (item: number) => number): Float32Array {
	return items ? Float32Array.from(items, scoreOf) : Float32Array.from({ length: numItems }, (_, item) => scoreOf(item));
}

